"""Node registry: each relay node keeps a heartbeat key in Redis that expires when it stops.

``liudiao:relay:node:<node_id>`` holds the node's address and counts, refreshed every
``heartbeat_interval_s`` with an expiry of ``heartbeat_ttl_s``; the sorted set
``liudiao:relay:nodes`` indexes the ids by last heartbeat. A node that dies stops refreshing
and disappears from ``list_nodes`` once its key expires. Nothing routes through the registry:
it is for operators, the readiness check and the benchmark.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Callable
from typing import Any

import redis.asyncio as redis

log = logging.getLogger(__name__)

NODES_KEY = "liudiao:relay:nodes"


def node_key(node_id: str) -> str:
    return f"liudiao:relay:node:{node_id}"


class NodeRegistration:
    def __init__(self, client: redis.Redis, node_id: str, ttl_s: int, interval_s: float,
                 describe: Callable[[], dict[str, Any]]) -> None:
        self.client = client
        self.node_id = node_id
        self.ttl_s = ttl_s
        self.interval_s = interval_s
        self.describe = describe
        self.is_registered = False
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        await self.beat()
        self._task = asyncio.create_task(self._loop(), name="node-heartbeat")
        log.info("node %s registered", self.node_id)

    async def beat(self) -> None:
        now = time.time()
        async with self.client.pipeline(transaction=False) as pipe:
            pipe.set(node_key(self.node_id), json.dumps(self.describe()), ex=self.ttl_s)
            pipe.zadd(NODES_KEY, {self.node_id: now})
            pipe.zremrangebyscore(NODES_KEY, 0, now - self.ttl_s)
            await pipe.execute()
        self.is_registered = True

    async def _loop(self) -> None:
        while True:
            await asyncio.sleep(self.interval_s)
            try:
                await self.beat()
            except (redis.RedisError, OSError) as error:
                self.is_registered = False
                log.warning("heartbeat of node %s failed: %s", self.node_id, error)

    async def deregister(self) -> None:
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
            self._task = None
        self.is_registered = False
        try:
            async with self.client.pipeline(transaction=False) as pipe:
                pipe.delete(node_key(self.node_id))
                pipe.zrem(NODES_KEY, self.node_id)
                await pipe.execute()
        except (redis.RedisError, OSError) as error:
            log.warning("deregistering node %s failed, its key expires by itself: %s",
                        self.node_id, error)
            return
        log.info("node %s deregistered", self.node_id)


async def list_nodes(client: redis.Redis) -> dict[str, dict[str, Any]]:
    """Return the description of every node whose heartbeat key has not expired."""
    node_ids = await client.zrange(NODES_KEY, 0, -1)
    nodes = {}
    for node_id in node_ids:
        raw = await client.get(node_key(node_id))
        if raw is not None:
            nodes[node_id] = json.loads(raw)
    return nodes
