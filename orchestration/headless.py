"""Run the pipeline without the UI: an import run, a dbt run over every partition, then analytics.

Both are ordinary Dagster runs in the instance under $LIUDIAO_HOME, so the UI shows them. Each
run pays Dagster's and dbt's start-up once, however many partitions it covers.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

import dagster as dg
import psycopg

from liudiao.config import load_settings
from orchestration.instance import get_instance
from orchestration.partitions import (
    DISTRICT_PARTITIONS_NAME,
    PARTITIONS_START_DATE,
    range_tags,
    register_districts,
)
from orchestration.run_output import failed_dbt_nodes, output_to, run_log_path
from orchestration.tags import CLI_TAGS

log = logging.getLogger(__name__)

# The span of dates a source's rows fall on, over the partition keys' date columns.
DATA_SPAN_SQL = """
select min(partition_date), max(partition_date)
from (
    select (record->>'case_date')::date as partition_date
    from raw.records where entity = 'case'
    union all
    select (record->>'event_date')::date from raw.records where entity = 'event'
    union all
    select (record->>'last_contact_date')::date from raw.records where entity = 'close_contact'
) as dated
"""

# Districts present in the raw data, so the dbt run covers each of them.
DATA_DISTRICTS_SQL = """
select distinct record->>'district_code'
from raw.records
where entity in ('case', 'close_contact') and record->>'district_code' is not null
"""


@dataclass
class RunReport:
    source_name: str
    path: Path
    rows_by_entity: dict[str, dict[str, int]] = field(default_factory=dict)
    import_succeeded: bool = False
    accounting_passed: bool = False
    accounting_problems: str = ""
    touched_partitions: int = 0
    transform_window: str = ""
    transform_succeeded: bool = False
    analytics_succeeded: bool = False
    checks_failed: list[str] = field(default_factory=list)
    # {"source_file", "reason"} of every file the import could not read.
    rejected_files: list[dict[str, str]] = field(default_factory=list)
    count_input_files: int = 0
    empty_files: list[str] = field(default_factory=list)
    # Set when the path held no input file, so no model was rebuilt.
    transform_skipped: bool = False
    # "model int_cases"-style names of the dbt models and tests that failed.
    failed_dbt_nodes: list[str] = field(default_factory=list)
    # The file that received Dagster's and dbt's output.
    log_path: Path | None = None

    @property
    def succeeded(self) -> bool:
        if self.transform_skipped:
            return self.accounting_passed
        return (self.accounting_passed and self.transform_succeeded
                and self.analytics_succeeded and not self.checks_failed)


def run_source(source_name: str, path: Path, database_url: str,
               start: dt.date | None = None, end: dt.date | None = None,
               progress: Callable[[str], None] = log.info) -> RunReport:
    """Import ``path`` as ``source_name`` and build the models.

    Without ``start``/``end`` the dbt run rebuilds every partition; with them it rebuilds that
    window for every district. Dagster's and dbt's output goes to ``report.log_path``, and
    ``progress`` receives one Chinese line as each step starts.
    """
    report = RunReport(source_name=source_name, path=path,
                       log_path=run_log_path(load_settings().home))
    with report.log_path.open("a", encoding="utf-8") as log_file:
        log_file.write(f"\n=== liudiao run {source_name} {path} at {dt.datetime.now(dt.UTC)}\n")
        log_file.flush()
        _run_steps(report, database_url, start, end, progress, log_file)
    return report


def _run_steps(report: RunReport, database_url: str, start: dt.date | None,
               end: dt.date | None, progress: Callable[[str], None], log_file: TextIO) -> None:
    progress("正在导入数据……")
    with output_to(log_file):
        from orchestration.definitions import defs

        instance = get_instance()
        import_result = defs.resolve_job_def("import_job").execute_in_process(
            instance=instance,
            run_config={"ops": {"raw_records": {"config": {"source_name": report.source_name,
                                                            "path": str(report.path)}}}},
            tags={"liudiao/source_name": report.source_name, **CLI_TAGS},
            raise_on_error=False,
        )
    _read_import_result(import_result, report)
    report.import_succeeded = import_result.success
    if not import_result.success:
        return
    if report.count_input_files == 0:
        log.debug("no input file under %s, models are not rebuilt", report.path)
        report.transform_skipped = True
        return

    tags, full_refresh = _transform_window(report, database_url, start, end, instance)
    progress(f"正在构建模型（dbt）：{report.transform_window}……")
    log_start = log_file.tell()
    with output_to(log_file):
        transform_result = defs.resolve_job_def("transform_job").execute_in_process(
            instance=instance,
            run_config={"ops": {"partitioned_marts": {"config": {"full_refresh": full_refresh}}}},
            tags={**tags, **CLI_TAGS},
            raise_on_error=False,
        )
    report.transform_succeeded = transform_result.success
    _collect_failed_checks(transform_result, report)
    if not transform_result.success:
        report.failed_dbt_nodes = _failed_nodes_since(report.log_path, log_start)
        return

    # The same job the analytics sensor starts after a transform run in the UI.
    progress("正在分析传播链与重点场所……")
    with output_to(log_file):
        analytics_result = defs.resolve_job_def("analytics_job").execute_in_process(
            instance=instance,
            tags=CLI_TAGS,
            raise_on_error=False,
        )
    report.analytics_succeeded = analytics_result.success
    _collect_failed_checks(analytics_result, report)


def _transform_window(report: RunReport, database_url: str, start: dt.date | None,
                      end: dt.date | None, instance: dg.DagsterInstance
                      ) -> tuple[dict[str, str], bool]:
    """Return the transform run's partition-range tags and whether it is a full refresh."""
    with psycopg.connect(database_url) as conn:
        span = conn.execute(DATA_SPAN_SQL).fetchone()
        data_districts = [row[0] for row in conn.execute(DATA_DISTRICTS_SQL)]
    order = register_districts(instance, [*data_districts, "other"])
    full_refresh = start is None and end is None
    window_start = start or span[0] or dt.date.today()
    window_end = end or span[1] or window_start
    window_start, window_end = _clamp(window_start), _clamp(window_end)
    report.transform_window = (f"{window_start} 至 {window_end}，{len(order)} 个辖区"
                               + ("（全量重建）" if full_refresh else ""))
    return range_tags(window_start, window_end, order), full_refresh


def _failed_nodes_since(log_path: Path, offset: int) -> list[str]:
    with log_path.open(encoding="utf-8", errors="replace") as handle:
        handle.seek(offset)
        return failed_dbt_nodes(handle.read())


def _collect_failed_checks(result: dg.ExecuteInProcessResult, report: RunReport) -> None:
    for event in result.all_events:
        if event.event_type_value == "ASSET_CHECK_EVALUATION":
            evaluation = event.event_specific_data
            if not evaluation.passed and evaluation.severity == dg.AssetCheckSeverity.ERROR:
                report.checks_failed.append(evaluation.check_name)


def _read_import_result(result: dg.ExecuteInProcessResult, report: RunReport) -> None:
    for event in result.all_events:
        if event.event_type_value == "ASSET_MATERIALIZATION":
            materialization = event.event_specific_data.materialization
            if materialization.asset_key == dg.AssetKey(["raw", "records"]):
                metadata = materialization.metadata
                report.rows_by_entity = metadata["rows_by_entity"].value
                report.touched_partitions = metadata["count_touched_partitions"].value
                report.rejected_files = metadata["rejected_files"].value
                report.count_input_files = metadata["count_input_files"].value
                report.empty_files = metadata["empty_files"].value
        elif event.event_type_value == "ASSET_CHECK_EVALUATION":
            evaluation = event.event_specific_data
            if evaluation.check_name == "row_accounting":
                report.accounting_passed = evaluation.passed
                problems = evaluation.metadata.get("problems")
                report.accounting_problems = problems.value if problems else ""


def _clamp(day: dt.date) -> dt.date:
    first = dt.date.fromisoformat(PARTITIONS_START_DATE)
    return min(max(day, first), dt.date.today())


def registered_districts() -> list[str]:
    return get_instance().get_dynamic_partitions(DISTRICT_PARTITIONS_NAME)


def report_as_json(report: RunReport) -> str:
    return json.dumps({
        "source_name": report.source_name,
        "rows_by_entity": report.rows_by_entity,
        "accounting_passed": report.accounting_passed,
        "transform_succeeded": report.transform_succeeded,
        "analytics_succeeded": report.analytics_succeeded,
        "checks_failed": report.checks_failed,
        "rejected_files": report.rejected_files,
        "count_input_files": report.count_input_files,
        "empty_files": report.empty_files,
        "transform_skipped": report.transform_skipped,
        "failed_dbt_nodes": report.failed_dbt_nodes,
    }, ensure_ascii=False)
