"""传播链: one chain's network laid out by generation; clicking a case shows it.

A chain larger than chains.MAX_DRAWN_CASES is drawn as generation × district nodes, and the
cases of a clicked node are listed page by page.
"""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import streamlit as st

from cockpit import chains, components, data_chains, figures
from cockpit.filters import Filters, sidebar_filters
from cockpit.formatting import format_count, format_date, format_date_range
from cockpit.labels import for_display
from cockpit.pages import run_entry_file

TITLE = "传播链"
PAGE_SIZE = 100
DETAIL_COLUMNS = ["source_case_ref", "generation", "district_name", "case_date", "onset_date",
                  "case_type", "severity", "infection_source", "sex", "age"]
LINKS_NOTICE = ("传播链分析结果表（marts.transmission_chains、marts.chain_members）尚未生成，"
                "本页由 marts.transmission_links 中报告的传播关系现场计算传播链（networkx）。")


def main() -> None:
    st.title(TITLE)
    filters = sidebar_filters()
    if filters is None:
        return
    mode = data_chains.chain_mode(filters.url)
    if mode == "none":
        components.empty("数据库中还没有传播关系数据（marts.transmission_links），无法展示传播链。")
        return
    if mode == "links":
        st.info(LINKS_NOTICE, icon=":material/info:")

    chain_id = _pick_chain(filters)
    if chain_id is None:
        return
    members = data_chains.chain_members(filters.url, filters.source_name, chain_id)
    if members.empty:
        components.empty("该传播链在当前数据源中没有病例。")
        return
    members = members.assign(district_name=members["district_code"].map(filters.district_name))
    links = data_chains.chain_links(filters.url, filters.source_name, members)
    st.caption(f"本链共 {format_count(len(members))}，{int(members['generation'].max()) + 1} 代，"
               f"{format_date_range(members['case_date'].min(), members['case_date'].max())}，"
               f"涉及 {members['district_code'].nunique()} 个行政区。横轴为代际，颜色为行政区。")

    if len(members) <= chains.MAX_DRAWN_CASES:
        case_id = _draw_cases(filters, chain_id, members, links)
    else:
        case_id = _draw_groups(filters, chain_id, members, links)
    if case_id:
        _show_case(filters, members, links, case_id)
    with st.expander(f"本链病例清单（{format_count(len(members))}）"):
        components.table(members.sort_values(["generation", "case_date", "source_case_ref"]),
                         DETAIL_COLUMNS, "传播链病例清单", key="chain_members_table")


def _pick_chain(filters: Filters) -> str | None:
    how = st.radio("查看方式", ["按传播链", "按病例编号"], horizontal=True, key="chains_pick_by")
    if how == "按病例编号":
        case_ref = st.text_input("病例编号", key="chains_case_ref",
                                 placeholder="输入数据源中的病例编号，按回车")
        if not case_ref:
            components.empty("请输入病例编号。")
            return None
        chain_id = data_chains.chain_of_case(filters.url, filters.source_name, case_ref.strip())
        if chain_id is None:
            components.empty(f"病例 {case_ref} 不属于任何传播链（没有报告的传播关系），或编号不存在。")
        return chain_id

    listed = data_chains.chain_list(*filters.params, filters.start_date, filters.end_date)
    if listed.empty:
        components.empty(f"{format_date_range(filters.start_date, filters.end_date)}所选行政区"
                         "没有 2 例及以上的传播链。")
        return None
    labels = {row.chain_id: (f"第 {rank} 大：{format_count(row.count_cases)}，"
                             f"{format_date(row.first_case_date)}起，{row.count_generations} 代")
              for rank, row in enumerate(listed.itertuples(), start=1)}
    st.caption(f"共 {len(listed):,} 条传播链（按规模排序，最多列出 "
               f"{data_chains.MAX_LISTED_CHAINS} 条）。")
    return st.selectbox("传播链", list(labels), format_func=labels.get, key="chains_chain_id")


def selected_values(event) -> list[str]:
    """Return the customdata of each point selected in a plotly chart's selection event."""
    if not event:
        return []
    points = event.get("selection", {}).get("points", [])
    return [str(point["customdata"][0]) for point in points if point.get("customdata")]


def _draw_cases(filters: Filters, chain_id: str, members: pd.DataFrame,
                links: pd.DataFrame) -> str | None:
    placed = chains.layout_cases(members)
    figure = figures.chain_network(placed, chains.case_edges(placed, links),
                                   filters.district_names)
    event = components.chart(figure, on_select="rerun", selection_mode="points",
                             key=f"chain_graph_{chain_id}")
    picked = selected_values(event)
    if not picked:
        st.caption("点击图中的病例查看详情。")
        return None
    return picked[0]


def _draw_groups(filters: Filters, chain_id: str, members: pd.DataFrame,
                 links: pd.DataFrame) -> str | None:
    groups = chains.aggregate_groups(members)
    st.warning(f"本链共 {format_count(len(members))}，超过逐例绘制上限 "
               f"{format_count(chains.MAX_DRAWN_CASES)}，已按“代际 × 行政区”聚合为 "
               f"{len(groups):,} 个节点（节点大小为病例数）。点击节点可分页查看其中的病例。",
               icon=":material/warning:")
    figure = figures.chain_group_network(groups, chains.group_edges(members, links, groups),
                                         filters.district_names)
    event = components.chart(figure, on_select="rerun", selection_mode="points",
                             key=f"chain_groups_{chain_id}")
    picked = selected_values(event)
    if not picked:
        return None

    generation, district_code = picked[0].split("|", 1)
    in_group = members[(members["generation"] == int(generation))
                       & (members["district_code"].fillna("") == district_code)]
    in_group = in_group.sort_values(["case_date", "source_case_ref"])
    pages = max(1, math.ceil(len(in_group) / PAGE_SIZE))
    st.subheader(f"第 {generation} 代 · {filters.district_name(district_code)}："
                 f"{format_count(len(in_group))}")
    page = st.number_input(f"页码（共 {pages} 页，每页 {PAGE_SIZE} 例）", min_value=1,
                           max_value=pages, value=1, key=f"chain_group_page_{picked[0]}")
    shown = in_group.iloc[(page - 1) * PAGE_SIZE:page * PAGE_SIZE]
    event = components.table(shown, DETAIL_COLUMNS, "传播链病例", key="chain_group_cases",
                             on_select="rerun")
    rows = event.selection.rows if event else []
    return shown.iloc[rows[0]]["case_id"] if rows else None


def _as_text(value) -> str:
    if isinstance(value, dt.date):
        return format_date(value)
    return "—" if value is None or pd.isna(value) else str(value)


def _show_case(filters: Filters, members: pd.DataFrame, links: pd.DataFrame,
               case_id: str) -> None:
    case = members[members["case_id"] == case_id]
    if case.empty:
        return
    refs = members.set_index("case_id")["source_case_ref"]
    st.subheader(f"病例 {case.iloc[0]['source_case_ref']}")
    detail = for_display(case, DETAIL_COLUMNS).T.reset_index()
    detail.columns = ["项目", "内容"]
    detail["内容"] = detail["内容"].map(_as_text)
    components.table(detail, ["项目", "内容"], f"病例_{case.iloc[0]['source_case_ref']}",
                     key="chain_case_detail")
    infectors = links.loc[links["infectee_case_id"] == case_id, "infector_case_id"]
    infectees = links.loc[links["infector_case_id"] == case_id, "infectee_case_id"]
    st.markdown(f"**传染来源：** {'、'.join(refs.get(i, i) for i in infectors) or '无已知传染来源'}")
    st.markdown(f"**传染给：** {'、'.join(refs.get(i, i) for i in infectees) or '无'}")


if __name__ == "__main__":
    run_entry_file("chains")
