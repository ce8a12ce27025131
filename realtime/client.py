"""Python clients of the relay: an investigator subscription that survives reconnects and an
ASR publisher that resends what was not acknowledged. Used by the tests and the benchmark,
and a reference for other client implementations.
"""

from __future__ import annotations

import asyncio
import json
import logging
import random
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake

from realtime.protocol import parse_message_id

log = logging.getLogger(__name__)

# Close codes after which reconnecting cannot help.
FINAL_CLOSE_CODES = {4400, 4401, 4403}
# A random wait before reconnecting, so that the clients of a lost node do not all arrive
# at once. NOTE: it sets the latency tail after a node loss: messages published meanwhile
# arrived up to about 0.7 s late in the 200-call benchmark with a node killed.
RECONNECT_DELAY_S = (0.05, 0.5)


class ClientRejected(Exception):
    def __init__(self, code: int | None, reason: str) -> None:
        super().__init__(f"connection closed with {code}: {reason}")
        self.code = code
        self.reason = reason


@dataclass
class SubscriptionStats:
    received: int = 0
    duplicates_dropped: int = 0
    reconnects: int = 0
    nodes: list[str] = field(default_factory=list)


class InvestigatorSubscription:
    """Follow one call: hello with the last id seen, then every message after it, once.

    ``on_message`` receives each stream message (with ``id``) newer than the last one
    delivered. A repeated id is counted and dropped, although a correct relay never sends one.
    """

    def __init__(self, urls: list[str], call_id: str, token: str,
                 on_message: Callable[[dict[str, Any]], None],
                 on_control: Callable[[dict[str, Any]], None] | None = None) -> None:
        self.urls = urls
        self.call_id = call_id
        self.token = token
        self.on_message = on_message
        self.on_control = on_control or (lambda message: None)
        self.last_id: str | None = None
        self.stats = SubscriptionStats()
        self._url_index = random.randrange(len(urls))

    async def run(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            url = self.urls[self._url_index % len(self.urls)]
            try:
                async with connect(f"{url}/ws/calls/{self.call_id}", open_timeout=10,
                                   close_timeout=2, compression=None) as connection:
                    await self._follow(connection, stop)
                    return
            except ConnectionClosed as closed:
                code = closed.rcvd.code if closed.rcvd else None
                if code in FINAL_CLOSE_CODES:
                    raise ClientRejected(code, closed.rcvd.reason if closed.rcvd else "") from None
            except (OSError, InvalidHandshake):
                pass  # node down or draining (503): try the next one
            self.stats.reconnects += 1
            self._url_index += 1
            await asyncio.sleep(random.uniform(*RECONNECT_DELAY_S))

    async def _follow(self, connection: ClientConnection, stop: asyncio.Event) -> None:
        await connection.send(json.dumps({"type": "hello", "token": self.token,
                                          "last_id": self.last_id}))

        async def close_on_stop() -> None:
            await stop.wait()
            await connection.close()

        closer = asyncio.create_task(close_on_stop())
        try:
            async for raw in connection:
                self._handle(json.loads(raw))
        except ConnectionClosed:
            if not stop.is_set():
                raise
        finally:
            closer.cancel()
        if not stop.is_set():
            # The server closed normally (1000); follow on another connection.
            raise ConnectionClosed(connection.close_rcvd, connection.close_sent)

    def _handle(self, message: dict[str, Any]) -> None:
        if "id" not in message:
            if message.get("type") == "subscribed":
                self.stats.nodes.append(message["node_id"])
            self.on_control(message)
            return
        self.stats.received += 1
        if self.last_id is not None and (
                parse_message_id(message["id"]) <= parse_message_id(self.last_id)):
            self.stats.duplicates_dropped += 1
            return
        self.last_id = message["id"]
        self.on_message(message)


class AsrPublisher:
    """Publish one call's segments; after a reconnect, resend every unacknowledged message.

    The relay recognises a resent segment by its content and does not append it twice.
    """

    def __init__(self, urls: list[str], token: str) -> None:
        self.urls = urls
        self.token = token
        self.unacked: deque[dict[str, Any]] = deque()
        self.acks: list[dict[str, Any]] = []
        self.reconnects = 0
        self._connection: ClientConnection | None = None
        self._url_index = random.randrange(len(urls))
        self._reader: asyncio.Task[None] | None = None
        self._lock = asyncio.Lock()
        self._opened_before = False
        self.on_ack: Callable[[dict[str, Any], dict[str, Any]], None] = lambda sent, ack: None

    async def connect(self) -> None:
        async with self._lock:
            if self._connection is None:
                await self._open()

    async def send(self, message: dict[str, Any]) -> None:
        self.unacked.append(message)
        async with self._lock:
            if self._connection is None:
                await self._open()  # sends everything unacknowledged, this one included
                return
            try:
                await self._connection.send(json.dumps(message, ensure_ascii=False))
            except ConnectionClosed:
                self._connection = None
                await self._open()

    async def wait_acked(self, timeout_s: float = 30.0) -> None:
        deadline = asyncio.get_running_loop().time() + timeout_s
        while self.unacked:
            if asyncio.get_running_loop().time() > deadline:
                raise TimeoutError(f"{len(self.unacked)} messages not acknowledged")
            await asyncio.sleep(0.02)

    async def close(self) -> None:
        if self._reader is not None:
            self._reader.cancel()
        if self._connection is not None:
            await self._connection.close()

    async def _open(self) -> None:
        """Connect (to the next node after a failure) and send every unacknowledged message."""
        while True:
            if self._opened_before:
                self.reconnects += 1
                self._url_index += 1
                await asyncio.sleep(random.uniform(*RECONNECT_DELAY_S))
            self._opened_before = True
            url = self.urls[self._url_index % len(self.urls)]
            try:
                connection = await connect(f"{url}/ws/asr", open_timeout=10, close_timeout=2,
                                           compression=None)
                await connection.send(json.dumps({"type": "hello", "token": self.token}))
                for message in list(self.unacked):
                    await connection.send(json.dumps(message, ensure_ascii=False))
            except (OSError, ConnectionClosed, InvalidHandshake):
                continue
            self._connection = connection
            self._reader = asyncio.create_task(self._read_acks(connection))
            return

    async def _read_acks(self, connection: ClientConnection) -> None:
        try:
            async for raw in connection:
                reply = json.loads(raw)
                sent = self.unacked.popleft() if self.unacked else {}
                self.acks.append(reply)
                self.on_ack(sent, reply)
        except ConnectionClosed as closed:
            code = closed.rcvd.code if closed.rcvd else None
            if code in FINAL_CLOSE_CODES:
                log.error("publisher rejected with close code %s", code)
                return
        async with self._lock:
            if connection is self._connection:
                self._connection = None
                if self.unacked:
                    await self._open()
