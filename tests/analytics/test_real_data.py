"""The analytics on the public line lists, with the figures docs/analytics.md reports.

Each source is imported (orchestration.ingest.import_source), modelled (dbt run), analysed
(the three builds) and modelled again for the key place marts that read the place merge.
The figures follow from the raw files; docs/analytics.md explains each.
"""

import uuid
from collections.abc import Iterator

import psycopg
import pytest

from liudiao.jurisdictions import load
from orchestration.analytics.build import (
    build_chain_tables,
    build_copresence,
    build_place_matches,
)
from orchestration.ingest import import_source
from tests.analytics.conftest import fetch
from tests.conftest import shared_data_dir
from tests.dbt.dbt_runner import assert_green, run_dbt


def analysed_database(server_url: str, source_name: str, folder: str, work_dir
                      ) -> Iterator[str]:
    name = f"test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server_url, autocommit=True) as conn:
        conn.execute(f'create database "{name}"')
    url = server_url.rsplit("/", 1)[0] + f"/{name}"
    try:
        import_source(url, source_name, shared_data_dir(folder))
        assert_green(run_dbt(url, "run", work_dir=work_dir))
        build_chain_tables(url)
        build_place_matches(url, load("shenzhen"), work_dir / "no-overrides.csv")
        build_copresence(url)
        assert_green(run_dbt(url, "run", "--select", "stg_analytics__place_matches+",
                             work_dir=work_dir))
        yield url
    finally:
        with psycopg.connect(server_url, autocommit=True) as conn:
            conn.execute(f'drop database if exists "{name}" with (force)')


@pytest.fixture(scope="module")
def ds4c(server_url, tmp_path_factory) -> Iterator[str]:
    yield from analysed_database(server_url, "ds4c", "ds4c-korea",
                                 tmp_path_factory.mktemp("ds4c"))


@pytest.fixture(scope="module")
def shenzhen(server_url, tmp_path_factory) -> Iterator[str]:
    yield from analysed_database(server_url, "shenzhen-2020", "shenzhen-2020",
                                 tmp_path_factory.mktemp("shenzhen"))


def test_ds4c_problem_links_by_kind(ds4c):
    rows = dict(fetch(ds4c, "select kind, count(*) from marts.link_issues group by kind"))

    assert rows == {"self_link": 4, "unknown_case": 7, "multiple_infectors": 1, "cycle": 9,
                    "onset_after_infectee": 11}


def test_ds4c_every_link_accounted_for(ds4c):
    unaccounted = fetch(ds4c, """
        select count(*) from marts.transmission_links as links
        where links.transmission_link_id not in (
            select transmission_link_id from marts.chain_members
            where transmission_link_id is not null
            union
            select transmission_link_id from marts.link_issues where action <> 'kept')""")

    assert fetch(ds4c, "select count(*) from marts.transmission_links") == [(1347,)]
    assert unaccounted == [(0,)]


def test_ds4c_chains(ds4c):
    count = fetch(ds4c, "select count(*), sum(size) from marts.transmission_chains")
    longest = fetch(ds4c, "select root_case_id, count_generations, size "
                          "from marts.transmission_chains "
                          "order by count_generations desc, size desc limit 1")
    largest = fetch(ds4c, "select root_case_id, size from marts.transmission_chains "
                          "order by size desc, root_case_id limit 2")

    assert count == [(380, 1706)]
    assert longest == [("ds4c:6016000007", 8, 38)]
    assert largest == [("ds4c:1000000138", 67), ("ds4c:1400000209", 67)]


def test_ds4c_top_infectors(ds4c):
    top = fetch(ds4c, "select case_id, offspring_count from marts.chain_members "
                      "order by offspring_count desc, case_id limit 4")
    spreaders = fetch(ds4c, "select count(*) from marts.super_spreaders")

    assert top == [("ds4c:2000000205", 51), ("ds4c:4100000008", 27),
                   ("ds4c:1400000209", 24), ("ds4c:2000000167", 24)]
    assert spreaders == [(40,)]


def test_ds4c_routes_become_key_places(ds4c):
    mentions = fetch(ds4c, "select count(*), count(distinct key_place_id) "
                           "from marts.place_mentions")
    airport = fetch(ds4c, "select canonical_name, count_cases from marts.key_places "
                          "order by count_cases desc limit 1")

    assert mentions == [(8092, 3995)]
    assert airport == [("airport", 139)]


def test_ds4c_copresence_ranks_reported_infectors(ds4c):
    found = fetch(ds4c, "select count(*), count(*) filter (where rank = 1) "
                        "from marts.source_candidates where is_reported_infector")

    assert found == [(56, 39)]


def test_shenzhen_serial_interval(shenzhen):
    mean = fetch(shenzhen, "select round(value::numeric, 2)::float, "
                           "round(ci_lower::numeric, 2)::float, round(ci_upper::numeric, 2)::float, "
                           "count_observations from marts.chain_statistics "
                           "where statistic = 'serial_interval_mean'")
    local = fetch(shenzhen, """
        select round(avg(intervals.serial_interval_days), 2)::float, count(*)
        from marts.serial_intervals as intervals
        inner join marts.cases on cases.case_id = intervals.infectee_case_id
        where cases.infection_source = 'local'""")

    assert mean == [(3.38, 2.44, 4.31, 138)]
    assert local == [(4.64, 39)]


def test_shenzhen_places_merge(shenzhen):
    rows = fetch(shenzhen, "select count(*), count(distinct key_place_id) "
                           "from analytics.place_matches")

    assert rows == [(178, 168)]
