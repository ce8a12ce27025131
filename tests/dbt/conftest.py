"""A database with the scenario's raw records and the marts built from them, shared by the
read-only tests of this folder (each dbt call costs 5 to 10 s)."""

from __future__ import annotations

import subprocess
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest

from orchestration.ingest.reference import write_jurisdiction
from tests.dbt.dbt_runner import assert_green, run_dbt
from tests.dbt.raw_fixture import create_raw_schema
from tests.dbt.scenario import KOREA, build_records


@dataclass(frozen=True)
class BuiltMarts:
    url: str
    build: subprocess.CompletedProcess[str]


@contextmanager
def scenario_database(server_url: str) -> Iterator[str]:
    """Create a database holding the scenario's raw records, yield its URL, then drop it."""
    name = f"test_dbt_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server_url, autocommit=True) as conn:
        conn.execute(f'create database "{name}"')
    try:
        url = server_url.rsplit("/", 1)[0] + f"/{name}"
        with psycopg.connect(url) as conn:
            create_raw_schema(conn)
            write_jurisdiction(conn, KOREA)
            build_records().insert(conn)
        yield url
    finally:
        with psycopg.connect(server_url, autocommit=True) as conn:
            conn.execute(f'drop database if exists "{name}" with (force)')


@pytest.fixture(scope="session")
def dbt_work_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("dbt")


@pytest.fixture(scope="session")
def built_marts(server_url: str, dbt_work_dir: Path) -> Iterator[BuiltMarts]:
    """The scenario's marts after one full `dbt build`; tests must not change them."""
    with scenario_database(server_url) as url:
        build = run_dbt(url, "build", work_dir=dbt_work_dir)
        assert_green(build)
        yield BuiltMarts(url=url, build=build)


@pytest.fixture
def marts(built_marts: BuiltMarts) -> Iterator[psycopg.Connection]:
    with psycopg.connect(built_marts.url) as conn:
        yield conn
