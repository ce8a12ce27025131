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

# The source's visits in the chosen districts, as the start of a select.
_SOURCE_VISITS = """select key_place_id, has_case
    from marts.key_place_visits
    where source_name = %(source_name)s
        and (%(all_districts)s or district_code = any(%(district_codes)s))"""


# Both queries find "visits that named the place between two dates" in marts.key_place_visits
# (one row per key place and case, plus one for the place's mentions without a case).
# A visit whose last mention lies in the range qualifies from the index alone.
# A visit whose last mention comes after the range qualifies if one of its mention_dates falls
# inside. A range that ends on the latest day has no such visits.
def _visits_between(after: str, until: str) -> str:
    """SQL: key_place_id and has_case of every visit with a mention dated after ``after`` and
    up to ``until`` (both SQL date expressions), one row per visit."""
    return f"""
    {_SOURCE_VISITS}
        and last_mention_date > {after}
        and last_mention_date <= {until}
    union all
    {_SOURCE_VISITS}
        and last_mention_date > {until}
        and first_mention_date <= {until}
        and exists (
            select from unnest(mention_dates) as mention_date
            where mention_date > {after} and mention_date <= {until}
        )"""


_ACTIVE_AFTER = "%(as_of)s - %(active_days)s::integer"
KEY_PLACE_COUNTS_SQL = f"""
select
    (select count(distinct key_place_id)
     from ({_visits_between(_ACTIVE_AFTER, "%(as_of)s")}) as active)
        as count_key_places,
    (select count(distinct key_place_id)
     from ({_visits_between(_ACTIVE_AFTER + " - 1", "%(as_of)s - 1")}) as active_before)
        as count_key_places_before
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


# Cases are ranked from the visits; the mentions and dates of the places shown are then read
# from marts.place_mentions, a hundred index lookups.
# The last 14 days of the window, or the whole window when it is shorter.
_RECENT_AFTER = "greatest(%(start_date)s - 1, %(end_date)s - %(active_days)s::integer)"
KEY_PLACE_RANKING_SQL = f"""
with window_cases as (
    select key_place_id, count(*) filter (where has_case) as count_cases
    from ({_visits_between("%(start_date)s - 1", "%(end_date)s")}) as visits
    group by key_place_id
),

recent_cases as (
    select
        key_place_id,
        count(*) filter (where has_case) as count_cases_last_14_days,
        count(*) as count_recent_visits
    from ({_visits_between(_RECENT_AFTER, "%(end_date)s")}) as visits
    group by key_place_id
),

ranked as (
    select
        window_cases.key_place_id,
        window_cases.count_cases,
        coalesce(recent_cases.count_cases_last_14_days, 0) as count_cases_last_14_days,
        coalesce(recent_cases.count_recent_visits, 0) as count_recent_visits
    from window_cases
    left join recent_cases on recent_cases.key_place_id = window_cases.key_place_id
    order by
        window_cases.count_cases desc,
        count_cases_last_14_days desc,
        count_recent_visits desc,
        window_cases.key_place_id
    limit %(limit)s
)

select
    ranked.key_place_id,
    key_places.canonical_name,
    key_places.district_code,
    key_places.latitude,
    key_places.longitude,
    ranked.count_cases,
    ranked.count_cases_last_14_days,
    mentions.count_mentions,
    mentions.first_mention_date,
    mentions.last_mention_date
from ranked
inner join marts.key_places as key_places
    on key_places.key_place_id = ranked.key_place_id
cross join lateral (
    select
        count(*) as count_mentions,
        min(place_mentions.mention_date) as first_mention_date,
        max(place_mentions.mention_date) as last_mention_date
    from marts.place_mentions
    where place_mentions.key_place_id = ranked.key_place_id
        and place_mentions.source_name = %(source_name)s
        and place_mentions.mention_date between %(start_date)s and %(end_date)s
) as mentions
order by
    ranked.count_cases desc,
    ranked.count_cases_last_14_days desc,
    ranked.count_recent_visits desc,
    ranked.key_place_id
"""


@st.cache_data(ttl=DATA_TTL, show_spinner=False)
def key_place_ranking(url: str, source_name: str, district_codes: tuple[str, ...],
                      all_districts: bool, start_date: dt.date, end_date: dt.date,
                      limit: int = 100) -> pd.DataFrame:
    """Return the first ``limit`` key places with their mentions in the window.

    Places rank by cases in the window, then by cases in its last 14 days, then by visits
    with or without a case in those days."""
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
