"""A relay node: the WebSocket and HTTP server, its subscriptions, publishing and lifecycle.

Any number of nodes run behind any load balancer without sticky sessions: every message of a
call goes to the call's log in Redis, and each node delivers from there to its own clients.
"""

from __future__ import annotations

import asyncio
import logging
import os
import time
import uuid
from collections.abc import Iterable
from typing import Any

from websockets.asyncio.server import Server, ServerConnection, serve

from realtime.auth import Claims
from realtime.backend import Backend
from realtime.entities import EntityPipeline
from realtime.http import read_bodies
from realtime.hub import Hub
from realtime.places import load_known_places
from realtime.protocol import CallEnd, PublishItem, Segment, Skipped
from realtime.registry import NodeRegistration
from realtime.settings import RelayConfig

log = logging.getLogger(__name__)


class RelayNode:
    def __init__(self, config: RelayConfig, backend: Backend, jwt_secret: str,
                 database_url: str | None = None, node_id: str | None = None,
                 registration_client: Any = None) -> None:
        self.config = config
        self.backend = backend
        self.jwt_secret = jwt_secret
        self.database_url = database_url
        self.node_id = node_id or uuid.uuid4().hex[:12]
        self.hub = Hub(backend)
        self.places: list[str] = []
        self.entities = EntityPipeline(backend, lambda: self.places)
        self.registration = None
        if registration_client is not None:
            self.registration = NodeRegistration(
                registration_client, self.node_id, config.heartbeat_ttl_s,
                config.heartbeat_interval_s, self.describe,
            )
        self.server: Server | None = None
        self.is_draining = False
        self.started_at = time.time()
        self._tasks: list[asyncio.Task[None]] = []

    # Lifecycle

    async def start(self) -> None:
        # Imported here: routes imports handlers, which call back into this module's node.
        from realtime.routes import handle_connection, process_request

        await self.backend.start()
        self.places = await asyncio.to_thread(load_known_places, self.database_url)
        await asyncio.to_thread(self.entities.start)
        self._tasks.append(asyncio.create_task(self._refresh_places(), name="places-refresh"))

        def create_connection(protocol, server, **kwargs) -> ServerConnection:
            read_bodies(protocol, self.config.max_asr_message_bytes)
            return ServerConnection(protocol, server, **kwargs)

        self.server = await serve(
            lambda connection: handle_connection(self, connection),
            self.config.host,
            self.config.port,
            process_request=lambda connection, request: process_request(self, connection,
                                                                        request),
            create_connection=create_connection,
            ping_interval=self.config.ping_interval_s,
            ping_timeout=self.config.ping_timeout_s,
            close_timeout=self.config.close_timeout_s,
            max_size=self.config.max_asr_message_bytes,
            # Messages are small JSON; per-message deflate cost more CPU than it saved.
            compression=None,
            server_header="liudiao-relay",
        )
        if self.registration is not None:
            await self.registration.start()
        log.info("relay node %s listening on %s:%d (pid %d)", self.node_id, self.config.host,
                 self.port, os.getpid())

    @property
    def port(self) -> int:
        assert self.server is not None
        return self.server.sockets[0].getsockname()[1]

    async def close(self) -> None:
        if self.server is not None:
            self.server.close()
            await self.server.wait_closed()
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        if self.registration is not None and self.registration.is_registered:
            await self.registration.deregister()
        self.entities.close()
        await self.backend.close()
        log.info("relay node %s stopped", self.node_id)

    async def _refresh_places(self) -> None:
        while True:
            await asyncio.sleep(self.config.places_refresh_s)
            self.places = await asyncio.to_thread(load_known_places, self.database_url)

    # State

    def connections(self) -> Iterable[ServerConnection]:
        return self.server.connections if self.server is not None else ()

    def describe(self) -> dict[str, Any]:
        return {
            "node_id": self.node_id,
            "pid": os.getpid(),
            "address": f"{self.config.host}:{self.port}" if self.server else None,
            "started_at": self.started_at,
            "connections": len(list(self.connections())),
            "watched_calls": self.hub.watched_calls,
            "is_draining": self.is_draining,
        }

    async def is_ready(self) -> bool:
        if self.is_draining or self.server is None:
            return False
        if self.registration is not None and not self.registration.is_registered:
            return False
        return await self.backend.ping()

    # Publishing, shared by the WebSocket and the HTTP endpoint

    async def publish(self, item: PublishItem, claims: Claims) -> dict[str, Any]:
        """Append one parsed ASR item to its call's log and return the acknowledgement."""
        if isinstance(item, Skipped):
            return {"result": "skipped"}
        claims.require_call(item.call_id)
        if isinstance(item, CallEnd):
            message_id = await self.backend.end_call(item.call_id)
            self.entities.end_call(item.call_id)
            log.info("call %s ended", item.call_id)
            return {"call_id": item.call_id, "result": "ended", "id": message_id}
        return await self._publish_segment(item)

    async def _publish_segment(self, segment: Segment) -> dict[str, Any]:
        result = await self.backend.publish_segment(segment)
        self.entities.submit(segment, result)
        ack = {
            "call_id": segment.call_id,
            "segment_index": segment.segment_index,
            "is_final": segment.is_final,
            "result": result.decision.kind,
        }
        if result.message_id is not None:
            ack["id"] = result.message_id
        return ack
