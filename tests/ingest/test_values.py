"""Cell parsers: dates, times, numbers, vocabularies, id lists, ages, reading files."""

import datetime as dt

import openpyxl
import pytest

from orchestration.ingest.canonical_columns import entity_of, map_headers
from orchestration.ingest.people import parse_age, person_fields
from orchestration.ingest.reading import decode, read_csv, read_xlsx
from orchestration.ingest.values import (
    RowRejected,
    parse_choice,
    parse_date,
    parse_int,
    parse_time,
    split_refs,
)


@pytest.mark.parametrize("text", ["2020-02-01", "2020/2/1", "2020年2月1日", "20200201",
                                  "43862", "2020-02-01 00:00:00", "2020.2.1"])
def test_parse_date_accepted_forms(text):
    assert parse_date(text, "报告日期") == dt.date(2020, 2, 1)


@pytest.mark.parametrize("text", ["2020-02-30", "2月1日", "明天", "1899-12-31", "2999-01-01"])
def test_parse_date_rejects_with_column_and_value(text):
    with pytest.raises(RowRejected) as error:
        parse_date(text, "报告日期")
    assert error.value.reason_code == "invalid_date"
    assert "报告日期" in error.value.reason
    assert text in error.value.reason


def test_parse_time_forms():
    assert parse_time("9:05", "开始时间") == "09:05"
    assert parse_time("18:30:00", "开始时间") == "18:30"
    assert parse_time("0.5", "开始时间") == "12:00"
    with pytest.raises(RowRejected, match="invalid_time"):
        parse_time("25:00", "开始时间")


def test_parse_int_bounds():
    assert parse_int("1,200", "确诊数") == 1200
    with pytest.raises(RowRejected, match="invalid_number"):
        parse_int("-1", "确诊数")
    with pytest.raises(RowRejected, match="invalid_number"):
        parse_int("3.5", "确诊数")


def test_parse_choice_lists_accepted_values():
    choices = {"阴性": "negative", "阳性": "positive", "negative": "negative"}
    assert parse_choice(" Negative ", "核酸结果", choices) == "negative"
    with pytest.raises(RowRejected) as error:
        parse_choice("弱阳", "核酸结果", choices)
    assert error.value.reason_code == "invalid_value"
    assert "阴性、阳性" in error.value.reason


@pytest.mark.parametrize("text, refs", [("13,14", ["13", "14"]), ("13、14", ["13", "14"]),
                                        ("1500000050, 1500000055", ["1500000050", "1500000055"]),
                                        ("A1; B2", ["A1", "B2"]), (None, [])])
def test_split_refs_separators(text, refs):
    assert split_refs(text) == refs


@pytest.mark.parametrize("text, years", [("35", 35), ("35岁", 35), ("1岁7个月", 1),
                                         ("8个月", 0), ("35.0", 35)])
def test_parse_age_forms(text, years):
    assert parse_age(text) == years


def test_person_fields_flag_invalid_id_and_mask_phone_note():
    notes = []
    person = person_fields(name="张三", sex=None, age=None, id_card_number="440305198406151237",
                           phone_number="12345", reference_date=dt.date(2020, 2, 1),
                           notes=notes)
    assert person["id_card_problems"] == ["check_digit"]
    assert person["id_card_number"] == "440305198406151237"
    assert person["sex"] == "男"
    assert person["age"] == 35
    assert person["phone"] == "12345"
    assert notes == ["联系电话「*****」格式无法识别，按原文保留"]


def test_person_fields_normalise_phone():
    person = person_fields(name=None, sex="女", age="40", id_card_number=None,
                           phone_number="+86 139-1234-5678", reference_date=None, notes=[])
    assert person["phone"] == "13912345678"
    assert person["id_card_problems"] == []


def test_decode_detects_bom_utf8_and_gb18030():
    assert decode("\ufeff病例".encode()) == ("病例", "utf-8-sig")
    assert decode("病例".encode()) == ("病例", "utf-8")
    assert decode("病例".encode("gb18030")) == ("病例", "gb18030")


def test_read_csv_line_numbers_span_embedded_newlines(tmp_path):
    path = tmp_path / "cases.csv"
    path.write_text('case_ref,notes\n1,"two\nlines"\n\n2,plain\n', encoding="utf-8")
    table = read_csv(path, "cases.csv")
    assert [row.line_number for row in table.rows] == [2, 5]
    assert table.rows[0].values == ["1", "two\nlines"]


def test_read_csv_repairs_row_quoted_whole(tmp_path):
    path = tmp_path / "PatientInfo.csv"
    path.write_text('a,b,c\n"1,""x, y"",3"\n', encoding="utf-8")
    row = read_csv(path, "PatientInfo.csv").rows[0]
    assert row.values == ["1", "x, y", "3"]
    assert row.repair_note is not None


def test_read_xlsx_converts_cells(tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "病例"
    sheet.append(["病例编号", "报告日期", "年龄", "开始时间"])
    sheet.append(["A-1", dt.datetime(2020, 2, 1), 35.0, dt.time(9, 30)])
    workbook.save(tmp_path / "book.xlsx")
    table = read_xlsx(tmp_path / "book.xlsx", "book.xlsx")[0]
    assert table.rows[0].values == ["A-1", "2020-02-01", "35", "09:30"]
    assert table.rows[0].line_number == 2


@pytest.mark.parametrize("name, entity", [
    ("cases", "case"), ("2020-02-01_440305_cases", "case"), ("南山区-密切接触者", "close_contact"),
    ("活动轨迹", "event"), ("PLACES", "place"), ("close_contacts", "close_contact"),
    ("mycases", None), ("README", None)])
def test_entity_of_table_names(name, entity):
    assert entity_of(name) == entity


def test_map_headers_accepts_both_languages_and_marks():
    indexes, unknown = map_headers(["病例编号*", "report_date", "报告辖区(district)", "身高"],
                                   "case")
    assert indexes == {"case_ref": 0, "report_date": 1, "district": 2}
    assert unknown == ["身高"]
