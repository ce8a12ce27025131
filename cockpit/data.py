"""Queries of the cockpit against the marts: one cached function per question.

Every function takes the database URL first, so two databases never share a cache entry, and
passes values as bound parameters. District filters always arrive as an explicit list of
codes (every district of the source when the user picked none): ``district_code = any(...)``
then prunes the partitions of the partitioned marts.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import psycopg
import streamlit as st

from liudiao.db import database_url

# Sources, districts and which marts exist change only when the pipeline loads a new source.
METADATA_TTL = dt.timedelta(minutes=10)
# Counts and rows on the pages: the pipeline rebuilds partitions a few times a day at most.
DATA_TTL = dt.timedelta(minutes=5)
# A dashboard query that runs longer than this is a bug or a missing index, not a wait.
STATEMENT_TIMEOUT_MS = 30_000
# JIT compilation adds a few hundred milliseconds to each large aggregate and saves less than
# that on these short queries.
SESSION_OPTIONS = f"-c statement_timeout={STATEMENT_TIMEOUT_MS} -c jit=off"

# A transmission chain is active while one of its cases was reported in the last 14 days.
ACTIVE_CHAIN_DAYS = 14
# A key place counts as active while a case mentioned it in the last 14 days.
ACTIVE_PLACE_DAYS = 14
RECENT_CASE_DAYS = 7


def current_url() -> str:
    return database_url()


def _is_usable(conn: psycopg.Connection) -> bool:
    return not conn.closed and not conn.broken


@st.cache_resource(validate=_is_usable, show_spinner=False)
def _connection(url: str) -> psycopg.Connection:
    return psycopg.connect(
        url,
        autocommit=True,
        connect_timeout=5,
        application_name="liudiao-cockpit",
        options=SESSION_OPTIONS,
    )


def run_query(url: str, sql: str, params: dict | None = None) -> pd.DataFrame:
    """Run one statement with bound parameters and return its rows as a DataFrame."""
    with _connection(url).cursor() as cursor:
        cursor.execute(sql, params or {})
        columns = [column.name for column in cursor.description]
        return pd.DataFrame(cursor.fetchall(), columns=columns)


# --- what exists -----------------------------------------------------------------------------

EXISTING_TABLES_SQL = """
select namespace.nspname || '.' || class.relname as table_name
from pg_class as class
inner join pg_namespace as namespace on namespace.oid = class.relnamespace
where namespace.nspname in ('marts', 'quarantine', 'raw')
    and class.relkind in ('r', 'p', 'v', 'm')
    and not class.relispartition
"""

TABLE_COLUMNS_SQL = """
select attname as column_name
from pg_attribute
where attrelid = to_regclass(%(table_name)s) and attnum > 0 and not attisdropped
order by attnum
"""


@st.cache_data(ttl=METADATA_TTL, show_spinner=False)
def existing_tables(url: str) -> frozenset[str]:
    """Names (``schema.table``) of the marts, raw and quarantine tables that exist."""
    return frozenset(run_query(url, EXISTING_TABLES_SQL)["table_name"])


@st.cache_data(ttl=METADATA_TTL, show_spinner=False)
def table_columns(url: str, table_name: str) -> tuple[str, ...]:
    return tuple(run_query(url, TABLE_COLUMNS_SQL, {"table_name": table_name})["column_name"])


SOURCES_FROM_BATCHES_SQL = """
select source_name
from raw.import_batches
group by source_name
order by max(started_at) desc, source_name
"""
SOURCES_FROM_CASES_SQL = "select distinct source_name from marts.cases order by 1"


@st.cache_data(ttl=METADATA_TTL, show_spinner=False)
def list_sources(url: str) -> list[str]:
    """Sources with an import batch, the most recently imported first, or with cases where
    no batch table exists."""
    tables = existing_tables(url)
    sources: list[str] = []
    if "raw.import_batches" in tables:
        sources = list(run_query(url, SOURCES_FROM_BATCHES_SQL)["source_name"])
    if not sources and "marts.cases" in tables:
        sources = list(run_query(url, SOURCES_FROM_CASES_SQL)["source_name"])
    return sources


SOURCE_DISTRICTS_SQL = """
with case_districts as (
    select
        district_code,
        min(day_date) as first_case_date,
        max(day_date) as last_case_date,
        sum(count_reported_cases) as count_cases
    from marts.daily_district_counts
    where source_name = %(source_name)s
        and count_reported_cases > 0
    group by district_code
)

select
    case_districts.district_code,
    coalesce(districts.district_name, case_districts.district_code) as district_name,
    case_districts.first_case_date,
    case_districts.last_case_date,
    case_districts.count_cases
from case_districts
left join marts.districts as districts
    on districts.district_code = case_districts.district_code
order by case_districts.district_code
"""


@st.cache_data(ttl=METADATA_TTL, show_spinner=False)
def source_districts(url: str, source_name: str) -> pd.DataFrame:
    """Return one row per district with cases of the source: name, first and last case date,
    count of cases."""
    if "marts.daily_district_counts" not in existing_tables(url):
        return pd.DataFrame(columns=["district_code", "district_name", "first_case_date",
                                     "last_case_date", "count_cases"])
    return run_query(url, SOURCE_DISTRICTS_SQL, {"source_name": source_name})


DISTRICTS_SQL = """
select district_code, district_name, district_name_en, jurisdiction_code, latitude, longitude
from marts.districts
order by district_code
"""


@st.cache_data(ttl=METADATA_TTL, show_spinner=False)
def districts(url: str) -> pd.DataFrame:
    return run_query(url, DISTRICTS_SQL)


# --- cases and contacts ----------------------------------------------------------------------

# Every count below sums marts.daily_district_counts (one row per source, district and day)
# instead of scanning the partitioned marts.
CASE_COUNTS_SQL = """
select
    coalesce(sum(count_reported_cases) filter (where day_date = %(as_of)s), 0)
        as count_new_cases,
    coalesce(sum(count_reported_cases) filter (where day_date = %(as_of)s - 1), 0)
        as count_new_cases_before,
    coalesce(sum(count_reported_cases), 0) as count_cumulative_cases,
    coalesce(sum(count_reported_cases) filter (where day_date <= %(as_of)s - 1), 0)
        as count_cumulative_cases_before
from marts.daily_district_counts
where source_name = %(source_name)s
    and day_date <= %(as_of)s
    and district_code = any(%(district_codes)s)
"""


@st.cache_data(ttl=DATA_TTL, show_spinner=False)
def case_counts(url: str, source_name: str, district_codes: tuple[str, ...],
                as_of: dt.date) -> dict[str, int]:
    """New cases on ``as_of`` and the day before, and cumulative cases up to each."""
    frame = run_query(url, CASE_COUNTS_SQL, {"source_name": source_name, "as_of": as_of,
                                             "district_codes": list(district_codes)})
    return {column: int(frame.at[0, column]) for column in frame.columns}


# Under management on a day: entered management on or before it, minus left on or before it.
CONTACT_COUNTS_SQL = """
select
    coalesce(sum(count_close_contacts_entering - count_close_contacts_leaving), 0)
        as count_close_contacts,
    coalesce(sum(count_close_contacts_entering - count_close_contacts_leaving)
        filter (where day_date <= %(as_of)s - 1), 0) as count_close_contacts_before,
    coalesce(sum(count_secondary_contacts_entering - count_secondary_contacts_leaving), 0)
        as count_secondary_contacts,
    coalesce(sum(count_secondary_contacts_entering - count_secondary_contacts_leaving)
        filter (where day_date <= %(as_of)s - 1), 0) as count_secondary_contacts_before
from marts.daily_district_counts
where source_name = %(source_name)s
    and day_date <= %(as_of)s
    and district_code = any(%(district_codes)s)
"""


@st.cache_data(ttl=DATA_TTL, show_spinner=False)
def contact_counts(url: str, source_name: str, district_codes: tuple[str, ...],
                   as_of: dt.date) -> dict[str, int]:
    """Close and secondary contacts under management (quarantine not over) on ``as_of`` and
    the day before."""
    if "marts.close_contacts" not in existing_tables(url):
        return {}
    frame = run_query(url, CONTACT_COUNTS_SQL, {
        "source_name": source_name, "as_of": as_of, "district_codes": list(district_codes),
    })
    return {column: int(frame.at[0, column]) for column in frame.columns}


DAILY_CASES_SQL = {
    basis: f"""
select day_date, district_code, {column} as count_cases
from marts.daily_district_counts
where source_name = %(source_name)s
    and day_date between %(start_date)s and %(end_date)s
    and district_code = any(%(district_codes)s)
    and {column} > 0
order by day_date, district_code
"""
    for basis, column in (("report", "count_reported_cases"), ("onset", "count_onset_cases"))
}


@st.cache_data(ttl=DATA_TTL, show_spinner=False)
def daily_cases(url: str, source_name: str, district_codes: tuple[str, ...],
                start_date: dt.date, end_date: dt.date, basis: str = "report") -> pd.DataFrame:
    """Cases per day and district, by report date (``case_date``) or by ``onset_date``."""
    return run_query(url, DAILY_CASES_SQL[basis], {
        "source_name": source_name, "start_date": start_date, "end_date": end_date,
        "district_codes": list(district_codes),
    })


DISTRICT_SUMMARY_SQL = """
select
    district_code,
    coalesce(sum(count_reported_cases) filter (where day_date >= %(start_date)s), 0)
        as count_cases,
    coalesce(sum(count_reported_cases)
        filter (where day_date > %(end_date)s - %(recent_days)s::integer), 0)
        as count_recent_cases,
    coalesce(sum(count_close_contacts_entering - count_close_contacts_leaving), 0)
        as count_close_contacts,
    coalesce(sum(count_secondary_contacts_entering - count_secondary_contacts_leaving), 0)
        as count_secondary_contacts
from marts.daily_district_counts
where source_name = %(source_name)s
    and day_date <= %(end_date)s
    and district_code = any(%(district_codes)s)
group by district_code
"""


@st.cache_data(ttl=DATA_TTL, show_spinner=False)
def district_summary(url: str, source_name: str, district_codes: tuple[str, ...],
                     start_date: dt.date, end_date: dt.date) -> pd.DataFrame:
    """Count per selected district the cases in the window, the cases of its last 7 days and
    the contacts under management on its last day."""
    params = {"source_name": source_name, "start_date": start_date, "end_date": end_date,
              "district_codes": list(district_codes), "recent_days": RECENT_CASE_DAYS}
    summary = pd.DataFrame({"district_code": list(district_codes)})
    summary = summary.merge(run_query(url, DISTRICT_SUMMARY_SQL, params), on="district_code",
                            how="left")
    if "marts.close_contacts" not in existing_tables(url):
        summary = summary.drop(columns=["count_close_contacts", "count_secondary_contacts"])
    count_columns = [column for column in summary.columns if column.startswith("count_")]
    summary[count_columns] = summary[count_columns].fillna(0).astype(int)
    return summary
