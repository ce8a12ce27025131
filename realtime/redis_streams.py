"""``Backend`` on Redis Streams: one stream per call, shared by every relay node.

Keys (the ``{call_id}`` hash tag keeps a call's keys in one Redis Cluster slot):

- ``liudiao:call:{<call_id>}:messages``: the stream of messages investigators receive,
  trimmed to about ``stream_maxlen`` entries; its ids are the message ids of the protocol.
- ``liudiao:call:{<call_id>}:segments``: hash of the latest version of each segment index
  (final flag, message id, content digest) and ``_last``, the call's latest segment message.

Both expire ``active_call_ttl_s`` after the call's latest segment and ``ended_call_ttl_s``
after its end. Appends go to Redis in batches, one Lua call per batch
(realtime/redis_appends.py). A node receives the live messages of the calls its clients
watch through Pub/Sub and reads the streams for history and catch-up (realtime/live_feed.py).
"""

from __future__ import annotations

from typing import Any

import redis.asyncio as redis

from realtime.backend import DeliverCallback, PublishResult, StoredMessage, segment_fields_json
from realtime.live_feed import LiveFeed
from realtime.protocol import Segment, encode
from realtime.redis_appends import Append, AppendBatcher
from realtime.revisions import Decision, segment_digest
from realtime.settings import RelayConfig


def stream_key(call_id: str) -> str:
    return f"liudiao:call:{{{call_id}}}:messages"


def segments_key(call_id: str) -> str:
    return f"liudiao:call:{{{call_id}}}:segments"


class RedisBackend:
    def __init__(self, url: str, config: RelayConfig, node_id: str) -> None:
        self.url = url
        self.config = config
        pool = redis.BlockingConnectionPool.from_url(
            url, decode_responses=True, max_connections=config.redis_max_connections,
            timeout=config.redis_socket_timeout_s, socket_timeout=config.redis_socket_timeout_s,
        )
        self.client: redis.Redis = redis.Redis.from_pool(pool)
        self.node_id = node_id
        self.appends = AppendBatcher(self.client, config)
        self.feed = LiveFeed(self.client, config.redis_socket_timeout_s)

    async def start(self) -> None:
        await self.client.ping()
        self.feed.start()

    async def close(self) -> None:
        await self.appends.wait_flushed()
        await self.feed.stop()
        await self.client.aclose()

    async def ping(self) -> bool:
        try:
            return bool(await self.client.ping())
        except (redis.RedisError, OSError):
            return False

    async def publish_segment(self, segment: Segment) -> PublishResult:
        kind, message_id, last, replaces = await self.appends.submit(Append(
            "segment", stream_key(segment.call_id), segments_key(segment.call_id),
            segment_fields_json(segment), segment.segment_index, segment.is_final,
            segment_digest(segment),
        ))
        if kind in ("duplicate", "stale"):
            return PublishResult(Decision(kind, message_id), None, None)
        return PublishResult(Decision(kind, replaces or None), message_id, last or None)

    async def publish(self, call_id: str, body: dict[str, Any]) -> str:
        _, message_id, _, _ = await self.appends.submit(Append(
            "message", stream_key(call_id), segments_key(call_id), encode(body)))
        return message_id

    async def end_call(self, call_id: str) -> str:
        _, message_id, _, _ = await self.appends.submit(Append(
            "end", stream_key(call_id), segments_key(call_id),
            encode({"type": "call_ended", "call_id": call_id})))
        return message_id

    async def history(self, call_id: str, after_id: str | None, count: int
                      ) -> list[StoredMessage]:
        start = f"({after_id}" if after_id else "-"
        entries = await self.client.xrange(stream_key(call_id), start, "+", count=count)
        return [StoredMessage(entry_id, fields["body"]) for entry_id, fields in entries]

    async def first_id(self, call_id: str) -> str | None:
        entries = await self.client.xrange(stream_key(call_id), "-", "+", count=1)
        return entries[0][0] if entries else None

    async def watch(self, call_id: str, deliver: DeliverCallback) -> None:
        await self.feed.watch(stream_key(call_id), deliver)

    async def unwatch(self, call_id: str) -> None:
        await self.feed.unwatch(stream_key(call_id))
