"""Synthetic Shenzhen outbreak in the canonical import format, deterministic for a seed.

``write_demo_data(out_dir, seed=..., cases=...)`` simulates the outbreak (seed cases imported
on the start date, then spread through households, workplaces and shared places) and writes
one folder per report date and district. The modules split by concept: ``people`` and
``names`` (identity), ``geography`` and ``world`` (places, homes, workplaces), ``outbreak``,
``histories`` and ``contacts`` (simulation), ``writers`` (CSV layout).
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import shutil
from pathlib import Path

from liudiao.jurisdictions import load as load_jurisdiction
from orchestration.demo_data.model import Case
from orchestration.demo_data.outbreak import Outbreak
from orchestration.demo_data.randomness import DemoRandom
from orchestration.demo_data.world import World
from orchestration.demo_data.writers import DatasetWriter, DemoSummary

DEFAULT_SEED = 2020
DEFAULT_CASES = 1500
DEFAULT_START_DATE = dt.date(2022, 2, 1)
MIN_CASES = 10
MAX_CASES = 50_000

__all__ = ["DEFAULT_CASES", "DEFAULT_SEED", "DEFAULT_START_DATE", "DemoDataError",
           "DemoSummary", "write_demo_data"]


class DemoDataError(ValueError):
    """Invalid request; the message is Chinese because it reaches the user as is."""


def write_demo_data(out_dir: Path | str, seed: int = DEFAULT_SEED, cases: int = DEFAULT_CASES,
                    start_date: dt.date = DEFAULT_START_DATE) -> DemoSummary:
    """Simulate and write the outbreak into ``out_dir``, which must be missing or empty.

    The files appear all at once: they are written into a sibling folder that is renamed
    into place at the end, so an interrupted run leaves no partial dataset behind.
    """
    out_dir = Path(out_dir)
    _check_request(out_dir, cases, start_date)
    rng = DemoRandom(seed)
    world = World(rng, load_jurisdiction("shenzhen"), start_date)
    # The simulation keeps every object it creates alive until the files are written, so
    # cyclic garbage collection would only rescan them: it is paused until the end.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        simulated = Outbreak(world, start_date, cases).run()
        summary = _write(world, simulated, out_dir, seed, start_date)
    finally:
        if was_enabled:
            gc.enable()
    return summary


def _write(world: World, simulated: list[Case], out_dir: Path, seed: int,
           start_date: dt.date) -> DemoSummary:
    """Write into a staging folder, then rename it to ``out_dir``."""
    staging = out_dir.parent / f".{out_dir.name}.partial-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    try:
        summary = DatasetWriter(world.geography, world.rng).write(simulated, staging, seed,
                                                                  start_date)
        if out_dir.exists():
            out_dir.rmdir()
        staging.rename(out_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    summary.out_dir = out_dir
    return summary


def _check_request(out_dir: Path, cases: int, start_date: dt.date) -> None:
    if not MIN_CASES <= cases <= MAX_CASES:
        raise DemoDataError(f"病例数 {cases} 超出范围：请在 {MIN_CASES} 到 {MAX_CASES} 之间选择。")
    if start_date > dt.date.today():
        raise DemoDataError(f"开始日期 {start_date} 晚于今天：模拟人员的出生日期须早于今天，"
                            "请选择今天或更早的日期。")
    if out_dir.exists() and (not out_dir.is_dir() or any(out_dir.iterdir())):
        raise DemoDataError(f"输出目录 {out_dir} 已存在且不为空：请指定新目录或空目录，"
                            "以免覆盖已有文件。")
