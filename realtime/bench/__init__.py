"""``liudiao bench relay``: load a local relay cluster and report delivery and latency."""

from __future__ import annotations

import logging
import os
import platform
import resource
import secrets
import signal
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import psutil

from realtime.bench.cluster import Cluster
from realtime.bench.driver import default_driver_count, run_drivers
from realtime.bench.load import LoadResult

log = logging.getLogger(__name__)


def raise_open_file_limit() -> int:
    """Raise the soft limit of open files to the hard limit; the nodes inherit it."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    return hard


def run_relay_bench(nodes: int, calls: int, rate: float, duration_s: float,
                    kill_node: bool = False, baseline: bool = False,
                    drivers: int | None = None) -> dict[str, Any]:
    """Start the servers, drive the load from ``drivers`` processes (by default one per 250
    calls), stop everything; return the figures."""
    drivers = drivers or default_driver_count(calls)
    if baseline:
        nodes, kill_node = 1, False
    if kill_node and nodes < 2:
        raise ValueError("--kill-node needs at least 2 nodes")
    raise_open_file_limit()
    # Turn SIGTERM (from a timeout, say) into SystemExit so the servers below are stopped.
    previous_handler = signal.signal(
        signal.SIGTERM, lambda signal_number, frame: sys.exit(128 + signal_number))
    try:
        cluster, result, elapsed = _run_cluster(nodes, calls, rate, duration_s, kill_node,
                                                baseline, drivers)
    finally:
        signal.signal(signal.SIGTERM, previous_handler)
    return {
        "mode": "baseline" if baseline else "redis",
        "nodes": nodes,
        "calls": calls,
        "rate_per_call": rate,
        "duration_s": duration_s,
        "kill_node": kill_node,
        "drivers": drivers,
        **result.summary(),
        "peak_rss_mb_per_node": [round(node.peak_rss_bytes / 2**20, 1) for node in cluster.nodes],
        "elapsed_s": round(elapsed, 1),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, "
                   f"{psutil.virtual_memory().total / 2**30:.0f} GiB",
    }


def _run_cluster(nodes: int, calls: int, rate: float, duration_s: float, kill_node: bool,
                 baseline: bool, drivers: int) -> tuple[Cluster, LoadResult, float]:
    secret = secrets.token_hex(32)
    with tempfile.TemporaryDirectory(prefix="liudiao-bench-") as work_dir:
        cluster = Cluster(Path(work_dir), nodes, secret, memory=baseline)
        cluster.start()
        started = time.monotonic()
        try:
            result = run_drivers(
                [node.url for node in cluster.nodes], secret, calls, rate, duration_s, drivers,
                kill_at_s=duration_s / 2 if kill_node else None,
                kill=(lambda: cluster.kill(0)) if kill_node else None,
            )
        finally:
            cluster.stop()
    return cluster, result, time.monotonic() - started
