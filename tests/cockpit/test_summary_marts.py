"""The cockpit's counts from the summary marts equal the same counts taken from the base marts.

The summary marts (daily_district_counts, key_place_visits) are built here from their dbt
model files over the contract rows, plus repeated mentions that make visits straddle the
edges of a window. Each expected figure is counted directly from marts.cases,
marts.close_contacts or marts.place_mentions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import psycopg
import pytest

from cockpit import data, data_places
from cockpit.bench_schema import SUMMARY_MARTS, summary_mart_ddl
from tests.cockpit.conftest import _create_database, _drop_database
from tests.cockpit.contract_rows import DISTRICTS, SOURCE, load_contract_rows

AS_OF_DATES = [dt.date(2020, 1, 25), dt.date(2020, 2, 3), dt.date(2020, 2, 14)]
WINDOWS = [(dt.date(2020, 1, 20), dt.date(2020, 2, 15)), (dt.date(2020, 1, 28), dt.date(2020, 2, 4)),
           (dt.date(2020, 2, 1), dt.date(2020, 2, 1))]
DISTRICT_CHOICES = [tuple(DISTRICTS), (DISTRICTS[1],)]

# Each case of these also names its key place again 5 and 12 days later, and on the same day.
REPEATED_MENTIONS_SQL = """
insert into marts.place_mentions (place_mention_id, source_name, mention_kind, case_id,
    mention_date, place_name, district_code, latitude, longitude, key_place_id)
select place_mention_id || ':' || offset_days || ':' || copy, source_name, mention_kind,
    case_id, mention_date + offset_days, place_name, district_code, latitude, longitude,
    key_place_id
from marts.place_mentions
cross join (values (5, 1), (12, 1), (0, 2)) as repeats (offset_days, copy)
where right(case_id, 1) in ('1', '4', '7')
"""

# A bulletin's list of places: mentions without a case, also of a place that no case named.
LISTED_ONLY_PLACE_SQL = """
insert into marts.key_places (key_place_id, canonical_name, district_code, count_mentions,
    count_cases)
values ('440303:listed', '公告场所', '440303', 0, 0)
"""
PLACE_LIST_MENTIONS_SQL = """
insert into marts.place_mentions (place_mention_id, source_name, mention_kind, mention_date,
    place_name, district_code, key_place_id)
select 'demo:place:' || day_offset || ':' || key_place_id, 'demo', 'place',
    date '2020-01-24' + day_offset, min(place_name), min(district_code), key_place_id
from (
    select key_place_id, place_name, district_code from marts.place_mentions
    union all
    select key_place_id, canonical_name, district_code from marts.key_places
    where key_place_id = '440303:listed'
) as places
cross join generate_series(0, 20, 4) as day_offset
group by day_offset, key_place_id
"""


@pytest.fixture(scope="module")
def summary_database(server_url: str) -> Iterator[str]:
    url = _create_database(server_url)
    try:
        load_contract_rows(url)
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(REPEATED_MENTIONS_SQL)
            conn.execute(LISTED_ONLY_PLACE_SQL)
            conn.execute(PLACE_LIST_MENTIONS_SQL)
            for name in SUMMARY_MARTS:
                conn.execute(f"drop table marts.{name}")
            for statement in summary_mart_ddl("marts"):
                conn.execute(statement)
        yield url
    finally:
        _drop_database(server_url, url)


def scalar(url: str, sql: str, params: dict) -> int:
    with psycopg.connect(url) as conn:
        return conn.execute(sql, params).fetchone()[0]


@pytest.mark.parametrize("as_of", AS_OF_DATES)
@pytest.mark.parametrize("districts", DISTRICT_CHOICES)
def test_case_and_contact_counts(summary_database: str, as_of: dt.date,
                                 districts: tuple[str, ...]) -> None:
    params = {"as_of": as_of, "districts": list(districts)}
    cases = data.case_counts(summary_database, SOURCE, districts, as_of)
    assert cases["count_cumulative_cases"] == scalar(summary_database, """
        select count(*) from marts.cases
        where case_date <= %(as_of)s and district_code = any(%(districts)s)""", params)
    assert cases["count_new_cases_before"] == scalar(summary_database, """
        select count(*) from marts.cases
        where case_date = %(as_of)s - 1 and district_code = any(%(districts)s)""", params)

    contacts = data.contact_counts(summary_database, SOURCE, districts, as_of)
    assert contacts["count_close_contacts"] == scalar(summary_database, """
        select count(*) from marts.close_contacts
        where contact_level = 'close' and district_code = any(%(districts)s)
            and coalesce(quarantine_start_date, last_contact_date) <= %(as_of)s
            and quarantine_end_date >= %(as_of)s""", params)
    assert contacts["count_secondary_contacts_before"] == scalar(summary_database, """
        select count(*) from marts.close_contacts
        where contact_level = 'secondary' and district_code = any(%(districts)s)
            and coalesce(quarantine_start_date, last_contact_date) <= %(as_of)s - 1
            and quarantine_end_date >= %(as_of)s - 1""", params)
    assert contacts["count_close_contacts"] > 0 or as_of == AS_OF_DATES[-1]


@pytest.mark.parametrize("as_of", AS_OF_DATES)
def test_active_key_places(summary_database: str, as_of: dt.date) -> None:
    counts = data_places.key_place_counts(summary_database, SOURCE, tuple(DISTRICTS), True,
                                          as_of)
    expected_sql = """
        select count(distinct key_place_id) from marts.place_mentions
        where mention_date > %(as_of)s - 14 and mention_date <= %(as_of)s"""
    assert counts["count_key_places"] == scalar(summary_database, expected_sql,
                                                {"as_of": as_of})
    assert counts["count_key_places_before"] == scalar(summary_database, expected_sql,
                                                       {"as_of": as_of - dt.timedelta(days=1)})


@pytest.mark.parametrize(("start", "end"), WINDOWS)
def test_key_place_ranking(summary_database: str, start: dt.date, end: dt.date) -> None:
    ranking = data_places.key_place_ranking(summary_database, SOURCE, tuple(DISTRICTS), True,
                                            start, end)
    with psycopg.connect(summary_database) as conn:
        expected = conn.execute("""
            select key_place_id, count(distinct case_id),
                count(distinct case_id) filter (where mention_date > %(end)s - 14), count(*),
                min(mention_date), max(mention_date)
            from marts.place_mentions
            where mention_date between %(start)s and %(end)s
            group by key_place_id""", {"start": start, "end": end}).fetchall()
    columns = ["key_place_id", "count_cases", "count_cases_last_14_days", "count_mentions",
               "first_mention_date", "last_mention_date"]
    actual = sorted(tuple(row) for row in ranking[columns].itertuples(index=False))
    assert actual == sorted(expected)
    assert expected, "the window must hold mentions, or the comparison proves nothing"
    assert "440303:listed" in set(ranking["key_place_id"])
