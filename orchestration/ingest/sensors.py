"""Inbox sensor: files dropped under $LIUDIAO_HOME/inbox/<source_name>/ start an import run."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import dagster as dg

from liudiao.config import load_settings
from orchestration.ingest.assets import SOURCE_NAMES, raw_records

INPUT_SUFFIXES = {".csv", ".xlsx"}

import_job = dg.define_asset_job(
    "import_job",
    selection=dg.AssetSelection.assets(raw_records),
    description="Import one source folder into raw.records and quarantine.rejected_rows.",
)


def scan_inbox(inbox: Path) -> dict[str, dict[str, str]]:
    """Return, per source folder, each input file's ``mtime:size`` keyed by its relative path."""
    state: dict[str, dict[str, str]] = {}
    for source_name in SOURCE_NAMES:
        folder = inbox / source_name
        if not folder.is_dir():
            continue
        files = {}
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.suffix.lower() in INPUT_SUFFIXES:
                stat = path.stat()
                files[str(path.relative_to(folder))] = f"{stat.st_mtime_ns}:{stat.st_size}"
        state[source_name] = files
    return state


@dg.sensor(job=import_job, minimum_interval_seconds=30,
           default_status=dg.DefaultSensorStatus.RUNNING,
           description="Starts an import of a source folder in the inbox when a CSV or XLSX "
           "file in it is added or changed.")
def inbox_sensor(context: dg.SensorEvaluationContext) -> dg.SensorResult:
    inbox = load_settings().inbox
    current = scan_inbox(inbox)
    previous = json.loads(context.cursor) if context.cursor else {}

    requests = []
    for source_name, files in current.items():
        if files == previous.get(source_name) or not files:
            continue
        changed = sorted(name for name, stamp in files.items()
                         if previous.get(source_name, {}).get(name) != stamp)
        context.log.info(f"inbox {source_name}: {len(changed)} new or changed files")
        run_key = hashlib.sha256(json.dumps(files, sort_keys=True).encode()).hexdigest()[:16]
        requests.append(dg.RunRequest(
            run_key=f"{source_name}-{run_key}",
            run_config=dg.RunConfig(ops={"raw_records": {"config": {
                "source_name": source_name, "path": str(inbox / source_name)}}}),
            tags={"liudiao/source_name": source_name},
        ))
    return dg.SensorResult(run_requests=requests, cursor=json.dumps(current))
