"""The analytics assets and checks materialised by Dagster on a small database."""

import dagster as dg
import pytest

from orchestration.analytics.assets import analytics_assets
from orchestration.analytics.checks import UNACCOUNTED_LINKS_SQL, analytics_checks, check_result
from orchestration.resources import DatabaseResource
from tests.analytics.conftest import case_row, fetch, insert_rows, link_row
from tests.analytics.test_build import mention_row


@pytest.fixture
def small_marts(marts_url):
    insert_rows(marts_url, "marts.cases", [
        case_row("1", onset="2020-01-01"), case_row("2", onset="2020-01-05"),
        case_row("3", onset="2020-01-07")])
    insert_rows(marts_url, "marts.transmission_links", [
        link_row("1", "1", "2"), link_row("2", "2", "3"), link_row("3", "3", "1"),
        link_row("4", "2", "2")])
    insert_rows(marts_url, "intermediate.int_place_mentions_unioned", [
        mention_row("m1", "海岸城", case="test:1"), mention_row("m2", "海岸城购物中心",
                                                                 case="test:2")])
    insert_rows(marts_url, "marts.events", [
        {"event_id": "e1", "source_name": "test", "case_id": "test:1",
         "event_date": "2020-01-01", "event_type": "shopping", "place_mention_id": "m1"}])
    return marts_url


def materialize(url: str, run_config: dict | None = None) -> dg.ExecuteInProcessResult:
    return dg.materialize(
        [*analytics_assets, *analytics_checks],
        resources={"database": DatabaseResource(url_override=url)},
        run_config=run_config,
        raise_on_error=False,
    )


def check_outcomes(result: dg.ExecuteInProcessResult) -> dict[str, bool]:
    return {evaluation.check_name: evaluation.passed
            for evaluation in result.get_asset_check_evaluations()}


def test_assets_materialize_and_checks_pass(small_marts):
    result = materialize(small_marts)

    assert result.success
    assert check_outcomes(result) == {
        "every_link_accounted_for": True, "every_chain_has_one_root": True,
        "no_case_in_two_chains": True, "every_mention_matched": True,
        "no_self_candidates": True}
    assert fetch(small_marts, "select kind, action from marts.link_issues order by kind") == [
        ("cycle", "broken_by_onset_rule"), ("self_link", "dropped_from_graph")]


def test_rerun_skips_unless_forced(small_marts):
    materialize(small_marts)

    second = materialize(small_marts)
    forced = materialize(small_marts, {"ops": {"transmission_chains": {"config": {
        "force": True}}}})

    skipped = second.asset_materializations_for_node("transmission_chains")
    rebuilt = forced.asset_materializations_for_node("transmission_chains")
    assert skipped
    assert all(event.metadata["is_skipped"].value for event in skipped)
    assert not any(event.metadata["is_skipped"].value for event in rebuilt)


def test_unaccounted_link_fails_check(small_marts):
    materialize(small_marts)
    insert_rows(small_marts, "marts.transmission_links", [link_row("9", "1", "3")])

    result = check_result(small_marts, UNACCOUNTED_LINKS_SQL, "unaccounted_links")

    assert not result.passed
    assert result.metadata["first_ids"].value == "test:9"


def test_dbt_keys_match_dagster_dbt():
    from dagster_dbt import get_asset_key_for_model, get_asset_key_for_source

    from orchestration.analytics import assets
    from orchestration.transform.assets import partitioned_marts, whole_table_models

    assert assets.CASES_KEY == get_asset_key_for_model([partitioned_marts], "cases")
    assert assets.EVENTS_KEY == get_asset_key_for_model([partitioned_marts], "events")
    for key, model in ((assets.TRANSMISSION_LINKS_KEY, "transmission_links"),
                       (assets.CLOSE_CONTACTS_KEY, "close_contacts"),
                       (assets.DISTRICTS_KEY, "districts"),
                       (assets.SUBDISTRICTS_KEY, "stg_raw__jurisdiction_subdistricts"),
                       (assets.PLACE_MENTIONS_UNIONED_KEY, "int_place_mentions_unioned")):
        assert key == get_asset_key_for_model([whole_table_models], model)
    assert assets.PLACE_MATCHES_KEY == get_asset_key_for_source([whole_table_models],
                                                                "analytics")


def test_analytics_job_rebuilds_key_place_marts():
    from orchestration.definitions import defs

    selected = defs.resolve_job_def("analytics_job").asset_layer.selected_asset_keys

    assert dg.AssetKey(["marts", "key_places"]) in selected
    assert dg.AssetKey(["marts", "place_mentions"]) in selected
    assert dg.AssetKey(["marts", "transmission_links"]) not in selected
