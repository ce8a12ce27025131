"""重点场所: key places ranked by cases and recent cases, their map and one place's timeline."""

from __future__ import annotations

import streamlit as st

from cockpit import components, data_places, figures, geo
from cockpit.filters import sidebar_filters
from cockpit.formatting import format_count, format_date, format_date_range
from cockpit.pages import run_entry_file

TITLE = "重点场所"
RANKING_LIMIT = 100
RANKING_COLUMNS = ["canonical_name", "district_name", "count_cases", "count_mentions",
                   "count_cases_last_14_days", "first_mention_date", "last_mention_date"]
TIMELINE_COLUMNS = ["mention_date", "source_case_ref", "place_name"]


def main() -> None:
    st.title(TITLE)
    filters = sidebar_filters()
    if filters is None:
        return
    if not data_places.has_place_marts(filters.url):
        components.empty("重点场所数据表（marts.key_places、marts.key_place_visits）尚未生成。")
        return

    window = format_date_range(filters.start_date, filters.end_date)
    ranking = data_places.key_place_ranking(*filters.params, filters.all_districts,
                                            filters.start_date, filters.end_date,
                                            RANKING_LIMIT)
    if ranking.empty:
        components.empty(f"{window}所选行政区没有病例提及的重点场所。")
        return
    ranking["district_name"] = ranking["district_code"].map(filters.district_name)
    st.caption(f"{window}病例提及的场所，按涉及病例数、再按近 14 天（截至 "
               f"{format_date(filters.end_date)}）涉及病例数排序，列出前 {len(ranking)} 处。")

    map_column, ranking_column = st.columns([2, 3])
    with map_column:
        _show_map(ranking)
    with ranking_column:
        event = components.table(ranking, RANKING_COLUMNS, "重点场所排名", key="places_ranking",
                                 height=480, on_select="rerun")

    rows = event.selection.rows if event else []
    place = ranking.iloc[rows[0] if rows else 0]
    st.subheader(f"场所时间线：{place['canonical_name']}")
    if not rows:
        st.caption("默认显示排名第一的场所；在表格中选择一行可切换。")
    timeline = data_places.key_place_timeline(filters.url, filters.source_name,
                                              place["key_place_id"], filters.start_date,
                                              filters.end_date)
    if timeline.empty:
        components.empty(f"{window}没有该场所的提及记录。")
        return
    components.chart(figures.place_timeline(timeline), key="places_timeline")
    components.table(timeline, TIMELINE_COLUMNS, "场所时间线", key="places_timeline_table")


def _show_map(ranking) -> None:
    located = ranking.dropna(subset=["latitude", "longitude"])
    if located.empty:
        components.empty("这些场所没有经纬度，无法在地图上显示。")
        return
    boundaries = geo.district_boundaries()
    shown = {code: feature for code, feature in boundaries.items()
             if code in set(ranking["district_code"])}
    components.chart(figures.key_place_map(located, shown), key="places_map")
    st.caption(f"气泡大小为涉及病例数；{format_count(len(located), '处')}有经纬度。"
               "底图为随项目发布的行政区简化边界，不加载在线地图。")


if __name__ == "__main__":
    run_entry_file("key_places")
