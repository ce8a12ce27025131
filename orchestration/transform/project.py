"""The dbt project and its manifest, which Dagster reads to build the dbt assets."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from dagster_dbt import DbtProject

from liudiao.config import PROJECT_ROOT
from liudiao.db import dbt_env

DBT_PROJECT_DIR = PROJECT_ROOT / "dbt"

dbt_project = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)


def dbt_executable() -> str:
    """The dbt installed beside this Python, so it works without an activated venv."""
    candidate = Path(sys.executable).with_name("dbt")
    return str(candidate) if candidate.exists() else "dbt"


def ensure_manifest() -> Path:
    """Run ``dbt parse`` when the manifest is missing or older than a model, macro or config."""
    manifest = dbt_project.manifest_path
    sources = [path for pattern in ("models/**/*", "macros/**/*", "tests/**/*", "*.yml")
               for path in DBT_PROJECT_DIR.glob(pattern) if path.is_file()]
    newest = max((path.stat().st_mtime for path in sources), default=0.0)
    if manifest.exists() and manifest.stat().st_mtime >= newest:
        return manifest
    env = {**os.environ, **dbt_env()}
    subprocess.run(
        [dbt_executable(), "parse", "--quiet", "--project-dir", str(DBT_PROJECT_DIR),
         "--profiles-dir", str(DBT_PROJECT_DIR)],
        check=True, env=env, cwd=DBT_PROJECT_DIR,
    )
    return manifest
