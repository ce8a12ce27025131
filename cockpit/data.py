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

# Contract: quarantine_end_date = last_contact_date + 14, so a contact under management on a
# day had its last contact within the 14 days before. The bound lets the query prune partitions.
QUARANTINE_DAYS = 14
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


SOURCES_FROM_BATCHES_SQL = "select distinct source_name from raw.import_batches order by 1"
SOURCES_FROM_CASES_SQL = "select distinct source_name from marts.cases order by 1"


@st.cache_data(ttl=METADATA_TTL, show_spinner=False)
def list_sources(url: str) -> list[str]:
    """Sources with an import batch, or with cases where no batch table exists."""
    tables = existing_tables(url)
    sources: set[str] = set()
    if "raw.import_batches" in tables:
        sources |= set(run_query(url, SOURCES_FROM_BATCHES_SQL)["source_name"])
    if not sources and "marts.cases" in tables:
        sources |= set(run_query(url, SOURCES_FROM_CASES_SQL)["source_name"])
    return sorted(sources)


SOURCE_DISTRICTS_SQL = """
with case_districts as (
    select
        district_code,
        min(case_date) as first_case_date,
        max(case_date) as last_case_date,
        count(*) as count_cases
    from marts.cases
    where source_name = %(source_name)s
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
    if "marts.cases" not in existing_tables(url):
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

CASE_COUNTS_SQL = """
select
    count(*) filter (where case_date = %(as_of)s) as count_new_cases,
    count(*) filter (where case_date = %(as_of)s - 1) as count_new_cases_before,
    count(*) as count_cumulative_cases,
    count(*) filter (where case_date <= %(as_of)s - 1) as count_cumulative_cases_before
from marts.cases
where source_name = %(source_name)s
    and case_date <= %(as_of)s
    and district_code = any(%(district_codes)s)
"""


@st.cache_data(ttl=DATA_TTL, show_spinner=False)
def case_counts(url: str, source_name: str, district_codes: tuple[str, ...],
                as_of: dt.date) -> dict[str, int]:
    """New cases on ``as_of`` and the day before, and cumulative cases up to each."""
    frame = run_query(url, CASE_COUNTS_SQL, {"source_name": source_name, "as_of": as_of,
                                             "district_codes": list(district_codes)})
    return {column: int(frame.at[0, column]) for column in frame.columns}


CONTACT_COUNTS_SQL = """
select
    count(*) filter (where contact_level = 'close' and under_management_on_day)
        as count_close_contacts,
    count(*) filter (where contact_level = 'close' and under_management_day_before)
        as count_close_contacts_before,
    count(*) filter (where contact_level = 'secondary' and under_management_on_day)
        as count_secondary_contacts,
    count(*) filter (where contact_level = 'secondary' and under_management_day_before)
        as count_secondary_contacts_before
from (
    select
        contact_level,
        coalesce(quarantine_start_date, last_contact_date) <= %(as_of)s
            and quarantine_end_date >= %(as_of)s as under_management_on_day,
        coalesce(quarantine_start_date, last_contact_date) <= %(as_of)s - 1
            and quarantine_end_date >= %(as_of)s - 1 as under_management_day_before
    from marts.close_contacts
    where source_name = %(source_name)s
        and district_code = any(%(district_codes)s)
        and last_contact_date between %(as_of)s - %(quarantine_days)s::integer - 1 and %(as_of)s
) as recent_contacts
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
        "quarantine_days": QUARANTINE_DAYS,
    })
    return {column: int(frame.at[0, column]) for column in frame.columns}


DAILY_CASES_BY_REPORT_SQL = """
select case_date as day_date, district_code, count(*) as count_cases
from marts.cases
where source_name = %(source_name)s
    and case_date between %(start_date)s and %(end_date)s
    and district_code = any(%(district_codes)s)
group by case_date, district_code
order by case_date, district_code
"""

# No bound on case_date here: a case may be reported before its onset, so the onset window
# cannot prune the case_date partitions without losing cases.
DAILY_CASES_BY_ONSET_SQL = """
select onset_date as day_date, district_code, count(*) as count_cases
from marts.cases
where source_name = %(source_name)s
    and onset_date between %(start_date)s and %(end_date)s
    and district_code = any(%(district_codes)s)
group by onset_date, district_code
order by onset_date, district_code
"""

DAILY_CASES_SQL = {"report": DAILY_CASES_BY_REPORT_SQL, "onset": DAILY_CASES_BY_ONSET_SQL}


@st.cache_data(ttl=DATA_TTL, show_spinner=False)
def daily_cases(url: str, source_name: str, district_codes: tuple[str, ...],
                start_date: dt.date, end_date: dt.date, basis: str = "report") -> pd.DataFrame:
    """Cases per day and district, by report date (``case_date``) or by ``onset_date``."""
    return run_query(url, DAILY_CASES_SQL[basis], {
        "source_name": source_name, "start_date": start_date, "end_date": end_date,
        "district_codes": list(district_codes),
    })


DISTRICT_CASES_SQL = """
select
    district_code,
    count(*) as count_cases,
    count(*) filter (where case_date > %(end_date)s - %(recent_days)s::integer) as count_recent_cases
from marts.cases
where source_name = %(source_name)s
    and case_date between %(start_date)s and %(end_date)s
    and district_code = any(%(district_codes)s)
group by district_code
"""

DISTRICT_CONTACTS_SQL = """
select
    district_code,
    count(*) filter (where contact_level = 'close') as count_close_contacts,
    count(*) filter (where contact_level = 'secondary') as count_secondary_contacts
from marts.close_contacts
where source_name = %(source_name)s
    and district_code = any(%(district_codes)s)
    and last_contact_date between %(end_date)s - %(quarantine_days)s::integer and %(end_date)s
    and coalesce(quarantine_start_date, last_contact_date) <= %(end_date)s
    and quarantine_end_date >= %(end_date)s
group by district_code
"""


@st.cache_data(ttl=DATA_TTL, show_spinner=False)
def district_summary(url: str, source_name: str, district_codes: tuple[str, ...],
                     start_date: dt.date, end_date: dt.date) -> pd.DataFrame:
    """Count per selected district the cases in the window, the cases of its last 7 days and
    the contacts under management on its last day."""
    params = {"source_name": source_name, "start_date": start_date, "end_date": end_date,
              "district_codes": list(district_codes), "recent_days": RECENT_CASE_DAYS,
              "quarantine_days": QUARANTINE_DAYS}
    summary = pd.DataFrame({"district_code": list(district_codes)})
    cases = run_query(url, DISTRICT_CASES_SQL, params)
    summary = summary.merge(cases, on="district_code", how="left")
    if "marts.close_contacts" in existing_tables(url):
        contacts = run_query(url, DISTRICT_CONTACTS_SQL, params)
        summary = summary.merge(contacts, on="district_code", how="left")
    count_columns = [column for column in summary.columns if column.startswith("count_")]
    summary[count_columns] = summary[count_columns].fillna(0).astype(int)
    return summary
