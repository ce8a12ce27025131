"""The marts' rows after a full `dbt build` of the scenario (tests/dbt/scenario.py)."""

from __future__ import annotations

import datetime as dt

import psycopg

from tests.dbt.conftest import BuiltMarts


def rows(conn: psycopg.Connection, sql: str) -> list[tuple]:
    return conn.execute(sql).fetchall()


def test_build_passes_with_one_warning(built_marts: BuiltMarts) -> None:
    # The one warning: event C9-1 belongs to a case that was never loaded.
    assert "ERROR=0" in built_marts.build.stdout
    assert "WARN=1 " in built_marts.build.stdout
    assert "relationships_stg_raw__events_case_id" in built_marts.build.stdout


def test_cases_one_row_per_case(marts: psycopg.Connection) -> None:
    cases = dict(rows(marts, "select case_id, district_code from marts.cases"))
    assert cases == {
        "demo:C1": "440303",
        "demo:C2": "440304",
        "demo:C3": "other",
        "shenzhen-2020:C1": "440305",
        "ds4c:1000000001": "10000",
    }


def test_cases_case_date_and_basis(marts: psycopg.Connection) -> None:
    case = rows(marts, "select case_date, case_date_basis, source_case_ref, source_name"
                       " from marts.cases where case_id = 'demo:C2'")
    assert case == [(dt.date(2020, 2, 12), "confirmed", "C2", "demo")]


def test_cases_hold_no_personal_fields(marts: psycopg.Connection) -> None:
    columns = {name for (name,) in rows(
        marts, "select column_name from information_schema.columns"
               " where table_schema = 'marts' and table_name = 'cases'")}
    assert columns.isdisjoint({"name", "id_card_number", "phone", "birth_date"})
    assert "person_id" in columns


def test_events_leave_out_unloaded_case(marts: psycopg.Connection) -> None:
    event_ids = {event_id for (event_id,) in rows(marts, "select event_id from marts.events")}
    assert event_ids == {"demo:C1-1", "demo:C1-2", "demo:C1-3", "demo:C2-1", "demo:C3-1",
                         "shenzhen-2020:C1-1", "ds4c:1000000001-1"}


def test_events_district_is_the_case_district(marts: psycopg.Connection) -> None:
    event = rows(marts, "select district_code, place_district_code from marts.events"
                        " where event_id = 'demo:C3-1'")
    assert event == [("other", "440309")]


def test_events_fill_place_from_place_record(marts: psycopg.Connection) -> None:
    event = rows(marts, "select place_name, place_district_code, latitude, place_mention_id"
                        " from marts.events where event_id = 'demo:C2-1'")
    assert event == [("华强北赛格广场", "440304", 22.5431, "demo:event:C2-1")]


def test_case_days_fourteen_days_before_onset(marts: psycopg.Connection) -> None:
    days = rows(marts, "select min(day_date), max(day_date), count(*), min(anchor_date)"
                       " from marts.case_days where case_id = 'demo:C1'")
    assert days == [(dt.date(2020, 1, 22), dt.date(2020, 2, 4), 14, dt.date(2020, 2, 5))]


def test_case_days_anchor_falls_back_to_case_date(marts: psycopg.Connection) -> None:
    anchors = rows(marts, "select distinct anchor_date from marts.case_days"
                          " where case_id = 'demo:C2'")
    assert anchors == [(dt.date(2020, 2, 12),)]


def test_case_days_count_the_day_events(marts: psycopg.Connection) -> None:
    days = rows(marts, "select day_date, day_offset, count_events, count_place_mentions,"
                       " has_travel from marts.case_days where case_id = 'demo:C1'"
                       " and count_events > 0 order by day_date")
    assert days == [
        (dt.date(2020, 2, 1), -4, 2, 2, False),
        (dt.date(2020, 2, 3), -2, 1, 0, True),
    ]


def test_close_contacts_district_and_quarantine(marts: psycopg.Connection) -> None:
    contact = rows(marts, "select contact_level, via_close_contact_id, district_code,"
                          " quarantine_end_date from marts.close_contacts"
                          " where close_contact_id = 'demo:K2'")
    assert contact == [("secondary", "demo:K1", "440303", dt.date(2020, 2, 20))]


def test_persons_matched_by_id_card(marts: psycopg.Connection) -> None:
    contact_person = rows(marts, "select person_id, became_case_id from marts.close_contacts"
                                 " where close_contact_id = 'demo:K3'")
    assert contact_person == [("demo:case:C1", "demo:C1")]
    person = rows(marts, "select is_case, is_close_contact, id_card_is_valid"
                         " from marts.persons where person_id = 'demo:case:C1'")
    assert person == [(True, True, True)]


def test_persons_one_row_per_person(marts: psycopg.Connection) -> None:
    # Five cases and three contacts, of whom K3 is case C1.
    assert rows(marts, "select count(*) from marts.persons") == [(7,)]


def test_key_places_group_spellings(marts: psycopg.Connection) -> None:
    places = rows(marts, "select key_places.canonical_name, key_places.count_mentions,"
                         " key_places.count_cases from marts.key_places"
                         " where district_code = '440303'")
    assert places == [("东门 步行街（老街）", 2, 1)]


def test_key_places_join_event_and_place_record(marts: psycopg.Connection) -> None:
    mentions = rows(marts, "select mention_kind, place_mention_id from marts.place_mentions"
                           " where key_place_id = (select key_place_id from marts.key_places"
                           " where canonical_name = '华强北赛格广场') order by mention_kind")
    assert mentions == [("event", "demo:event:C2-1"), ("place", "demo:place:P1")]


def test_transmission_links_keep_dangling(marts: psycopg.Connection) -> None:
    links = rows(marts, "select transmission_link_id, is_infector_known, is_infectee_known"
                        " from marts.transmission_links order by 1")
    assert links == [("demo:L1", True, True), ("demo:L2", True, False)]


def test_districts_include_other(marts: psycopg.Connection) -> None:
    districts = dict(rows(marts, "select district_code, district_name from marts.districts"))
    # Ten Shenzhen districts, Seoul, and `other` once although both jurisdictions list it.
    assert len(districts) == 12
    assert districts["other"] == "其他地区"
    assert districts["440303"] == "罗湖区"
    assert districts["10000"] == "Seoul"


def test_official_daily_counts(marts: psycopg.Connection) -> None:
    counts = rows(marts, "select district_code, cumulative_cases from marts.official_daily_counts"
                         " order by district_code")
    assert counts == [("440303", 1), ("total", 2)]
