"""Console output of a headless run: Dagster's and dbt's lines go to a log file.

A ``liudiao run`` prints a few Chinese progress lines, while the English, colour-coded event
lines of Dagster and dbt go to ``$LIUDIAO_HOME/logs/run.log``. Failed dbt models and tests are
read back from that log so the summary can name them.
"""

from __future__ import annotations

import contextlib
import logging
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

ANSI_ESCAPE = re.compile(r"\x1b\[[0-9;]*m")
# dbt's closing summary names each failure: "Failure in test not_null_cases_case_id (…)",
# "Database Error in model int_cases (…)", "Compilation Error in model …".
DBT_FAILURE = re.compile(r"(?:Failure|Error) in (model|test|seed|snapshot|unit_test) (\S+)")
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


@contextlib.contextmanager
def output_to(handle: TextIO) -> Iterator[None]:
    """Send stdout, stderr and the root logger's records to ``handle`` while the block runs.

    Dagster binds its console logger to ``sys.stderr`` when a run starts, and dagster-dbt
    writes dbt's events to ``sys.stdout``, so both end up in ``handle``.
    """
    root = logging.getLogger()
    saved_handlers = root.handlers[:]
    file_handler = logging.StreamHandler(handle)
    file_handler.setFormatter(logging.Formatter(LOG_FORMAT))
    root.handlers = [file_handler]
    try:
        with contextlib.redirect_stdout(handle), contextlib.redirect_stderr(handle):
            yield
    finally:
        root.handlers = saved_handlers


def failed_dbt_nodes(log_text: str) -> list[str]:
    """Return "model int_cases"-style names of the dbt nodes that failed, in log order."""
    names = (f"{kind} {name}" for kind, name in DBT_FAILURE.findall(ANSI_ESCAPE.sub("", log_text)))
    return list(dict.fromkeys(names))


def run_log_path(home: Path) -> Path:
    path = home / "logs" / "run.log"
    path.parent.mkdir(parents=True, exist_ok=True)
    return path
