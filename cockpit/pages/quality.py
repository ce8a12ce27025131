"""数据质量: rejected rows by source and reason, problem links, and the line list reconciled
with the official daily summary."""

from __future__ import annotations

import streamlit as st

from cockpit import components, data_quality, figures
from cockpit.filters import sidebar_filters
from cockpit.formatting import format_count, format_date_range
from cockpit.labels import source_label
from cockpit.pages import run_entry_file

TITLE = "数据质量"


def main() -> None:
    st.title(TITLE)
    filters = sidebar_filters()
    if filters is None:
        return
    _rejected_rows(filters)
    _link_issues(filters)
    _reconciliation(filters)


def _rejected_rows(filters) -> None:
    st.subheader("拒收记录")
    st.caption("导入时未通过校验的源数据行，按数据类别和原因统计；不受日期和行政区筛选影响。"
               "原因中的身份证号和手机号已脱敏。")
    summary = data_quality.rejected_summary(filters.url, filters.source_name)
    if summary.empty:
        components.empty(f"数据源 {source_label(filters.source_name)} 没有拒收记录。")
        return
    st.metric("拒收行数", format_count(int(summary["count_rows"].sum()), "行"))
    components.table(summary, ["entity", "count_rows", "reason"],
                     "拒收原因统计", key="quality_rejected_summary")
    with st.expander("拒收记录明细（前 1,000 行）"):
        rows = data_quality.rejected_rows(filters.url, filters.source_name)
        components.table(rows, ["source_file", "line_number", "entity", "reason"],
                         "拒收记录明细", key="quality_rejected_rows")


def _link_issues(filters) -> None:
    st.subheader("问题传播关系")
    origin, issues = data_quality.link_issues(filters.url, filters.source_name)
    if origin == "none":
        components.empty("数据库中还没有传播关系数据。")
        return
    if origin == "dangling":
        st.caption("传播链分析的问题清单（marts.link_issues）尚未生成；下面列出一端病例不在"
                   "病例清单中的传播关系。")
    if issues.empty:
        components.empty("没有发现问题传播关系。")
        return
    if origin == "link_issues":
        counts = issues.groupby("kind").size().rename("count_links").reset_index()
        components.table(counts, ["kind", "count_links"], "问题传播关系统计",
                         key="quality_link_issue_counts")
    components.table(issues, list(issues.columns), "问题传播关系", key="quality_link_issues")


def _reconciliation(filters) -> None:
    st.subheader("与官方每日统计核对")
    compared = data_quality.reconciliation(*filters.params, filters.start_date,
                                           filters.end_date)
    if compared.empty:
        components.empty(f"数据源 {source_label(filters.source_name)} 在"
                         f"{format_date_range(filters.start_date, filters.end_date)}没有官方每日统计。")
        return
    compared = compared.assign(district_name=compared["district_code"].map(
        lambda code: "全市" if code == "total" else filters.district_name(code)))
    mismatched = compared[compared["difference"] != 0]
    st.caption("病例清单累计 = 截至当日按报告日期累计的病例数；差值 = 病例清单累计 − 官方累计。"
               f"共 {len(compared):,} 个日期 × 行政区，其中 {len(mismatched):,} 个不一致。")
    if (compared["district_code"] == "total").any():
        components.chart(figures.reconciliation_chart(compared), key="quality_reconciliation")
    only_mismatched = st.toggle("只看不一致的行", value=True, key="quality_only_mismatched")
    components.table(mismatched if only_mismatched else compared,
                     ["report_date", "district_name", "cumulative_cases", "cumulative_line_list",
                      "difference"], "官方统计核对", key="quality_reconciliation_table")


if __name__ == "__main__":
    run_entry_file("quality")
