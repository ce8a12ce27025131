"""Shared domain code of the liudiao platform: settings, embedded servers, jurisdictions,
ID card and phone rules, and the `liudiao` command line."""

__version__ = "0.1.0"
