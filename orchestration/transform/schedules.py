"""When the dbt models run: after each import, for the partitions it touched; and every morning."""

from __future__ import annotations

import datetime as dt
import json

import dagster as dg

from orchestration.ingest.assets import RAW_RECORDS
from orchestration.partitions import (
    DISTRICT_PARTITIONS_NAME,
    covering_tags,
    district_month_partitions,
    range_tags,
)
from orchestration.tags import started_by_cli
from orchestration.transform.assets import partitioned_marts, summary_marts, whole_table_models

# Late reports and the 14-day case windows reach back this far into earlier partitions.
NIGHTLY_LOOKBACK_DAYS = 14

transform_job = dg.define_asset_job(
    "transform_job",
    selection=dg.AssetSelection.assets(partitioned_marts, whole_table_models, summary_marts),
    partitions_def=district_month_partitions,
    description="Build the dbt models for a rectangle of months × districts, in one dbt call.",
)


@dg.asset_sensor(asset_key=RAW_RECORDS, job=transform_job,
                 default_status=dg.DefaultSensorStatus.RUNNING,
                 description="After each import, builds the partitions whose rows it changed.")
def transform_after_import(context: dg.SensorEvaluationContext, asset_event: dg.EventLogEntry):
    materialization = asset_event.asset_materialization
    if materialization is None:
        return
    if started_by_cli(context.instance.get_run_by_id(asset_event.run_id)):
        context.log.info("the command line run builds its own models; nothing to build")
        return
    entry = materialization.metadata.get("touched_partitions")
    touched = json.loads(entry.value) if entry is not None else []
    order = context.instance.get_dynamic_partitions(DISTRICT_PARTITIONS_NAME)
    tags = covering_tags(touched, order)
    if tags is None:
        context.log.info("import changed no partitioned rows; nothing to build")
        return
    yield dg.RunRequest(run_key=asset_event.run_id, tags=tags)


@dg.schedule(job=transform_job, cron_schedule="0 6 * * *", execution_timezone="Asia/Shanghai",
             default_status=dg.DefaultScheduleStatus.RUNNING,
             description="Every morning at 06:00, rebuilds the months of the last 14 days for every district.")
def nightly_transform(context: dg.ScheduleEvaluationContext):
    order = context.instance.get_dynamic_partitions(DISTRICT_PARTITIONS_NAME)
    if not order:
        return dg.SkipReason("no district registered yet: nothing has been imported")
    end = (context.scheduled_execution_time.date() - dt.timedelta(days=1))
    start = end - dt.timedelta(days=NIGHTLY_LOOKBACK_DAYS - 1)
    return dg.RunRequest(tags=range_tags(start, end, order))
