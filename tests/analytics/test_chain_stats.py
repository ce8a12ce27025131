"""Chain statistics: serial intervals, offspring, reproduction number, super-spreaders."""

import numpy as np
import pytest

from orchestration.analytics.chain_stats import (
    StatisticsSettings,
    chain_statistics,
    normal_intervals,
    serial_intervals,
    super_spreaders,
)
from orchestration.analytics.chains import build_chains
from tests.analytics.conftest import case_row, link_row
from tests.analytics.test_chains import cases_frame, links_frame

# Case 1 infects 2, 3, 4 and 5; case 2 infects 6. Case 7 has no onset date.
CASES = cases_frame(
    case_row("1", onset="2020-01-10"), case_row("2", onset="2020-01-12"),
    case_row("3", onset="2020-01-14"), case_row("4", onset="2020-01-16"),
    case_row("5", onset="2020-01-09"), case_row("6", onset="2020-01-20"),
    case_row("7"), case_row("8", onset="2020-01-01"),
)
LINKS = links_frame(
    link_row("1", "1", "2"), link_row("2", "1", "3"), link_row("3", "1", "4"),
    link_row("4", "1", "5"), link_row("5", "2", "6"), link_row("6", "1", "7"),
)


@pytest.fixture
def built():
    result = build_chains(LINKS, CASES)
    intervals = serial_intervals(result.graph_links)
    return result, intervals


def statistic(frame, name, parameter=None):
    rows = frame[frame["statistic"] == name]
    if parameter is not None:
        rows = rows[rows["parameter"] == parameter]
    assert len(rows) == 1, name
    return rows.iloc[0]


def test_serial_intervals_need_both_onsets(built):
    _, intervals = built

    assert sorted(intervals["serial_interval_days"]) == [-1, 2, 4, 6, 8]
    assert "test:7" not in set(intervals["infectee_case_id"])


def test_serial_interval_mean_median_sd(built):
    result, intervals = built

    stats = chain_statistics(intervals, result.chain_members, CASES, StatisticsSettings())

    mean = statistic(stats, "serial_interval_mean")
    assert mean["value"] == pytest.approx(3.8)
    assert mean["ci_lower"] < 3.8 < mean["ci_upper"]
    assert mean["count_observations"] == 5
    assert statistic(stats, "serial_interval_median")["value"] == 4
    assert statistic(stats, "serial_interval_sd")["value"] == pytest.approx(
        np.std([-1, 2, 4, 6, 8], ddof=1))


def test_bootstrap_is_reproducible(built):
    result, intervals = built

    first = chain_statistics(intervals, result.chain_members, CASES, StatisticsSettings())
    second = chain_statistics(intervals, result.chain_members, CASES, StatisticsSettings())

    assert first.equals(second)


def test_offspring_distribution_counts_all_cases(built):
    result, intervals = built

    stats = chain_statistics(intervals, result.chain_members, CASES, StatisticsSettings())

    assert statistic(stats, "offspring_distribution", 0)["value"] == 6
    assert statistic(stats, "offspring_distribution", 1)["value"] == 1
    assert statistic(stats, "offspring_distribution", 5)["value"] == 1
    assert statistic(stats, "offspring_mean", None)["value"] == pytest.approx(6 / 8)


def test_reproduction_number_by_generation(built):
    result, intervals = built

    stats = chain_statistics(intervals, result.chain_members, CASES, StatisticsSettings())

    assert statistic(stats, "reproduction_number", 0)["value"] == 5
    assert statistic(stats, "reproduction_number", 1)["value"] == pytest.approx(1 / 5)


def test_super_spreader_threshold(built):
    result, intervals = built

    at_five = super_spreaders(result.chain_members, CASES, min_offspring=5)
    at_six = super_spreaders(result.chain_members, CASES, min_offspring=6)
    stats = chain_statistics(intervals, result.chain_members, CASES,
                             StatisticsSettings(min_offspring=5))

    assert at_five["case_id"].tolist() == ["test:1"]
    assert at_five["offspring_count"].tolist() == [5]
    assert at_six.empty
    assert statistic(stats, "count_super_spreaders", 5)["value"] == 1


def test_normal_intervals_for_large_samples():
    values = np.random.default_rng(1).normal(6.0, 4.0, 200_000)

    intervals = normal_intervals(values)

    assert intervals["mean"][0] < 6.0 < intervals["mean"][1]
    assert intervals["median"][0] < 6.0 < intervals["median"][1]
    assert intervals["sd"][0] < 4.0 < intervals["sd"][1]
