"""Queries of the data-quality page: rejected rows, problem links and the reconciliation of
the line list with the official daily summary."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from cockpit.data import DATA_TTL, existing_tables, run_query, table_columns
from cockpit.formatting import scrub_text

REJECTED_SUMMARY_SQL = """
select entity, reason_code, min(reason) as reason, count(*) as count_rows
from quarantine.rejected_rows
where source_name = %(source_name)s
group by entity, reason_code
order by count_rows desc, entity, reason_code
"""

# raw_record stays in the database, because it contains the row as read, names and phones
# included.
REJECTED_ROWS_SQL = """
select source_file, line_number, entity, reason_code, reason
from quarantine.rejected_rows
where source_name = %(source_name)s
order by source_file, line_number
limit %(limit)s
"""


@st.cache_data(ttl=DATA_TTL, show_spinner=False)
def rejected_summary(url: str, source_name: str) -> pd.DataFrame:
    """Rejected rows of the source counted by entity and reason; one example reason each."""
    if "quarantine.rejected_rows" not in existing_tables(url):
        return pd.DataFrame(columns=["entity", "reason_code", "reason", "count_rows"])
    summary = run_query(url, REJECTED_SUMMARY_SQL, {"source_name": source_name})
    summary["reason"] = summary["reason"].map(scrub_text)
    return summary


@st.cache_data(ttl=DATA_TTL, show_spinner=False)
def rejected_rows(url: str, source_name: str, limit: int = 1_000) -> pd.DataFrame:
    """Return the first ``limit`` rejected rows by file and line, reasons masked."""
    if "quarantine.rejected_rows" not in existing_tables(url):
        return pd.DataFrame(columns=["source_file", "line_number", "entity", "reason_code",
                                     "reason"])
    rows = run_query(url, REJECTED_ROWS_SQL, {"source_name": source_name, "limit": limit})
    rows["reason"] = rows["reason"].map(scrub_text)
    return rows


DANGLING_LINKS_SQL = """
select
    infector_source_case_ref as infector_case_ref,
    infectee_source_case_ref as infectee_case_ref,
    relation,
    case
        when not is_infector_known and not is_infectee_known then '两端病例均不在病例清单中'
        when not is_infector_known then '传染者病例不在病例清单中'
        else '被传染者病例不在病例清单中'
    end as issue
from marts.transmission_links
where source_name = %(source_name)s and not (is_infector_known and is_infectee_known)
order by infectee_source_case_ref, infector_source_case_ref
"""

LINK_ISSUES_SQL = """
select
    kind,
    infector_source_case_ref as infector_case_ref,
    infectee_source_case_ref as infectee_case_ref,
    action
from marts.link_issues
where source_name = %(source_name)s
order by kind, infectee_source_case_ref, infector_source_case_ref
limit %(limit)s
"""
LINK_ISSUES_COLUMNS = {"kind", "source_name", "infector_source_case_ref",
                       "infectee_source_case_ref", "action"}
MAX_LINK_ISSUES = 5_000


@st.cache_data(ttl=DATA_TTL, show_spinner=False)
def link_issues(url: str, source_name: str) -> tuple[str, pd.DataFrame]:
    """Problem links of the source and where they come from.

    Returns ``("link_issues", rows)`` from the chain analysis's marts.link_issues (kind,
    infector_case_ref, infectee_case_ref, action) when it exists, else ``("dangling", rows)``:
    links whose infector or infectee is not a known case, else ``("none", empty)``.
    """
    tables = existing_tables(url)
    if ("marts.link_issues" in tables
            and LINK_ISSUES_COLUMNS <= set(table_columns(url, "marts.link_issues"))):
        return "link_issues", run_query(url, LINK_ISSUES_SQL, {"source_name": source_name,
                                                               "limit": MAX_LINK_ISSUES})
    if "marts.transmission_links" in tables:
        return "dangling", run_query(url, DANGLING_LINKS_SQL, {"source_name": source_name})
    return "none", pd.DataFrame()


OFFICIAL_COUNTS_SQL = """
select report_date, district_code, cumulative_cases
from marts.official_daily_counts
where source_name = %(source_name)s
    and report_date between %(start_date)s and %(end_date)s
    and (district_code = 'total' or district_code = any(%(district_codes)s))
"""

LINE_LIST_DAILY_SQL = """
select day_date as report_date, district_code, count_reported_cases as count_cases
from marts.daily_district_counts
where source_name = %(source_name)s
    and day_date <= %(end_date)s
    and district_code = any(%(district_codes)s)
    and count_reported_cases > 0
"""


@st.cache_data(ttl=DATA_TTL, show_spinner=False)
def reconciliation(url: str, source_name: str, district_codes: tuple[str, ...],
                   start_date: dt.date, end_date: dt.date) -> pd.DataFrame:
    """Official cumulative cases beside the line list's cumulative cases per day and district.

    Columns: report_date, district_code (``total`` for the city), cumulative_cases (official),
    cumulative_line_list, difference (line list minus official). Empty when the source has no
    official summary.
    """
    tables = existing_tables(url)
    if ("marts.official_daily_counts" not in tables
            or "marts.daily_district_counts" not in tables):
        return pd.DataFrame()
    params = {"source_name": source_name, "start_date": start_date, "end_date": end_date,
              "district_codes": list(district_codes)}
    official = run_query(url, OFFICIAL_COUNTS_SQL, params)
    if official.empty:
        return pd.DataFrame()
    daily = run_query(url, LINE_LIST_DAILY_SQL, params)
    return compare_cumulative(official, daily)


def compare_cumulative(official: pd.DataFrame, daily: pd.DataFrame) -> pd.DataFrame:
    """Join official cumulative counts with the running total of the line list's daily counts,
    per district and for the city (``total``)."""
    city = daily.groupby("report_date", as_index=False)["count_cases"].sum()
    city["district_code"] = "total"
    daily = pd.concat([daily, city], ignore_index=True)

    days = pd.Index(sorted(set(official["report_date"]) | set(daily["report_date"])),
                    name="report_date")
    per_day = (daily.pivot_table(index="report_date", columns="district_code",
                                 values="count_cases", aggfunc="sum")
               .reindex(days).fillna(0).cumsum())
    running = per_day.stack().rename("cumulative_line_list").reset_index()

    compared = official.merge(running, on=["report_date", "district_code"], how="left")
    compared["cumulative_line_list"] = compared["cumulative_line_list"].fillna(0).astype(int)
    compared["cumulative_cases"] = compared["cumulative_cases"].astype(int)
    compared["difference"] = compared["cumulative_line_list"] - compared["cumulative_cases"]
    return compared.sort_values(["report_date", "district_code"]).reset_index(drop=True)
