"""Graceful shutdown: on SIGTERM a node drains before it exits.

1. Mark the node draining: ``/readyz`` answers 503 and new WebSocket handshakes get 503.
2. Stop accepting connections.
3. Deregister from the node registry.
4. Close every client with code 1012 (service restart), spread over ``drain_seconds`` so the
   reconnects do not all land on the other nodes at once. Clients reconnect through the load
   balancer and resume from their last message id.
5. Let pending entity extraction finish, then close Redis.
"""

from __future__ import annotations

import asyncio
import logging
import math
import signal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from realtime.node import RelayNode

log = logging.getLogger(__name__)

CLOSE_SERVICE_RESTART = 1012
REASON_SERVICE_RESTART = "服务节点重启，请重新连接"
DRAIN_STEP_S = 0.1


async def drain(node: RelayNode) -> None:
    node.is_draining = True
    connections = list(node.connections())
    log.info("draining node %s: closing %d connections over %.1f s", node.node_id,
             len(connections), node.config.drain_seconds)
    if node.server is not None:
        node.server.server.close()
    if node.registration is not None:
        await node.registration.deregister()

    steps = max(1, int(node.config.drain_seconds / DRAIN_STEP_S))
    batch = max(1, math.ceil(len(connections) / steps))
    closing = []
    for start in range(0, len(connections), batch):
        for connection in connections[start:start + batch]:
            closing.append(asyncio.create_task(
                connection.close(CLOSE_SERVICE_RESTART, REASON_SERVICE_RESTART)))
        await asyncio.sleep(DRAIN_STEP_S)
    if closing:
        await asyncio.wait(closing)
    await node.entities.wait_idle()
    await node.close()


async def run_until_terminated(node: RelayNode) -> None:
    """Start ``node``, serve until SIGTERM or SIGINT, then drain."""
    await node.start()
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signal_number in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signal_number, stop.set)
    await stop.wait()
    await drain(node)
