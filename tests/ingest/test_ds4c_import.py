"""DS4C (South Korea): full import of the real files, once for the module."""

import pytest

from orchestration.ingest.accounting import check_row_accounting
from tests.conftest import shared_data_dir
from tests.ingest.conftest import assert_rows_add_up, import_twice, query, records, rejections

SOURCE = "ds4c"


@pytest.fixture(scope="module")
def imported(module_database):
    """(database URL, first summary, summary of a second import of the same files)."""
    first, second = import_twice(module_database, SOURCE, shared_data_dir("ds4c-korea"))
    return module_database, first, second


def test_counts_per_entity(imported):
    _, first, _ = imported
    assert_rows_add_up(first)
    assert first.totals_by_entity() == {
        "case": (5165, 5162, 3),
        "case_link": (1347, 1347, 0),
        "event": (8092, 8092, 0),
        "cluster": (128, 128, 0),
        "region": (244, 244, 0),
    }


def test_tables_hold_what_batches_say(imported):
    url, first, _ = imported
    files = [batch.source_file for batch in first.batches]
    assert check_row_accounting(url, SOURCE, files) == []


def test_reimport_changes_nothing(imported):
    _, first, second = imported
    assert len(first.touched_partitions) > 1000
    assert second.touched_partitions == set()
    assert all(batch.rows_unchanged == batch.rows_loaded for batch in second.batches)


def test_rejected_patients_and_reasons(imported):
    url, _, _ = imported
    found = {(row["line_number"], row["reason_code"]) for row in rejections(url, SOURCE)}
    assert found == {(1557, "duplicate_key"), (4732, "missing_required"),
                     (4733, "missing_required")}


def test_patient_fields(imported):
    url, _, _ = imported
    case = records(url, SOURCE, "case")["1000000001"]
    assert (case["sex"], case["age"]) == ("男", 50)
    assert case["import_notes"] == ["年龄为年龄段下限（原值 50s）"]
    assert (case["case_date"], case["case_date_basis"]) == ("2020-01-23", "confirmed")
    assert case["district_code"] == "10000"  # Seoul
    assert case["subdistrict_code"] == "10040"  # Gangseo-gu of Seoul, not of Busan
    assert case["infection_source"] == "imported_abroad"


def test_dirty_infected_by_is_loaded(imported):
    url, _, _ = imported
    links = records(url, SOURCE, "case_link")
    assert {"1500000050->5000000022", "1500000055->5000000022"} <= set(links)
    self_links = [link for link in links.values()
                  if link["infector_case_ref"] == link["infectee_case_ref"]]
    assert len(self_links) == 4
    case_refs = set(records(url, SOURCE, "case"))
    assert sum(1 for link in links.values() if link["infector_case_ref"] not in case_refs) > 0


def test_routes_are_events_with_coordinates(imported):
    url, _, _ = imported
    event = records(url, SOURCE, "event")["1000000001-1"]
    assert (event["event_date"], event["event_type"], event["description"]) == (
        "2020-01-22", "transport", "airport")
    assert (event["latitude"], event["longitude"]) == (37.6152464, 126.7156325)
    assert event["district_code"] == "20000"  # Gyeonggi-do


def test_clusters_and_cluster_refs(imported):
    url, _, _ = imported
    clusters = records(url, SOURCE, "cluster")
    assert clusters["1000001"]["cluster_name"] == "Itaewon Clubs"
    assert clusters["1000001"]["is_group"] is True
    assert clusters["1000001"]["confirmed_count"] == 133
    cases = records(url, SOURCE, "case").values()
    assert sum(1 for case in cases if case["cluster_ref"] == "1000001") > 0


def test_jurisdiction_from_regions(imported):
    url, _, _ = imported
    assert query(url, "select count(*) from raw.jurisdiction_districts"
                      " where jurisdiction_code = 'KR'") == [(18,)]
    assert query(url, "select district_code from raw.jurisdiction_subdistricts"
                      " where jurisdiction_code = 'KR' and subdistrict_code = '10040'") == [
        ("10000",)]
