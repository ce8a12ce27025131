"""The dbt project parses without a database and rejects an invalid partition window."""

from __future__ import annotations

import json
from pathlib import Path

from tests.dbt.dbt_runner import assert_green, run_dbt

PARTITIONED_MARTS = {"cases", "case_days", "events", "close_contacts"}


def test_parse_needs_no_database(tmp_path: Path) -> None:
    assert_green(run_dbt(None, "parse", work_dir=tmp_path))
    manifest = json.loads((tmp_path / "target" / "manifest.json").read_text(encoding="utf-8"))
    models = {node["name"]: node for node in manifest["nodes"].values()
              if node["resource_type"] == "model"}
    partitioned = {name for name, node in models.items()
                   if node["config"]["materialized"] == "partitioned_table"}
    assert partitioned == PARTITIONED_MARTS
    assert {models[name]["schema"] for name in PARTITIONED_MARTS} == {"marts"}
    assert models["stg_raw__cases"]["schema"] == "staging"
    assert models["int_events_joined"]["schema"] == "intermediate"


def test_invalid_window_date_rejected(fresh_database: str, tmp_path: Path) -> None:
    result = run_dbt(fresh_database, "run", "--select", "events", work_dir=tmp_path,
                     dbt_vars={"start_date": "1.2.2020"})
    assert result.returncode != 0
    assert "invalid var start_date: 1.2.2020 is not an ISO date (YYYY-MM-DD)" in result.stdout
