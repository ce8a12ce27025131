"""Build canonical-template.xlsx from the CSV templates beside this script.

The workbook has one sheet per table, named as the importer expects (病例, 活动轨迹, 密切接触者,
场所), with the CSV template's header and example row. Every cell is formatted as text, so
that Excel keeps ID card numbers, phone numbers and codes as written, and required columns
are shaded. A 填写说明 sheet lists every column. The workbook's timestamps are fixed, so a rebuild from unchanged
templates gives the same content.

Run: .venv/bin/python templates/build_xlsx.py
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import sys
import zipfile
from pathlib import Path

import openpyxl
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill

TEMPLATES = Path(__file__).resolve().parent
sys.path.insert(0, str(TEMPLATES.parent))

# Imported after the path insert above, so the script runs without an installed package.
from orchestration.ingest.canonical_columns import (
    ENTITY_COLUMNS,
    ENTITY_TABLE_NAMES,
)

WORKBOOK = TEMPLATES / "canonical-template.xlsx"
FIXED_TIMESTAMP = dt.datetime(2020, 2, 1)
REQUIRED_FILL = PatternFill("solid", fgColor="F8CBAD")
HEADER_FONT = Font(bold=True)
TEXT_FORMAT = "@"

# Filling instructions per column, shown on the 填写说明 sheet.
COLUMN_NOTES = {
    "case_ref": "在整个数据集中唯一，建议「辖区代码-报告日期-序号」",
    "event_ref": "在整个数据集中唯一",
    "contact_ref": "在整个数据集中唯一",
    "place_ref": "在整个数据集中唯一",
    "report_date": "YYYY-MM-DD，也可写 YYYY/M/D 或 YYYY年M月D日",
    "district": "行政区名称（南山区、南山）或代码（440305）；本市以外填「其他地区」",
    "subdistrict": "街道名称（粤海街道、粤海）或代码",
    "sex": "男 或 女",
    "age": "整数岁；不满 1 岁填 0",
    "id_card_number": "18 位或 15 位；校验不通过的号码照样导入并标记",
    "phone": "手机 11 位或带区号的固定电话",
    "onset_date": "YYYY-MM-DD",
    "confirmed_date": "YYYY-MM-DD",
    "case_type": "确诊病例 或 无症状感染者",
    "severity": "轻型、普通型、重型、危重型",
    "infection_source": "本土、外省输入、境外输入",
    "infector_case_ref": "传染来源的病例编号，多个用「;」或「、」分隔",
    "event_date": "YYYY-MM-DD",
    "start_time": "HH:MM",
    "end_time": "HH:MM",
    "event_type": "居家、工作、就餐、购物、交通、就医、外出旅行、抵深、发病、核酸检测、聚会、其他",
    "latitude": "WGS 84 纬度，-90 到 90",
    "longitude": "WGS 84 经度，-180 到 180",
    "contact_level": "密接 或 次密接",
    "via_contact_ref": "次密接必填：其接触的密接的接触者编号",
    "relation": "配偶、子女、同事、朋友、同乘人员等",
    "contact_type": "同住、同事、社交、同乘、医疗、同场所、其他",
    "last_contact_date": "YYYY-MM-DD",
    "quarantine_start_date": "YYYY-MM-DD",
    "test_result": "阴性、阳性、待检",
    "became_case_ref": "转为病例后的病例编号",
    "place_type": "住宅小区、商场、餐厅、医院、写字楼、工厂、学校、交通场站、农贸市场、酒店、其他",
}


def read_template(entity: str) -> list[list[str]]:
    english_name = ENTITY_TABLE_NAMES[entity][0]
    with (TEMPLATES / f"{english_name}.csv").open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def add_table_sheet(workbook: openpyxl.Workbook, entity: str) -> None:
    sheet = workbook.create_sheet(ENTITY_TABLE_NAMES[entity][1])
    rows = read_template(entity)
    columns = {column.label: column for column in ENTITY_COLUMNS[entity]}
    for row_number, row in enumerate(rows, start=1):
        for column_number, value in enumerate(row, start=1):
            cell = sheet.cell(row=row_number, column=column_number, value=value or None)
            cell.number_format = TEXT_FORMAT
    for column_number, label in enumerate(rows[0], start=1):
        header = sheet.cell(row=1, column=column_number)
        header.font = HEADER_FONT
        column = columns[label]
        if column.required:
            header.fill = REQUIRED_FILL
            header.comment = Comment(f"必填（{column.name}）", "liudiao")
        letter = header.column_letter
        sheet.column_dimensions[letter].width = max(12, 2 * len(label) + 4)
        sheet.column_dimensions[letter].number_format = TEXT_FORMAT
    sheet.freeze_panes = "A2"


def add_instructions_sheet(workbook: openpyxl.Workbook) -> None:
    sheet = workbook.create_sheet("填写说明")
    sheet.append(["表", "列名", "英文列名", "必填", "填写要求"])
    for cell in sheet[1]:
        cell.font = HEADER_FONT
    for entity, columns in ENTITY_COLUMNS.items():
        for column in columns:
            sheet.append([ENTITY_TABLE_NAMES[entity][1], column.label, column.name,
                          "是" if column.required else "", COLUMN_NOTES.get(column.name, "")])
    for letter, width in zip("ABCDE", (10, 16, 22, 6, 70), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"


def build(path: Path = WORKBOOK) -> Path:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for entity in ENTITY_COLUMNS:
        add_table_sheet(workbook, entity)
    add_instructions_sheet(workbook)
    workbook.properties.creator = "liudiao"
    workbook.properties.created = FIXED_TIMESTAMP
    workbook.properties.modified = FIXED_TIMESTAMP
    workbook.save(path)
    _fix_zip_timestamps(path)
    return path


def _fix_zip_timestamps(path: Path) -> None:
    """Rewrite the workbook's zip entries with a fixed date, so rebuilds are byte-identical.

    openpyxl writes the save time into docProps/core.xml and ignores the modified property,
    so the date is fixed there too.
    """
    stamp = FIXED_TIMESTAMP.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    with zipfile.ZipFile(path) as source:
        entries = [(info, source.read(info)) for info in source.infolist()]
    entries = [(info, re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + stamp, data)
                if info.filename == "docProps/core.xml" else data)
               for info, data in entries]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in entries:
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_TIMESTAMP.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, data)


if __name__ == "__main__":
    print(f"wrote {build()}")
