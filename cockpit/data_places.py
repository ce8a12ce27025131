"""Queries about key places (重点场所): counts, ranking and one place's timeline.

Key places are shared by every source, so a source's view of them goes through its own cases'
visits in marts.key_place_visits, and its timeline through marts.place_mentions. The district
filter applies to the key place's district, not the case's.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from cockpit.data import ACTIVE_PLACE_DAYS, DATA_TTL, existing_tables, run_query

PLACE_TABLES = ("marts.key_place_visits", "marts.key_places")

# Both queries read marts.key_place_visits: one row per key place and case with the dates of
# the case's mentions. A window's rows are those whose first-to-last span overlaps it. Most
# rows answer from their first and last dates; only a row whose span runs past the window is
# read date by date from mention_dates, so every count is exact.
WINDOW_VISITS_SQL = """
    select key_place_id, first_mention_date, last_mention_date, count_mentions, mention_dates
    from marts.key_place_visits
    where source_name = %(source_name)s
        and last_mention_date >= {start}
        and first_mention_date <= {end}
        and (%(all_districts)s or district_code = any(%(district_codes)s))
"""


def _has_mention(after: str, until: str) -> str:
    """SQL: the visit row has a mention dated after ``after`` and up to ``until``."""
    return f"""case
            when first_mention_date > {after} and first_mention_date <= {until} then true
            when last_mention_date > {after} and last_mention_date <= {until} then true
            else exists (
                select from unnest(mention_dates) as mention_date
                where mention_date > {after} and mention_date <= {until}
            )
        end"""


_ACTIVE_SINCE = "%(as_of)s - %(active_days)s::integer"
KEY_PLACE_COUNTS_SQL = f"""
with visits as ({WINDOW_VISITS_SQL.format(start=_ACTIVE_SINCE, end="%(as_of)s")}),

flagged as (
    select
        key_place_id,
        {_has_mention(_ACTIVE_SINCE, "%(as_of)s")} as is_active,
        {_has_mention(_ACTIVE_SINCE + " - 1", "%(as_of)s - 1")} as was_active_before
    from visits
)

select
    count(distinct key_place_id) filter (where is_active) as count_key_places,
    count(distinct key_place_id) filter (where was_active_before) as count_key_places_before
from flagged
"""


def has_place_marts(url: str) -> bool:
    return all(table in existing_tables(url) for table in PLACE_TABLES)


@st.cache_data(ttl=DATA_TTL, show_spinner=False)
def key_place_counts(url: str, source_name: str, district_codes: tuple[str, ...],
                     all_districts: bool, as_of: dt.date) -> dict[str, int]:
    """Key places mentioned in the 14 days up to ``as_of``, and up to the day before."""
    if not has_place_marts(url):
        return {}
    frame = run_query(url, KEY_PLACE_COUNTS_SQL, {
        "source_name": source_name, "as_of": as_of, "active_days": ACTIVE_PLACE_DAYS,
        "district_codes": list(district_codes), "all_districts": all_districts,
    })
    return {column: int(frame.at[0, column]) for column in frame.columns}


_RECENT_SINCE = "%(end_date)s - %(active_days)s::integer"
KEY_PLACE_RANKING_SQL = f"""
with visits as ({WINDOW_VISITS_SQL.format(start="%(start_date)s", end="%(end_date)s")}),

-- A row inside the window keeps its figures; a row past an edge keeps the dates inside.
windowed as (
    select key_place_id, first_mention_date, last_mention_date, count_mentions, mention_dates
    from visits
    where first_mention_date >= %(start_date)s and last_mention_date <= %(end_date)s
    union all
    select visits.key_place_id, inside.*
    from visits
    cross join lateral (
        select
            min(mention_date) as first_mention_date,
            max(mention_date) as last_mention_date,
            count(*) as count_mentions,
            array_agg(mention_date) as mention_dates
        from unnest(visits.mention_dates) as mention_date
        where mention_date between %(start_date)s and %(end_date)s
    ) as inside
    where (visits.first_mention_date < %(start_date)s or visits.last_mention_date > %(end_date)s)
        and inside.count_mentions > 0
),

ranked as (
    select
        key_place_id,
        count(*) as count_cases,
        sum(count_mentions) as count_mentions,
        sum(
            case
                when first_mention_date > {_RECENT_SINCE} then count_mentions
                when last_mention_date <= {_RECENT_SINCE} then 0
                else (
                    select count(*) from unnest(mention_dates) as mention_date
                    where mention_date > {_RECENT_SINCE}
                )
            end
        ) as count_recent_mentions,
        min(first_mention_date) as first_mention_date,
        max(last_mention_date) as last_mention_date
    from windowed
    group by key_place_id
    order by count_cases desc, count_recent_mentions desc, key_place_id
    limit %(limit)s
)

select
    ranked.key_place_id,
    key_places.canonical_name,
    key_places.district_code,
    key_places.latitude,
    key_places.longitude,
    ranked.count_cases,
    ranked.count_mentions,
    ranked.count_recent_mentions,
    ranked.first_mention_date,
    ranked.last_mention_date
from ranked
inner join marts.key_places as key_places
    on key_places.key_place_id = ranked.key_place_id
order by ranked.count_cases desc, ranked.count_recent_mentions desc, ranked.key_place_id
"""


@st.cache_data(ttl=DATA_TTL, show_spinner=False)
def key_place_ranking(url: str, source_name: str, district_codes: tuple[str, ...],
                      all_districts: bool, start_date: dt.date, end_date: dt.date,
                      limit: int = 100) -> pd.DataFrame:
    """Rank key places by cases in the window, then by mentions in its last 14 days, and
    return the first ``limit``."""
    return run_query(url, KEY_PLACE_RANKING_SQL, {
        "source_name": source_name, "start_date": start_date, "end_date": end_date,
        "district_codes": list(district_codes), "all_districts": all_districts,
        "active_days": ACTIVE_PLACE_DAYS, "limit": limit,
    })


KEY_PLACE_TIMELINE_SQL = """
select
    mention_date,
    mention_kind,
    substr(case_id, length(source_name) + 2) as source_case_ref,
    place_name
from marts.place_mentions
where source_name = %(source_name)s
    and key_place_id = %(key_place_id)s
    and mention_date between %(start_date)s and %(end_date)s
order by mention_date, case_id
"""


@st.cache_data(ttl=DATA_TTL, show_spinner=False)
def key_place_timeline(url: str, source_name: str, key_place_id: str,
                       start_date: dt.date, end_date: dt.date) -> pd.DataFrame:
    """Return every mention of one key place by the source's cases within the window, oldest
    first."""
    return run_query(url, KEY_PLACE_TIMELINE_SQL, {
        "source_name": source_name, "key_place_id": key_place_id,
        "start_date": start_date, "end_date": end_date,
    })
