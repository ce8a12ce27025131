"""疫情曲线: daily cases by onset date and by report date, stacked by district, with the
7-day moving average."""

from __future__ import annotations

import streamlit as st

from cockpit import components, data, figures
from cockpit.filters import sidebar_filters
from cockpit.formatting import format_count, format_date_range
from cockpit.pages import run_entry_file

TITLE = "疫情曲线"
BASES = {"onset": ("按发病日期", "发病日期"), "report": ("按报告日期", "报告日期")}


def main() -> None:
    st.title(TITLE)
    filters = sidebar_filters()
    if filters is None:
        return
    window = format_date_range(filters.start_date, filters.end_date)

    for tab, (basis, (tab_label, date_label)) in zip(st.tabs([label for label, _ in BASES.values()]),
                                                      BASES.items(), strict=True):
        with tab:
            daily = data.daily_cases(*filters.params, filters.start_date, filters.end_date,
                                     basis)
            if daily.empty:
                components.empty(f"{window}没有{date_label}在范围内的病例"
                                 + ("（该数据源可能未提供发病日期）。" if basis == "onset" else "。"))
                continue
            st.caption(f"{window}，共 {format_count(daily['count_cases'].sum())}；"
                       f"柱为各行政区每日病例，线为全部所选行政区的 7 日移动平均。")
            figure = figures.epidemic_curve(daily, filters.district_names, date_label)
            components.chart(figure, key=f"curve_{basis}")
            by_day = (daily.pivot_table(index="day_date", columns="district_code",
                                        values="count_cases", aggfunc="sum", fill_value=0)
                      .rename(columns=filters.district_name))
            by_day.insert(0, "合计", by_day.sum(axis=1))
            by_day = by_day.reset_index().rename(columns={"day_date": date_label})
            with st.expander("每日数据表"):
                components.table(by_day, list(by_day.columns), f"疫情曲线_{tab_label}",
                                 key=f"curve_table_{basis}")


if __name__ == "__main__":
    run_entry_file("curve")
