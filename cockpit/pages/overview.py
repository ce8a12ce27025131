"""总览: the day's new cases, cumulative cases, contacts under management, active chains and
key places, each against the day before."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from cockpit import components, data, data_chains, data_places, figures
from cockpit.filters import sidebar_filters
from cockpit.formatting import format_date, format_date_range
from cockpit.pages import run_entry_file

TITLE = "总览"


def main() -> None:
    st.title(TITLE)
    filters = sidebar_filters()
    if filters is None:
        return

    as_of = st.date_input(
        "统计日期", value=filters.end_date, min_value=filters.first_case_date,
        max_value=filters.last_case_date, key=f"overview_as_of_{filters.source_name}",
        format="YYYY/MM/DD", help="默认取日期范围的最后一天；指标与前一日比较。",
    )
    day_before = as_of - dt.timedelta(days=1)
    st.caption(f"截至 {format_date(as_of)}；变化均与前一日（{format_date(day_before)}）比较。")

    cases = data.case_counts(*filters.params, as_of)
    contacts = data.contact_counts(*filters.params, as_of)
    chains = data_chains.active_chain_counts(*filters.params, as_of)
    places = data_places.key_place_counts(*filters.params, filters.all_districts, as_of)

    columns = st.columns(3)
    with columns[0]:
        components.metric("新增病例", cases["count_new_cases"], cases["count_new_cases_before"])
    with columns[1]:
        components.metric("累计病例", cases["count_cumulative_cases"],
                          cases["count_cumulative_cases_before"],
                          help_text="数据起始日至统计日的全部病例。")
    with columns[2]:
        _optional_metric("活跃传播链", chains, "count_active_chains", "条",
                         "近 14 天内有新增病例的传播链（2 例及以上）。")
    columns = st.columns(3)
    with columns[0]:
        _optional_metric("在管密切接触者", contacts, "count_close_contacts", "人",
                         "隔离期未满（隔离结束日期不早于统计日）的密切接触者。")
    with columns[1]:
        _optional_metric("在管次密接", contacts, "count_secondary_contacts", "人",
                         "隔离期未满的次密切接触者。")
    with columns[2]:
        _optional_metric("重点场所", places, "count_key_places", "处",
                         "近 14 天内有病例提及的场所。")

    st.subheader("每日新增病例")
    daily = data.daily_cases(*filters.params, filters.start_date, filters.end_date)
    if daily.empty:
        components.empty(f"{format_date_range(filters.start_date, filters.end_date)}没有病例。")
        return
    figure = figures.epidemic_curve(daily, filters.district_names, "报告日期")
    components.chart(figure, key="overview_curve")


def _optional_metric(label: str, counts: dict[str, int], column: str, unit: str,
                     help_text: str) -> None:
    if not counts:
        st.metric(label, "暂无数据", help=f"{help_text}相关数据表尚未生成。", border=True)
        return
    components.metric(label, counts[column], counts[f"{column}_before"], unit, help_text)


if __name__ == "__main__":
    run_entry_file("overview")
