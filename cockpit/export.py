"""Excel export of the cockpit's tables: openpyxl workbooks with the tables' Chinese headers."""

from __future__ import annotations

import datetime as dt
import functools
import io
import math

import pandas as pd
import streamlit as st
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_COLUMN_WIDTH = 40


def xlsx_bytes(table: pd.DataFrame, sheet_title: str) -> bytes:
    """Write ``table`` (headers already in Chinese) to one sheet: bold frozen header row, dates
    as Excel dates, columns sized to their content."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title[:31]
    sheet.append([str(column) for column in table.columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in table.itertuples(index=False):
        sheet.append([_cell_value(value) for value in row])
    sheet.freeze_panes = "A2"

    for index, column in enumerate(table.columns, start=1):
        longest = max([_display_width(str(column))]
                      + [_display_width(str(value)) for value in table[column].head(500)])
        sheet.column_dimensions[get_column_letter(index)].width = min(longest + 2,
                                                                       MAX_COLUMN_WIDTH)
        if table[column].map(lambda value: isinstance(value, dt.date)).any():
            for cell in sheet[get_column_letter(index)][1:]:
                cell.number_format = 'yyyy"年"m"月"d"日"'
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _cell_value(value):
    """Excel cells take no pandas missing values or numpy scalars."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if hasattr(value, "item"):
        return value.item()
    return value


def _display_width(text: str) -> int:
    """Estimate a text's width in Latin characters: a CJK character is about two wide in
    Excel's default font."""
    return sum(2 if ord(character) > 0x2E80 else 1 for character in text)


def download_button(table: pd.DataFrame, file_stem: str, key: str) -> None:
    """An “导出 Excel” button for a table shown on the page; the workbook is written on click."""
    st.download_button(
        "导出 Excel", data=functools.partial(xlsx_bytes, table, file_stem), file_name=f"{file_stem}.xlsx",
        mime=XLSX_MIME, key=key, on_click="ignore", icon=":material/download:",
    )
