"""The analytics builds against PostgreSQL: tables written, reruns skipped, overrides kept."""

from pathlib import Path

import pytest

from liudiao.jurisdictions import load
from orchestration.analytics.build import (
    build_chain_tables,
    build_copresence,
    build_place_matches,
)
from orchestration.analytics.places.overrides import OverrideFileError
from tests.analytics.conftest import case_row, fetch, insert_rows, link_row

SHENZHEN = load("shenzhen")
OVERRIDE_HEADER = "rule,pattern,other_pattern,canonical_name,district_code,note\n"


def mention_row(mention_id: str, name: str, district: str = "440304",
                case: str | None = "test:1") -> dict:
    return {"place_mention_id": mention_id, "source_name": "test", "source_ref": mention_id,
            "mention_kind": "event", "case_id": case, "mention_date": "2020-02-01",
            "place_name": name, "address": None, "district_code": district,
            "subdistrict_code": None, "latitude": None, "longitude": None,
            "normalized_name": name}


@pytest.fixture
def chain_marts(marts_url):
    insert_rows(marts_url, "marts.cases", [
        case_row("1", onset="2020-01-01"), case_row("2", onset="2020-01-05"),
        case_row("3", onset="2020-01-07"), case_row("4", onset="2020-01-06")])
    insert_rows(marts_url, "marts.transmission_links", [
        link_row("1", "1", "2"), link_row("2", "2", "3"), link_row("3", "3", "3"),
        link_row("4", "4", "3"), link_row("5", "1", "77")])
    return marts_url


def test_chain_tables_written(chain_marts):
    report = build_chain_tables(chain_marts)

    assert not report.is_skipped
    assert report.row_counts["marts.chain_members"] == 3
    assert fetch(chain_marts, "select kind from marts.link_issues order by kind") == [
        ("multiple_infectors",), ("self_link",), ("unknown_case",)]
    assert fetch(chain_marts, "select chain_id, size, district_codes "
                              "from marts.transmission_chains") == [
        ("test:chain:1", 3, ["440304"])]
    assert fetch(chain_marts, "select generation from marts.chain_members "
                              "where case_id = 'test:3'") == [(2,)]


def test_chain_rerun_skipped_until_links_change(chain_marts):
    build_chain_tables(chain_marts)

    unchanged = build_chain_tables(chain_marts)
    insert_rows(chain_marts, "marts.transmission_links", [link_row("6", "4", "1")])
    changed = build_chain_tables(chain_marts)

    assert unchanged.is_skipped
    assert not changed.is_skipped
    assert fetch(chain_marts, "select root_case_id from marts.transmission_chains") == [
        ("test:4",)]


def test_chain_rerun_when_setting_changes(chain_marts):
    from orchestration.analytics.chain_stats import StatisticsSettings

    build_chain_tables(chain_marts)
    rerun = build_chain_tables(chain_marts, StatisticsSettings(min_offspring=1))

    assert not rerun.is_skipped
    assert fetch(chain_marts, "select count(*) from marts.super_spreaders") == [(2,)]


def test_missing_marts_explained(fresh_database):
    with pytest.raises(RuntimeError, match="build the dbt models first"):
        build_chain_tables(fresh_database)


def test_place_matches_written(marts_url, tmp_path):
    insert_rows(marts_url, "intermediate.int_place_mentions_unioned", [
        mention_row("m1", "红树福苑"), mention_row("m2", "福保街道红树福苑小区"),
        mention_row("m3", "益田村")])

    report = build_place_matches(marts_url, SHENZHEN, tmp_path / "none.csv")

    rows = dict(fetch(marts_url, "select place_mention_id, key_place_id "
                                 "from analytics.place_matches"))
    assert report.row_counts["analytics.place_matches"] == 3
    assert rows["m1"] == rows["m2"] != rows["m3"]


def write_overrides(path: Path, *lines: str) -> Path:
    path.write_text(OVERRIDE_HEADER + "".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def test_overrides_survive_rerun(marts_url, tmp_path):
    overrides = write_overrides(
        tmp_path / "overrides.csv",
        "assign,^(福滨新村|福滨小区)$,,福滨新村,440304,same estate",
        "never_merge,^红树福苑$,^红树福苑花园$,,,two estates")
    insert_rows(marts_url, "intermediate.int_place_mentions_unioned", [
        mention_row("m1", "福滨新村"), mention_row("m2", "福滨小区"),
        mention_row("m3", "红树福苑"), mention_row("m4", "红树福苑花园")])
    build_place_matches(marts_url, SHENZHEN, overrides)

    insert_rows(marts_url, "intermediate.int_place_mentions_unioned", [
        mention_row("m5", "福滨小区", case="test:2"), mention_row("m6", "红树福苑花园")])
    rerun = build_place_matches(marts_url, SHENZHEN, overrides)

    rows = {mention: (key_place, rule, name) for mention, key_place, rule, name in fetch(
        marts_url, "select place_mention_id, key_place_id, match_rule, canonical_name "
                   "from analytics.place_matches")}
    assert not rerun.is_skipped
    assert rows["m1"][0] == rows["m2"][0] == rows["m5"][0]
    assert rows["m5"][1:] == ("override", "福滨新村")
    assert rows["m3"][0] != rows["m4"][0]
    assert rows["m4"][0] == rows["m6"][0]


def test_override_file_change_triggers_rebuild(marts_url, tmp_path):
    overrides = write_overrides(tmp_path / "overrides.csv")
    insert_rows(marts_url, "intermediate.int_place_mentions_unioned", [
        mention_row("m1", "越众"), mention_row("m2", "越众村")])
    build_place_matches(marts_url, SHENZHEN, overrides)
    write_overrides(overrides, "never_merge,^越众$,^越众村$,,,")

    rerun = build_place_matches(marts_url, SHENZHEN, overrides)

    rows = dict(fetch(marts_url, "select place_mention_id, key_place_id "
                                 "from analytics.place_matches"))
    assert not rerun.is_skipped
    assert rows["m1"] != rows["m2"]


def test_bad_override_rule_named_in_chinese(marts_url, tmp_path):
    overrides = write_overrides(tmp_path / "overrides.csv", "merge,^越众$,,,,")

    with pytest.raises(OverrideFileError, match="第 2 行：规则 'merge' 无效"):
        build_place_matches(marts_url, SHENZHEN, overrides)


def test_copresence_written(marts_url, tmp_path):
    insert_rows(marts_url, "marts.cases", [
        case_row("1", onset="2020-02-01"), case_row("2", onset="2020-02-05")])
    insert_rows(marts_url, "intermediate.int_place_mentions_unioned", [
        mention_row("m1", "海岸城", case="test:1"), mention_row("m2", "海岸城", case="test:2")])
    insert_rows(marts_url, "marts.events", [
        {"event_id": "e1", "source_name": "test", "case_id": "test:1",
         "event_date": "2020-01-31", "event_type": "shopping", "place_mention_id": "m1"},
        {"event_id": "e2", "source_name": "test", "case_id": "test:2",
         "event_date": "2020-01-31", "event_type": "shopping", "place_mention_id": "m2"}])
    build_place_matches(marts_url, SHENZHEN, tmp_path / "none.csv")

    report = build_copresence(marts_url)

    rows = fetch(marts_url, "select case_id, candidate_case_id, is_same_day, rank, score "
                            "from marts.source_candidates order by score desc")
    assert report.row_counts["marts.source_candidates"] == 2
    assert [row[:4] for row in rows] == [("test:2", "test:1", True, 1),
                                         ("test:1", "test:2", True, 1)]
    assert rows[0][4] > rows[1][4]
