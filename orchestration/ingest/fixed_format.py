"""Shared steps of the public line-list sources, whose files have fixed names and headers."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterator
from pathlib import Path

from orchestration.ingest.canonical import rejected_file
from orchestration.ingest.file_checks import FileRejected
from orchestration.ingest.reading import SourceRow, SourceTable, read_csv
from orchestration.ingest.records import FileResult
from orchestration.ingest.values import clean

log = logging.getLogger(__name__)


def parse_or_reject(folder: Path, name: str, parse: Callable[[], FileResult]) -> FileResult:
    """Run one file's parser; a file that cannot be read becomes a file rejection instead.

    A missing file still raises FileNotFoundError, because a source without one of its fixed
    files is the wrong folder rather than a bad file.
    """
    try:
        return parse()
    except FileRejected as error:
        log.warning("%s: file rejected: %s", name, error.reason_code)
        return rejected_file(folder / name, name, error.reason_code, error.reason)


def open_file(folder: Path, name: str, source_name: str) -> tuple[SourceTable, FileResult]:
    """Read ``folder/name``; raise FileNotFoundError naming the source when it is missing."""
    path = folder / name
    if not path.is_file():
        raise FileNotFoundError(f"{source_name} import needs {path}")
    table = read_csv(path, name)
    return table, FileResult(name, hashlib.sha256(path.read_bytes()).hexdigest())


def data_rows(table: SourceTable, entity: str, result: FileResult, required: tuple[str, ...]
              ) -> Iterator[tuple[SourceRow, dict[str, str | None], dict[str, str | None]]]:
    """Yield (row, raw row, {header: cleaned text}) for each row that has the file's shape.

    Every row counts as read; a row that is misshapen, or whose file lacks a required
    column, is rejected here.
    """
    missing = [header for header in required if header not in table.headers]
    for row in table.rows:
        result.count_read(entity)
        raw = table.raw_row(row)
        if missing:
            result.reject(entity, row.line_number, "missing_required",
                          f"文件缺少必填列：{'、'.join(missing)}", raw)
            continue
        problem = table.shape_problem(row)
        if problem is not None:
            result.reject(entity, row.line_number, "unparseable_row", problem, raw)
            continue
        yield row, raw, {header: clean(cell) for header, cell in zip(table.headers, row.values)}
