"""Measure the date grain of the partitioned marts: day, week or month range partitions,
each LIST-partitioned by district, on synthetic events generated in SQL.

For each grain the script builds, in a schema of its own, the layout of the partitioned_table
materialization: RANGE by event_date, then LIST by district_code, with indexes on case_id and
district_code + event_date. It loads the same events into each and times three queries with
EXPLAIN (ANALYZE): one day of one district, 30 days of all districts, and one case across all
partitions. It prints a Markdown table of the medians.

    .venv/bin/python benchmarks/partition_grain.py --url postgresql://postgres@127.0.0.1:5432/bench

The database at --url is used as scratch space: the schemas bench_source, bench_day,
bench_week and bench_month are dropped and recreated.
"""

from __future__ import annotations

import argparse
import statistics
import time
from dataclasses import dataclass

import psycopg

GRAINS = ("day", "week", "month")
DISTRICTS = ("440303", "440304", "440305", "440306", "440307", "440308", "440309",
             "440310", "440311", "440399", "other")
FIRST_DAY = "2020-01-01"
DAYS = 366

QUERIES = {
    "one day, one district": (
        "select * from {schema}.events"
        " where event_date = date '2020-06-15' and district_code = '440304'"
    ),
    "30 days, all districts": (
        "select district_code, event_date, count(*) from {schema}.events"
        " where event_date between date '2020-06-01' and date '2020-06-30'"
        " group by district_code, event_date"
    ),
    "one case, all dates": "select * from {schema}.events where case_id = 'bench:C12345'",
}


@dataclass
class Timing:
    planning_ms: float
    execution_ms: float
    count_scanned_relations: int


def create_source(conn: psycopg.Connection, count_events: int) -> None:
    """Generate the events once; each layout copies them."""
    conn.execute("drop schema if exists bench_source cascade")
    conn.execute("create schema bench_source")
    conn.execute(
        """
        create unlogged table bench_source.events as
        select
            'bench:E' || event_number as event_id,
            'bench:C' || (event_number %% %(count_cases)s) as case_id,
            %(first_day)s::date + (event_number * 7919 %% %(days)s)::integer as event_date,
            (%(districts)s::text[])[1 + (event_number * 104729 %% %(count_districts)s)::integer]
                as district_code,
            (array['dining', 'work', 'shopping', 'transport', 'home'])[1 + (event_number %% 5)::integer]
                as event_type,
            'place ' || (event_number %% 5000) as place_name,
            repeat('x', 60) as description
        from generate_series(1::bigint, %(count_events)s) as event_number
        """,
        # About 15 events per case, as in a 14-day activity history.
        {"count_events": count_events, "count_cases": max(count_events // 15, 1),
         "first_day": FIRST_DAY, "days": DAYS, "districts": list(DISTRICTS),
         "count_districts": len(DISTRICTS)},
    )


def build_layout(conn: psycopg.Connection, grain: str) -> tuple[int, float]:
    """Create bench_<grain>.events with its partitions and load it; return the leaf count and
    the load time in seconds.

    Each partition is created in a transaction of its own and the rows are inserted month by
    month: at day grain, creating a year of partitions in one transaction ran out of lock
    slots with the default max_locks_per_transaction (64).
    """
    schema = f"bench_{grain}"
    drop_layout(conn, schema)
    conn.execute(f"create schema {schema}")
    conn.execute(
        f"create table {schema}.events (like bench_source.events) partition by range (event_date)"
    )
    conn.execute(f"create index on {schema}.events (case_id)")
    conn.execute(f"create index on {schema}.events (district_code, event_date)")
    started = time.perf_counter()
    keys = conn.execute(
        f"select distinct date_trunc('{grain}', event_date)::date as range_start,"
        f" (date_trunc('{grain}', event_date) + interval '1 {grain}')::date as range_end,"
        " district_code from bench_source.events order by 1, 3"
    ).fetchall()
    for range_start, range_end, district_code in keys:
        range_name = f"events_p{range_start:%Y%m%d}"
        conn.execute(
            f"create table if not exists {schema}.{range_name} partition of {schema}.events"
            f" for values from ('{range_start}') to ('{range_end}')"
            " partition by list (district_code)"
        )
        conn.execute(
            f"create table if not exists {schema}.{range_name}_{district_code}"
            f" partition of {schema}.{range_name} for values in ('{district_code}')"
        )
    for month in range(1, 13):
        conn.execute(
            f"insert into {schema}.events select * from bench_source.events"
            " where date_trunc('month', event_date) = make_date(2020, %s, 1)",
            (month,),
        )
    seconds = time.perf_counter() - started
    conn.execute(f"vacuum analyze {schema}.events")
    count_leaves = conn.execute(
        "select count(*) from pg_class join pg_namespace on pg_namespace.oid = relnamespace"
        " where nspname = %s and relkind = 'r'",
        (schema,),
    ).fetchone()[0]
    return count_leaves, seconds


def drop_layout(conn: psycopg.Connection, schema: str) -> None:
    """Drop the schema one range partition at a time, for the same lock limit."""
    range_partitions = conn.execute(
        "select inhrelid::regclass::text from pg_inherits"
        " where inhparent = to_regclass(%s)",
        (f"{schema}.events",),
    ).fetchall()
    for (range_partition,) in range_partitions:
        conn.execute(f"drop table {range_partition}")
    conn.execute(f"drop schema if exists {schema} cascade")


def scanned_relations(plan: dict) -> int:
    own = 1 if "Relation Name" in plan else 0
    return own + sum(scanned_relations(child) for child in plan.get("Plans", []))


def time_query(conn: psycopg.Connection, sql: str, repeat: int) -> Timing | str:
    """Median planning and execution time of ``sql`` over ``repeat`` runs, after one warm-up;
    the error message if the query fails."""
    runs = []
    for _ in range(repeat + 1):
        try:
            result = conn.execute(f"explain (analyze, format json) {sql}").fetchone()[0][0]
        except psycopg.Error as error:
            return f"failed: {error.diag.message_primary}"
        runs.append(Timing(result["Planning Time"], result["Execution Time"],
                           scanned_relations(result["Plan"])))
    runs = runs[1:]
    return Timing(
        statistics.median(run.planning_ms for run in runs),
        statistics.median(run.execution_ms for run in runs),
        runs[0].count_scanned_relations,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True, help="scratch database URL")
    parser.add_argument("--events", type=int, default=3_000_000, help="number of events")
    parser.add_argument("--repeat", type=int, default=15, help="timed runs per query")
    arguments = parser.parse_args()

    with psycopg.connect(arguments.url, autocommit=True) as conn:
        version = conn.execute("show server_version").fetchone()[0]
        jit = conn.execute("show jit").fetchone()[0]
        print(f"PostgreSQL {version}, jit={jit}, {arguments.events} events over {DAYS} days,"
              f" {len(DISTRICTS)} districts, median of {arguments.repeat} runs\n")
        create_source(conn, arguments.events)
        print("| grain | leaf partitions | load s | query | planning ms | execution ms |"
              " relations scanned |")
        print("| --- | --- | --- | --- | --- | --- | --- |")
        for grain in GRAINS:
            count_leaves, load_seconds = build_layout(conn, grain)
            for label, sql in QUERIES.items():
                timing = time_query(conn, sql.format(schema=f"bench_{grain}"), arguments.repeat)
                row = f"| {grain} | {count_leaves} | {load_seconds:.1f} | {label} |"
                if isinstance(timing, str):
                    row += f" {timing} | | |"
                else:
                    row += (f" {timing.planning_ms:.2f} | {timing.execution_ms:.2f} |"
                            f" {timing.count_scanned_relations} |")
                print(row, flush=True)
            drop_layout(conn, f"bench_{grain}")
        conn.execute("drop schema bench_source cascade")


if __name__ == "__main__":
    main()
