"""Shared steps of the public line-list sources, whose files have fixed names and headers."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

from orchestration.ingest.reading import SourceRow, SourceTable, read_csv
from orchestration.ingest.records import FileResult
from orchestration.ingest.values import clean


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
