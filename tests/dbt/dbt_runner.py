"""Run the dbt CLI of this venv on the project in dbt/, against one database."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from liudiao.config import PROJECT_ROOT
from liudiao.db import dbt_env

DBT = Path(sys.executable).parent / "dbt"
PROJECT_DIR = PROJECT_ROOT / "dbt"


def run_dbt(url: str | None, *args: str, work_dir: Path,
            dbt_vars: dict[str, Any] | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``dbt <args>`` with its target and logs under ``work_dir``, so concurrent runs do
    not share dbt/target. ``url`` None runs without any connection settings."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("LIUDIAO_DBT_")}
    if url is not None:
        env.update(dbt_env(url))
    command = [
        str(DBT), *args,
        "--project-dir", str(PROJECT_DIR), "--profiles-dir", str(PROJECT_DIR),
        "--target-path", str(work_dir / "target"), "--log-path", str(work_dir / "logs"),
    ]
    if dbt_vars is not None:
        command += ["--vars", json.dumps(dbt_vars)]
    return subprocess.run(command, check=False, env=env, capture_output=True, text=True,
                          cwd=PROJECT_ROOT, stdin=subprocess.DEVNULL, timeout=600)


def assert_green(result: subprocess.CompletedProcess[str]) -> None:
    """Fail with dbt's output unless the run passed (warnings allowed)."""
    assert result.returncode == 0, f"dbt failed:\n{result.stdout[-6000:]}\n{result.stderr[-2000:]}"
