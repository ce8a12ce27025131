"""A windowed run (vars start_date, end_date, districts) replaces exactly the rows of that
window and creates the partitions it needs. Every other row stays as it was, and a full rerun
changes no content.

The module's fixture makes every dbt call once: a full build, a full rerun, then, after
changing raw records inside and outside the window, one windowed build.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest

from tests.dbt.conftest import scenario_database
from tests.dbt.dbt_runner import assert_green, run_dbt
from tests.dbt.raw_fixture import RawRecords
from tests.dbt.scenario import DEMO

WINDOW = {"start_date": "2020-02-01", "end_date": "2020-02-01", "districts": ["440303", "440306"]}

# Each partitioned mart: its id column and the window condition.
MARTS = {
    "cases": ("case_id", "case_date"),
    "case_days": ("case_id || ' ' || day_date", "day_date"),
    "events": ("event_id", "event_date"),
    "close_contacts": ("close_contact_id", "last_contact_date"),
}


@dataclass(frozen=True)
class WindowRun:
    full_content: dict[str, list[tuple]]
    rerun_content: dict[str, list[tuple]]
    before: dict[str, dict[str, tuple]]
    after: dict[str, dict[str, tuple]]
    windowed_build: subprocess.CompletedProcess[str]
    url: str


def content(conn: psycopg.Connection) -> dict[str, list[tuple]]:
    """Every row of every mart, sorted."""
    tables = [name for (name,) in conn.execute(
        "select relname from pg_class join pg_namespace on pg_namespace.oid = relnamespace"
        " where nspname = 'marts' and relkind in ('r', 'p') and not relispartition"
    )]
    return {table: sorted(conn.execute(f"select t::text from marts.{table} as t").fetchall())
            for table in sorted(tables)}


def row_versions(conn: psycopg.Connection) -> dict[str, dict[str, tuple]]:
    """For each partitioned mart: row id -> (leaf, ctid, xmin, is in window, row text)."""
    versions = {}
    for mart, (id_expression, date_column) in MARTS.items():
        versions[mart] = {
            row_id: (leaf, ctid, xmin, in_window, row_text)
            for row_id, leaf, ctid, xmin, in_window, row_text in conn.execute(
                f"select {id_expression}, tableoid::regclass::text, ctid::text, xmin::text,"
                f" {date_column} between %(start_date)s and %(end_date)s"
                f" and district_code = any(%(districts)s), t::text"
                f" from marts.{mart} as t",
                WINDOW,
            )
        }
    return versions


def change_raw_records(conn: psycopg.Connection) -> None:
    """Change rows inside and outside the window, and add a district the window names."""
    update = ("update raw.records set record = jsonb_set(record, '{description}', %s)"
              " where source_name = 'demo' and entity = 'event' and record_key = %s")
    conn.execute(update, (json.dumps("午餐（已更正）"), "C1-1"))  # 2020-02-01, Luohu: inside
    conn.execute(update, (json.dumps("上班（已更正）"), "C2-1"))  # 2020-02-05, Futian: outside
    conn.execute(update, (json.dumps("乘高铁（已更正）"), "C1-3"))  # 2020-02-03, Luohu: outside
    conn.execute("delete from raw.records where source_name = 'demo' and record_key = 'C1-2'")
    added = RawRecords()
    added.case(DEMO, "C4", district_code="440306", report_date="2020-02-01")
    added.event(DEMO, "C4-1", "C4", "2020-02-01", place_name="宝安国际机场")
    # Same day, but a district outside the window: not loaded by the windowed run.
    added.case(DEMO, "C5", district_code="440307", report_date="2020-02-01")
    added.event(DEMO, "C5-1", "C5", "2020-02-01", place_name="龙岗万达")
    added.insert(conn)


@pytest.fixture(scope="module")
def window_run(server_url: str, dbt_work_dir: Path) -> Iterator[WindowRun]:
    with scenario_database(server_url) as url:
        assert_green(run_dbt(url, "build", work_dir=dbt_work_dir))
        with psycopg.connect(url) as conn:
            full_content = content(conn)
        assert_green(run_dbt(url, "build", work_dir=dbt_work_dir))
        with psycopg.connect(url) as conn:
            rerun_content = content(conn)
            before = row_versions(conn)
            change_raw_records(conn)
        windowed_build = run_dbt(url, "build", work_dir=dbt_work_dir, dbt_vars=WINDOW)
        assert_green(windowed_build)
        with psycopg.connect(url) as conn:
            after = row_versions(conn)
        yield WindowRun(full_content, rerun_content, before, after, windowed_build, url)


@pytest.fixture
def marts(window_run: WindowRun) -> Iterator[psycopg.Connection]:
    with psycopg.connect(window_run.url) as conn:
        yield conn


def test_full_rerun_is_idempotent(window_run: WindowRun) -> None:
    assert window_run.rerun_content == window_run.full_content
    assert sum(len(rows) for rows in window_run.full_content.values()) > 0


@pytest.mark.parametrize("mart", MARTS)
def test_rows_outside_window_untouched(window_run: WindowRun, mart: str) -> None:
    outside = {row_id: version for row_id, version in window_run.before[mart].items()
               if not version[3]}
    assert outside, f"the scenario has no {mart} row outside the window"
    for row_id, version in outside.items():
        assert window_run.after[mart].get(row_id) == version, row_id


def test_rows_inside_window_rewritten(window_run: WindowRun) -> None:
    before = window_run.before["events"]["demo:C1-1"]
    after = window_run.after["events"]["demo:C1-1"]
    assert before[0] == after[0] == "marts.events_p202002_440303"
    assert after[2] != before[2]
    assert "午餐（已更正）" in after[4]


def test_window_deletes_removed_rows(window_run: WindowRun) -> None:
    assert "demo:C1-2" in window_run.before["events"]
    assert "demo:C1-2" not in window_run.after["events"]


def test_changes_outside_window_wait(window_run: WindowRun) -> None:
    assert "上班（已更正）" not in window_run.after["events"]["demo:C2-1"][4]
    assert "乘高铁（已更正）" not in window_run.after["events"]["demo:C1-3"][4]


def test_window_creates_partitions_on_demand(window_run: WindowRun) -> None:
    assert window_run.after["events"]["demo:C4-1"][0] == "marts.events_p202002_440306"
    assert window_run.after["cases"]["demo:C4"][0] == "marts.cases_p202002_440306"


def test_window_skips_other_districts(window_run: WindowRun) -> None:
    assert "demo:C5" not in window_run.after["cases"]
    assert "demo:C5-1" not in window_run.after["events"]


def test_window_rebuilds_unpartitioned_marts(marts: psycopg.Connection) -> None:
    # marts.place_mentions is an ordinary table: every run rebuilds it from all raw records.
    mentions = marts.execute("select count(*) from marts.place_mentions"
                             " where place_mention_id in ('demo:event:C4-1', 'demo:event:C5-1')"
                             ).fetchone()
    assert mentions == (2,)


def test_window_logs_replaced_rows(window_run: WindowRun) -> None:
    assert ("marts.events: window 2020-02-01 to 2020-02-01, districts 440303, 440306:"
            " deleted 2 rows, inserted 2 rows") in window_run.windowed_build.stdout
