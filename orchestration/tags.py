"""Run tags the project sets and reads."""

import dagster as dg

# The tag naming what started a run. Runs of `liudiao run` and `liudiao demo` carry ``cli``:
# those commands build the models and run the analytics themselves, so the sensors skip them.
TRIGGER_TAG = "liudiao/trigger"
CLI_TRIGGER = "cli"
CLI_TAGS = {TRIGGER_TAG: CLI_TRIGGER}


def started_by_cli(run: dg.DagsterRun | None) -> bool:
    return run is not None and run.tags.get(TRIGGER_TAG) == CLI_TRIGGER
