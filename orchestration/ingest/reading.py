"""Reading input files into tables of text cells: CSV in any of the accepted encodings, XLSX.

A table keeps each row's 1-based physical line (CSV) or sheet row (XLSX), so a rejected row
can be found in the file. Rows whose cells are all blank are skipped: they carry no data.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import logging
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl

from orchestration.ingest.file_checks import (
    FileRejected,
    check_bytes,
    check_gb18030_text,
    check_quotes_closed,
)

log = logging.getLogger(__name__)

REPLACEMENT_CHARACTER = "\ufffd"


@dataclass
class SourceRow:
    line_number: int
    values: list[str]
    # Set when the reader repaired the row: the repair, explained in Chinese.
    repair_note: str | None = None


@dataclass
class SourceTable:
    source_file: str  # path relative to the imported folder
    name: str  # file stem, or sheet name in a workbook
    headers: list[str]
    rows: list[SourceRow] = field(default_factory=list)
    sheet: str | None = None
    encoding: str | None = None

    def raw_row(self, row: SourceRow) -> dict[str, str | None]:
        """Return the row as read: every column as text, extra cells under ``_extra``."""
        raw: dict[str, str | None] = {}
        for index, header in enumerate(self.headers):
            raw[header or f"_column_{index + 1}"] = (
                row.values[index] if index < len(row.values) else None)
        extra = row.values[len(self.headers):]
        if any(cell.strip() for cell in extra):
            raw["_extra"] = "\t".join(extra)
        if self.sheet is not None:
            raw["_sheet"] = self.sheet
        return raw

    def shape_problem(self, row: SourceRow) -> str | None:
        """Return why the row's cells do not line up with the header, in Chinese, or None."""
        extra = row.values[len(self.headers):]
        if any(cell.strip() for cell in extra):
            return f"该行有 {len(row.values)} 列，表头只有 {len(self.headers)} 列"
        if len(row.values) < len(self.headers) and self.sheet is None:
            return f"该行只有 {len(row.values)} 列，表头有 {len(self.headers)} 列"
        if self.encoding == "utf-8-replaced" and any(
                REPLACEMENT_CHARACTER in cell for cell in row.values):
            return "该行含有无法识别的字符，文件编码应为 UTF-8 或 GB18030"
        return None


def decode(data: bytes) -> tuple[str, str]:
    """Return (text, encoding): UTF-8 with or without BOM, else GB18030.

    Bytes that are neither are decoded as UTF-8 with replacement characters, and the rows
    holding them are rejected by :meth:`SourceTable.shape_problem`. Raises FileRejected for
    binary or UTF-16 data and for GB18030 text that looks like mojibake.
    """
    check_bytes(data)
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[len(codecs.BOM_UTF8):].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError:
            return data[len(codecs.BOM_UTF8):].decode("utf-8", "replace"), "utf-8-replaced"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        return data.decode("utf-8", "replace"), "utf-8-replaced"
    check_gb18030_text(text)
    return text, "gb18030"


def read_csv(path: Path, source_file: str) -> SourceTable:
    text, encoding = decode(path.read_bytes())
    first_line = text.split("\n", 1)[0]
    delimiter = max((",", "\t", ";"), key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)

    table = SourceTable(source_file, path.stem, [], encoding=encoding)
    line_number = 1
    for values in reader:
        start, line_number = line_number, reader.line_num + 1
        if not any(cell.strip() for cell in values):
            continue
        if not table.headers:
            table.headers = [_clean_header(cell) for cell in values]
            continue
        table.rows.append(_repair_quoted_row(SourceRow(start, values), len(table.headers),
                                             delimiter))
    last_start = table.rows[-1].line_number if table.rows else 1
    check_quotes_closed("\n".join(text.split("\n")[last_start - 1:]), delimiter, last_start)
    if encoding == "utf-8-replaced" and REPLACEMENT_CHARACTER in "".join(table.headers):
        raise FileRejected("unsupported_encoding",
                           "文件的表头无法识别，文件编码应为 UTF-8 或 GB18030，"
                           "请另存为 UTF-8 后重新提交")
    return table


def _clean_header(cell: str) -> str:
    return cell.replace("\ufeff", "").replace("\u3000", " ").strip()


def _repair_quoted_row(row: SourceRow, width: int, delimiter: str) -> SourceRow:
    """Split a row that a tool wrapped whole in quotes, so it reads as one cell.

    The row is repaired only when its one cell splits into exactly as many cells as the
    header has, which no genuine one-column row does.
    """
    if width < 2 or len(row.values) != 1 or delimiter not in row.values[0]:
        return row
    inner = next(csv.reader([row.values[0]], delimiter=delimiter))
    if len(inner) != width:
        return row
    return SourceRow(row.line_number, inner, "整行被引号包住，已按表头拆分各列")


def read_xlsx(path: Path, source_file: str) -> list[SourceTable]:
    """Read every sheet; raises FileRejected for a file that is no readable workbook."""
    try:
        return _read_workbook(path, source_file)
    except (OSError, ValueError, KeyError, zipfile.BadZipFile,
            openpyxl.utils.exceptions.InvalidFileException) as error:
        log.warning("%s: workbook cannot be read: %s", source_file, type(error).__name__)
        raise FileRejected("unreadable_workbook",
                           "Excel 工作簿已损坏或不是 .xlsx 格式，无法打开，"
                           "请在 Excel 中重新另存为 .xlsx 后提交") from error


def _read_workbook(path: Path, source_file: str) -> list[SourceTable]:
    workbook = openpyxl.load_workbook(path, data_only=True)
    tables = []
    for sheet in workbook.worksheets:
        table = SourceTable(source_file, sheet.title, [], sheet=sheet.title)
        for line_number, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
            values = [_cell_text(cell) for cell in cells]
            if not any(value.strip() for value in values):
                continue
            if not table.headers:
                while values and not values[-1].strip():
                    values.pop()
                table.headers = [_clean_header(value) for value in values]
                continue
            table.rows.append(SourceRow(line_number, values))
        tables.append(table)
    workbook.close()
    return tables


def _cell_text(cell: object) -> str:
    if cell is None:
        return ""
    if isinstance(cell, str):
        # PostgreSQL's text and jsonb reject NUL characters, so they never reach it.
        return cell.replace("\x00", "")
    if isinstance(cell, dt.datetime):
        if cell.time() == dt.time(0, 0):
            return cell.date().isoformat()
        return cell.strftime("%Y-%m-%d %H:%M")
    if isinstance(cell, dt.date):
        return cell.isoformat()
    if isinstance(cell, dt.time):
        return cell.strftime("%H:%M")
    if isinstance(cell, bool):
        return "TRUE" if cell else "FALSE"
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell)
