"""Canonical import against bad input: folders, broken files, PII in reasons, summaries."""

from orchestration.ingest import import_source
from tests.ingest.conftest import import_twice, query, records, rejections, write_csv
from tests.ingest.test_canonical_import import CASE_HEADER_ZH, case_row


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

