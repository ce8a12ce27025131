"""``import_source``: parse a source folder and land every row in raw.records or quarantine.

A file is identified by its absolute resolved path, so two folders never replace each other's
rows even when their files share relative paths (two districts' ``cases.csv``). Importing the
same folder again replaces each file's rows, and retracts the rows of files that were imported
from under that folder before but are no longer in it.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable
from pathlib import Path

import psycopg

from liudiao import jurisdictions
from liudiao.config import load_settings
from orchestration.ingest.canonical import parse_canonical
from orchestration.ingest.ds4c import REGION_FILE, parse_ds4c
from orchestration.ingest.locations import Locations
from orchestration.ingest.partitions import touched_partitions
from orchestration.ingest.records import FileResult, duplicate_key_reason
from orchestration.ingest.reference import write_jurisdiction
from orchestration.ingest.shenzhen import parse_shenzhen
from orchestration.ingest.store import Change, apply_schema, write_file, write_file_rejection
from orchestration.ingest.summary import ImportSummary

log = logging.getLogger(__name__)

# Files of a source stored at or under a path, from any of the three tables.
STORED_FILES_SQL = """
select source_file from raw.records
where source_name = %(source_name)s
    and (source_file = %(path)s or starts_with(source_file, %(prefix)s))
union
select source_file from quarantine.rejected_rows
where source_name = %(source_name)s
    and (source_file = %(path)s or starts_with(source_file, %(prefix)s))
union
select source_file from quarantine.rejected_files
where source_name = %(source_name)s
    and (source_file = %(path)s or starts_with(source_file, %(prefix)s))
"""

Parser = Callable[[Path, Locations], Iterable[FileResult]]
PARSERS: dict[str, Parser] = {
    "canonical": parse_canonical,
    "demo": parse_canonical,
    "shenzhen-2020": parse_shenzhen,
    "ds4c": parse_ds4c,
}


def import_source(url: str, source_name: str, path: Path) -> ImportSummary:
    """Import every file of ``path`` as ``source_name``; each file is one transaction.

    Applies raw_schema.sql first and upserts the jurisdiction's reference tables. Raises
    ValueError for an unknown source and FileNotFoundError for a missing path.

    NOTE: two imports of the same source at once are not serialised; when both insert the
    same key, the later transaction fails on the primary key and its file is not imported.
    """
    if source_name not in PARSERS:
        raise ValueError(f"unknown source {source_name!r}; expected one of {sorted(PARSERS)}")
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"import path {path} does not exist")

    path = path.resolve()
    jurisdiction = _jurisdiction_for(source_name, path)
    locations = Locations(jurisdiction)
    results = list(PARSERS[source_name](path, locations))
    for result in results:
        result.source_file = file_key(path, result.source_file)
    run_files = {result.source_file for result in results}
    log.info("import %s from %s: %d files, jurisdiction %s", source_name, path, len(results),
             jurisdiction.code)

    summary = ImportSummary(source_name, count_input_files=len(results))
    changes: list[Change] = []
    with psycopg.connect(url, autocommit=True) as conn:
        apply_schema(conn)
        write_jurisdiction(conn, jurisdiction)
        loaded_keys: dict[tuple[str, str], tuple[str, int]] = {}
        for result in results:
            if result.file_rejection is not None:
                write_file_rejection(conn, source_name, result)
                summary.rejected_files.append((result.source_file, result.file_rejection[1]))
                continue
            _reject_repeated_keys(result, loaded_keys)
            batches, file_changes = write_file(conn, source_name, result, run_files,
                                               dt.datetime.now(dt.UTC))
            for record in result.records:
                loaded_keys[(record.entity, record.key)] = (result.source_file,
                                                            record.line_number)
            summary.batches.extend(batches)
            changes.extend(file_changes)
            if not any(batch.rows_read for batch in batches):
                summary.empty_files.append(result.source_file)
            for batch in batches:
                log.info("%s %s %s: read %d, loaded %d (inserted %d, updated %d, unchanged %d),"
                         " rejected %d, removed %d", source_name, batch.source_file,
                         batch.entity, batch.rows_read, batch.rows_loaded, batch.rows_inserted,
                         batch.rows_updated, batch.rows_unchanged, batch.rows_rejected,
                         batch.rows_removed)
        if results:
            _retract_missing_files(conn, source_name, path, run_files, summary, changes)
        summary.touched_partitions = touched_partitions(conn, source_name, changes,
                                                        locations.other_code)
    log.info("import %s done: %d partitions touched", source_name,
             len(summary.touched_partitions))
    return summary


def file_key(root: Path, relative_name: str) -> str:
    """Return the stored name of a parsed file: its absolute path, as POSIX text.

    ``root`` is the resolved import path, a folder or a single file. Parsers name a file by
    its path relative to the folder, or by its name when ``root`` is the file itself.
    """
    folder = root if root.is_dir() else root.parent
    return (folder / relative_name).as_posix()


def _retract_missing_files(conn: psycopg.Connection, source_name: str, root: Path,
                           run_files: set[str], summary: ImportSummary,
                           changes: list[Change]) -> None:
    """Remove the rows of files once imported from under ``root`` that it no longer contains.

    Callers skip this when the folder held no input file at all, so that an empty or wrongly
    mounted folder does not retract a whole source.
    """
    for source_file in missing_files(conn, source_name, root, run_files):
        log.info("%s %s: file is gone from %s, its rows are retracted", source_name,
                 source_file, root)
        batches, file_changes = write_file(conn, source_name, FileResult(source_file, ""),
                                           run_files, dt.datetime.now(dt.UTC))
        summary.batches.extend(batches)
        changes.extend(file_changes)


def missing_files(conn: psycopg.Connection, source_name: str, root: Path,
                  run_files: set[str]) -> list[str]:
    """Return the stored files at or under ``root`` that are not among ``run_files``."""
    prefix = root.as_posix() if root.is_file() else root.as_posix().rstrip("/") + "/"
    rows = conn.execute(STORED_FILES_SQL, {"source_name": source_name, "prefix": prefix,
                                           "path": root.as_posix()}).fetchall()
    return sorted(source_file for (source_file,) in rows if source_file not in run_files)


def _jurisdiction_for(source_name: str, path: Path) -> jurisdictions.Jurisdiction:
    if source_name == "ds4c":
        region_csv = path / REGION_FILE if path.is_dir() else path.with_name(REGION_FILE)
        if not region_csv.exists():
            raise FileNotFoundError(f"DS4C import needs {region_csv} for its jurisdiction")
        return jurisdictions.from_ds4c_regions(region_csv)
    return jurisdictions.load(load_settings().jurisdiction)


def _reject_repeated_keys(result: FileResult,
                          loaded_keys: dict[tuple[str, str], tuple[str, int]]) -> None:
    """Reject records whose key an earlier row of this import loaded: the first row wins."""
    first_rows = dict(loaded_keys)
    rejected = {}
    for index, record in enumerate(result.records):
        first = first_rows.get((record.entity, record.key))
        if first is None:
            first_rows[(record.entity, record.key)] = (result.source_file, record.line_number)
            continue
        first_file = None if first[0] == result.source_file else first[0]
        rejected[index] = ("duplicate_key", duplicate_key_reason(record.entity, record.key,
                                                                 first_file, first[1]))
    result.reject_records(rejected)
