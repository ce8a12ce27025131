"""Canonical import against bad input: folders, broken files, PII in reasons, summaries."""

import pytest

from orchestration.ingest import import_source
from tests.ingest.conftest import import_twice, query, records, rejections, write_csv
from tests.ingest.test_canonical_import import CASE_HEADER_ZH, VALID_ID, case_row


def test_two_folders_with_same_paths_keep_both(tmp_path, fresh_database):
    nanshan, futian = tmp_path / "nanshan", tmp_path / "futian"
    write_csv(nanshan / "cases.csv", CASE_HEADER_ZH, [case_row("C1")])
    write_csv(futian / "cases.csv", CASE_HEADER_ZH, [case_row("C2", district="福田区",
                                                              subdistrict="")])

    import_source(fresh_database, "canonical", nanshan)
    summary = import_source(fresh_database, "canonical", futian)

    assert set(records(fresh_database, "canonical", "case")) == {"C1", "C2"}
    assert [batch.rows_removed for batch in summary.batches] == [0]
    assert [batch.source_file for batch in summary.batches] == [
        (futian / "cases.csv").resolve().as_posix()]


def test_reimport_of_same_folder_is_idempotent(tmp_path, fresh_database):
    write_csv(tmp_path / "a" / "cases.csv", CASE_HEADER_ZH, [case_row("C1"), case_row("")])

    first, second = import_twice(fresh_database, "canonical", tmp_path / "a")

    assert first.totals_by_entity()["case"] == (2, 1, 1)
    assert second.totals_by_entity()["case"] == (2, 1, 1)
    assert len(rejections(fresh_database, "canonical")) == 1


def test_file_removed_from_folder_is_retracted(tmp_path, fresh_database):
    folder, other = tmp_path / "a", tmp_path / "b"
    write_csv(folder / "day1" / "cases.csv", CASE_HEADER_ZH, [case_row("C1")])
    removed_file = write_csv(folder / "day2" / "cases.csv", CASE_HEADER_ZH,
                     [case_row("C2"), case_row("")])
    write_csv(other / "cases.csv", CASE_HEADER_ZH, [case_row("C3")])
    import_source(fresh_database, "canonical", folder)
    import_source(fresh_database, "canonical", other)
    removed_file.unlink()

    summary = import_source(fresh_database, "canonical", folder)

    assert set(records(fresh_database, "canonical", "case")) == {"C1", "C3"}
    assert rejections(fresh_database, "canonical") == []
    removed = {batch.source_file: batch.rows_removed for batch in summary.batches}
    assert removed[removed_file.resolve().as_posix()] == 1
    assert summary.touched_partitions == {("2020-02-01", "440305")}


def test_empty_folder_retracts_nothing(tmp_path, fresh_database):
    folder = tmp_path / "a"
    case_file = write_csv(folder / "cases.csv", CASE_HEADER_ZH, [case_row("C1")])
    import_source(fresh_database, "canonical", folder)
    case_file.unlink()

    summary = import_source(fresh_database, "canonical", folder)

    assert set(records(fresh_database, "canonical", "case")) == {"C1"}
    assert summary.batches == []
    assert summary.touched_partitions == set()
    assert query(fresh_database, "select count(*) from raw.import_batches") == [(1,)]


def _write_bad_files(folder):
    """Write one unreadable file of each kind; return {file name: expected reason code}."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "a_events.csv").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (folder / "b_places.csv").write_bytes("场所编号,场所名称\nP1,餐\x00厅\n".encode())
    (folder / "c_场所.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")
    (folder / "d_cases.csv").write_text(
        "病例编号,报告日期,报告辖区,备注\nC5,2020-02-01,南山区,\"未闭合\nC6,2020-02-01,南山区,x\n",
        encoding="utf-8")
    (folder / "e_cases.csv").write_text("病例编号,报告日期,报告辖区\nC7,2020-02-01,南山区\n",
                                        encoding="utf-16")
    latin1 = "case_ref,report_date,district,name\nC8,2020-02-01,Müller Jürgen,Zürich Götz\n"
    (folder / "f_cases.csv").write_bytes(latin1.encode("latin-1"))
    latin1.encode("latin-1").decode("gb18030")  # decodes by accident, which is the point
    return {"a_events.csv": "binary_file", "b_places.csv": "binary_file",
            "c_场所.xlsx": "unreadable_workbook", "d_cases.csv": "unclosed_quote",
            "e_cases.csv": "unsupported_encoding", "f_cases.csv": "suspect_encoding"}


def _rejected_files(url):
    rows = query(url, "select source_file, reason_code, reason from quarantine.rejected_files")
    return {source_file.rsplit("/", 1)[1]: (code, reason) for source_file, code, reason in rows}


def test_unreadable_files_are_quarantined_whole(tmp_path, fresh_database):
    expected = _write_bad_files(tmp_path)
    write_csv(tmp_path / "z_cases.csv", CASE_HEADER_ZH, [case_row("C1")])

    summary = import_source(fresh_database, "canonical", tmp_path)

    assert set(records(fresh_database, "canonical", "case")) == {"C1"}
    stored = _rejected_files(fresh_database)
    assert {name: code for name, (code, _) in stored.items()} == expected
    assert len(summary.rejected_files) == len(expected)
    for name, (_, reason) in stored.items():
        assert "重新" in reason, name
        assert "Error" not in reason, name
        assert "Traceback" not in reason, name
    assert "第 2 行" in stored["d_cases.csv"][1]


def test_unreadable_new_version_keeps_earlier_rows(tmp_path, fresh_database):
    case_file = write_csv(tmp_path / "cases.csv", CASE_HEADER_ZH, [case_row("C1")])
    import_source(fresh_database, "canonical", tmp_path)
    good_content = case_file.read_bytes()
    case_file.write_bytes(good_content + b"C2,\x00\n")

    broken = import_source(fresh_database, "canonical", tmp_path)

    assert len(broken.rejected_files) == 1
    assert broken.batches == []
    assert set(records(fresh_database, "canonical", "case")) == {"C1"}

    case_file.write_bytes(good_content)
    fixed = import_source(fresh_database, "canonical", tmp_path)

    assert fixed.rejected_files == []
    assert _rejected_files(fresh_database) == {}


def test_removed_unreadable_file_leaves_quarantine(tmp_path, fresh_database):
    _write_bad_files(tmp_path / "a")
    write_csv(tmp_path / "a" / "z_cases.csv", CASE_HEADER_ZH, [case_row("C1")])
    import_source(fresh_database, "canonical", tmp_path / "a")
    for path in (tmp_path / "a").iterdir():
        if not path.name.startswith("z_"):
            path.unlink()

    import_source(fresh_database, "canonical", tmp_path / "a")

    assert _rejected_files(fresh_database) == {}


def test_reasons_mask_numbers_in_wrong_columns(tmp_path, fresh_database):
    mobile, landline = "13912345678", "0755-26543210"
    write_csv(tmp_path / "cases.csv", CASE_HEADER_ZH, [
        case_row("C1", age=mobile),
        case_row("C2", report_date=VALID_ID),
        case_row("C3", sex=landline),
        case_row("C4", district=VALID_ID),
    ])

    import_source(fresh_database, "canonical", tmp_path)

    reasons = [rejection["reason"] for rejection in rejections(fresh_database, "canonical")]
    assert len(reasons) == 4
    for reason in reasons:
        assert mobile not in reason
        assert VALID_ID not in reason
        assert "26543210" not in reason
    assert "139****5678" in reasons[0]
    assert "440*************36" in reasons[1]
    assert "075******3210" in reasons[2]


def test_summary_counts_each_outcome(tmp_path, fresh_database):
    case_file = write_csv(tmp_path / "cases.csv", CASE_HEADER_ZH,
                          [case_row("C1"), case_row("C2"), case_row("C3")])
    import_source(fresh_database, "canonical", tmp_path)
    write_csv(case_file, CASE_HEADER_ZH,
              [case_row("C1"), case_row("C2", age="50"), case_row("C4"), case_row("")])

    summary = import_source(fresh_database, "canonical", tmp_path)

    assert summary.counts_by_entity()["case"] == {
        "read": 4, "loaded": 3, "inserted": 1, "updated": 1, "unchanged": 1, "removed": 1,
        "rejected": 1}


def test_summary_names_empty_and_header_only_files(tmp_path, fresh_database):
    (tmp_path / "events.csv").write_bytes(b"")
    write_csv(tmp_path / "places.csv", ["场所编号", "场所名称", "所在区"], [])
    write_csv(tmp_path / "cases.csv", CASE_HEADER_ZH, [case_row("C1")])

    summary = import_source(fresh_database, "canonical", tmp_path)

    assert summary.count_input_files == 3
    assert [name.rsplit("/", 1)[1] for name in summary.empty_files] == [
        "events.csv", "places.csv"]


def test_summary_of_empty_folder(tmp_path, fresh_database):
    summary = import_source(fresh_database, "canonical", tmp_path)

    assert summary.count_input_files == 0
    assert summary.batches == []


@pytest.mark.parametrize("district, outcome", [
    ("南三区", "unknown_district"),
    ("深圳市", "unknown_district"),
    ("不详", "unknown_district"),
    ("440398", "unknown_district"),
    ("湖北省武汉市", "other"),
    ("广州市天河区", "other"),
    ("440106", "other"),
    ("境外", "other"),
])
def test_case_district_outside_or_rejected(tmp_path, fresh_database, district, outcome):
    write_csv(tmp_path / "cases.csv", CASE_HEADER_ZH, [case_row("C1", district=district,
                                                                subdistrict="")])

    import_source(fresh_database, "canonical", tmp_path)

    cases = records(fresh_database, "canonical", "case")
    if outcome == "other":
        assert cases["C1"]["district_code"] == "other"
        return
    [rejected] = rejections(fresh_database, "canonical")
    assert rejected["reason_code"] == outcome
    assert rejected["reason"].startswith(f"报告辖区「{district}」")


def test_district_and_entity_file_name(tmp_path, fresh_database):
    write_csv(tmp_path / "南山区病例.csv", CASE_HEADER_ZH, [case_row("C1")])

    summary = import_source(fresh_database, "canonical", tmp_path)

    assert summary.totals_by_entity() == {"case": (1, 1, 0)}


def test_out_of_range_date_names_the_range(tmp_path, fresh_database):
    write_csv(tmp_path / "cases.csv", CASE_HEADER_ZH, [case_row("C1", report_date="1899-12-31")])

    import_source(fresh_database, "canonical", tmp_path)

    [rejected] = rejections(fresh_database, "canonical")
    assert rejected["reason"].startswith("报告日期「1899-12-31」超出允许的日期范围（1900-01-01 至 ")


def test_key_of_relative_named_file_moves(tmp_path, fresh_database):
    write_csv(tmp_path / "cases.csv", CASE_HEADER_ZH, [case_row("C1", age="40")])
    import_source(fresh_database, "canonical", tmp_path)
    legacy_update = ("update raw.records set source_file = 'cases.csv'"
                    " where record_key = 'C1' returning record_key")
    assert query(fresh_database, legacy_update) == [("C1",)]
    write_csv(tmp_path / "b" / "cases.csv", CASE_HEADER_ZH, [case_row("C1", age="41")])

    summary = import_source(fresh_database, "canonical", tmp_path / "b")

    assert summary.totals_by_entity()["case"] == (1, 1, 0)
    assert records(fresh_database, "canonical", "case")["C1"]["age"] == 41
