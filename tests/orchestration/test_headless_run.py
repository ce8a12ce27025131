"""The headless pipeline: import then dbt through Dagster, on demo and real line lists."""

import datetime as dt

import psycopg
import pytest

from orchestration.headless import run_source
from tests.conftest import shared_data_dir


@pytest.fixture
def pipeline_env(tmp_path, fresh_database, monkeypatch):
    """A new LIUDIAO_HOME and database for one pipeline run."""
    monkeypatch.setenv("LIUDIAO_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("LIUDIAO_DATABASE_URL", fresh_database)
    return fresh_database


def _assert_rows_add_up(report):
    assert report.rows_by_entity
    for entity, counts in report.rows_by_entity.items():
        assert counts["read"] == counts["loaded"] + counts["rejected"], entity


def _count(url, sql, params=None):
    with psycopg.connect(url) as conn:
        return conn.execute(sql, params).fetchone()[0]


def test_demo_run_builds_marts(tmp_path, pipeline_env):
    from orchestration.demo_data import write_demo_data

    data = tmp_path / "demo"
    write_demo_data(data, seed=11, cases=120)

    report = run_source("demo", data, pipeline_env)

    assert report.succeeded, report
    _assert_rows_add_up(report)
    raw_cases = _count(pipeline_env, "select count(*) from raw.records where entity = 'case'")
    assert _count(pipeline_env, "select count(*) from marts.cases") == raw_cases
    assert _count(pipeline_env, "select count(*) from marts.events") > raw_cases
    assert _count(pipeline_env, "select count(*) from marts.close_contacts") > 0


def test_rerun_of_same_files_touches_nothing(tmp_path, pipeline_env):
    from orchestration.demo_data import write_demo_data

    data = tmp_path / "demo"
    write_demo_data(data, seed=12, cases=60)
    first = run_source("demo", data, pipeline_env)
    assert first.succeeded

    day = dt.date.fromisoformat(
        _count(pipeline_env, "select min(case_date)::text from marts.cases"))
    second = run_source("demo", data, pipeline_env, start=day, end=day)

    assert second.succeeded
    assert second.touched_partitions == 0
    assert _count(pipeline_env, "select count(*) from marts.cases") == _count(
        pipeline_env, "select count(*) from raw.records where entity = 'case'")


def test_shenzhen_run_links_every_relation(pipeline_env):
    report = run_source("shenzhen-2020", shared_data_dir("shenzhen-2020"), pipeline_env)

    assert report.succeeded, report
    _assert_rows_add_up(report)
    raw_links = _count(pipeline_env,
                       "select count(*) from raw.records where entity = 'case_link'")
    assert raw_links > 0
    assert _count(pipeline_env, "select count(*) from marts.transmission_links") == raw_links
    dated_events = _count(pipeline_env,
                          "select count(*) from marts.events where source_sentence is not null")
    assert dated_events > 0


def test_ds4c_run_adds_up(pipeline_env):
    report = run_source("ds4c", shared_data_dir("ds4c-korea"), pipeline_env)

    assert report.succeeded, report
    _assert_rows_add_up(report)
    assert _count(pipeline_env, "select count(*) from marts.cases where source_name = 'ds4c'") > 5000
