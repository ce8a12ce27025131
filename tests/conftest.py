"""Shared fixtures: a real PostgreSQL for every test that needs one.

With LIUDIAO_DATABASE_URL set, tests use that server; otherwise the session starts the embedded
server in a temporary LIUDIAO_HOME on a free port. Each test that asks for ``fresh_database``
gets a database of its own, dropped afterwards.
"""

from __future__ import annotations

import os
import shutil
import socket
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from liudiao.config import PROJECT_ROOT
from liudiao.embedded.postgres import EmbeddedPostgres

SHARED_DATA = Path(os.environ.get("LIUDIAO_SHARED_DATA", PROJECT_ROOT.parent / "shared" / "data"))


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def server_url() -> Iterator[str]:
    """URL of a PostgreSQL server's maintenance database ``postgres``."""
    external = os.environ.get("LIUDIAO_DATABASE_URL")
    if external:
        yield external.rsplit("/", 1)[0] + "/postgres"
        return
    # Not under pytest's temporary root: a later pytest session resets that root to mode 700,
    # which would lock the server's system user out of its data folder mid-run.
    home = Path(tempfile.mkdtemp(prefix="liudiao-test-pg-"))
    server = EmbeddedPostgres(pgdata=home / "pgdata", port=_free_port())
    server.start()
    try:
        yield server.url.rsplit("/", 1)[0] + "/postgres"
    finally:
        server.stop()
        shutil.rmtree(home, ignore_errors=True)


@pytest.fixture
def fresh_database(server_url: str) -> Iterator[str]:
    """URL of a new, empty database, dropped after the test."""
    name = f"test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server_url, autocommit=True) as conn:
        conn.execute(f'create database "{name}"')
    try:
        yield server_url.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with psycopg.connect(server_url, autocommit=True) as conn:
            conn.execute(f'drop database if exists "{name}" with (force)')


def shared_data_dir(name: str) -> Path:
    """Folder of a public line list; under CI=true a missing folder fails the test."""
    path = SHARED_DATA / name
    if not path.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"shared data folder {path} is missing; CI must provide it")
        pytest.skip(f"shared data folder {path} is not present")
    return path
