"""Render time of the chain page on a chain of 5,000 cases, without and with the chain marts.

    python -m tests.cockpit.bench_large_chain postgresql://USER@127.0.0.1:PORT/postgres

creates a scratch database with the contract rows and the 5,000-case chain of
test_large_chain.py, times 20 renders of the chain page with cold caches, and drops it.
"""

from __future__ import annotations

import os
import sys
import uuid

import pandas as pd
import psycopg
import streamlit as st

from cockpit.bench import percentile, render
from cockpit.chains import chains_from_links
from tests.cockpit.contract_rows import load_contract_rows
from tests.cockpit.test_large_chain import LARGE_CHAIN_SQL

REPETITIONS = 20


def write_chain_marts(conn: psycopg.Connection) -> None:
    """Replace the chain marts with chains computed from every known link."""
    links = pd.DataFrame(conn.execute(
        "select infector_case_id, infectee_case_id from marts.transmission_links"
        " where is_infector_known").fetchall(), columns=["infector_case_id", "infectee_case_id"])
    members = chains_from_links(links).merge(
        links.rename(columns={"infectee_case_id": "case_id"}), on="case_id", how="left")
    conn.execute("truncate marts.chain_members, marts.transmission_chains")
    with conn.cursor() as cursor:
        cursor.executemany(
            "insert into marts.chain_members (case_id, source_name, chain_id, generation,"
            " infector_case_id) values (%s, 'demo', %s, %s, %s)",
            [(row.case_id, row.chain_id, int(row.generation),
              None if pd.isna(row.infector_case_id) else row.infector_case_id)
             for row in members.itertuples()])
    conn.execute(
        "insert into marts.transmission_chains (chain_id, source_name, size, count_generations,"
        " first_case_date, last_case_date, district_codes)"
        " select members.chain_id, 'demo', count(*), max(members.generation) + 1,"
        " min(cases.case_date), max(cases.case_date), array_agg(distinct cases.district_code)"
        " from marts.chain_members as members"
        " inner join marts.cases as cases on cases.case_id = members.case_id"
        " group by members.chain_id")


def time_chain_page() -> list[float]:
    render("chains")
    runs = []
    for _ in range(REPETITIONS):
        st.cache_data.clear()
        runs.append(render("chains"))
    return runs


def main(server_url: str) -> None:
    name = f"chain_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(server_url, autocommit=True) as conn:
        conn.execute(f'create database "{name}"')
    url = server_url.rsplit("/", 1)[0] + f"/{name}"
    os.environ["LIUDIAO_DATABASE_URL"] = url
    try:
        load_contract_rows(url, with_chain_marts=True)
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(LARGE_CHAIN_SQL)
            conn.execute("alter table marts.chain_members rename to chain_members_hidden")
        for mode in ("links", "marts"):
            if mode == "marts":
                with psycopg.connect(url, autocommit=True) as conn:
                    conn.execute("alter table marts.chain_members_hidden rename to chain_members")
                    write_chain_marts(conn)
            st.cache_data.clear()
            runs = time_chain_page()
            print(f"{mode}: p50 {percentile(runs, 50):.3f} s, p95 {percentile(runs, 95):.3f} s,"
                  f" max {max(runs):.3f} s", flush=True)
    finally:
        with psycopg.connect(server_url, autocommit=True) as conn:
            conn.execute(f'drop database if exists "{name}" with (force)')


if __name__ == "__main__":
    main(sys.argv[1])
