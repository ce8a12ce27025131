"""Blocking XREAD over the streams of the calls a node's clients watch.

Watched streams are spread over a fixed number of shards by a hash of the key; each shard is
one task with one Redis connection looping on ``XREAD BLOCK`` over its streams. A blocked read
cannot take a new stream, so ``watch`` appends to the node's wake stream, which every shard
reads too: the read returns, and the next one includes the new stream.

A new stream's cursor starts at its newest entry at ``watch`` time. A subscriber reads the
history up to that point itself (realtime/hub.py), so together nothing is missed.
"""

from __future__ import annotations

import asyncio
import logging
import zlib

import redis.asyncio as redis

from realtime.backend import DeliverCallback, StoredMessage
from realtime.settings import RelayConfig

log = logging.getLogger(__name__)

READ_COUNT = 500
RETRY_DELAY_S = 1.0


def wake_key(node_id: str) -> str:
    return f"liudiao:relay:node:{node_id}:wake"


def call_id_of(key: str) -> str:
    return key[key.index("{") + 1: key.rindex("}")]


class _Shard:
    def __init__(self, client: redis.Redis, wake: str, block_ms: int) -> None:
        self.client = client
        self.wake = wake
        self.wake_cursor = "$"
        self.block_ms = block_ms
        self.cursors: dict[str, str] = {}
        self.callbacks: dict[str, DeliverCallback] = {}
        self.stopping = False

    async def run(self) -> None:
        # The first read fixes the wake cursor; later reads continue from the last wake seen.
        latest = await self.client.xrevrange(self.wake, "+", "-", count=1)
        self.wake_cursor = latest[0][0] if latest else "0-0"
        while not self.stopping:
            try:
                await self._read_once()
            except (redis.RedisError, OSError) as error:
                # redis-py may turn the cancellation of a blocked read into a timeout error.
                if self.stopping:
                    return
                log.warning("stream read failed, retrying in %.0f s: %s", RETRY_DELAY_S, error)
                await asyncio.sleep(RETRY_DELAY_S)

    async def _read_once(self) -> None:
        streams = {self.wake: self.wake_cursor, **self.cursors}
        replies = await self.client.xread(streams, count=READ_COUNT, block=self.block_ms)
        for key, entries in replies or []:
            if not entries:
                continue
            if key == self.wake:
                self.wake_cursor = entries[-1][0]
                continue
            if key not in self.cursors:
                continue  # unwatched while the read was blocked
            self.cursors[key] = entries[-1][0]
            messages = [StoredMessage(entry_id, fields["body"]) for entry_id, fields in entries]
            self.callbacks[key](call_id_of(key), messages)


class StreamReaders:
    def __init__(self, client: redis.Redis, node_id: str, config: RelayConfig) -> None:
        self.client = client
        self.wake = wake_key(node_id)
        self.config = config
        self.shards = [_Shard(client, self.wake, config.reader_block_ms)
                       for _ in range(config.reader_shards)]
        self.tasks: list[asyncio.Task[None]] = []

    def start(self) -> None:
        self.tasks = [asyncio.create_task(shard.run(), name=f"stream-reader-{number}")
                      for number, shard in enumerate(self.shards)]

    async def stop(self) -> None:
        for shard in self.shards:
            shard.stopping = True
        for task in self.tasks:
            task.cancel()
        await asyncio.gather(*self.tasks, return_exceptions=True)
        self.tasks = []

    def shard_of(self, key: str) -> _Shard:
        return self.shards[zlib.crc32(key.encode()) % len(self.shards)]

    @property
    def watched_count(self) -> int:
        return sum(len(shard.cursors) for shard in self.shards)

    async def watch(self, key: str, deliver: DeliverCallback) -> None:
        latest = await self.client.xrevrange(key, "+", "-", count=1)
        shard = self.shard_of(key)
        shard.callbacks[key] = deliver
        shard.cursors[key] = latest[0][0] if latest else "0-0"
        await self.client.xadd(self.wake, {"key": key}, maxlen=100, approximate=True)
        await self.client.expire(self.wake, self.config.heartbeat_ttl_s * 4)

    def unwatch(self, key: str) -> None:
        shard = self.shard_of(key)
        shard.cursors.pop(key, None)
        shard.callbacks.pop(key, None)
