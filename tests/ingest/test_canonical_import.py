"""Canonical format import into a real PostgreSQL: encodings, bad rows, re-imports, XLSX."""

import datetime as dt

import openpyxl
import pytest

from orchestration.ingest import import_source
from orchestration.ingest.accounting import check_row_accounting
from tests.ingest.conftest import (
    assert_rows_add_up,
    query,
    records,
    rejections,
    row_versions,
    write_csv,
)

CASE_HEADER_ZH = ["病例编号", "报告日期", "报告辖区", "姓名", "性别", "年龄", "身份证号", "联系电话",
                  "现住址街道", "发病日期", "传染来源病例编号"]
CASE_HEADER_EN = ["case_ref", "report_date", "district", "name", "sex", "age", "id_card_number",
                  "phone", "subdistrict", "onset_date", "infector_case_ref"]
EVENT_HEADER = ["event_ref", "case_ref", "event_date", "event_type", "place_name", "district"]
VALID_ID = "440305198406151236"


def case_row(ref, report_date="2020-02-01", district="南山区", name="张晓明", sex="男",
             age="35", id_card=VALID_ID, phone="13912345678", subdistrict="粤海街道",
             onset="2020-01-28", infector=""):
    return [ref, report_date, district, name, sex, age, id_card, phone, subdistrict, onset,
            infector]


def test_gb18030_file_with_chinese_headers(tmp_path, fresh_database):
    write_csv(tmp_path / "病例.csv", CASE_HEADER_ZH,
              [case_row("C1"), case_row("C2", district="440303", subdistrict="东门")],
              encoding="gb18030")

    summary = import_source(fresh_database, "canonical", tmp_path)

    assert summary.totals_by_entity()["case"] == (2, 2, 0)
    cases = records(fresh_database, "canonical", "case")
    assert cases["C1"]["name"] == "张晓明"
    assert cases["C1"]["district_code"] == "440305"
    assert cases["C1"]["subdistrict_code"] == "440305006"
    assert cases["C2"]["district_code"] == "440303"
    assert cases["C2"]["subdistrict_code"] == "440303003"


def test_bom_file_with_english_headers(tmp_path, fresh_database):
    write_csv(tmp_path / "2020-02-01_440305_cases.csv", CASE_HEADER_EN, [case_row("C1")],
              encoding="utf-8-sig")

    summary = import_source(fresh_database, "canonical", tmp_path)

    assert summary.totals_by_entity()["case"] == (1, 1, 0)
    case = records(fresh_database, "canonical", "case")["C1"]
    assert case["name"] == "张晓明"
    assert case["birth_date"] == "1984-06-15"
    assert case["case_date"] == "2020-02-01"
    assert case["case_date_basis"] == "report"


def test_bad_rows_are_quarantined_with_reasons(tmp_path, fresh_database):
    path = write_csv(tmp_path / "cases.csv", CASE_HEADER_ZH, [
        case_row("C1"),
        case_row(""),
        case_row("C3", report_date="2020-13-01"),
        case_row("C4", district="不详"),
        case_row("C5", age="三十五"),
        case_row("C6", sex="未知"),
        case_row("C1"),
        case_row("C8") + ["多出的一列"],
        case_row("C9", id_card="440305198406151237", phone="0755-1234"),
        case_row("C10", district="其他地区"),
        case_row("C11", district="广州市天河区", subdistrict=""),
    ])

    summary = import_source(fresh_database, "canonical", tmp_path)

    assert_rows_add_up(summary)
    assert summary.totals_by_entity()["case"] == (11, 4, 7)
    found = {(row["line_number"], row["reason_code"]): row
             for row in rejections(fresh_database, "canonical")}
    assert set(found) == {(3, "missing_required"), (4, "invalid_date"), (5, "unknown_district"),
                          (6, "invalid_number"), (7, "invalid_value"), (8, "duplicate_key"),
                          (9, "unparseable_row")}
    assert "病例编号" in found[(3, "missing_required")]["reason"]
    assert "报告日期「2020-13-01」" in found[(4, "invalid_date")]["reason"]
    assert "报告辖区「不详」" in found[(5, "unknown_district")]["reason"]
    assert "年龄「三十五」" in found[(6, "invalid_number")]["reason"]
    assert "性别「未知」" in found[(7, "invalid_value")]["reason"]
    assert "本文件第 2 行" in found[(8, "duplicate_key")]["reason"]
    assert found[(4, "invalid_date")]["raw_record"]["报告日期"] == "2020-13-01"
    assert found[(9, "unparseable_row")]["raw_record"]["_extra"] == "多出的一列"

    cases = records(fresh_database, "canonical", "case")
    assert cases["C9"]["id_card_problems"] == ["check_digit"]
    assert cases["C9"]["phone"] == "0755-1234"
    assert "0755-1234" not in " ".join(cases["C9"]["import_notes"])
    assert cases["C10"]["district_code"] == "other"
    assert cases["C11"]["district_code"] == "other"
    assert cases["C11"]["import_notes"] == ["报告辖区「广州市天河区」不在本辖区内，记为其他地区"]
    assert path.exists()


def test_reimport_of_same_files_changes_nothing(tmp_path, fresh_database):
    write_csv(tmp_path / "cases.csv", CASE_HEADER_ZH,
              [case_row("C1"), case_row("C2", infector="C1"), case_row("C3", age="x")])
    write_csv(tmp_path / "events.csv", EVENT_HEADER,
              [["E1", "C1", "2020-01-27", "就餐", "某餐厅", "南山区"]])
    first = import_source(fresh_database, "canonical", tmp_path)
    versions = row_versions(fresh_database, "canonical")
    rejected_ids = query(fresh_database, "select rejected_row_id from quarantine.rejected_rows")

    second = import_source(fresh_database, "canonical", tmp_path)

    assert first.touched_partitions
    assert second.touched_partitions == set()
    assert all(batch.rows_loaded == batch.rows_unchanged for batch in second.batches)
    assert row_versions(fresh_database, "canonical") == versions
    assert query(fresh_database, "select rejected_row_id from quarantine.rejected_rows") \
        == rejected_ids
    assert check_row_accounting(fresh_database, "canonical", ["cases.csv", "events.csv"]) == []


def test_newer_file_version_updates_inserts_and_removes(tmp_path, fresh_database):
    header = CASE_HEADER_ZH
    write_csv(tmp_path / "cases.csv", header, [
        case_row("C1"), case_row("C2", district="罗湖区", subdistrict=""),
        case_row("C3", report_date="2020-02-03"), case_row("C4", age="x")])
    import_source(fresh_database, "canonical", tmp_path)

    write_csv(tmp_path / "cases.csv", header, [
        case_row("C1"), case_row("C2", district="福田区", subdistrict=""),
        case_row("C5", report_date="2020-02-05"), case_row("C6", sex="?")])
    summary = import_source(fresh_database, "canonical", tmp_path)

    batch = next(batch for batch in summary.batches if batch.entity == "case")
    assert (batch.rows_inserted, batch.rows_updated, batch.rows_unchanged,
            batch.rows_removed, batch.rows_rejected) == (1, 1, 1, 1, 1)
    assert set(records(fresh_database, "canonical", "case")) == {"C1", "C2", "C5"}
    assert records(fresh_database, "canonical", "case")["C2"]["district_code"] == "440304"
    assert [row["raw_record"]["病例编号"] for row in rejections(fresh_database, "canonical")] \
        == ["C6"]
    assert summary.touched_partitions == {("2020-02-01", "440303"), ("2020-02-01", "440304"),
                                          ("2020-02-03", "440305"), ("2020-02-05", "440305")}
    assert check_row_accounting(fresh_database, "canonical", ["cases.csv"]) == []


def test_event_partitions_follow_owning_case(tmp_path, fresh_database):
    write_csv(tmp_path / "cases.csv", CASE_HEADER_ZH, [case_row("C1", district="宝安区",
                                                                subdistrict="")])
    write_csv(tmp_path / "events.csv", EVENT_HEADER, [
        ["E1", "C1", "2020-01-27", "就餐", "某餐厅", "南山区"],
        ["E2", "C9", "2020-01-26", "外出旅行", "武汉", "武汉市"]])
    summary = import_source(fresh_database, "canonical", tmp_path)

    assert ("2020-01-27", "440306") in summary.touched_partitions
    assert ("2020-01-26", "other") in summary.touched_partitions
    events = records(fresh_database, "canonical", "event")
    assert events["E1"]["district_code"] == "440305"
    assert events["E2"]["district_code"] == "other"

    write_csv(tmp_path / "cases.csv", CASE_HEADER_ZH, [case_row("C1", district="龙岗区",
                                                                subdistrict="")])
    moved = import_source(fresh_database, "canonical", tmp_path)

    assert moved.touched_partitions == {("2020-02-01", "440306"), ("2020-02-01", "440307"),
                                        ("2020-01-27", "440306"), ("2020-01-27", "440307")}


def test_case_links_from_infector_column(tmp_path, fresh_database):
    write_csv(tmp_path / "cases.csv", CASE_HEADER_ZH,
              [case_row("C1"), case_row("C2", infector="C1; C9"), case_row("C2")])

    summary = import_source(fresh_database, "canonical", tmp_path)

    assert summary.totals_by_entity()["case_link"] == (2, 2, 0)
    links = records(fresh_database, "canonical", "case_link")
    assert set(links) == {"C1->C2", "C9->C2"}
    assert links["C9->C2"]["infectee_case_ref"] == "C2"


def test_duplicate_key_in_later_file_is_rejected(tmp_path, fresh_database):
    write_csv(tmp_path / "2020-02-01" / "440305" / "cases.csv", CASE_HEADER_ZH, [case_row("C1")])
    write_csv(tmp_path / "2020-02-02" / "440305" / "cases.csv", CASE_HEADER_ZH,
              [case_row("C1", report_date="2020-02-02"), case_row("C2")])

    summary = import_source(fresh_database, "demo", tmp_path)

    assert summary.totals_by_entity()["case"] == (3, 2, 1)
    [rejected] = rejections(fresh_database, "demo")
    assert rejected["source_file"] == (tmp_path / "2020-02-02/440305/cases.csv").as_posix()
    assert rejected["reason_code"] == "duplicate_key"
    assert (tmp_path / "2020-02-01/440305/cases.csv").as_posix() in rejected["reason"]


def test_key_loaded_by_file_outside_the_import_stays_first(tmp_path, fresh_database):
    first_folder, second_folder = tmp_path / "a", tmp_path / "b"
    write_csv(first_folder / "one_cases.csv", CASE_HEADER_ZH, [case_row("C1")])
    write_csv(second_folder / "two_cases.csv", CASE_HEADER_ZH, [case_row("C1", age="40")])
    import_source(fresh_database, "canonical", first_folder)

    summary = import_source(fresh_database, "canonical", second_folder)

    assert summary.totals_by_entity()["case"] == (1, 0, 1)
    assert records(fresh_database, "canonical", "case")["C1"]["age"] == 35


def test_secondary_contact_needs_via_contact(tmp_path, fresh_database):
    header = ["接触者编号", "关联病例编号", "接触者类别", "关联密接编号", "末次接触日期", "管理辖区",
              "身份证号", "核酸结果"]
    write_csv(tmp_path / "密切接触者.csv", header, [
        ["K1", "C1", "密接", "", "2020-01-31", "罗湖区", VALID_ID, "阴性"],
        ["K2", "C1", "次密接", "", "2020-02-01", "罗湖区", "", "待检"],
        ["K3", "C1", "次密接", "K1", "2020-02-01", "罗湖区", "", "待检"]])

    summary = import_source(fresh_database, "canonical", tmp_path)

    assert summary.totals_by_entity()["close_contact"] == (3, 2, 1)
    [rejected] = rejections(fresh_database, "canonical")
    assert rejected["reason_code"] == "missing_required"
    assert "关联密接编号" in rejected["reason"]
    contacts = records(fresh_database, "canonical", "close_contact")
    assert contacts["K3"]["contact_level"] == "secondary"
    assert contacts["K1"]["test_result"] == "negative"
    assert ("2020-01-31", "440303") in summary.touched_partitions


def test_file_missing_required_column_rejects_every_row(tmp_path, fresh_database):
    write_csv(tmp_path / "places.csv", ["场所编号", "场所名称"], [["P1", "某商场"], ["P2", "某餐厅"]])

    summary = import_source(fresh_database, "canonical", tmp_path)

    assert summary.totals_by_entity()["place"] == (2, 0, 2)
    assert {row["reason"] for row in rejections(fresh_database, "canonical")} == {
        "文件缺少必填列：所在区（district）"}


def test_unknown_table_name_rows_are_quarantined(tmp_path, fresh_database):
    write_csv(tmp_path / "名单.csv", ["编号"], [["1"], ["2"]])

    summary = import_source(fresh_database, "canonical", tmp_path)

    assert summary.totals_by_entity()["unknown"] == (2, 0, 2)
    assert {row["reason_code"] for row in rejections(fresh_database, "canonical")} == {
        "unknown_entity"}


def test_xlsx_workbook_sheets(tmp_path, fresh_database):
    workbook = openpyxl.Workbook()
    cases = workbook.active
    cases.title = "病例"
    cases.append(CASE_HEADER_ZH)
    cases.append(["C1", dt.datetime(2020, 2, 1), "南山", "张晓明", "男", 35, VALID_ID,
                  13912345678, "", dt.datetime(2020, 1, 28), ""])
    cases.append(["C2", "2020年2月1日", "福田区", "李四", "女", 30, "", "", "", "", "C1"])
    events = workbook.create_sheet("活动轨迹")
    events.append(["轨迹编号", "病例编号", "日期", "开始时间", "活动类型", "纬度", "经度"])
    events.append(["E1", "C1", dt.datetime(2020, 1, 27), dt.time(12, 0), "就餐", 22.517, 113.937])
    events.append(["E2", "C1", "2020-01-28", "", "购物", 95, 113.9])
    workbook.create_sheet("填写说明").append(["说明"])
    workbook.save(tmp_path / "南山区2020-02-01.xlsx")

    summary = import_source(fresh_database, "canonical", tmp_path)

    totals = summary.totals_by_entity()
    assert totals["case"] == (2, 2, 0)
    assert totals["event"] == (2, 1, 1)
    assert totals["case_link"] == (1, 1, 0)
    case = records(fresh_database, "canonical", "case")["C1"]
    assert (case["report_date"], case["onset_date"], case["phone"]) == (
        "2020-02-01", "2020-01-28", "13912345678")
    event = records(fresh_database, "canonical", "event")["E1"]
    assert (event["start_time"], event["latitude"]) == ("12:00", 22.517)
    [rejected] = rejections(fresh_database, "canonical")
    assert (rejected["line_number"], rejected["reason_code"]) == (3, "invalid_number")
    assert rejected["raw_record"]["_sheet"] == "活动轨迹"


def test_jurisdiction_tables_are_written(tmp_path, fresh_database):
    write_csv(tmp_path / "cases.csv", CASE_HEADER_ZH, [case_row("C1")])

    import_source(fresh_database, "canonical", tmp_path)
    import_source(fresh_database, "canonical", tmp_path)

    districts = dict(query(fresh_database, "select district_code, district_name"
                                           " from raw.jurisdiction_districts"))
    assert len(districts) == 11
    assert districts["other"] == "其他地区"
    assert districts["440305"] == "南山区"
    assert query(fresh_database, "select count(*) from raw.jurisdiction_subdistricts") == [(74,)]


def test_demo_dataset_imports_cleanly(tmp_path, fresh_database):
    from orchestration.demo_data import write_demo_data

    write_demo_data(tmp_path / "demo", seed=5, cases=20)

    summary = import_source(fresh_database, "demo", tmp_path / "demo")

    assert_rows_add_up(summary)
    totals = summary.totals_by_entity()
    assert totals["case"] == (20, 20, 0)
    assert all(rejected == 0 for _, _, rejected in totals.values())
    files = [batch.source_file for batch in summary.batches]
    assert check_row_accounting(fresh_database, "demo", files) == []


@pytest.mark.parametrize("source_name, error", [("nonsense", ValueError)])
def test_unknown_source_is_rejected(tmp_path, fresh_database, source_name, error):
    with pytest.raises(error):
        import_source(fresh_database, source_name, tmp_path)
