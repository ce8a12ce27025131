"""Live messages of the calls a node's clients watch, through Redis Pub/Sub.

Every append to a call's stream is also published, in the same script, on the channel named
like the stream, as ``"<id> <body>"`` (realtime/redis_appends.py). A node subscribes, on one
connection, to the channels of the calls it watches. A message then costs the node one push
to parse. A blocking XREAD over every watched stream cost more, because it returns as soon as
one stream has new entries and the next read sends the cursors of all streams again. That
took about 2.3 ms of client time per read at 500 streams on the benchmark machine.

Pub/Sub drops what is published while the connection is down, so the stream stays the
source of truth. The feed keeps the id of the last message it delivered per call. Each
time Redis confirms a subscription, it reads the stream after that id before anything
newer: the first time, and again when redis-py resubscribes after a reconnect. Stream ids
only grow, so a message at or before the id is dropped, and delivery stays in stream order.

A catch-up runs in its own task (the first one in ``watch``'s caller), and the call's
pushes wait in a list until it is done, so the reader never stalls the other calls for a
round trip. ``watch`` returns once the first catch-up is done. A subscriber that reads the
history after it (realtime/hub.py) overlaps the live messages instead of leaving a gap.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

import redis.asyncio as redis

from realtime.backend import DeliverCallback, StoredMessage
from realtime.protocol import parse_message_id

log = logging.getLogger(__name__)

CATCH_UP_PAGE = 500
RETRY_DELAY_S = 1.0


def call_id_of(key: str) -> str:
    return key[key.index("{") + 1: key.rindex("}")]


class _Watch:
    def __init__(self, deliver: DeliverCallback, cursor: str) -> None:
        self.deliver = deliver
        self.cursor = cursor
        self.position = parse_message_id(cursor)
        self.subscribed: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        # Pushes received while a catch-up runs; None once the watch is live.
        self.pending: list[StoredMessage] | None = []
        # Set when Redis confirms a resubscription while a catch-up is still running.
        self.needs_catch_up = False


class LiveFeed:
    def __init__(self, client: redis.Redis, timeout_s: float) -> None:
        self.client = client
        self.timeout_s = timeout_s
        self.pubsub = client.pubsub()
        self.watches: dict[str, _Watch] = {}
        self.stopping = False
        self._task: asyncio.Task[None] | None = None
        self._catch_ups: set[asyncio.Task[None]] = set()

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="live-feed")

    async def stop(self) -> None:
        self.stopping = True
        for task in self._catch_ups:
            task.cancel()
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
            self._task = None
        await self.pubsub.aclose()

    async def watch(self, key: str, deliver: DeliverCallback) -> None:
        """Deliver every message appended to stream ``key`` after this call, in order.

        Raises ``redis.TimeoutError`` when Redis does not confirm the subscription within
        ``timeout_s`` or the first catch-up fails; the key is then not watched.
        """
        latest = await self.client.xrevrange(key, "+", "-", count=1)
        watch = self.watches[key] = _Watch(deliver, latest[0][0] if latest else "0-0")
        try:
            await self.pubsub.subscribe(key)
            await asyncio.wait_for(asyncio.shield(watch.subscribed), self.timeout_s)
            await self._catch_up(key, watch)
        except (TimeoutError, redis.RedisError, OSError) as error:
            self.watches.pop(key, None)
            with contextlib.suppress(redis.RedisError, OSError):
                await self.pubsub.unsubscribe(key)
            raise redis.TimeoutError(f"watching {key} failed: {error!r}") from error

    async def unwatch(self, key: str) -> None:
        self.watches.pop(key, None)
        await self.pubsub.unsubscribe(key)

    async def _run(self) -> None:
        while not self.stopping:
            try:
                await self._read()
            except (redis.RedisError, OSError) as error:
                # redis-py may turn the cancellation of a blocked read into an error.
                if self.stopping:
                    return
                log.warning("live feed read failed, retrying in %.0f s: %s", RETRY_DELAY_S,
                            error)
                await asyncio.sleep(RETRY_DELAY_S)

    async def _read(self) -> None:
        if not self.pubsub.subscribed:
            await asyncio.sleep(0.05)
            return
        message = await self.pubsub.get_message(timeout=None)
        if message is None:
            return
        key = message["channel"]
        watch = self.watches.get(key)
        if watch is None:
            return  # unwatched while the message was on its way
        if message["type"] == "message":
            message_id, _, body = message["data"].partition(" ")
            stored = StoredMessage(message_id, body)
            if watch.pending is not None:
                watch.pending.append(stored)
            else:
                self._deliver(key, watch, [stored])
        elif message["type"] == "subscribe":
            self._on_subscribed(key, watch)

    def _on_subscribed(self, key: str, watch: _Watch) -> None:
        if not watch.subscribed.done():
            watch.subscribed.set_result(None)  # the first catch-up runs in ``watch``
        elif watch.pending is not None:
            watch.needs_catch_up = True
        else:
            # Resubscribed after a reconnect: read what was published meanwhile.
            watch.pending = []
            task = asyncio.create_task(self._catch_up_until_done(key, watch))
            self._catch_ups.add(task)
            task.add_done_callback(self._catch_ups.discard)

    async def _catch_up_until_done(self, key: str, watch: _Watch) -> None:
        while self.watches.get(key) is watch:
            try:
                await self._catch_up(key, watch)
                return
            except (redis.RedisError, OSError) as error:
                log.warning("catch-up of %s failed, retrying in %.0f s: %s", key,
                            RETRY_DELAY_S, error)
                await asyncio.sleep(RETRY_DELAY_S)

    async def _catch_up(self, key: str, watch: _Watch) -> None:
        """Deliver the stream's entries after the watch's cursor, then the pushes that
        arrived meanwhile; the watch is live afterwards."""
        while True:
            entries = await self.client.xrange(key, f"({watch.cursor}", "+",
                                               count=CATCH_UP_PAGE)
            self._deliver(key, watch, [StoredMessage(entry_id, fields["body"])
                                       for entry_id, fields in entries])
            if len(entries) == CATCH_UP_PAGE:
                continue
            if not watch.needs_catch_up:
                break
            watch.needs_catch_up = False
        pending, watch.pending = watch.pending or [], None
        self._deliver(key, watch, pending)

    def _deliver(self, key: str, watch: _Watch, messages: list[StoredMessage]) -> None:
        newer = []
        for message in messages:
            position = parse_message_id(message.message_id)
            if position > watch.position:
                newer.append(message)
                watch.position = position
                watch.cursor = message.message_id
        if newer:
            watch.deliver(call_id_of(key), newer)
