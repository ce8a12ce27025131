"""Database URL resolution and connections shared by every component."""

from __future__ import annotations

from urllib.parse import urlsplit

import psycopg

from liudiao.config import Settings, load_settings
from liudiao.embedded.postgres import EmbeddedPostgres


def database_url(settings: Settings | None = None) -> str:
    """Return LIUDIAO_DATABASE_URL if set, else the embedded server's URL."""
    settings = settings or load_settings()
    if settings.database_url:
        return settings.database_url
    return EmbeddedPostgres.from_settings(settings).url


def connect(url: str | None = None, **kwargs) -> psycopg.Connection:
    return psycopg.connect(url or database_url(), **kwargs)


def url_parts(url: str) -> dict[str, str | int]:
    """Split a postgresql:// URL into the fields a dbt profile needs."""
    parts = urlsplit(url)
    return {
        "host": parts.hostname or "127.0.0.1",
        "port": parts.port or 5432,
        "user": parts.username or "postgres",
        "password": parts.password or "",
        "dbname": (parts.path or "/postgres").lstrip("/") or "postgres",
    }


def dbt_env(url: str | None = None) -> dict[str, str]:
    """Environment variables that dbt/profiles.yml reads, for the database at ``url``."""
    parts = url_parts(url or database_url())
    return {
        "LIUDIAO_DBT_HOST": str(parts["host"]),
        "LIUDIAO_DBT_PORT": str(parts["port"]),
        "LIUDIAO_DBT_USER": str(parts["user"]),
        "LIUDIAO_DBT_PASSWORD": str(parts["password"]),
        "LIUDIAO_DBT_DBNAME": str(parts["dbname"]),
    }
