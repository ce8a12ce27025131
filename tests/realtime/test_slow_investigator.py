"""An investigator that stops reading is closed with 1013 once it is too far behind."""

from __future__ import annotations

import asyncio
import json
import socket

from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

from tests.realtime.nodes import hello, node_url, running_node, segment

TEXT = "长" * 4000  # about 12 KB per message


def test_live_investigator_not_reading_closes_1013(redis_url, call_id):
    async def scenario():
        # Pings every 20 s: a client that does not read would otherwise be closed for
        # missing pongs (1011) before its buffer fills.
        async with running_node(redis_url, max_send_buffer_bytes=64 * 1024,
                                asr_rate_per_s=1000.0, asr_burst=1000.0,
                                ping_interval_s=20.0, ping_timeout_s=20.0) as node:
            # Small kernel buffers on both ends, so the node's own send buffer fills after a
            # few messages rather than after megabytes.
            sock = socket.socket()
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
            sock.connect(("127.0.0.1", node.port))
            async with connect(f"{node_url(node)}/ws/calls/{call_id}", sock=sock,
                               max_queue=1) as investigator:
                await investigator.send(hello("investigator", [call_id]))
                subscribed = json.loads(await investigator.recv())
                for connection in node.connections():
                    server_socket = connection.transport.get_extra_info("socket")
                    server_socket.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 4096)
                async with connect(f"{node_url(node)}/ws/asr") as asr:
                    await asr.send(hello("asr", ["*"]))
                    for index in range(100):
                        await asr.send(json.dumps(segment(call_id, index, True, TEXT)))
                    for _ in range(100):
                        await asr.recv()
                return subscribed, await close_code(investigator)

    subscribed, (code, reason) = asyncio.run(scenario())
    assert subscribed["type"] == "subscribed"
    assert code == 1013
    assert reason == "接收过慢，请重新连接"


async def close_code(connection) -> tuple[int | None, str]:
    try:
        while True:
            await asyncio.wait_for(connection.recv(), 5)
    except ConnectionClosed as closed:
        return (closed.rcvd.code, closed.rcvd.reason) if closed.rcvd else (None, "")
