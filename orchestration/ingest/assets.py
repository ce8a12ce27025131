"""The import asset: files of one source → raw.records and quarantine.rejected_rows."""


import json
from pathlib import Path

import dagster as dg

from liudiao.config import load_settings
from orchestration.ingest import import_source
from orchestration.ingest.accounting import check_row_accounting
from orchestration.partitions import register_districts
from orchestration.resources import DatabaseResource

RAW_RECORDS = dg.AssetKey(["raw", "records"])
REJECTED_ROWS = dg.AssetKey(["quarantine", "rejected_rows"])

SOURCE_NAMES = ("canonical", "demo", "shenzhen-2020", "ds4c")


class ImportConfig(dg.Config):
    """Which source to import, from where. The default is the canonical inbox folder."""

    source_name: str = "canonical"
    path: str = ""

    def resolved_path(self) -> Path:
        if self.path:
            return Path(self.path)
        return load_settings().inbox / self.source_name


@dg.multi_asset(
    specs=[
        dg.AssetSpec(
            RAW_RECORDS,
            description="One row per valid source row (case, event, close contact, place, "
            "reported link, official count), normalised into JSON; re-imports change only what changed.",
            group_name="ingest",
            kinds={"postgres", "python"},
        ),
        dg.AssetSpec(
            REJECTED_ROWS,
            description="One row per source row that failed validation, with the reason in "
            "Chinese and the row as read.",
            group_name="ingest",
            kinds={"postgres"},
        ),
    ],
    check_specs=[
        dg.AssetCheckSpec(
            "row_accounting",
            asset=RAW_RECORDS,
            description="Per file and entity: rows read = rows loaded + rows rejected, and the "
            "tables hold exactly the loaded and rejected rows of each imported file.",
        )
    ],
)
def raw_records(context: dg.AssetExecutionContext, config: ImportConfig,
                database: DatabaseResource):
    if config.source_name not in SOURCE_NAMES:
        raise dg.Failure(f"unknown source {config.source_name!r}; expected one of {SOURCE_NAMES}")
    path = config.resolved_path()
    if not path.exists():
        raise dg.Failure(f"import folder {path} does not exist")

    summary = import_source(database.url, config.source_name, path)
    districts = {district for _, district in summary.touched_partitions}
    register_districts(context.instance, districts | {"other"})

    totals = summary.totals_by_entity()
    for entity, (read, loaded, rejected) in sorted(totals.items()):
        context.log.info(f"{config.source_name} {entity}: read {read}, loaded {loaded}, "
                         f"rejected {rejected}")
    touched = sorted(f"{date}|{district}" for date, district in summary.touched_partitions)
    metadata = {
        "source_name": config.source_name,
        "path": str(path),
        "rows_by_entity": summary.counts_by_entity(),
        "count_input_files": summary.count_input_files,
        "empty_files": dg.MetadataValue.json(summary.empty_files),
        "touched_partitions": json.dumps(touched),
        "count_touched_partitions": len(touched),
        "rejected_files": dg.MetadataValue.json(
            [{"source_file": source_file, "reason": reason}
             for source_file, reason in summary.rejected_files]),
    }
    yield dg.MaterializeResult(asset_key=RAW_RECORDS, metadata=metadata)
    yield dg.MaterializeResult(
        asset_key=REJECTED_ROWS,
        metadata={"rows_rejected": sum(rejected for _, _, rejected in totals.values())},
    )

    problems = check_row_accounting(database.url, config.source_name,
                                    [batch.source_file for batch in summary.batches])
    yield dg.AssetCheckResult(
        asset_key=RAW_RECORDS,
        check_name="row_accounting",
        passed=not problems,
        metadata={"problems": "\n".join(problems) or "none"},
    )
