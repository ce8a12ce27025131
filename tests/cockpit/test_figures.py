"""Every figure builder's output passes plotly's validation (the builders skip it for speed)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.graph_objects as go
import pytest

from cockpit import chains, figures, geo

DAYS = [dt.date(2020, 2, 1), dt.date(2020, 2, 2), dt.date(2020, 2, 4)]
NAMES = {"440303": "罗湖区", "440304": "福田区"}


def _validated(figure: go.Figure) -> go.Figure:
    return go.Figure(figure.to_dict())


def _members() -> pd.DataFrame:
    return pd.DataFrame({"case_id": ["a", "b", "c"], "source_case_ref": ["A", "B", "C"],
                         "generation": [0, 1, 1], "district_code": ["440303", "440304", None],
                         "case_date": DAYS})


def _links() -> pd.DataFrame:
    return pd.DataFrame({"infector_case_id": ["a", "a"], "infectee_case_id": ["b", "c"]})


def test_epidemic_curve_fills_missing_days():
    daily = pd.DataFrame({"day_date": DAYS, "district_code": ["440303", "440304", "440303"],
                          "count_cases": [2, 1, 4]})
    figure = _validated(figures.epidemic_curve(daily, NAMES, "报告日期"))
    average = figure.data[-1]
    assert average.name == "7日移动平均"
    assert len(average.x) == 4
    assert [trace.name for trace in figure.data[:-1]] == ["罗湖区", "福田区"]


def test_district_map_validates():
    summary = pd.DataFrame({"district_code": ["440303", "other"],
                            "district_name": ["罗湖区", "其他地区"], "count_cases": [5, 1]})
    boundaries = {"440303": geo.district_boundaries()["440303"]}
    centroids = {"440303": geo.centroid(boundaries["440303"]), "other": (114.5, 22.4)}
    figure = _validated(figures.district_map(summary, boundaries, centroids, "count_cases",
                                             "病例数"))
    assert figure.data[-1].text == ("罗湖区：5", "其他地区：1")
    assert [label.text for label in figure.layout.annotations] == ["罗湖区<br>5", "其他地区<br>1"]


def test_shipped_boundaries_cover_shenzhen():
    boundaries = geo.district_boundaries()
    assert len(boundaries) == 10
    longitude, latitude = geo.centroid(boundaries["440399"])
    assert 114.3 < longitude < 114.6
    assert 22.4 < latitude < 22.7


def test_key_place_map_and_timeline_validate():
    ranking = pd.DataFrame({"key_place_id": ["p1", "p2"], "canonical_name": ["甲", "乙"],
                            "latitude": [22.55, None], "longitude": [114.05, None],
                            "count_cases": [3, 1]})
    _validated(figures.key_place_map(ranking, {}))
    timeline = pd.DataFrame({"mention_date": DAYS})
    _validated(figures.place_timeline(timeline))


@pytest.mark.parametrize("aggregated", [False, True])
def test_chain_networks_validate(aggregated):
    members, links = _members(), _links()
    if aggregated:
        groups = chains.aggregate_groups(members)
        figure = figures.chain_group_network(groups, chains.group_edges(members, links, groups),
                                             NAMES)
    else:
        placed = chains.layout_cases(members)
        figure = figures.chain_network(placed, chains.case_edges(placed, links), NAMES)
    _validated(figure)


def test_reconciliation_chart_validates():
    compared = pd.DataFrame({"report_date": DAYS, "district_code": ["total"] * 3,
                             "cumulative_cases": [1, 2, 3], "cumulative_line_list": [1, 2, 2]})
    _validated(figures.reconciliation_chart(compared))
