"""A database with the mart tables the analytics read, in the shape of the marts contract.

The tables are plain (unpartitioned) and hold only what each test inserts, so the analytics
run on known rows without the importers or dbt.
"""

from __future__ import annotations

from collections.abc import Iterable

import psycopg
import pytest
from psycopg import sql

CONTRACT_DDL = """
create schema marts;
create schema intermediate;
create schema staging;
create table marts.districts (
    district_code text primary key, district_name text, latitude double precision,
    longitude double precision
);
create table staging.stg_raw__jurisdiction_subdistricts (
    subdistrict_code text primary key, subdistrict_name text, district_code text,
    latitude double precision, longitude double precision
);
create table marts.cases (
    case_id text primary key, source_name text, source_case_ref text, person_id text,
    case_date date, district_code text, report_date date, confirmed_date date,
    onset_date date
);
create table marts.transmission_links (
    transmission_link_id text primary key, source_name text, source_link_ref text,
    infector_case_id text, infectee_case_id text, infector_source_case_ref text,
    infectee_source_case_ref text, is_infector_known boolean, is_infectee_known boolean
);
create table marts.events (
    event_id text primary key, source_name text, case_id text, event_date date,
    district_code text, event_type text, start_time time, end_time time,
    place_mention_id text, description text
);
create table marts.close_contacts (
    close_contact_id text primary key, source_name text, person_id text, case_id text,
    contact_level text, contact_type text, last_contact_date date, became_case_id text
);
create table intermediate.int_place_mentions_unioned (
    place_mention_id text primary key, source_name text, source_ref text, mention_kind text,
    case_id text, mention_date date, place_name text, address text, district_code text,
    subdistrict_code text, latitude double precision, longitude double precision,
    normalized_name text
);
"""


def insert_rows(url: str, table: str, rows: Iterable[dict]) -> None:
    """Insert dicts as rows of ``table`` (``schema.name``); keys are column names."""
    rows = list(rows)
    if not rows:
        return
    columns = list(rows[0])
    statement = sql.SQL("insert into {} ({}) values ({})").format(
        sql.Identifier(*table.split(".")),
        sql.SQL(", ").join(map(sql.Identifier, columns)),
        sql.SQL(", ").join(sql.Placeholder() * len(columns)),
    )
    with psycopg.connect(url) as conn:
        conn.cursor().executemany(statement, [[row.get(column) for column in columns]
                                              for row in rows])


def fetch(url: str, query: str, params=None) -> list[tuple]:
    with psycopg.connect(url) as conn:
        return conn.execute(query, params).fetchall()


@pytest.fixture
def marts_url(fresh_database: str) -> str:
    """URL of a new database with empty contract tables."""
    with psycopg.connect(fresh_database) as conn:
        conn.execute(CONTRACT_DDL)
    return fresh_database


def case_row(ref: str, onset: str | None = None, case_date: str = "2020-02-01",
             source_name: str = "test", district_code: str = "440304",
             confirmed: str | None = None, person_id: str | None = None) -> dict:
    return {"case_id": f"{source_name}:{ref}", "source_name": source_name,
            "source_case_ref": ref, "person_id": person_id or f"{source_name}:person:{ref}",
            "case_date": case_date, "district_code": district_code, "onset_date": onset,
            "confirmed_date": confirmed, "report_date": None}


def link_row(ref: str, infector: str, infectee: str, source_name: str = "test") -> dict:
    return {"transmission_link_id": f"{source_name}:{ref}", "source_name": source_name,
            "source_link_ref": ref, "infector_case_id": f"{source_name}:{infector}",
            "infectee_case_id": f"{source_name}:{infectee}",
            "infector_source_case_ref": infector, "infectee_source_case_ref": infectee}
