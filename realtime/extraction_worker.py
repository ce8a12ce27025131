"""Entity extraction in a separate process of lower CPU priority, one per relay node.

Extraction costs about 0.6 ms of pure Python per sentence, several times what relaying the
sentence costs. In a thread of the relay process it would compete with the event loop for
the GIL and delay every transcript under load. In its own process at a higher nice value,
the operating system runs the relay first: when CPU is short, entity messages lag behind
and transcripts do not. The worker keeps one ``CallExtractor`` per call, and the relay process
records only which calls it has started there.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import asdict
from typing import Any

log = logging.getLogger(__name__)

WORKER_NICENESS = 10
PARENT_CHECK_INTERVAL_S = 1.0

# State of the worker process: the extractor of each call.
_extractors: dict[str, Any] = {}


class WorkerRestarted(Exception):
    """The worker process died; every call's extractor has to be rebuilt."""


def _initialize(niceness: int) -> None:
    os.nice(niceness)
    _exit_with_parent(os.getppid())
    from realtime.extraction import CallExtractor

    CallExtractor()  # builds the shared tables once, before the first call


def _exit_with_parent(parent_pid: int) -> None:
    """Exit when the relay process is gone: after a SIGKILL it cannot shut the pool down."""

    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(PARENT_CHECK_INTERVAL_S)
        os._exit(0)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def _entity_dicts(entities: list[Any]) -> list[dict[str, Any]]:
    result = []
    for entity in entities:
        data = asdict(entity)
        data["problems"] = list(entity.problems)
        result.append(data)
    return result


def rebuild(call_id: str, places: list[str], segments: list[dict[str, Any]]
            ) -> dict[int, list[dict[str, Any]]]:
    """Start a new extractor for the call, feed it ``segments``; return each index's last list."""
    from realtime.extraction import CallExtractor

    extractor = _extractors[call_id] = CallExtractor(known_places=places)
    latest = {}
    for segment in segments:
        entities = _feed(extractor, segment)
        if entities is not None:
            latest[segment["segment_index"]] = entities
    return latest


def feed(call_id: str, segment: dict[str, Any]) -> list[dict[str, Any]] | None:
    return _feed(_extractors[call_id], segment)


def finish(call_id: str) -> list[dict[str, Any]]:
    extractor = _extractors.pop(call_id, None)
    return _entity_dicts(extractor.finish()) if extractor is not None else []


def forget(call_ids: list[str]) -> None:
    for call_id in call_ids:
        _extractors.pop(call_id, None)


def _feed(extractor: Any, segment: dict[str, Any]) -> list[dict[str, Any]] | None:
    from realtime.extraction import Segment

    try:
        return _entity_dicts(extractor.feed(Segment(**segment)))
    except ValueError as error:
        # Segments out of order; the message names call and index only, never the text.
        log.warning("entities skipped: %s", error)
        return None


def run_batch(calls: list[tuple[Callable[..., Any], tuple[Any, ...]]]
              ) -> list[tuple[bool, Any]]:
    """Run ``calls`` in order; return (True, result) or (False, exception) for each."""
    outcomes: list[tuple[bool, Any]] = []
    for function, args in calls:
        try:
            outcomes.append((True, function(*args)))
        except Exception as error:  # noqa: BLE001 - raised again in the relay process
            outcomes.append((False, error))
    return outcomes


class ExtractionWorker:
    """The relay side: runs the functions above in the worker process.

    Calls queued while the worker runs a batch go to it together in the next one, so under
    load a segment costs a share of one inter-process round trip instead of its own. Each
    round trip wakes the pool's feeder and manager threads, which compete with the event
    loop for the GIL.
    """

    def __init__(self, niceness: int = WORKER_NICENESS) -> None:
        self.niceness = niceness
        self.generation = 0
        self._pool: ProcessPoolExecutor | None = None
        self._queue: list[tuple[Callable[..., Any], tuple[Any, ...], asyncio.Future[Any]]] = []
        self._flusher: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._pool = ProcessPoolExecutor(
            max_workers=1, mp_context=multiprocessing.get_context("spawn"),
            initializer=_initialize, initargs=(self.niceness,),
        )
        self._pool.submit(forget, []).result()  # wait until the worker has started
        self.generation += 1

    async def run(self, function: Callable[..., Any], *args: Any) -> Any:
        """Run ``function(*args)`` in the worker with the next batch; raise
        ``WorkerRestarted`` if the worker died meanwhile."""
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self._queue.append((function, args, future))
        if self._flusher is None or self._flusher.done():
            self._flusher = asyncio.create_task(self._flush(), name="extraction-batches")
        return await future

    async def _flush(self) -> None:
        await asyncio.sleep(0)  # let the calls queued in this event-loop turn join
        loop = asyncio.get_running_loop()
        while self._queue:
            batch, self._queue = self._queue, []
            if self._pool is None:
                self.start()
            calls = [(function, args) for function, args, _ in batch]
            try:
                outcomes = await loop.run_in_executor(self._pool, run_batch, calls)
            except BrokenProcessPool as error:
                log.error("extraction worker died, starting a new one: %s", error)
                self._pool = None
                outcomes = [(False, WorkerRestarted()) for _ in batch]
            for (_, _, future), (is_ok, value) in zip(batch, outcomes):
                if future.done():
                    continue
                if is_ok:
                    future.set_result(value)
                else:
                    future.set_exception(value)

    def close(self) -> None:
        if self._flusher is not None:
            self._flusher.cancel()
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None
