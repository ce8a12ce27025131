"""Investigator subscriptions of one node: which connections watch which call.

The first subscriber of a call makes the node watch the call's log; the last one to leave
stops it. Each subscriber has a cursor, the id of the last message it was sent; anything at
or before the cursor is dropped, which is how the history read on joining and the live
messages that overlap it reach the client exactly once.

A subscriber starts by queueing live messages in its outbox while its handler sends the
history and then the outbox. Once the outbox is empty the subscriber goes live: the hub
writes each new message straight to its connection with websockets' ``broadcast``, encoding
the frame once for every live subscriber of the call and without a task switch per message.
"""

from __future__ import annotations

import asyncio
import logging
import weakref
from collections import defaultdict

from websockets.asyncio.server import ServerConnection, broadcast

from realtime.backend import Backend, StoredMessage
from realtime.protocol import parse_message_id

log = logging.getLogger(__name__)

HISTORY_PAGE = 500


class OutboxOverflow(Exception):
    """The subscriber fell more than ``max_outbox_messages`` (or, once live, more than
    ``max_send_buffer_bytes``) behind."""


class Subscriber:
    def __init__(self, call_id: str, last_id: str | None, max_outbox: int,
                 max_send_buffer_bytes: int = 1 << 20) -> None:
        self.call_id = call_id
        self.cursor: tuple[int, int] = parse_message_id(last_id) if last_id else (-1, -1)
        self.last_id = last_id
        self.max_outbox = max_outbox
        self.max_send_buffer_bytes = max_send_buffer_bytes
        self.outbox: asyncio.Queue[StoredMessage | None] = asyncio.Queue()
        self.overflowed = False
        # Set once the outbox is drained: from then on the hub writes to it directly.
        self.connection: ServerConnection | None = None

    def offer(self, messages: list[StoredMessage]) -> None:
        if self.overflowed:
            return
        if self.outbox.qsize() + len(messages) > self.max_outbox:
            self._overflow()
            return
        for message in messages:
            self.outbox.put_nowait(message)

    def go_live(self, connection: ServerConnection) -> None:
        """Receive later messages by direct writes; the outbox must be empty."""
        assert self.outbox.empty()
        self.connection = connection

    def is_behind(self) -> bool:
        """Return True, and close the outbox, if the live connection's send buffer is full."""
        assert self.connection is not None
        transport = self.connection.transport
        if transport is None or transport.get_write_buffer_size() <= self.max_send_buffer_bytes:
            return False
        self._overflow()
        return True

    def _overflow(self) -> None:
        self.overflowed = True
        self.outbox.put_nowait(None)

    def is_new(self, message: StoredMessage) -> bool:
        """Return True and advance the cursor if ``message`` was not sent yet."""
        return self.is_new_at(parse_message_id(message.message_id), message.message_id)

    def is_new_at(self, position: tuple[int, int], message_id: str) -> bool:
        if position <= self.cursor:
            return False
        self.cursor = position
        self.last_id = message_id
        return True

    async def next_message(self) -> StoredMessage:
        message = await self.outbox.get()
        if message is None:
            raise OutboxOverflow(self.call_id)
        return message


class Hub:
    def __init__(self, backend: Backend) -> None:
        self.backend = backend
        self.subscribers: dict[str, set[Subscriber]] = defaultdict(set)
        # One lock per call, so that the watch of one call does not wait for another's.
        # An entry lives while a join or leave holds a reference to the lock.
        self._locks: weakref.WeakValueDictionary[str, asyncio.Lock] = (
            weakref.WeakValueDictionary())

    @property
    def watched_calls(self) -> int:
        return len(self.subscribers)

    async def join(self, subscriber: Subscriber) -> None:
        """Register ``subscriber``; from here on every new message of its call is queued."""
        async with self._lock_of(subscriber.call_id):
            first = subscriber.call_id not in self.subscribers
            self.subscribers[subscriber.call_id].add(subscriber)
            if first:
                try:
                    await self.backend.watch(subscriber.call_id, self._deliver)
                except BaseException:
                    del self.subscribers[subscriber.call_id]
                    raise

    async def leave(self, subscriber: Subscriber) -> None:
        async with self._lock_of(subscriber.call_id):
            watchers = self.subscribers.get(subscriber.call_id)
            if watchers is None:
                return
            watchers.discard(subscriber)
            if not watchers:
                del self.subscribers[subscriber.call_id]
                await self.backend.unwatch(subscriber.call_id)

    def _lock_of(self, call_id: str) -> asyncio.Lock:
        lock = self._locks.get(call_id)
        if lock is None:
            lock = self._locks[call_id] = asyncio.Lock()
        return lock

    async def history_pages(self, subscriber: Subscriber):
        """Yield the stored messages after the subscriber's cursor, a page at a time."""
        after = subscriber.last_id
        while True:
            page = await self.backend.history(subscriber.call_id, after, HISTORY_PAGE)
            if not page:
                return
            yield page
            after = page[-1].message_id
            if len(page) < HISTORY_PAGE:
                return

    async def is_history_truncated(self, subscriber: Subscriber) -> str | None:
        """Return the oldest stored id if messages after the client's last id were trimmed."""
        if subscriber.last_id is None:
            return None
        first = await self.backend.first_id(subscriber.call_id)
        if first is not None and parse_message_id(first) > subscriber.cursor:
            # NOTE: also true when the trim point falls exactly after the client's last id,
            # in which case nothing was lost; Redis 6.2 does not record the trimmed range.
            return first
        return None

    def _deliver(self, call_id: str, messages: list[StoredMessage]) -> None:
        subscribers = self.subscribers.get(call_id)
        if not subscribers:
            return
        live = []
        for subscriber in subscribers:
            if subscriber.overflowed:
                continue
            if subscriber.connection is None:
                subscriber.offer(messages)
            elif not subscriber.is_behind():
                live.append(subscriber)
        for message in messages if live else ():
            position = parse_message_id(message.message_id)
            connections = [subscriber.connection for subscriber in live
                           if subscriber.is_new_at(position, message.message_id)]
            if connections:
                broadcast(connections, message.frame())
