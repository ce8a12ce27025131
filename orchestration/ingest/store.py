"""Writing one parsed file to PostgreSQL in one transaction.

A record is inserted when its key is new, updated when its hash or file changed, and left
alone (not rewritten) when its ``record_sha256`` is the same. Rows of an earlier version of
the same file that are gone are deleted. The file's quarantine rows are replaced only when
they differ, so re-importing an unchanged file writes nothing but its batch rows.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

import psycopg

from orchestration.ingest.records import (
    FileResult,
    Rejection,
    duplicate_key_reason,
    sha256_of,
)
from orchestration.ingest.summary import BatchCounts

SCHEMA_SQL = Path(__file__).with_name("raw_schema.sql")

EXISTING_SQL = """
select entity, record_key, source_file, line_number, record_sha256
from raw.records
where source_name = %(source_name)s and source_file = %(source_file)s
union
select records.entity, records.record_key, records.source_file, records.line_number,
       records.record_sha256
from raw.records as records
join unnest(%(entities)s::text[], %(keys)s::text[]) as new_keys (entity, record_key)
    on records.entity = new_keys.entity and records.record_key = new_keys.record_key
where records.source_name = %(source_name)s
"""

# The stored versions of the records about to be updated or removed.
OLD_RECORDS_SQL = """
select records.record_key, records.record
from raw.records as records
join unnest(%(keys)s::text[]) as changed (record_key) using (record_key)
where records.source_name = %(source_name)s and records.entity = %(entity)s
"""

COPY_SQL = """
copy raw.records (source_name, entity, record_key, source_file, line_number, record,
                  record_sha256) from stdin
"""

UPDATE_SQL = """
update raw.records
set source_file = %s, line_number = %s, record = %s::jsonb, record_sha256 = %s,
    loaded_at = now()
where source_name = %s and entity = %s and record_key = %s
"""

MOVE_LINE_SQL = """
update raw.records set line_number = %s
where source_name = %s and entity = %s and record_key = %s
"""

DELETE_SQL = "delete from raw.records where source_name = %s and entity = %s and record_key = %s"

BATCH_SQL = """
insert into raw.import_batches (source_name, source_file, content_sha256, entity, rows_read,
    rows_loaded, rows_rejected, rows_inserted, rows_updated, rows_unchanged, rows_removed,
    started_at)
values (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)
"""


FILE_REJECTION_SQL = """
insert into quarantine.rejected_files (source_name, source_file, content_sha256, reason_code,
    reason)
values (%s, %s, %s, %s, %s)
on conflict (source_name, source_file) do update
set content_sha256 = excluded.content_sha256, reason_code = excluded.reason_code,
    reason = excluded.reason, rejected_at = now()
where (rejected_files.content_sha256, rejected_files.reason_code, rejected_files.reason)
    is distinct from (excluded.content_sha256, excluded.reason_code, excluded.reason)
"""

DELETE_FILE_REJECTION_SQL = """
delete from quarantine.rejected_files where source_name = %s and source_file = %s
"""


@dataclass(frozen=True)
class ExistingRow:
    source_file: str
    line_number: int
    record_sha256: str


@dataclass(frozen=True)
class Change:
    """A record inserted (``old`` None), updated, or removed (``new`` None)."""

    entity: str
    key: str
    old: dict | None
    new: dict | None


def apply_schema(conn: psycopg.Connection) -> None:
    conn.execute(SCHEMA_SQL.read_text(encoding="utf-8"))


def write_file_rejection(conn: psycopg.Connection, source_name: str, result: FileResult) -> None:
    """Record a file rejected whole; its rows from an earlier import are left as they are."""
    reason_code, reason = result.file_rejection or ("", "")
    conn.execute(FILE_REJECTION_SQL, (source_name, result.source_file, result.content_sha256,
                                      reason_code, reason))


def write_file(conn: psycopg.Connection, source_name: str, result: FileResult,
               run_files: set[str], started_at: dt.datetime
               ) -> tuple[list[BatchCounts], list[Change]]:
    """Write one file's records, rejections and batch rows; return its counts and changes.

    A key already loaded from a file outside this import (``run_files``) is rejected as
    ``duplicate_key``. A key held by another file of this import moves to this one, because
    files are written in path order and the first file of the import wins. So does a key held
    by a file stored under the relative name that earlier versions used.
    """
    with conn.transaction():
        existing = _existing_rows(conn, source_name, result)
        _reject_keys_of_other_files(result, existing, run_files)
        stored_rejections = _stored_rejections(conn, source_name, result.source_file)

        entities = (result.entities
                    | {entity for (entity, _), row in existing.items()
                       if row.source_file == result.source_file}
                    | {rejection[0] for rejection in stored_rejections})
        batches, changes = [], []
        for entity in sorted(entities):
            batch, entity_changes = _write_entity(conn, source_name, result, entity, existing)
            batches.append(batch)
            changes.extend(entity_changes)

        _replace_rejections(conn, source_name, result, stored_rejections)
        conn.execute(DELETE_FILE_REJECTION_SQL, (source_name, result.source_file))
        with conn.cursor() as cursor:
            cursor.executemany(BATCH_SQL, [
                (source_name, result.source_file, result.content_sha256, batch.entity,
                 batch.rows_read, batch.rows_loaded, batch.rows_rejected, batch.rows_inserted,
                 batch.rows_updated, batch.rows_unchanged, batch.rows_removed, started_at)
                for batch in batches])
    return batches, changes


def _existing_rows(conn: psycopg.Connection, source_name: str, result: FileResult
                   ) -> dict[tuple[str, str], ExistingRow]:
    rows = conn.execute(EXISTING_SQL, {
        "source_name": source_name,
        "source_file": result.source_file,
        "entities": [record.entity for record in result.records],
        "keys": [record.key for record in result.records],
    }).fetchall()
    return {(entity, key): ExistingRow(source_file, line_number, sha256)
            for entity, key, source_file, line_number, sha256 in rows}


def _reject_keys_of_other_files(result: FileResult,
                                existing: dict[tuple[str, str], ExistingRow],
                                run_files: set[str]) -> None:
    rejected = {}
    for index, record in enumerate(result.records):
        row = existing.get((record.entity, record.key))
        if (row is None or row.source_file == result.source_file or row.source_file in run_files
                or _is_legacy_name(row.source_file)):
            continue
        rejected[index] = ("duplicate_key", duplicate_key_reason(
            record.entity, record.key, row.source_file, row.line_number))
    result.reject_records(rejected)


def _is_legacy_name(source_file: str) -> bool:
    """Tell whether a stored file name is relative, as imports stored them before absolute paths.

    NOTE: such a file's rows move to the absolute-named file that contains the same key, but its
    other rows and its rejections stay until the table is cleared.
    """
    return not source_file.startswith("/")


@dataclass
class EntityPlan:
    """Changes that writing one entity of a file makes to raw.records."""

    inserts: list[tuple] = field(default_factory=list)
    updates: list[tuple] = field(default_factory=list)
    line_moves: list[tuple] = field(default_factory=list)
    inserted: list[tuple[str, dict]] = field(default_factory=list)  # (key, new record)
    changed: list[tuple[str, dict]] = field(default_factory=list)  # hash changed
    removed_keys: list[str] = field(default_factory=list)


def plan_entity(source_name: str, result: FileResult, entity: str,
                existing: dict[tuple[str, str], ExistingRow]) -> EntityPlan:
    """Compare the file's records of one entity with the stored ones, by key and hash."""
    plan = EntityPlan()
    records = [record for record in result.records if record.entity == entity]
    for record in records:
        row = existing.get((entity, record.key))
        record_json = record.canonical_json()
        sha256 = sha256_of(record_json)
        if row is None:
            plan.inserts.append((source_name, entity, record.key, result.source_file,
                                 record.line_number, record_json, sha256))
            plan.inserted.append((record.key, record.record))
        elif row.record_sha256 != sha256 or row.source_file != result.source_file:
            plan.updates.append((result.source_file, record.line_number, record_json, sha256,
                                 source_name, entity, record.key))
            if row.record_sha256 != sha256:
                plan.changed.append((record.key, record.record))
        elif row.line_number != record.line_number:
            plan.line_moves.append((record.line_number, source_name, entity, record.key))

    kept_keys = {record.key for record in records}
    plan.removed_keys = [key for (row_entity, key), row in existing.items()
                         if row_entity == entity and row.source_file == result.source_file
                         and key not in kept_keys]
    return plan


def _write_entity(conn: psycopg.Connection, source_name: str, result: FileResult, entity: str,
                  existing: dict[tuple[str, str], ExistingRow]
                  ) -> tuple[BatchCounts, list[Change]]:
    plan = plan_entity(source_name, result, entity, existing)
    loaded = sum(1 for record in result.records if record.entity == entity)
    batch = BatchCounts(
        result.source_file, entity, rows_read=result.rows_read[entity], rows_loaded=loaded,
        rows_rejected=sum(1 for rejection in result.rejections if rejection.entity == entity),
        rows_inserted=len(plan.inserts), rows_updated=len(plan.updates),
        rows_unchanged=loaded - len(plan.inserts) - len(plan.updates),
        rows_removed=len(plan.removed_keys))
    batch.check()

    old = _old_records(conn, source_name, entity,
                       [key for key, _ in plan.changed] + plan.removed_keys)
    changes = ([Change(entity, key, None, new) for key, new in plan.inserted]
               + [Change(entity, key, old[key], new) for key, new in plan.changed]
               + [Change(entity, key, old[key], None) for key in plan.removed_keys])

    deletes = [(source_name, entity, key) for key in plan.removed_keys]
    with conn.cursor() as cursor:
        if plan.inserts:
            with cursor.copy(COPY_SQL) as copy:
                for row in plan.inserts:
                    copy.write_row(row)
        for sql, params in ((UPDATE_SQL, plan.updates), (MOVE_LINE_SQL, plan.line_moves),
                            (DELETE_SQL, deletes)):
            if params:
                cursor.executemany(sql, params)
    return batch, changes


def _old_records(conn: psycopg.Connection, source_name: str, entity: str, keys: list[str]
                 ) -> dict[str, dict]:
    if not keys:
        return {}
    return dict(conn.execute(OLD_RECORDS_SQL, {"source_name": source_name, "entity": entity,
                                               "keys": keys}).fetchall())


def _stored_rejections(conn: psycopg.Connection, source_name: str, source_file: str
                       ) -> list[tuple[str, int, str, str, str]]:
    rows = conn.execute(
        "select entity, line_number, reason_code, reason, raw_record from quarantine.rejected_rows"
        " where source_name = %s and source_file = %s", (source_name, source_file)).fetchall()
    return sorted((entity, line, code, reason, _canonical(raw))
                  for entity, line, code, reason, raw in rows)


def _replace_rejections(conn: psycopg.Connection, source_name: str, result: FileResult,
                        stored: list[tuple[str, int, str, str, str]]) -> None:
    new = sorted(_rejection_row(rejection) for rejection in result.rejections)
    if new == stored:
        return
    conn.execute("delete from quarantine.rejected_rows where source_name = %s and source_file = %s",
                 (source_name, result.source_file))
    if new:
        with conn.cursor() as cursor:
            cursor.executemany(
                "insert into quarantine.rejected_rows (source_name, source_file, line_number,"
                " entity, reason_code, reason, raw_record) values (%s, %s, %s, %s, %s, %s,"
                " %s::jsonb)",
                [(source_name, result.source_file, line, entity, code, reason, raw)
                 for entity, line, code, reason, raw in new])


def _rejection_row(rejection: Rejection) -> tuple[str, int, str, str, str]:
    return (rejection.entity, rejection.line_number, rejection.reason_code, rejection.reason,
            _canonical(rejection.raw_record))


def _canonical(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))

