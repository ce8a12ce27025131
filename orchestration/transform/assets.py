"""dbt models as Dagster assets: partitioned marts by month × district, the rest as whole tables.

Whole tables come in two groups: those upstream of the partitioned marts or beside them
(``whole_table_models``), and the summary marts built from the partitioned marts (dbt tag
``summary``), which must run after every partition window.
"""

import json
import os
from collections.abc import Iterator, Mapping
from typing import Any

import dagster as dg
import psycopg
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, dbt_assets

from liudiao.db import dbt_env
from orchestration.partitions import district_month_partitions, window_of
from orchestration.resources import DatabaseResource
from orchestration.transform.project import dbt_project, ensure_manifest

PARTITIONED_SELECTION = "config.materialized:partitioned_table"
SUMMARY_SELECTION = "tag:summary"


class LiudiaoTranslator(DagsterDbtTranslator):
    """Groups dbt assets by layer (staging, intermediate, marts)."""

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        fqn = dbt_resource_props.get("fqn", [])
        if dbt_resource_props.get("resource_type") == "model" and len(fqn) > 2:
            return fqn[1]
        return super().get_group_name(dbt_resource_props)


class TransformConfig(dg.Config):
    """``full_refresh`` rebuilds every partition instead of the run's window."""

    full_refresh: bool = False


manifest_path = ensure_manifest()


def build_whole_tables(context: dg.AssetExecutionContext, dbt: DbtCliResource,
                       database: DatabaseResource) -> Iterator[Any]:
    """Build the selected unpartitioned models and run their tests, in one dbt call, then
    vacuum the marts the cockpit reads by index-only scans."""
    use_database(database)
    yield from dbt.cli(["build"], context=context).stream()
    vacuum_marts(database.url)


# A table that dbt has just created has no visibility map, so an index-only scan on it still
# reads every heap page until autovacuum gets to it.
INDEX_ONLY_MARTS = ("marts.key_place_visits",)


def vacuum_marts(url: str) -> None:
    with psycopg.connect(url, autocommit=True) as conn:
        for table in INDEX_ONLY_MARTS:
            if conn.execute("select to_regclass(%s)", (table,)).fetchone()[0] is not None:
                conn.execute(f"vacuum (analyze) {table}")


def use_database(database: DatabaseResource) -> None:
    """Point dbt's profile at the run's database: dbt is a child process reading these variables."""
    os.environ.update(dbt_env(database.url))


@dbt_assets(
    manifest=manifest_path,
    project=dbt_project,
    select=PARTITIONED_SELECTION,
    # Also keeps the summary marts' tests, which read a partitioned mart, out of this step.
    exclude=SUMMARY_SELECTION,
    partitions_def=district_month_partitions,
    backfill_policy=dg.BackfillPolicy.single_run(),
    dagster_dbt_translator=LiudiaoTranslator(),
    name="partitioned_marts",
)
def partitioned_marts(context: dg.AssetExecutionContext, dbt: DbtCliResource,
                      database: DatabaseResource, config: TransformConfig) -> Iterator[Any]:
    """Build the month × district partitioned marts for the run's partitions, in one dbt call."""
    use_database(database)
    args = ["build"]
    if not config.full_refresh:
        window = window_of(context.partition_keys)
        context.log.info(
            f"building {len(context.partition_keys)} partitions: {window['start_date']} to "
            f"{window['end_date']}, districts {', '.join(window['districts'])}"
        )
        args += ["--vars", json.dumps(window)]
    else:
        context.log.info("rebuilding every partition (full refresh)")
    yield from dbt.cli(args, context=context).stream()


@dbt_assets(
    manifest=manifest_path,
    project=dbt_project,
    exclude=f"{PARTITIONED_SELECTION} {SUMMARY_SELECTION}",
    dagster_dbt_translator=LiudiaoTranslator(),
    name="whole_table_models",
)
def whole_table_models(context: dg.AssetExecutionContext, dbt: DbtCliResource,
                       database: DatabaseResource) -> Iterator[Any]:
    """Build staging views, intermediate models and the unpartitioned marts."""
    yield from build_whole_tables(context, dbt, database)


@dbt_assets(
    manifest=manifest_path,
    project=dbt_project,
    select=SUMMARY_SELECTION,
    dagster_dbt_translator=LiudiaoTranslator(),
    name="summary_marts",
)
def summary_marts(context: dg.AssetExecutionContext, dbt: DbtCliResource,
                  database: DatabaseResource) -> Iterator[Any]:
    """Rebuild the daily summaries of the partitioned marts (whole tables, small)."""
    yield from build_whole_tables(context, dbt, database)
