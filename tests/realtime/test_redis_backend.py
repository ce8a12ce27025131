"""The Redis backend's batched appends and its live feed, against the session's Redis."""

from __future__ import annotations

import asyncio
import uuid

import redis.asyncio as redis

from realtime.protocol import Segment
from realtime.redis_streams import RedisBackend, stream_key
from realtime.settings import RelayConfig


def new_backend(redis_url: str) -> RedisBackend:
    return RedisBackend(redis_url, RelayConfig(), uuid.uuid4().hex[:8])


def test_concurrent_appends_keep_queue_order(redis_url, call_id):
    async def run():
        backend = new_backend(redis_url)
        await backend.start()
        try:
            partial = Segment(call_id, 0, False, 0, 500, "我叫")
            final = Segment(call_id, 0, True, 0, 900, "我叫张伟")
            results = await asyncio.gather(
                backend.publish_segment(partial), backend.publish_segment(final),
                backend.publish_segment(final), backend.publish(call_id, {"type": "entity"}),
                backend.end_call(call_id))
            history = await backend.history(call_id, None, 10)
            ttl = await backend.client.ttl(stream_key(call_id))
        finally:
            await backend.close()
        return results, history, ttl

    results, history, ttl = asyncio.run(run())
    assert [result.decision.kind for result in results[:3]] == [
        "transcript", "revision", "duplicate"]
    assert results[1].previous_segment_id == results[0].message_id
    assert [message.message_id for message in history] == [
        results[0].message_id, results[1].message_id, results[3], results[4]]
    assert 0 < ttl <= RelayConfig().ended_call_ttl_s


def test_live_feed_catches_up_after_reconnect(redis_url, call_id):
    async def run():
        watcher, publisher = new_backend(redis_url), new_backend(redis_url)
        await watcher.start()
        await publisher.start()
        delivered: list[str] = []
        try:
            first = await publisher.publish(call_id, {"type": "entity", "n": 0})
            await watcher.watch(call_id, lambda _, messages: delivered.extend(
                message.message_id for message in messages))
            second = await publisher.publish(call_id, {"type": "entity", "n": 1})
            await wait_for(lambda: delivered == [second])

            admin = redis.Redis.from_url(redis_url)
            await admin.client_kill_filter(_type="pubsub", skipme=True)
            await admin.aclose()
            third = await publisher.publish(call_id, {"type": "entity", "n": 2})
            fourth = await publisher.publish(call_id, {"type": "entity", "n": 3})
            await wait_for(lambda: delivered == [second, third, fourth])
        finally:
            await watcher.close()
            await publisher.close()
        return first, delivered

    first, delivered = asyncio.run(run())
    assert first not in delivered
    assert len(set(delivered)) == 3


async def wait_for(condition, timeout_s: float = 10.0) -> None:
    deadline = asyncio.get_running_loop().time() + timeout_s
    while not condition():
        if asyncio.get_running_loop().time() > deadline:
            raise TimeoutError("condition not met")
        await asyncio.sleep(0.02)
