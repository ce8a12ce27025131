"""Fixtures of the cockpit tests: databases loaded once per test module."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from tests.cockpit.contract_rows import load_contract_rows

# Enough cases for chains, key places and contacts on every page, small enough for a fast run.
DEMO_CASES = 300


def _create_database(server_url: str) -> str:
    name = f"cockpit_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server_url, autocommit=True) as conn:
        conn.execute(f'create database "{name}"')
    return server_url.rsplit("/", 1)[0] + f"/{name}"


def _drop_database(server_url: str, url: str) -> None:
    name = url.rsplit("/", 1)[1]
    with psycopg.connect(server_url, autocommit=True) as conn:
        conn.execute(f'drop database if exists "{name}" with (force)')


@pytest.fixture(scope="module")
def contract_database(server_url: str) -> Iterator[str]:
    """A database holding the contract rows of tests/cockpit/contract_rows.py."""
    url = _create_database(server_url)
    try:
        load_contract_rows(url)
        yield url
    finally:
        _drop_database(server_url, url)


@pytest.fixture(scope="module")
def demo_database(server_url: str, tmp_path_factory: pytest.TempPathFactory,
                  monkeypatch_module: pytest.MonkeyPatch) -> Iterator[str]:
    """A database loaded by the headless pipeline from a small demo data set."""
    from orchestration.demo_data import write_demo_data
    from orchestration.headless import run_source

    home = tmp_path_factory.mktemp("cockpit-home")
    monkeypatch_module.setenv("LIUDIAO_HOME", str(home))
    url = _create_database(server_url)
    monkeypatch_module.setenv("LIUDIAO_DATABASE_URL", url)
    try:
        data_dir = Path(home) / "demo-data"
        write_demo_data(data_dir, cases=DEMO_CASES)
        report = run_source("demo", data_dir, url)
        assert report.succeeded, f"pipeline run on demo data failed: {report}"
        yield url
    finally:
        _drop_database(server_url, url)


@pytest.fixture(scope="module")
def monkeypatch_module() -> Iterator[pytest.MonkeyPatch]:
    with pytest.MonkeyPatch.context() as patch:
        yield patch


@pytest.fixture
def empty_database(fresh_database: str) -> str:
    return fresh_database
