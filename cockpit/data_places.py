"""Queries about key places (重点场所): counts, ranking and one place's timeline.

Key places are shared by every source, so a source's view of them goes through its own place
mentions in marts.place_mentions. A place mention's district is the place's, not the case's.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from cockpit.data import ACTIVE_PLACE_DAYS, DATA_TTL, existing_tables, run_query

PLACE_TABLES = ("marts.place_mentions", "marts.key_places")

KEY_PLACE_COUNTS_SQL = """
select
    count(distinct key_place_id) filter (where mention_date > %(as_of)s - %(active_days)s::integer)
        as count_key_places,
    count(distinct key_place_id) filter (
        where mention_date <= %(as_of)s - 1
            and mention_date > %(as_of)s - 1 - %(active_days)s::integer
    ) as count_key_places_before
from marts.place_mentions
where source_name = %(source_name)s
    and key_place_id is not null
    and mention_date between %(as_of)s - %(active_days)s::integer and %(as_of)s
    and (%(all_districts)s or district_code = any(%(district_codes)s))
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


# Cases are counted from distinct (place, case) pairs, which PostgreSQL hashes; a
# count(distinct case_id) per place would sort every mention instead.
# NOTE: marts.place_mentions has no index or partition on mention_date, so this and the key
# place counts scan the whole table: 7 s and 2.5 s on 10 million mentions (docs/benchmarks.md).
# A daily mart per source, key place and day would bring both under a second.
KEY_PLACE_RANKING_SQL = """
with mentions as (
    select key_place_id, case_id, mention_date
    from marts.place_mentions
    where source_name = %(source_name)s
        and key_place_id is not null
        and mention_date between %(start_date)s and %(end_date)s
        and (%(all_districts)s or district_code = any(%(district_codes)s))
),

per_case as (
    select
        key_place_id,
        case_id,
        count(*) as count_mentions,
        count(*) filter (where mention_date > %(end_date)s - %(active_days)s::integer)
            as count_recent_mentions,
        min(mention_date) as first_mention_date,
        max(mention_date) as last_mention_date
    from mentions
    group by key_place_id, case_id
),

ranked as (
    select
        key_place_id,
        count(case_id) as count_cases,
        sum(count_mentions) as count_mentions,
        sum(count_recent_mentions) as count_recent_mentions,
        min(first_mention_date) as first_mention_date,
        max(last_mention_date) as last_mention_date
    from per_case
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
