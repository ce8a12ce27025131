"""Embedded default servers (PostgreSQL, Redis) started from pip-installed binaries on 127.0.0.1."""
