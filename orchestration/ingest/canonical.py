"""The canonical import format: a folder of CSV and XLSX files, searched recursively.

The table of a file comes from its name (``cases.csv``, ``2020-02-01_440305_病例.csv``), or
for a workbook from each sheet's name. Rows of a table whose name matches no table are
rejected as ``unknown_entity`` rather than skipped, so that nothing read is lost.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterator
from pathlib import Path

from orchestration.ingest.canonical_columns import (
    ENTITY_COLUMNS,
    ENTITY_TABLE_NAMES,
    entity_of,
    is_instruction_sheet,
    map_headers,
    missing_required,
)
from orchestration.ingest.canonical_entities import (
    case_records,
    close_contact_record,
    event_record,
    place_record,
)
from orchestration.ingest.file_checks import FileRejected
from orchestration.ingest.locations import Locations
from orchestration.ingest.reading import SourceTable, read_csv, read_xlsx
from orchestration.ingest.records import FileResult, Record
from orchestration.ingest.values import RowRejected, clean

log = logging.getLogger(__name__)

INPUT_SUFFIXES = (".csv", ".xlsx")
KEY_COLUMNS = {"case": "case_ref", "event": "event_ref", "close_contact": "contact_ref",
               "place": "place_ref"}
UNKNOWN_ENTITY = "unknown"


def input_files(root: Path) -> list[Path]:
    """Return the CSV and XLSX files under ``root`` (or ``root`` itself), sorted by path.

    Hidden files and Excel's ``~$`` lock files are skipped.
    """
    if root.is_file():
        return [root]
    return sorted(path for path in root.rglob("*")
                  if path.is_file() and path.suffix.lower() in INPUT_SUFFIXES
                  and not path.name.startswith((".", "~$")))


def relative_name(path: Path, root: Path) -> str:
    return path.name if root.is_file() else path.relative_to(root).as_posix()


def parse_canonical(root: Path, locations: Locations) -> Iterator[FileResult]:
    """Parse every input file; a file that cannot be read yields a result that rejects it whole."""
    for path in input_files(root):
        source_file = relative_name(path, root)
        try:
            result = parse_file(path, source_file, locations)
        except FileRejected as error:
            log.warning("%s: file rejected: %s", source_file, error.reason_code)
            result = rejected_file(path, source_file, error.reason_code, error.reason)
        except Exception as error:
            # One unreadable file must not stop the others; the traceback is for developers.
            log.warning("%s: file rejected after %s", source_file, type(error).__name__)
            log.debug("%s: reading failed", source_file, exc_info=True)
            result = rejected_file(path, source_file, "unreadable_file",
                                   f"读取文件时出错（{type(error).__name__}），"
                                   "请检查文件内容和格式后重新提交")
        yield result


def rejected_file(path: Path, source_file: str, reason_code: str, reason: str) -> FileResult:
    """Return the result of a file rejected whole, with the hash of its content."""
    try:
        content_sha256 = hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        content_sha256 = ""
    result = FileResult(source_file, content_sha256)
    result.file_rejection = (reason_code, reason)
    return result


def parse_file(path: Path, source_file: str, locations: Locations) -> FileResult:
    content = path.read_bytes()
    result = FileResult(source_file, hashlib.sha256(content).hexdigest())
    if path.suffix.lower() == ".xlsx":
        tables = read_xlsx(path, source_file)
    else:
        tables = [read_csv(path, source_file)]

    for table in tables:
        entity = entity_of(table.name)
        if entity is not None:
            parse_table(table, entity, result, locations)
        elif table.sheet is not None and is_instruction_sheet(table.name):
            log.info("%s: sheet %s contains instructions, not imported", source_file, table.name)
        else:
            _reject_unknown_table(table, result)
    return result


def parse_table(table: SourceTable, entity: str, result: FileResult,
                locations: Locations) -> None:
    result.entities.add(entity)
    indexes, unknown_headers = map_headers(table.headers, entity)
    if unknown_headers:
        log.warning("%s %s: columns %s are not in the canonical format, ignored",
                    table.source_file, table.name, ", ".join(unknown_headers))
    missing = missing_required(indexes, entity)
    names = [column.name for column in ENTITY_COLUMNS[entity]]

    for row in table.rows:
        result.count_read(entity)
        raw = table.raw_row(row)
        problem = table.shape_problem(row)
        if missing:
            labels = "、".join(f"{column.label}（{column.name}）" for column in missing)
            result.reject(entity, row.line_number, "missing_required",
                          f"文件缺少必填列：{labels}", raw)
            continue
        if problem is not None:
            result.reject(entity, row.line_number, "unparseable_row", problem, raw)
            continue
        values = dict.fromkeys(names)
        for name, index in indexes.items():
            if index < len(row.values):
                values[name] = clean(row.values[index])
        try:
            records = _records_of(entity, values, row.line_number, locations)
        except RowRejected as error:
            result.reject(entity, row.line_number, error.reason_code, error.reason, raw)
            continue
        for record in records:
            if row.repair_note is not None:
                record.record["import_notes"].append(row.repair_note)
            result.add(record, raw)


def _records_of(entity: str, values: dict, line_number: int, locations: Locations
                ) -> list[Record]:
    if entity == "case":
        record, links = case_records(values, locations)
        return [Record("case", record["case_ref"], line_number, record)] + [
            Record("case_link", link_ref, line_number, link, parent=("case", line_number))
            for link_ref, link in links]
    convert: Callable[[dict, Locations], dict] = {
        "event": event_record, "close_contact": close_contact_record, "place": place_record,
    }[entity]
    record = convert(values, locations)
    return [Record(entity, record[KEY_COLUMNS[entity]], line_number, record)]


def _reject_unknown_table(table: SourceTable, result: FileResult) -> None:
    names = "、".join(f"{english}/{chinese}" for english, chinese in ENTITY_TABLE_NAMES.values())
    where = f"工作表「{table.name}」" if table.sheet is not None else f"文件名「{table.name}」"
    log.warning("%s: table %s matches no canonical table, its %d rows are rejected",
                table.source_file, table.name, len(table.rows))
    result.entities.add(UNKNOWN_ENTITY)
    for row in table.rows:
        result.count_read(UNKNOWN_ENTITY)
        result.reject(UNKNOWN_ENTITY, row.line_number, "unknown_entity",
                      f"无法从{where}判断表类型，应以 {names} 结尾", table.raw_row(row))
