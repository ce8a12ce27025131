"""``Backend`` on Redis Streams: one stream per call, shared by every relay node.

Keys (the ``{call_id}`` hash tag keeps a call's keys in one Redis Cluster slot):

- ``liudiao:call:{<call_id>}:messages``: the stream of messages investigators receive,
  trimmed to about ``stream_maxlen`` entries; its ids are the message ids of the protocol.
- ``liudiao:call:{<call_id>}:segments``: hash of the latest version of each segment index
  (final flag, message id, content digest) and ``_last``, the call's latest segment message.

Both expire ``active_call_ttl_s`` after the call's latest segment and ``ended_call_ttl_s``
after its end. A node reads only the streams of calls its clients watch, with blocking XREAD
spread over ``reader_shards`` readers (realtime/stream_readers.py).
"""

from __future__ import annotations

import logging
from typing import Any

import redis.asyncio as redis

from realtime.backend import DeliverCallback, PublishResult, StoredMessage, segment_fields_json
from realtime.protocol import Segment, encode
from realtime.revisions import Decision, segment_digest
from realtime.settings import RelayConfig
from realtime.stream_readers import StreamReaders

log = logging.getLogger(__name__)

# The rules of realtime.revisions.decide, plus the append, as one atomic step.
# KEYS: stream, segment state hash. ARGV: segment index, final flag (0/1), digest,
# segment fields JSON without the opening brace, MAXLEN, expiry in seconds.
PUBLISH_SEGMENT_SCRIPT = """
local previous = redis.call('HGET', KEYS[2], ARGV[1])
local kind = 'transcript'
local replaces = ''
if previous then
  local final_flag, message_id, digest = string.match(previous, '^(%d) (%S+) (%S+)$')
  if digest == ARGV[3] then
    return {'duplicate', message_id, '', ''}
  end
  if final_flag == '1' and ARGV[2] == '0' then
    return {'stale', message_id, '', ''}
  end
  kind = 'revision'
  replaces = message_id
end
local body
if kind == 'revision' then
  body = '{"type":"revision","replaces":"' .. replaces .. '",' .. ARGV[4]
else
  body = '{"type":"transcript",' .. ARGV[4]
end
local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[5], '*', 'body', body)
local last = redis.call('HGET', KEYS[2], '_last') or ''
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2] .. ' ' .. id .. ' ' .. ARGV[3], '_last', id)
redis.call('EXPIRE', KEYS[1], ARGV[6])
redis.call('EXPIRE', KEYS[2], ARGV[6])
return {kind, id, last, replaces}
"""


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
        self._publish_script = self.client.register_script(PUBLISH_SEGMENT_SCRIPT)
        self.readers = StreamReaders(self.client, node_id, config)

    async def start(self) -> None:
        await self.client.ping()
        self.readers.start()

    async def close(self) -> None:
        await self.readers.stop()
        await self.client.aclose()

    async def ping(self) -> bool:
        try:
            return bool(await self.client.ping())
        except (redis.RedisError, OSError):
            return False

    async def publish_segment(self, segment: Segment) -> PublishResult:
        # NOTE: a relayed message costs about four Redis round trips (this script, the
        # blocking read, entity messages), which bounded throughput on the shared benchmark
        # machine. Batching appends per node in a pipeline would cut that; not measured yet.
        kind, message_id, last, replaces = await self._publish_script(
            keys=[stream_key(segment.call_id), segments_key(segment.call_id)],
            args=[
                segment.segment_index,
                int(segment.is_final),
                segment_digest(segment),
                segment_fields_json(segment),
                self.config.stream_maxlen,
                self.config.active_call_ttl_s,
            ],
        )
        if kind in ("duplicate", "stale"):
            return PublishResult(Decision(kind, message_id), None, None)
        return PublishResult(Decision(kind, replaces or None), message_id, last or None)

    async def publish(self, call_id: str, body: dict[str, Any]) -> str:
        return await self.client.xadd(
            stream_key(call_id), {"body": encode(body)},
            maxlen=self.config.stream_maxlen, approximate=True,
        )

    async def end_call(self, call_id: str) -> str:
        message_id = await self.publish(call_id, {"type": "call_ended", "call_id": call_id})
        async with self.client.pipeline(transaction=True) as pipe:
            pipe.expire(stream_key(call_id), self.config.ended_call_ttl_s)
            pipe.expire(segments_key(call_id), self.config.ended_call_ttl_s)
            await pipe.execute()
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
        await self.readers.watch(stream_key(call_id), deliver)

    async def unwatch(self, call_id: str) -> None:
        self.readers.unwatch(stream_key(call_id))
