"""The extraction worker process: batched calls, and a restart after the process dies."""

from __future__ import annotations

import asyncio
import os
import signal

import pytest

from realtime import extraction_worker
from realtime.extraction_worker import ExtractionWorker, WorkerRestarted


def segment(call_id: str, index: int, text: str) -> dict:
    return {"call_id": call_id, "segment_index": index, "is_final": True,
            "start_ms": index * 1000, "end_ms": index * 1000 + 900, "text": text}


def test_concurrent_calls_run_in_order():
    async def run():
        worker = ExtractionWorker(niceness=0)
        worker.start()
        try:
            return await asyncio.gather(
                worker.run(extraction_worker.rebuild, "call-a", [], []),
                worker.run(extraction_worker.feed, "call-a", segment("call-a", 0, "您好")),
                worker.run(extraction_worker.feed, "call-a",
                           segment("call-a", 1, "我的电话是13800138000")),
                worker.run(extraction_worker.feed, "call-missing", segment("call-missing", 0, "喂")),
                return_exceptions=True)
        finally:
            worker.close()

    rebuilt, first, second, missing = asyncio.run(run())
    assert rebuilt == {}
    assert first == []
    assert [entity["type"] for entity in second] == ["phone"]
    assert isinstance(missing, KeyError)


def test_killed_worker_is_restarted():
    async def run():
        worker = ExtractionWorker(niceness=0)
        worker.start()
        try:
            for pid in list(worker._pool._processes):
                os.kill(pid, signal.SIGKILL)
            with pytest.raises(WorkerRestarted):
                await worker.run(extraction_worker.forget, [])
            await worker.run(extraction_worker.forget, [])
            return worker.generation
        finally:
            worker.close()

    assert asyncio.run(run()) == 2
