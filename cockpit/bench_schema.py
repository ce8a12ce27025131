"""DDL of the marts tables the cockpit reads, as the marts contract describes them.

dbt owns the real marts. This copy builds them without the pipeline: for the cockpit benchmark
(partitioned like dbt's partitioned_table materialization, or as plain tables) and for tests
that fill them with rows of their own.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

# Partitioned marts: name -> (columns, partition date column, indexed column lists).
PARTITIONED_TABLES = {
    "cases": ("""
        case_id text not null, source_name text not null, source_case_ref text not null,
        person_id text, case_date date not null, case_date_basis text,
        district_code text not null, subdistrict_code text, report_date date,
        confirmed_date date, onset_date date, first_visit_date date, discharge_date date,
        death_date date, case_type text, severity text, infection_source text, sex text,
        age integer, cluster_ref text, travel_history text, details text
    """, "case_date", [["case_id"], ["district_code", "case_date"]]),
    "case_days": ("""
        case_id text not null, day_date date not null, district_code text not null,
        anchor_date date, day_offset integer, count_events integer,
        count_place_mentions integer, has_travel boolean
    """, "day_date", [["case_id"], ["district_code", "day_date"]]),
    "events": ("""
        event_id text not null, source_name text not null, source_event_ref text,
        case_id text, event_date date not null, district_code text not null, event_type text,
        start_time text, end_time text, place_mention_id text, place_name text, address text,
        place_district_code text, place_subdistrict_code text, latitude double precision,
        longitude double precision, description text, source_sentence text
    """, "event_date", [["case_id"], ["district_code", "event_date"]]),
    "close_contacts": ("""
        close_contact_id text not null, source_name text not null, source_contact_ref text,
        person_id text, case_id text, contact_level text, via_close_contact_id text,
        relation text, contact_type text, last_contact_date date not null,
        district_code text not null, subdistrict_code text, quarantine_start_date date,
        quarantine_end_date date, test_result text, became_case_id text
    """, "last_contact_date", [["case_id"], ["district_code", "last_contact_date"]]),
}

ORDINARY_TABLES = {
    "place_mentions": """
        place_mention_id text, source_name text, source_ref text, mention_kind text,
        case_id text, mention_date date, place_name text, address text,
        normalized_name text, district_code text, subdistrict_code text,
        latitude double precision, longitude double precision, key_place_id text,
        match_score numeric(4, 3)
    """,
    "key_places": """
        key_place_id text, canonical_name text, district_code text, subdistrict_code text,
        latitude double precision, longitude double precision, count_mentions bigint,
        count_cases bigint, first_mention_date date, last_mention_date date
    """,
    "transmission_links": """
        transmission_link_id text, source_name text, source_link_ref text,
        infector_case_id text, infectee_case_id text, infector_source_case_ref text,
        infectee_source_case_ref text, relation text, relation_type text, evidence text,
        is_infector_known boolean, is_infectee_known boolean
    """,
    "districts": """
        district_code text, district_name text, district_name_en text,
        jurisdiction_code text, latitude double precision, longitude double precision
    """,
    "official_daily_counts": """
        source_name text, report_date date, district_code text, cumulative_cases integer
    """,
}

# The chain analysis's marts (orchestration/analytics/tables.py), primary keys included.
CHAIN_TABLES = {
    "transmission_chains": """
        chain_id text primary key, source_name text, root_case_id text, size integer,
        count_generations integer, first_onset_date date, last_onset_date date,
        first_case_date date, last_case_date date, district_codes text[],
        count_districts integer, growth_last_7_days integer, growth_reference_date date
    """,
    "chain_members": """
        case_id text primary key, source_name text, chain_id text, generation integer,
        infector_case_id text, transmission_link_id text, offspring_count integer
    """,
}

QUARANTINE_DDL = """
create schema if not exists quarantine;
create table if not exists quarantine.rejected_rows (
    rejected_row_id bigserial primary key, source_name text not null,
    source_file text not null, line_number integer not null, entity text not null,
    reason_code text not null, reason text not null, raw_record jsonb not null,
    rejected_at timestamptz not null default now()
);
"""


def table_ddl(schema: str, partitioned: bool, with_chains: bool = True,
              with_indexes: bool = True) -> list[str]:
    """Statements creating every contract table in ``schema``, partitioned parents (RANGE by
    date, then LIST by district, partitions added by :func:`partition_ddl`) or plain tables.

    Without ``with_indexes``, :func:`index_ddl` adds the partitioned marts' indexes later,
    which loads large tables faster.
    """
    statements = [f"create schema if not exists {schema}"]
    for name, (columns, date_column, _) in PARTITIONED_TABLES.items():
        suffix = f" partition by range ({date_column})" if partitioned else ""
        statements.append(f"create table {schema}.{name} ({columns}){suffix}")
    tables = {**ORDINARY_TABLES, **(CHAIN_TABLES if with_chains else {})}
    statements += [f"create table {schema}.{name} ({columns})" for name, columns in tables.items()]
    return statements + (index_ddl(schema) if with_indexes else [])


# Indexes that dbt's post-hooks give the ordinary marts.
ORDINARY_INDEXES = {"place_mentions": [["key_place_id", "mention_date"]]}


def index_ddl(schema: str) -> list[str]:
    """Return the statements creating the indexes that dbt gives the partitioned marts and
    the ordinary marts the cockpit filters."""
    indexes = [(name, index) for name, (_, _, indexes) in PARTITIONED_TABLES.items()
               for index in indexes]
    indexes += [(name, index) for name, more in ORDINARY_INDEXES.items() for index in more]
    return [f"create index on {schema}.{name} ({', '.join(index)})" for name, index in indexes]


def partition_ddl(schema: str, months: list[dt.date], district_codes: list[str]) -> list[str]:
    """Monthly range partitions of every partitioned table, each split by district code, named
    as dbt names them: ``<table>_p<YYYYMM>_<district_code>``."""
    statements = []
    for name in PARTITIONED_TABLES:
        for month in months:
            following = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
            range_name = f"{name}_p{month:%Y%m}"
            statements.append(
                f"create table {schema}.{range_name} partition of {schema}.{name} "
                f"for values from ('{month}') to ('{following}') partition by list (district_code)"
            )
            statements += [
                f"create table {schema}.{range_name}_{code} partition of {schema}.{range_name} "
                f"for values in ('{code}')" for code in district_codes
            ]
    return statements


# Summary marts that dbt builds from the marts above (dbt/models/marts/<name>.sql). They are
# built here from the same model files, so the benchmark and the tests read what dbt builds.
SUMMARY_MARTS = ("daily_district_counts", "key_place_visits")
DBT_MARTS_DIR = Path(__file__).resolve().parent.parent / "dbt" / "models" / "marts"
_CONFIG_BLOCK = re.compile(r"\{\{\s*config\((?P<body>.*?)\)\s*\}\}", re.DOTALL)
_POST_HOOK = re.compile(r'post_hook="(?P<sql>[^"]*)"')
_REF = re.compile(r"\{\{\s*ref\('(?P<name>\w+)'\)\s*\}\}")
_THIS = re.compile(r"\{\{\s*this\s*\}\}")


def summary_mart_ddl(schema: str) -> list[str]:
    """Statements creating the summary marts in ``schema`` from the tables beside them: each
    model's select with its refs pointing into ``schema``, then its post-hook index."""
    statements = []
    for name in SUMMARY_MARTS:
        model = (DBT_MARTS_DIR / f"{name}.sql").read_text(encoding="utf-8")
        config = _CONFIG_BLOCK.search(model)
        select = _REF.sub(lambda ref: f"{schema}.{ref['name']}", _CONFIG_BLOCK.sub("", model))
        statements.append(f"create table {schema}.{name} as {select}")
        hook = _POST_HOOK.search(config["body"]) if config else None
        if hook:
            statements.append(_THIS.sub(f"{schema}.{name}", hook["sql"]))
    return statements
