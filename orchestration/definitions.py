"""The Dagster code location: merges the ingest, transform and analytics domains."""

from __future__ import annotations

import dagster as dg
from dagster_dbt import DbtCliResource

from orchestration.analytics.assets import analytics_assets
from orchestration.analytics.checks import analytics_checks
from orchestration.analytics.sensors import analytics_after_transform, analytics_job
from orchestration.ingest.assets import raw_records
from orchestration.ingest.sensors import import_job, inbox_sensor
from orchestration.resources import DatabaseResource
from orchestration.transform.assets import partitioned_marts, summary_marts, whole_table_models
from orchestration.transform.project import dbt_executable, dbt_project
from orchestration.transform.schedules import (
    nightly_transform,
    transform_after_import,
    transform_job,
)

defs = dg.Definitions(
    assets=[raw_records, partitioned_marts, whole_table_models, summary_marts,
            *analytics_assets],
    asset_checks=analytics_checks,
    jobs=[import_job, transform_job, analytics_job],
    sensors=[inbox_sensor, transform_after_import, analytics_after_transform],
    schedules=[nightly_transform],
    resources={
        "database": DatabaseResource(),
        "dbt": DbtCliResource(project_dir=dbt_project, dbt_executable=dbt_executable()),
    },
)
