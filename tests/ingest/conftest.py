"""Fixtures and helpers for the importer tests: databases, input files, table queries."""

from __future__ import annotations

import csv
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest


@pytest.fixture(scope="module")
def module_database(server_url: str) -> Iterator[str]:
    """URL of a new, empty database shared by the tests of one module, dropped afterwards."""
    name = f"test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server_url, autocommit=True) as conn:
        conn.execute(f'create database "{name}"')
    try:
        yield server_url.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with psycopg.connect(server_url, autocommit=True) as conn:
            conn.execute(f'drop database if exists "{name}" with (force)')


def write_csv(path: Path, header: list[str], rows: list[list[str]],
              encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def query(url: str, sql: str, params: tuple | dict | None = None) -> list[tuple]:
    with psycopg.connect(url) as conn:
        return conn.execute(sql, params).fetchall()


def records(url: str, source_name: str, entity: str) -> dict[str, dict]:
    """Return {record_key: record} of one source and entity."""
    return dict(query(url, "select record_key, record from raw.records"
                           " where source_name = %s and entity = %s", (source_name, entity)))


def rejections(url: str, source_name: str) -> list[dict]:
    rows = query(url, "select source_file, line_number, entity, reason_code, reason, raw_record"
                      " from quarantine.rejected_rows where source_name = %s"
                      " order by source_file, line_number, rejected_row_id", (source_name,))
    keys = ("source_file", "line_number", "entity", "reason_code", "reason", "raw_record")
    return [dict(zip(keys, row, strict=True)) for row in rows]


def row_versions(url: str, source_name: str) -> dict[tuple[str, str], tuple]:
    """Return each record's physical version (xmin) and loaded_at, to detect rewrites."""
    rows = query(url, "select entity, record_key, xmin::text, loaded_at from raw.records"
                      " where source_name = %s", (source_name,))
    return {(entity, key): (xmin, loaded_at) for entity, key, xmin, loaded_at in rows}


def import_twice(url: str, source_name: str, folder: Path):
    """Import a folder twice; return both summaries, asserting the second rewrote no row."""
    from orchestration.ingest import import_source

    first = import_source(url, source_name, folder)
    versions = row_versions(url, source_name)
    second = import_source(url, source_name, folder)
    assert row_versions(url, source_name) == versions
    return first, second


def assert_rows_add_up(summary) -> None:
    for batch in summary.batches:
        assert batch.rows_read == batch.rows_loaded + batch.rows_rejected, batch
