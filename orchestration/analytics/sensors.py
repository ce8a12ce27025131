"""When the analytics run: after every successful dbt transform run.

The job also rebuilds the dbt models that read the place merge (marts.place_mentions and
marts.key_places through stg_analytics__place_matches), so the key places of the marts follow
the new matches in the same run.
"""

import dagster as dg

from orchestration.analytics.assets import GROUP_NAME, PLACE_MATCHES_KEY
from orchestration.tags import started_by_cli
from orchestration.transform.schedules import transform_job

analytics_job = dg.define_asset_job(
    "analytics_job",
    selection=(dg.AssetSelection.groups(GROUP_NAME)
               | dg.AssetSelection.assets(PLACE_MATCHES_KEY).downstream()),
    description="Build the transmission chains, the key place matches (and the dbt key place "
    "marts that read them) and the co-presence candidates.",
)


@dg.run_status_sensor(
    run_status=dg.DagsterRunStatus.SUCCESS,
    monitored_jobs=[transform_job],
    request_job=analytics_job,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="After each successful transform run, runs the analytics on the new marts; "
    "assets whose inputs did not change skip their work.",
)
def analytics_after_transform(context: dg.RunStatusSensorContext):
    if started_by_cli(context.dagster_run):
        return dg.SkipReason("命令行运行会自行运行分析作业")
    return dg.RunRequest(run_key=context.dagster_run.run_id)
