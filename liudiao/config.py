"""Settings read from the environment, in one place.

Every component reads its settings here, so the variable names below are the whole
configuration surface:

- ``LIUDIAO_HOME``: state folder (embedded servers, Dagster instance, inbox); default ``./.liudiao``.
- ``LIUDIAO_DATABASE_URL``: an external PostgreSQL; unset means the embedded server.
- ``LIUDIAO_REDIS_URL``: an external Redis; unset means the embedded server.
- ``LIUDIAO_JWT_SECRET``: HS256 key of the relay's access tokens; the relay refuses to start
  without it unless run with ``--dev``.
- ``LIUDIAO_JURISDICTION``: jurisdiction config, a bundled name or a YAML path; default ``shenzhen``.
- ``LIUDIAO_SHARED_DATA``: folder with the public line lists; default ``../shared/data``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent

EMBEDDED_PG_PORT = 54329
EMBEDDED_REDIS_PORT = 63799


@dataclass(frozen=True)
class Settings:
    home: Path
    database_url: str | None
    redis_url: str | None
    jurisdiction: str
    shared_data: Path
    jwt_secret: str | None = None

    @property
    def dagster_home(self) -> Path:
        return self.home / "dagster"

    @property
    def inbox(self) -> Path:
        return self.home / "inbox"

    @property
    def pgdata(self) -> Path:
        return self.home / "pgdata"


def load_settings() -> Settings:
    """Read the settings from the environment; paths are resolved against the current folder."""
    home = Path(os.environ.get("LIUDIAO_HOME", ".liudiao")).resolve()
    shared = Path(os.environ.get("LIUDIAO_SHARED_DATA", PROJECT_ROOT.parent / "shared" / "data"))
    return Settings(
        home=home,
        database_url=os.environ.get("LIUDIAO_DATABASE_URL") or None,
        redis_url=os.environ.get("LIUDIAO_REDIS_URL") or None,
        jwt_secret=os.environ.get("LIUDIAO_JWT_SECRET") or None,
        jurisdiction=os.environ.get("LIUDIAO_JURISDICTION", "shenzhen"),
        shared_data=shared.resolve(),
    )
