"""The four date-keyed marts are native partitioned tables that queries prune to one leaf."""

from __future__ import annotations

import psycopg
import pytest

PARTITIONED_MARTS = {
    "cases": "case_date",
    "case_days": "day_date",
    "events": "event_date",
    "close_contacts": "last_contact_date",
}

ONE_DAY_ONE_DISTRICT = (
    "select * from marts.events where event_date = %s and district_code = %s"
)


def partition_key(conn: psycopg.Connection, relation: str) -> tuple[str, str]:
    """Return the strategy (r or l) and the key column of a partitioned table."""
    row = conn.execute(
        "select partstrat, attname from pg_partitioned_table"
        " join pg_attribute on attrelid = partrelid and attnum = partattrs[0]"
        " where partrelid = to_regclass(%s)",
        (relation,),
    ).fetchone()
    assert row is not None, f"{relation} is not a partitioned table"
    return row


def children(conn: psycopg.Connection, relation: str) -> list[str]:
    return [name for (name,) in conn.execute(
        "select inhrelid::regclass::text from pg_inherits where inhparent = to_regclass(%s)"
        " order by 1",
        (relation,),
    )]


def scanned_relations(plan: dict) -> list[str]:
    own = [plan["Relation Name"]] if "Relation Name" in plan else []
    return own + [name for child in plan.get("Plans", []) for name in scanned_relations(child)]


@pytest.mark.parametrize(("mart", "date_column"), PARTITIONED_MARTS.items())
def test_mart_ranges_by_date(marts: psycopg.Connection, mart: str, date_column: str) -> None:
    assert partition_key(marts, f"marts.{mart}") == ("r", date_column)


@pytest.mark.parametrize("mart", PARTITIONED_MARTS)
def test_mart_ranges_list_by_district(marts: psycopg.Connection, mart: str) -> None:
    ranges = children(marts, f"marts.{mart}")
    assert ranges
    for range_partition in ranges:
        assert partition_key(marts, range_partition) == ("l", "district_code")
        assert children(marts, range_partition), f"{range_partition} has no leaf"


def test_partitions_created_from_data(marts: psycopg.Connection) -> None:
    assert children(marts, "marts.cases") == ["marts.cases_p202002", "marts.cases_p202003"]
    assert children(marts, "marts.cases_p202003") == ["marts.cases_p202003_other"]
    assert children(marts, "marts.events_p202002") == [
        "marts.events_p202002_10000", "marts.events_p202002_440303", "marts.events_p202002_440304",
        "marts.events_p202002_440305", "marts.events_p202002_other",
    ]


@pytest.mark.parametrize(("mart", "date_column"), PARTITIONED_MARTS.items())
def test_leaves_have_cockpit_indexes(marts: psycopg.Connection, mart: str,
                                     date_column: str) -> None:
    leaf = children(marts, children(marts, f"marts.{mart}")[0])[0]
    definitions = [definition for (definition,) in marts.execute(
        "select indexdef from pg_indexes where schemaname || '.' || tablename = %s", (leaf,)
    )]
    assert any(definition.endswith("(case_id)") for definition in definitions), definitions
    assert any(definition.endswith(f"(district_code, {date_column})")
               for definition in definitions), definitions


def test_one_day_one_district_scans_one_leaf(marts: psycopg.Connection) -> None:
    plan = marts.execute(
        "explain (format json) select * from marts.events"
        " where event_date = date '2020-02-01' and district_code = '440303'"
    ).fetchone()[0][0]["Plan"]
    assert scanned_relations(plan) == ["events_p202002_440303"]


def test_bound_parameters_scan_one_leaf(marts: psycopg.Connection) -> None:
    plan = marts.execute(
        f"explain (format json) {ONE_DAY_ONE_DISTRICT}", ("2020-02-01", "440303")
    ).fetchone()[0][0]["Plan"]
    assert scanned_relations(plan) == ["events_p202002_440303"]


def test_generic_plan_scans_one_leaf(marts: psycopg.Connection) -> None:
    # A prepared statement's generic plan prunes when the executor starts, not when planning.
    marts.execute("set plan_cache_mode = force_generic_plan")
    marts.execute("prepare one_day_one_district (date, text) as"
                  " select * from marts.events where event_date = $1 and district_code = $2")
    plan = marts.execute(
        "explain (format json) execute one_day_one_district ('2020-02-01', '440303')"
    ).fetchone()[0][0]["Plan"]
    assert scanned_relations(plan) == ["events_p202002_440303"]
    assert marts.execute(
        "execute one_day_one_district ('2020-02-01', '440303')"
    ).rowcount == 2
