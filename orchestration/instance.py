"""The Dagster instance under $LIUDIAO_HOME/dagster, shared by headless runs and the UI."""

from __future__ import annotations

import os
from pathlib import Path

import dagster as dg

from liudiao.config import load_settings

DAGSTER_YAML = """\
# Written by liudiao. Runs and event logs are kept in SQLite files in this folder.
telemetry:
  enabled: false
run_queue:
  max_concurrent_runs: 2
"""


def prepare_dagster_home() -> Path:
    """Create the instance folder with its dagster.yaml and point DAGSTER_HOME at it."""
    home = load_settings().dagster_home
    home.mkdir(parents=True, exist_ok=True)
    config = home / "dagster.yaml"
    if not config.exists():
        config.write_text(DAGSTER_YAML, encoding="utf-8")
    os.environ["DAGSTER_HOME"] = str(home)
    return home


def get_instance() -> dg.DagsterInstance:
    prepare_dagster_home()
    return dg.DagsterInstance.get()
