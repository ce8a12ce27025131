"""The analytics assets and checks materialised by Dagster on a small database."""

import dagster as dg
import pytest

from orchestration.analytics.assets import analytics_assets
from orchestration.analytics.checks import analytics_checks, check_result, UNACCOUNTED_LINKS_SQL
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


def test_second_run_skips_unchanged_inputs(small_marts):
    materialize(small_marts)

    second = materialize(small_marts)

    materializations = second.asset_materializations_for_node("transmission_chains")
    assert materializations
    assert all(event.metadata["is_skipped"].value for event in materializations)


def test_config_forces_rebuild(small_marts):
    materialize(small_marts)

    forced = materialize(small_marts, {"ops": {"transmission_chains": {"config": {
        "force": True}}}})

    materializations = forced.asset_materializations_for_node("transmission_chains")
    assert not any(event.metadata["is_skipped"].value for event in materializations)


def test_unaccounted_link_fails_check(small_marts):
    materialize(small_marts)
    insert_rows(small_marts, "marts.transmission_links", [link_row("9", "1", "3")])

    result = check_result(small_marts, UNACCOUNTED_LINKS_SQL, "unaccounted_links")

    assert not result.passed
    assert result.metadata["first_ids"].value == "test:9"
