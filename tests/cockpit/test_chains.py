"""Chains from links, the layout by generation and the aggregation of large chains."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from cockpit.chains import (
    aggregate_groups,
    case_edges,
    chains_from_links,
    group_edges,
    layout_cases,
)


def _links(pairs):
    return pd.DataFrame(pairs, columns=["infector_case_id", "infectee_case_id"])


def test_chains_from_links_generations():
    members = chains_from_links(_links([("a", "b"), ("b", "c"), ("a", "d"), ("x", "y")]))
    generation = dict(zip(members["case_id"], members["generation"], strict=True))
    chain = dict(zip(members["case_id"], members["chain_id"], strict=True))
    assert generation == {"a": 0, "b": 1, "c": 2, "d": 1, "x": 0, "y": 1}
    assert chain["c"] == "a"
    assert chain["y"] == "x"


def test_chains_from_links_cycle_has_root():
    members = chains_from_links(_links([("b", "c"), ("c", "b")]))
    assert sorted(members["generation"]) == [0, 1]


def test_chains_from_links_ignores_self_link():
    members = chains_from_links(_links([("a", "a"), ("a", "b")]))
    assert dict(zip(members["case_id"], members["generation"], strict=True)) == {"a": 0, "b": 1}


def _members(count: int) -> pd.DataFrame:
    return pd.DataFrame({
        "case_id": [f"c{number}" for number in range(count)],
        "generation": [0 if number == 0 else 1 + number % 3 for number in range(count)],
        "district_code": ["440303" if number % 2 else "440304" for number in range(count)],
        "case_date": [dt.date(2020, 2, 1)] * count,
    })


def test_layout_cases_centres_each_generation():
    placed = layout_cases(_members(7))
    for _, rows in placed.groupby("generation"):
        assert rows["y"].sum() == 0
    assert list(placed["x"]) == sorted(placed["x"])


def test_case_edges_skip_unplaced_cases():
    placed = layout_cases(_members(3))
    edges = case_edges(placed, _links([("c0", "c1"), ("c0", "missing")]))
    assert len(edges) == 1


def test_aggregate_groups_counts_cases():
    members = _members(5_000)
    groups = aggregate_groups(members)
    assert groups["count_cases"].sum() == 5_000
    # Generation 0 has one case, and generations 1 to 3 have cases of both districts.
    assert len(groups) == 7
    links = _links([("c0", f"c{number}") for number in range(1, 5_000)])
    edges = group_edges(members, links, groups)
    assert edges["count_links"].sum() == 4_999
