"""Benchmark of the cockpit's pages on a synthetic city, partitioned marts against plain tables.

    LIUDIAO_DATABASE_URL=postgresql://user@127.0.0.1:5432/postgres python -m cockpit.bench

creates a database ``cockpit_bench_<time>`` on that server. It fills the marts layout (RANGE
by month, then LIST by district, as dbt builds it) and plain copies of the same tables. Then it
renders every page with streamlit.testing's AppTest and drops the database unless ``--keep``.
The whole run needs several GB of disk per million cases.

Each page is rendered ``--repetitions`` times per layout and per cache state. ``cold`` clears
every cache first. ``warm`` keeps the metadata (sources, districts, which tables exist), as a
server that has run for a while does, and clears the page data.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import json
import os
import statistics
import time
from pathlib import Path

import psycopg
import streamlit as st

from cockpit import bench_data, data, data_chains, data_places, data_quality
from cockpit.bench_schema import (
    CHAIN_TABLES,
    ORDINARY_TABLES,
    PARTITIONED_TABLES,
    QUARANTINE_DDL,
    SUMMARY_MARTS,
    index_ddl,
    partition_ddl,
    summary_mart_ddl,
    table_ddl,
)
from liudiao.config import PROJECT_ROOT

RAW_SCHEMA = PROJECT_ROOT / "orchestration" / "ingest" / "raw_schema.sql"
PAGES = ("overview", "curve", "districts", "chains", "key_places", "quality")
METADATA_FUNCTIONS = (data.existing_tables, data.table_columns, data.list_sources,
                      data.source_districts, data.districts)
APPTEST_TIMEOUT_S = 600


def log(message: str) -> None:
    print(f"{dt.datetime.now():%H:%M:%S} {message}", flush=True)


def timed(conn: psycopg.Connection, label: str, sql: str, params: dict | None = None) -> float:
    started = time.perf_counter()
    conn.execute(sql, params)
    seconds = time.perf_counter() - started
    log(f"{label}: {seconds:.1f} s")
    return seconds


def build(url: str, params: dict) -> dict[str, float]:
    """Fill schema marts (partitioned) and schema flat (plain tables) with the synthetic city;
    return the seconds each step took."""
    seconds: dict[str, float] = {}
    with psycopg.connect(url, autocommit=True) as conn:
        for statement in table_ddl("marts", partitioned=True, with_indexes=False):
            conn.execute(statement)
        for statement in partition_ddl("marts", bench_data.months(), bench_data.DISTRICT_CODES):
            conn.execute(statement)
        conn.execute(QUARANTINE_DDL)
        for name, sql in bench_data.STEPS:
            seconds[f"marts.{name}"] = timed(conn, f"marts.{name}", sql.format(schema="marts"),
                                             params)
        timed(conn, "quarantine.rejected_rows", bench_data.REJECTED_ROWS_SQL.format())
        for statement in index_ddl("marts"):
            seconds.setdefault("marts indexes", 0.0)
            seconds["marts indexes"] += timed(conn, statement, statement)
        seconds["marts summaries"] = build_summaries(conn, "marts")

        for statement in table_ddl("flat", partitioned=False, with_indexes=False):
            conn.execute(statement)
        for name in [*PARTITIONED_TABLES, *ORDINARY_TABLES, *CHAIN_TABLES]:
            seconds[f"flat.{name}"] = timed(conn, f"flat.{name}",
                                            f"insert into flat.{name} select * from marts.{name}")
        for statement in index_ddl("flat"):
            seconds.setdefault("flat indexes", 0.0)
            seconds["flat indexes"] += timed(conn, statement, statement)
        seconds["flat summaries"] = build_summaries(conn, "flat")
        record_import_batch(conn)
        seconds["analyze"] = timed(conn, "analyze", "analyze")
    return seconds


def build_summaries(conn: psycopg.Connection, schema: str) -> float:
    """Build the summary marts of ``schema`` as dbt builds them, and vacuum them as the
    transform asset does; return the seconds taken."""
    seconds = sum(timed(conn, f"{schema} summary: {statement.split(' as ')[0]}", statement)
                  for statement in summary_mart_ddl(schema))
    for name in SUMMARY_MARTS:
        seconds += timed(conn, f"vacuum {schema}.{name}", f"vacuum (analyze) {schema}.{name}")
    return seconds


def record_import_batch(conn: psycopg.Connection) -> None:
    """Add the import batch the pipeline would have written, so the cockpit lists the source
    from raw.import_batches as it does on a loaded database."""
    conn.execute(RAW_SCHEMA.read_text(encoding="utf-8"))
    conn.execute(
        "insert into raw.import_batches (source_name, source_file, content_sha256, entity,"
        " rows_read, rows_loaded, rows_rejected, rows_inserted, rows_updated, rows_unchanged,"
        " rows_removed, started_at) values ('bench', 'bench', '', 'case', 0, 0, 0, 0, 0, 0, 0,"
        " now())")


def use_flat_layout(url: str) -> None:
    """Rename the schemas so that the plain copies are the marts every cockpit query reads."""
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("alter schema marts rename to marts_partitioned")
        conn.execute("alter schema flat rename to marts")


def use_partitioned_layout(url: str) -> None:
    """Undo use_flat_layout, so a kept database can be measured again."""
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("alter schema marts rename to flat")
        conn.execute("alter schema marts_partitioned rename to marts")


def clear_caches(state: str) -> None:
    if state == "cold":
        st.cache_data.clear()
        return
    for module in (data, data_places, data_chains, data_quality):
        for member in vars(module).values():
            if callable(member) and hasattr(member, "clear") and member not in METADATA_FUNCTIONS:
                member.clear()


# Set by the page script that render() runs: AppTest's own start-up (it scans every installed
# package for components, seconds on this machine) is not part of a page's render time.
LAST_RENDER_SECONDS: list[float] = []

RENDER_SCRIPT = """
import time
from cockpit import bench
from cockpit.pages import {page}
started = time.perf_counter()
{page}.main()
bench.LAST_RENDER_SECONDS.append(time.perf_counter() - started)
"""


def render(page: str) -> float:
    """Run one page in AppTest and return the seconds its main() took."""
    from streamlit.testing.v1 import AppTest

    app = AppTest.from_string(RENDER_SCRIPT.format(page=page), default_timeout=APPTEST_TIMEOUT_S)
    app.run()
    if app.exception:
        raise RuntimeError(f"page {page} raised: {[error.value for error in app.exception]}")
    # Under ``python -m`` this module is __main__, and the script appends to cockpit.bench.
    return importlib.import_module("cockpit.bench").LAST_RENDER_SECONDS.pop()


def measure(repetitions: int) -> dict[str, dict[str, list[float]]]:
    """Time each page's main() inside AppTest; return the seconds by cache state and page."""
    results: dict[str, dict[str, list[float]]] = {}
    for state in ("cold", "warm"):
        results[state] = {}
        for page in PAGES:
            render(page)  # imports and the first plan of each query are not what we measure
            runs = []
            for _ in range(repetitions):
                clear_caches(state)
                runs.append(render(page))
            results[state][page] = runs
            log(f"{state} {page}: p50 {percentile(runs, 50):.3f} s, "
                f"p95 {percentile(runs, 95):.3f} s")
    return results


def percentile(values: list[float], pct: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[pct - 1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--contacts", type=int, default=30_000_000)
    parser.add_argument("--events", type=int, default=10_000_000)
    parser.add_argument("--repetitions", type=int, default=20)
    parser.add_argument("--output", type=Path, help="write the figures as JSON to this file")
    parser.add_argument("--keep", action="store_true", help="keep the benchmark database")
    parser.add_argument("--build-only", action="store_true",
                        help="build and keep the database, measure nothing")
    parser.add_argument("--reuse", metavar="DATABASE",
                        help="measure a database that an earlier --build-only run left")
    args = parser.parse_args()

    server_url = os.environ["LIUDIAO_DATABASE_URL"]
    name = args.reuse or f"cockpit_bench_{dt.datetime.now():%Y%m%d%H%M%S}"
    url = server_url.rsplit("/", 1)[0] + f"/{name}"
    if not args.reuse:
        with psycopg.connect(server_url, autocommit=True) as conn:
            conn.execute(f'create database "{name}"')
    os.environ["LIUDIAO_DATABASE_URL"] = url
    report: dict = {"cases": args.cases, "contacts": args.contacts, "events": args.events,
                    "repetitions": args.repetitions}
    keep = args.keep or args.build_only
    try:
        if not args.reuse:
            report["build_seconds"] = build(url, bench_data.parameters(
                args.cases, args.contacts, args.events))
        if args.build_only:
            log(f"built {name}")
            return
        with psycopg.connect(url) as conn:
            report["database_bytes"] = conn.execute(
                "select pg_database_size(current_database())").fetchone()[0]
        log(f"database size {report['database_bytes'] / 1e9:.1f} GB")
        report["partitioned"] = measure(args.repetitions)
        use_flat_layout(url)
        st.cache_data.clear()
        report["flat"] = measure(args.repetitions)
    finally:
        if args.reuse and "flat" in report:
            use_partitioned_layout(url)
        if not keep:
            with psycopg.connect(server_url, autocommit=True) as conn:
                conn.execute(f'drop database if exists "{name}" with (force)')
            log(f"dropped {name}")
    if args.output:
        args.output.write_text(json.dumps(report, indent=2))
    print_summary(report)


def print_summary(report: dict) -> None:
    print("\n| page | layout | cache | p50 (s) | p95 (s) | max (s) |")
    print("| --- | --- | --- | ---: | ---: | ---: |")
    for page in PAGES:
        for layout in ("partitioned", "flat"):
            for state in ("cold", "warm"):
                runs = report[layout][state][page]
                print(f"| {page} | {layout} | {state} | {percentile(runs, 50):.3f} | "
                      f"{percentile(runs, 95):.3f} | {max(runs):.3f} |")


if __name__ == "__main__":
    main()
