"""Plotly figure builders of the cockpit. Each takes DataFrames from cockpit.data* and returns a
figure; none reads the database or draws on the page.

Traces and layouts are plain dicts, put together without plotly's validation
(:func:`_figure`): validating a stacked epidemic curve of 11 districts over two years costs
about 0.3 s on a 2-core machine, a third of a page's budget. tests/cockpit/test_figures.py
validates every builder's output instead.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.colors import qualitative, sample_colorscale

from cockpit.formatting import format_date

FONT_FAMILY = ("'Microsoft YaHei', 'PingFang SC', 'WenQuanYi Micro Hei', 'Noto Sans CJK SC', "
               "sans-serif")
DATE_TICK_FORMAT = "%-m月%-d日"
DATE_HOVER_FORMAT = "%Y年%-m月%-d日"
PALETTE = qualitative.Plotly + qualitative.Safe
MOVING_AVERAGE_DAYS = 7
DAY_MILLISECONDS = 86_400_000
# Degrees of longitude per degree of latitude on screen, at Shenzhen's latitude (22.6° N).
MAP_ASPECT = math.cos(math.radians(22.6))


def district_colors(district_codes: list[str]) -> dict[str, str]:
    """Assign each district a colour by sorted code, so it keeps the colour on every page."""
    return {code: PALETTE[index % len(PALETTE)]
            for index, code in enumerate(sorted(set(district_codes)))}


def _figure(traces: list[dict], layout: dict, height: int = 420) -> go.Figure:
    """Build a figure from trace and layout dicts, with the cockpit's font, margins and legend."""
    base = {
        "height": height,
        "font": {"family": FONT_FAMILY},
        "margin": {"l": 40, "r": 20, "t": 20, "b": 40},
        "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
        "separators": ".,",
    }
    # NOTE: _validate is plotly's own switch (used by plotly.express), not public API.
    return go.Figure(data=traces, layout={**base, **layout}, _validate=False)


def _dates(values) -> list[str]:
    return pd.to_datetime(pd.Series(values)).dt.strftime("%Y-%m-%d").tolist()


def _numbers(values) -> list:
    return np.asarray(values).tolist()


def epidemic_curve(daily: pd.DataFrame, district_names: dict[str, str],
                   date_label: str) -> go.Figure:
    """Plot daily cases stacked by district, with the 7-day moving average of the total.

    ``daily`` has day_date, district_code, count_cases; missing days count as zero.
    """
    traces = []
    colors = district_colors(list(daily["district_code"]))
    for code, rows in daily.groupby("district_code", sort=True):
        name = district_names.get(code, code)
        traces.append({
            "type": "bar", "x": _dates(rows["day_date"]), "y": _numbers(rows["count_cases"]),
            "name": name, "marker": {"color": colors[code]},
            "hovertemplate": f"{name}<br>%{{x|{DATE_HOVER_FORMAT}}}：%{{y:,}} 例<extra></extra>",
        })
    days = pd.date_range(daily["day_date"].min(), daily["day_date"].max(), freq="D")
    total = (daily.groupby("day_date")["count_cases"].sum()
             .rename(index=pd.Timestamp).reindex(days, fill_value=0))
    average = total.rolling(MOVING_AVERAGE_DAYS, min_periods=1).mean()
    traces.append({
        "type": "scatter", "mode": "lines", "x": _dates(average.index),
        "y": _numbers(average.round(2)), "name": f"{MOVING_AVERAGE_DAYS}日移动平均",
        "line": {"color": "#222222", "width": 2},
        "hovertemplate": f"%{{x|{DATE_HOVER_FORMAT}}} 7日均值：%{{y:.1f}} 例<extra></extra>",
    })
    return _figure(traces, {
        "barmode": "stack",
        "xaxis": {"title": {"text": date_label}, "tickformat": DATE_TICK_FORMAT,
                  "hoverformat": DATE_HOVER_FORMAT, "type": "date"},
        "yaxis": {"title": {"text": "病例数（例）"}},
    })


def _boundary_traces(boundaries: dict[str, dict], fills: dict[str, str]) -> list[dict]:
    traces = []
    for code, feature in boundaries.items():
        for polygon in feature["geometry"]["coordinates"]:
            ring = polygon[0]
            traces.append({
                "type": "scatter", "mode": "lines", "fill": "toself",
                "x": [point[0] for point in ring], "y": [point[1] for point in ring],
                "fillcolor": fills.get(code, "#f2f2f2"),
                "line": {"color": "#888888", "width": 1},
                "hoverinfo": "skip", "showlegend": False,
            })
    return traces


def _map_layout() -> dict:
    return {
        "xaxis": {"visible": False, "scaleanchor": "y", "scaleratio": MAP_ASPECT},
        "yaxis": {"visible": False},
        "plot_bgcolor": "white",
        "dragmode": "pan",
    }


def district_map(summary: pd.DataFrame, boundaries: dict[str, dict],
                 centroids: dict[str, tuple[float, float]], value_column: str,
                 value_label: str) -> go.Figure:
    """Fill each district by ``value_column`` (light to dark red) and label it with its name and
    value at its centroid. A district without a boundary becomes a bubble at its centroid."""
    values = summary.set_index("district_code")[value_column]
    names = dict(zip(summary["district_code"], summary["district_name"], strict=True))
    top = max(float(values.max()), 1.0) if not values.empty else 1.0
    fills = {code: sample_colorscale("Reds", [0.08 + 0.8 * float(value) / top])[0]
             for code, value in values.items()}
    located = [code for code in values.index if code in centroids]
    bubbles = {
        "type": "scatter", "mode": "markers",
        "x": [centroids[code][0] for code in located],
        "y": [centroids[code][1] for code in located],
        "text": [f"{names[code]}：{int(values[code]):,}" for code in located],
        "marker": {
            "size": [6 if code in boundaries else 8 + 30 * math.sqrt(values[code] / top)
                     for code in located],
            "color": ["rgba(0,0,0,0)" if code in boundaries else "#d62728" for code in located],
        },
        "hovertemplate": f"%{{text}} {value_label}<extra></extra>", "showlegend": False,
    }
    # Annotations, unlike scatter text, have a background, so labels stay legible on dark fills.
    labels = [{"x": centroids[code][0], "y": centroids[code][1], "showarrow": False,
               "text": f"{names[code]}<br>{int(values[code]):,}", "font": {"size": 11},
               "bgcolor": "rgba(255,255,255,0.75)", "borderpad": 2}
              for code in located]
    return _figure([*_boundary_traces(boundaries, fills), bubbles],
                   {**_map_layout(), "annotations": labels}, height=520)


def key_place_map(ranking: pd.DataFrame, boundaries: dict[str, dict]) -> go.Figure:
    """Draw key places as bubbles (area by cases) over the district outlines."""
    placed = ranking.dropna(subset=["latitude", "longitude"])
    top = max(float(placed["count_cases"].max()), 1.0) if not placed.empty else 1.0
    bubbles = {
        "type": "scatter", "mode": "markers",
        "x": _numbers(placed["longitude"]), "y": _numbers(placed["latitude"]),
        "marker": {"size": _numbers(6 + 24 * (placed["count_cases"] / top) ** 0.5),
                   "color": "#d62728", "opacity": 0.7, "line": {"color": "white", "width": 1}},
        "customdata": [[place_id] for place_id in placed["key_place_id"]],
        "text": (placed["canonical_name"] + "：" + placed["count_cases"].map("{:,} 例".format))
        .tolist(),
        "hovertemplate": "%{text}<extra></extra>", "showlegend": False,
    }
    return _figure([*_boundary_traces(boundaries, {}), bubbles], _map_layout(), height=480)


def place_timeline(timeline: pd.DataFrame) -> go.Figure:
    """Plot the mentions of one key place per day."""
    daily = timeline.groupby("mention_date").size().rename("count_mentions").reset_index()
    bars = {
        "type": "bar", "x": _dates(daily["mention_date"]),
        "y": _numbers(daily["count_mentions"]), "marker": {"color": "#d62728"},
        "hovertemplate": f"%{{x|{DATE_HOVER_FORMAT}}}：%{{y}} 次<extra></extra>",
    }
    yaxis = {"title": {"text": "提及次数"}}
    if daily["count_mentions"].max() < 10:
        yaxis["dtick"] = 1
    xaxis = {"title": {"text": "日期"}, "tickformat": DATE_TICK_FORMAT, "type": "date"}
    span = pd.to_datetime(daily["mention_date"]).agg(["min", "max"])
    if (span["max"] - span["min"]).days < 14:
        # Plotly would tick a short span every 12 hours, writing each date twice.
        xaxis["dtick"] = DAY_MILLISECONDS
    return _figure([bars], {"xaxis": xaxis, "yaxis": yaxis}, height=300)


def _edge_trace(edges: pd.DataFrame, width: float = 1.0) -> dict:
    xs: list[float | None] = []
    ys: list[float | None] = []
    for row in edges.itertuples(index=False):
        xs += [float(row.x0), float(row.x1), None]
        ys += [float(row.y0), float(row.y1), None]
    return {"type": "scatter", "mode": "lines", "x": xs, "y": ys, "hoverinfo": "skip",
            "showlegend": False, "line": {"color": "#b0b0b0", "width": width}}


def chain_network(placed: pd.DataFrame, edges: pd.DataFrame,
                  district_names: dict[str, str]) -> go.Figure:
    """Draw one marker per case at (generation, spread), coloured by district. Each point's
    customdata is its case id, so a click selects the case."""
    traces = [_edge_trace(edges)]
    districts = placed["district_code"].fillna("other")
    colors = district_colors(list(districts))
    for code, rows in placed.groupby(districts, sort=True):
        hover = (rows["source_case_ref"].astype(str) + "<br>"
                 + rows["case_date"].map(format_date) + "<br>第 "
                 + rows["generation"].astype(str) + " 代")
        traces.append({
            "type": "scatter", "mode": "markers", "name": district_names.get(code, code),
            "x": _numbers(rows["x"]), "y": _numbers(rows["y"]),
            "marker": {"size": 11, "color": colors[code],
                       "line": {"color": "white", "width": 1}},
            "customdata": [[case_id] for case_id in rows["case_id"]],
            "text": hover.tolist(), "hovertemplate": "%{text}<extra></extra>",
        })
    return _figure(traces, _network_layout(placed), height=560)


def chain_group_network(groups: pd.DataFrame, edges: pd.DataFrame,
                        district_names: dict[str, str]) -> go.Figure:
    """Draw one marker per generation × district, its area by its number of cases. Each
    point's customdata is the group id (``generation|district_code``)."""
    top = max(float(edges["count_links"].max()), 1.0) if not edges.empty else 1.0
    buckets = (edges["count_links"] / top * 4).round().astype(int)
    traces = [_edge_trace(part, width=1 + 5 * bucket / 4)
              for bucket, part in edges.groupby(buckets)]
    districts = groups["district_code"].fillna("other")
    colors = district_colors(list(districts))
    largest = max(float(groups["count_cases"].max()), 1.0)
    for code, rows in groups.groupby(districts, sort=True):
        name = district_names.get(code, code)
        traces.append({
            "type": "scatter", "mode": "markers+text", "name": name,
            "x": _numbers(rows["x"]), "y": _numbers(rows["y"]),
            "marker": {"size": _numbers(10 + 40 * (rows["count_cases"] / largest) ** 0.5),
                       "color": colors[code], "line": {"color": "white", "width": 1}},
            "text": rows["count_cases"].map("{:,}".format).tolist(),
            "textposition": "middle center",
            "customdata": [[group_id] for group_id in rows["group_id"]],
            "hovertemplate": f"{name}<br>第 %{{x}} 代：%{{text}} 例<br>点击查看病例<extra></extra>",
        })
    return _figure(traces, _network_layout(groups), height=560)


def _network_layout(nodes: pd.DataFrame) -> dict:
    generations = int(nodes["x"].max()) + 1 if not nodes.empty else 1
    return {
        "xaxis": {"title": {"text": "代际（第 0 代为无已知传染来源的病例）"}, "dtick": 1,
                  "range": [-0.5, generations - 0.5], "zeroline": False},
        "yaxis": {"visible": False},
        "plot_bgcolor": "white",
        "clickmode": "event+select",
        "dragmode": "pan",
    }


def reconciliation_chart(compared: pd.DataFrame) -> go.Figure:
    """Plot the city's official cumulative cases against the line list's, per report date."""
    city = compared[compared["district_code"] == "total"]
    traces = [
        {"type": "scatter", "mode": "lines+markers", "name": "官方每日统计累计",
         "x": _dates(city["report_date"]), "y": _numbers(city["cumulative_cases"])},
        {"type": "scatter", "mode": "lines+markers", "name": "病例清单累计",
         "x": _dates(city["report_date"]), "y": _numbers(city["cumulative_line_list"])},
    ]
    return _figure(traces, {
        "xaxis": {"title": {"text": "报告日期"}, "tickformat": DATE_TICK_FORMAT,
                  "hoverformat": DATE_HOVER_FORMAT, "type": "date"},
        "yaxis": {"title": {"text": "累计病例（例）"}},
    }, height=360)
