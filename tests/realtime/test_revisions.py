"""Revision rules, run against both backends so the Lua script and Python agree."""

from __future__ import annotations

import asyncio
import uuid

import pytest

from realtime.memory_backend import MemoryBackend
from realtime.protocol import Segment
from realtime.redis_streams import RedisBackend
from realtime.settings import RelayConfig


def kinds_for(backend, segments: list[Segment]) -> list[tuple[str, bool]]:
    async def run():
        await backend.start()
        try:
            results = [await backend.publish_segment(segment) for segment in segments]
        finally:
            await backend.close()
        return [(result.decision.kind, result.message_id is not None) for result in results]

    return asyncio.run(run())


@pytest.fixture(params=["memory", "redis"])
def make_backend(request, redis_url):
    def make():
        if request.param == "memory":
            return MemoryBackend()
        return RedisBackend(redis_url, RelayConfig(), uuid.uuid4().hex[:8])
    return make


def test_partial_then_final_is_revision(make_backend, call_id):
    segments = [Segment(call_id, 0, False, 0, 500, "我叫"),
                Segment(call_id, 0, True, 0, 900, "我叫张伟")]
    assert kinds_for(make_backend(), segments) == [("transcript", True), ("revision", True)]


def test_repeated_segment_is_duplicate(make_backend, call_id):
    final = Segment(call_id, 0, True, 0, 900, "我叫张伟")
    assert kinds_for(make_backend(), [final, final]) == [("transcript", True), ("duplicate", False)]


def test_partial_after_final_is_stale(make_backend, call_id):
    segments = [Segment(call_id, 0, True, 0, 900, "我叫张伟"),
                Segment(call_id, 0, False, 0, 500, "我叫")]
    assert kinds_for(make_backend(), segments) == [("transcript", True), ("stale", False)]


def test_corrected_final_is_revision(make_backend, call_id):
    segments = [Segment(call_id, 0, True, 0, 900, "我叫张为"),
                Segment(call_id, 0, True, 0, 900, "我叫张伟")]
    assert kinds_for(make_backend(), segments) == [("transcript", True), ("revision", True)]


def test_revision_names_replaced_message(make_backend, call_id):
    async def run():
        backend = make_backend()
        await backend.start()
        try:
            first = await backend.publish_segment(Segment(call_id, 4, False, 0, 5, "喂"))
            second = await backend.publish_segment(Segment(call_id, 4, True, 0, 9, "喂，您好"))
            history = await backend.history(call_id, None, 10)
        finally:
            await backend.close()
        return first, second, history

    first, second, history = asyncio.run(run())
    assert second.decision.replaces == first.message_id
    assert second.previous_segment_id == first.message_id
    assert f'"replaces":"{first.message_id}"' in history[1].body
