"""Plotly figure builders of the cockpit. Each takes DataFrames from cockpit.data* and returns a
figure; none reads the database or draws on the page."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go
from plotly.colors import qualitative, sample_colorscale

from cockpit.formatting import format_date

FONT_FAMILY = "'Microsoft YaHei', 'PingFang SC', 'WenQuanYi Micro Hei', 'Noto Sans CJK SC', sans-serif"
DATE_TICK_FORMAT = "%-m月%-d日"
DATE_HOVER_FORMAT = "%Y年%-m月%-d日"
PALETTE = qualitative.Plotly + qualitative.Safe
MOVING_AVERAGE_DAYS = 7
# Degrees of longitude per degree of latitude on screen, at Shenzhen's latitude (22.6° N).
MAP_ASPECT = math.cos(math.radians(22.6))


def district_colors(district_codes: list[str]) -> dict[str, str]:
    """A stable colour per district: by sorted code, so a district keeps its colour on every page."""
    return {code: PALETTE[index % len(PALETTE)]
            for index, code in enumerate(sorted(set(district_codes)))}


def _base_layout(figure: go.Figure, title: str | None = None, height: int = 420) -> go.Figure:
    figure.update_layout(
        title=title,
        height=height,
        font={"family": FONT_FAMILY},
        margin={"l": 40, "r": 20, "t": 50 if title else 20, "b": 40},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
        separators=".,",
    )
    return figure


def epidemic_curve(daily: pd.DataFrame, district_names: dict[str, str],
                   date_label: str) -> go.Figure:
    """Daily cases stacked by district, with the 7-day moving average of the total as a line.

    ``daily`` has day_date, district_code, count_cases; missing days count as zero.
    """
    figure = go.Figure()
    days = pd.date_range(daily["day_date"].min(), daily["day_date"].max(), freq="D")
    colors = district_colors(list(daily["district_code"]))
    for code, rows in daily.groupby("district_code", sort=True):
        name = district_names.get(code, code)
        figure.add_bar(
            x=pd.to_datetime(rows["day_date"]), y=rows["count_cases"], name=name,
            marker_color=colors[code],
            hovertemplate=f"{name}<br>%{{x|{DATE_HOVER_FORMAT}}}：%{{y:,}} 例<extra></extra>",
        )
    total = (daily.groupby("day_date")["count_cases"].sum()
             .rename(index=pd.Timestamp).reindex(days, fill_value=0))
    average = total.rolling(MOVING_AVERAGE_DAYS, min_periods=1).mean()
    figure.add_scatter(
        x=average.index, y=average.values, name=f"{MOVING_AVERAGE_DAYS}日移动平均",
        mode="lines", line={"color": "#222222", "width": 2},
        hovertemplate=f"%{{x|{DATE_HOVER_FORMAT}}} 7日均值：%{{y:.1f}} 例<extra></extra>",
    )
    figure.update_layout(barmode="stack", xaxis_title=date_label, yaxis_title="病例数（例）")
    figure.update_xaxes(tickformat=DATE_TICK_FORMAT, hoverformat=DATE_HOVER_FORMAT)
    return _base_layout(figure)


def _boundary_traces(figure: go.Figure, boundaries: dict[str, dict], fills: dict[str, str],
                     names: dict[str, str]) -> None:
    for code, feature in boundaries.items():
        for polygon in feature["geometry"]["coordinates"]:
            ring = polygon[0]
            figure.add_scatter(
                x=[point[0] for point in ring], y=[point[1] for point in ring],
                mode="lines", fill="toself", fillcolor=fills.get(code, "#f2f2f2"),
                line={"color": "#888888", "width": 1}, hoverinfo="skip",
                showlegend=False, name=names.get(code, code),
            )


def _map_layout(figure: go.Figure, height: int = 520) -> go.Figure:
    figure.update_xaxes(visible=False, scaleanchor="y", scaleratio=MAP_ASPECT)
    figure.update_yaxes(visible=False)
    figure.update_layout(plot_bgcolor="white", dragmode="pan")
    return _base_layout(figure, height=height)


def district_map(summary: pd.DataFrame, boundaries: dict[str, dict],
                 centroids: dict[str, tuple[float, float]], value_column: str,
                 value_label: str) -> go.Figure:
    """Districts filled by ``value_column`` (light to dark red), each labelled with its name and
    value at its centroid. Districts without a boundary are drawn as bubbles at their centroid."""
    values = summary.set_index("district_code")[value_column]
    names = dict(zip(summary["district_code"], summary["district_name"], strict=True))
    top = max(float(values.max()), 1.0) if not values.empty else 1.0
    fills = {code: sample_colorscale("Reds", [0.08 + 0.8 * float(value) / top])[0]
             for code, value in values.items()}

    figure = go.Figure()
    _boundary_traces(figure, boundaries, fills, names)
    located = [code for code in values.index if code in centroids]
    figure.add_scatter(
        x=[centroids[code][0] for code in located], y=[centroids[code][1] for code in located],
        mode="markers+text",
        text=[f"{names[code]}<br>{int(values[code]):,}" for code in located],
        textfont={"size": 11},
        marker={"size": [6 if code in boundaries else 8 + 30 * math.sqrt(values[code] / top)
                         for code in located],
                "color": ["rgba(0,0,0,0)" if code in boundaries else "#d62728"
                          for code in located]},
        hovertemplate=f"%{{text}} {value_label}<extra></extra>", showlegend=False,
    )
    return _map_layout(figure)


def key_place_map(ranking: pd.DataFrame, boundaries: dict[str, dict]) -> go.Figure:
    """Key places as bubbles (area by cases) over the district outlines."""
    figure = go.Figure()
    _boundary_traces(figure, boundaries, {}, {})
    placed = ranking.dropna(subset=["latitude", "longitude"])
    top = max(float(placed["count_cases"].max()), 1.0) if not placed.empty else 1.0
    figure.add_scatter(
        x=placed["longitude"], y=placed["latitude"], mode="markers",
        marker={"size": 6 + 24 * (placed["count_cases"] / top) ** 0.5, "color": "#d62728",
                "opacity": 0.7, "line": {"color": "white", "width": 1}},
        customdata=placed[["key_place_id"]].to_numpy(),
        text=placed["canonical_name"] + "：" + placed["count_cases"].map("{:,} 例".format),
        hovertemplate="%{text}<extra></extra>", showlegend=False,
    )
    return _map_layout(figure, height=480)


def place_timeline(timeline: pd.DataFrame) -> go.Figure:
    """Mentions of one key place per day."""
    daily = timeline.groupby("mention_date").size().rename("count_mentions").reset_index()
    figure = go.Figure(go.Bar(
        x=pd.to_datetime(daily["mention_date"]), y=daily["count_mentions"], marker_color="#d62728",
        hovertemplate=f"%{{x|{DATE_HOVER_FORMAT}}}：%{{y}} 次<extra></extra>",
    ))
    figure.update_xaxes(tickformat=DATE_TICK_FORMAT, title="日期")
    figure.update_yaxes(title="提及次数", dtick=1 if daily["count_mentions"].max() < 10 else None)
    return _base_layout(figure, height=300)


def _edge_trace(edges: pd.DataFrame, width: float = 1.0) -> go.Scatter:
    xs: list[float | None] = []
    ys: list[float | None] = []
    for row in edges.itertuples(index=False):
        xs += [row.x0, row.x1, None]
        ys += [row.y0, row.y1, None]
    return go.Scatter(x=xs, y=ys, mode="lines", hoverinfo="skip", showlegend=False,
                      line={"color": "#b0b0b0", "width": width})


def chain_network(placed: pd.DataFrame, edges: pd.DataFrame,
                  district_names: dict[str, str]) -> go.Figure:
    """One marker per case at (generation, spread), coloured by district; the case id is each
    point's customdata, so a click selects the case."""
    figure = go.Figure(_edge_trace(edges))
    colors = district_colors(list(placed["district_code"].fillna("other")))
    for code, rows in placed.groupby(placed["district_code"].fillna("other"), sort=True):
        hover = (rows["source_case_ref"].astype(str) + "<br>"
                 + rows["case_date"].map(format_date) + "<br>第 "
                 + rows["generation"].astype(str) + " 代")
        figure.add_scatter(
            x=rows["x"], y=rows["y"], mode="markers", name=district_names.get(code, code),
            marker={"size": 11, "color": colors[code], "line": {"color": "white", "width": 1}},
            customdata=rows[["case_id"]].to_numpy(), text=hover,
            hovertemplate="%{text}<extra></extra>",
        )
    return _network_layout(figure, placed)


def chain_group_network(groups: pd.DataFrame, edges: pd.DataFrame,
                        district_names: dict[str, str]) -> go.Figure:
    """One marker per generation × district, area by its number of cases; customdata is the
    group id (``generation|district_code``)."""
    top = max(float(edges["count_links"].max()), 1.0) if not edges.empty else 1.0
    figure = go.Figure([_edge_trace(part, width=1 + 5 * bucket / 4)
                        for bucket, part in edges.groupby(
                            (edges["count_links"] / top * 4).round().astype(int))])
    colors = district_colors(list(groups["district_code"].fillna("other")))
    largest = max(float(groups["count_cases"].max()), 1.0)
    for code, rows in groups.groupby(groups["district_code"].fillna("other"), sort=True):
        name = district_names.get(code, code)
        figure.add_scatter(
            x=rows["x"], y=rows["y"], mode="markers+text", name=name,
            marker={"size": 10 + 40 * (rows["count_cases"] / largest) ** 0.5,
                    "color": colors[code], "line": {"color": "white", "width": 1}},
            text=rows["count_cases"].map("{:,}".format), textposition="middle center",
            customdata=rows[["group_id"]].to_numpy(),
            hovertemplate=(f"{name}<br>第 %{{x}} 代：%{{text}} 例<br>点击查看病例<extra></extra>"),
        )
    return _network_layout(figure, groups)


def _network_layout(figure: go.Figure, nodes: pd.DataFrame) -> go.Figure:
    generations = int(nodes["x"].max()) + 1 if not nodes.empty else 1
    figure.update_xaxes(title="代际（第 0 代为无已知传染来源的病例）", dtick=1,
                        range=[-0.5, generations - 0.5], zeroline=False)
    figure.update_yaxes(visible=False)
    figure.update_layout(plot_bgcolor="white", clickmode="event+select", dragmode="pan")
    return _base_layout(figure, height=560)


def reconciliation_chart(compared: pd.DataFrame) -> go.Figure:
    """The city's official cumulative cases against the line list's, per report date."""
    city = compared[compared["district_code"] == "total"]
    figure = go.Figure()
    figure.add_scatter(x=pd.to_datetime(city["report_date"]), y=city["cumulative_cases"],
                       name="官方每日统计累计", mode="lines+markers")
    figure.add_scatter(x=pd.to_datetime(city["report_date"]), y=city["cumulative_line_list"],
                       name="病例清单累计", mode="lines+markers")
    figure.update_xaxes(tickformat=DATE_TICK_FORMAT, hoverformat=DATE_HOVER_FORMAT,
                        title="报告日期")
    figure.update_yaxes(title="累计病例（例）")
    return _base_layout(figure, height=360)
