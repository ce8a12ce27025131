"""Shenzhen 2020 bulletin line list: full import of the real files, once for the module."""

import shutil

import pytest

from orchestration.ingest import import_source
from orchestration.ingest.accounting import check_row_accounting
from tests.conftest import shared_data_dir
from tests.ingest.conftest import assert_rows_add_up, import_twice, query, records, rejections

SOURCE = "shenzhen-2020"


@pytest.fixture(scope="module")
def imported(module_database):
    """(database URL, first summary, summary of a second import of the same files)."""
    first, second = import_twice(module_database, SOURCE, shared_data_dir("shenzhen-2020"))
    return module_database, first, second


def test_counts_per_entity(imported):
    _, first, _ = imported
    assert_rows_add_up(first)
    assert first.totals_by_entity() == {
        "case": (417, 417, 0),
        "case_link": (149, 149, 0),
        "event": (1507, 1507, 0),
        "place": (178, 178, 0),
        "daily_summary": (528, 528, 0),
    }


def test_tables_hold_what_batches_say(imported):
    url, first, _ = imported
    files = [batch.source_file for batch in first.batches]
    assert check_row_accounting(url, SOURCE, files) == []
    assert rejections(url, SOURCE) == []


def test_reimport_changes_nothing(imported):
    _, first, second = imported
    assert len(first.touched_partitions) > 0
    assert second.touched_partitions == set()
    assert all(batch.rows_unchanged == batch.rows_loaded for batch in second.batches)
    assert all(batch.rows_removed == 0 for batch in second.batches)


@pytest.mark.parametrize("case_ref, district_code", [
    ("1", "440305"),  # Residence_Level3 南山
    ("5", "440305"),  # no Level3: 深圳市南山区… in the bulletin
    ("3", "other"),  # lives abroad
    ("7", "other"),  # lives in Wuhan
    ("285", "440307"),  # Level3 龙岗 wins over the bulletin's 龙华
])
def test_case_residence_district(imported, case_ref, district_code):
    url, _, _ = imported
    assert records(url, SOURCE, "case")[case_ref]["district_code"] == district_code


def test_case_fields(imported):
    url, _, _ = imported
    case = records(url, SOURCE, "case")["2"]
    assert (case["sex"], case["age"]) == ("女", 65)
    assert (case["onset_date"], case["first_visit_date"], case["discharge_date"]) == (
        "2020-01-04", "2020-01-10", "2020-01-27")
    assert (case["case_date"], case["case_date_basis"]) == ("2020-01-10", "first_visit")
    assert case["infection_source"] == "imported_domestic"


def test_every_relation_id_entry_is_a_link(imported):
    url, _, _ = imported
    links = records(url, SOURCE, "case_link")
    assert {key for key in links if key.endswith("->39")} == {"13->39", "14->39"}
    assert links["13->39"]["relation"] == "儿媳"
    assert links["13->39"]["evidence"] == "病例13、14儿媳"
    assert links["299->300"]["evidence"] == "Relation_ID 列"


def test_bulletin_events(imported):
    url, _, _ = imported
    events = [record for record in records(url, SOURCE, "event").values()
              if record["case_ref"] == "1"]
    assert sorted((event["event_type"], event["event_date"]) for event in events) == [
        ("admission", "2020-01-10"), ("arrival", "2020-01-04"), ("onset", "2020-01-03"),
        ("travel", "2019-12-29")]
    travel = next(event for event in events if event["event_type"] == "travel")
    assert travel["district_code"] == "other"
    assert travel["source_sentence"].startswith("深圳市南山区66岁男性患者，2019年12月29日到武汉探亲")


def test_daily_summary_maps_columns(imported):
    url, _, _ = imported
    summary = records(url, SOURCE, "daily_summary")
    assert summary["2020-02-02|440305"]["cumulative_cases"] == 48
    assert summary["2020-02-02|440399"]["cumulative_cases"] == 2
    assert summary["2020-02-02|other"]["cumulative_cases"] == 19
    total = summary["2020-02-02|total"]
    assert (total["cumulative_cases"], total["count_new_cases"],
            total["count_under_observation"]) == (226, 30, 662)
    assert summary["2020-02-02|440305"]["count_new_cases"] is None


def test_places_resolve_district_and_subdistrict(imported):
    url, _, _ = imported
    places = records(url, SOURCE, "place")
    assert places["10"]["district_code"] == "440305"
    assert places["10"]["subdistrict_code"] == "440305004"  # 蛇口街道
    assert places["1"]["subdistrict_code"] is None


def test_event_partitions_use_case_district(imported):
    url, first, _ = imported
    assert ("2019-12-29", "440305") in first.touched_partitions
    assert query(url, "select count(*) from raw.jurisdiction_districts"
                      " where jurisdiction_code = '440300'") == [(11,)]


def test_bad_count_in_changed_file_is_quarantined(tmp_path, fresh_database):
    folder = shared_data_dir("shenzhen-2020")
    for name in ("shenzhen_cases.csv", "shenzhen_places.csv", "shenzhen_daily_summary.csv"):
        shutil.copy(folder / name, tmp_path / name)
    summary_file = tmp_path / "shenzhen_daily_summary.csv"
    lines = summary_file.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace("2020-01-30,31,", "2020-01-30,三十一,")
    summary_file.write_text("\n".join(lines) + "\n", encoding="utf-8")

    summary = import_source(fresh_database, SOURCE, tmp_path)

    assert summary.totals_by_entity()["daily_summary"] == (528, 527, 1)
    [rejected] = rejections(fresh_database, SOURCE)
    assert (rejected["line_number"], rejected["reason_code"]) == (2, "invalid_number")
    assert "Nanshan「三十一」" in rejected["reason"]


def test_unreadable_file_is_quarantined_others_load(tmp_path, fresh_database):
    folder = shared_data_dir("shenzhen-2020")
    for name in ("shenzhen_cases.csv", "shenzhen_places.csv", "shenzhen_daily_summary.csv"):
        shutil.copy(folder / name, tmp_path / name)
    places_file = tmp_path / "shenzhen_places.csv"
    places_file.write_bytes(places_file.read_bytes() + b"\x00")

    summary = import_source(fresh_database, SOURCE, tmp_path)

    assert [source_file.rsplit("/", 1)[1] for source_file, _ in summary.rejected_files] == [
        "shenzhen_places.csv"]
    assert set(summary.totals_by_entity()) == {"case", "case_link", "event", "daily_summary"}
    assert query(fresh_database, "select reason_code from quarantine.rejected_files") == [
        ("binary_file",)]
