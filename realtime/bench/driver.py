"""Driver processes of the benchmark load, so the load generator is not its bottleneck.

One Python process cannot drive thousands of WebSocket clients at the benchmark's rates: its
own event loop then delays sends and receipts, and the latency measures the driver. The
calls are dealt round-robin to ``drivers`` processes, and each connects its clients and
reports ready. The parent then sends every driver one start time on the wall clock
(``time.time()``). It kills a node at the planned moment if asked, and merges the results.
"""

from __future__ import annotations

import asyncio
import logging
import math
import multiprocessing
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection

import uvloop

from realtime.bench.load import CallLoad, LoadResult, connect_all, publish_and_collect

log = logging.getLogger(__name__)

CALLS_PER_DRIVER = 250
MAX_DRIVERS = 8
START_DELAY_S = 0.5
READY_TIMEOUT_S = 300.0
# After publishing: the publishers' wait for acknowledgements, the catch-up and the closing.
RESULT_MARGIN_S = 300.0


def default_driver_count(calls: int) -> int:
    return max(1, min(MAX_DRIVERS, math.ceil(calls / CALLS_PER_DRIVER)))


@dataclass(frozen=True)
class DriverPlan:
    urls: list[str]
    secret: str
    call_ids: list[str]
    rate: float
    duration_s: float


class DriverFailed(RuntimeError):
    pass


def run_drivers(urls: list[str], secret: str, calls: int, rate: float, duration_s: float,
                drivers: int, kill_at_s: float | None = None,
                kill: Callable[[], None] | None = None) -> LoadResult:
    """Run the load of ``calls`` calls in ``drivers`` processes; return the merged result."""
    context = multiprocessing.get_context("spawn")
    call_ids = [f"bench-{number:05d}" for number in range(calls)]
    pipes: list[Connection] = []
    processes = []
    for number in range(min(drivers, calls)):
        parent_end, child_end = context.Pipe()
        plan = DriverPlan(urls, secret, call_ids[number::drivers], rate, duration_s)
        process = context.Process(target=drive, args=(child_end, plan),
                                  name=f"bench-driver-{number}", daemon=True)
        process.start()
        child_end.close()
        pipes.append(parent_end)
        processes.append(process)
    try:
        for pipe in pipes:
            _receive(pipe, "ready", READY_TIMEOUT_S)
        log.info("%d drivers connected %d calls; publishing for %.0f s", len(pipes), calls,
                 duration_s)
        start_at = time.time() + START_DELAY_S
        for pipe in pipes:
            pipe.send(start_at)
        if kill_at_s is not None and kill is not None:
            time.sleep(max(0.0, start_at + kill_at_s - time.time()))
            log.info("killing node 0 with SIGKILL")
            kill()
        result = LoadResult()
        for pipe in pipes:
            result.merge(_receive(pipe, "result", duration_s + RESULT_MARGIN_S))
        return result
    finally:
        for process in processes:
            process.join(10)
            if process.is_alive():
                process.kill()
                process.join(10)


def _receive(pipe: Connection, expected: str, timeout_s: float):
    if not pipe.poll(timeout_s):
        raise DriverFailed(f"no {expected} message from a driver within {timeout_s:.0f} s")
    kind, payload = pipe.recv()
    if kind == "error":
        raise DriverFailed(f"a driver failed:\n{payload}")
    if kind != expected:
        raise DriverFailed(f"expected {expected} from a driver, got {kind}")
    return payload


def drive(pipe: Connection, plan: DriverPlan) -> None:
    """Entry point of a driver process: connect, wait for the start time, publish, report."""
    logging.getLogger("websockets").setLevel(logging.WARNING)
    try:
        result = uvloop.run(_drive(pipe, plan))
    except Exception:  # noqa: BLE001 - the parent reports it with the traceback
        pipe.send(("error", traceback.format_exc()))
        return
    pipe.send(("result", result))


async def _drive(pipe: Connection, plan: DriverPlan) -> LoadResult:
    loads = [CallLoad(call_id, plan.urls, plan.secret) for call_id in plan.call_ids]
    stop = asyncio.Event()
    followers = await connect_all(loads, stop)
    pipe.send(("ready", None))
    start_at = await asyncio.to_thread(pipe.recv)
    await asyncio.sleep(max(0.0, start_at - time.time()))
    return await publish_and_collect(loads, plan.rate, plan.duration_s, stop, followers)
