"""Excel export with Chinese headers."""

from __future__ import annotations

import datetime as dt
import io

import pandas as pd
from openpyxl import load_workbook

from cockpit.export import xlsx_bytes
from cockpit.labels import for_display


def test_xlsx_has_chinese_headers_and_dates():
    frame = pd.DataFrame({"source_case_ref": ["C001", "C002"],
                          "case_date": [dt.date(2020, 2, 1), dt.date(2020, 2, 2)],
                          "case_type": ["confirmed", "asymptomatic"],
                          "age": [34, None]})
    workbook = load_workbook(io.BytesIO(xlsx_bytes(for_display(frame), "病例")))
    sheet = workbook["病例"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("病例编号", "报告日期", "病例类型", "年龄")
    assert rows[1][0] == "C001"
    assert rows[1][1] == dt.datetime(2020, 2, 1)
    assert rows[2][2] == "无症状感染者"
    assert rows[2][3] is None
    assert sheet["B2"].number_format == 'yyyy"年"m"月"d"日"'
