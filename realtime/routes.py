"""HTTP routes and the dispatch of WebSocket connections by path.

==========================  ==========================================================
``GET /healthz``            liveness: 200 while the process serves, with counts
``GET /readyz``             readiness: 200 when Redis answers and the node is not draining
``GET /``                   investigator start page
``GET /calls/<call_id>``    investigator page of one call
``POST /segments``          publish ASR segments (``Authorization: Bearer``, role asr)
``WS /ws/asr``              publish ASR segments over a WebSocket
``WS /ws/calls/<call_id>``  subscribe to one call
==========================  ==========================================================
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING

from websockets.asyncio.server import ServerConnection
from websockets.http11 import Request, Response

from realtime.handlers import asr_connection, investigator_connection, post_segments
from realtime.http import RequestWithBody, html_response, json_response
from realtime.page import call_page, start_page

if TYPE_CHECKING:
    from realtime.node import RelayNode

log = logging.getLogger(__name__)

CALL_PAGE_PATH = re.compile(r"/calls/([A-Za-z0-9_.:-]{1,128})")
CALL_SOCKET_PATH = re.compile(r"/ws/calls/([A-Za-z0-9_.:-]{1,128})")


async def process_request(node: RelayNode, connection: ServerConnection, request: Request
                          ) -> Response | None:
    """Answer HTTP routes; return None to let a WebSocket handshake on ``/ws/`` proceed."""
    path = request.path.split("?", 1)[0]
    if isinstance(request, RequestWithBody) and request.body_too_large:
        return json_response(413, {"error": "too_large", "message": "请求体超过大小限制。"})

    if request.method == "POST":
        if path == "/segments":
            return await post_segments(node, request)
        return json_response(404, {"error": "not_found", "message": "没有这个地址。"})
    if request.method != "GET":
        return json_response(405, {"error": "method_not_allowed", "message": "不支持此请求方法。"})

    if path.startswith("/ws/"):
        if node.is_draining:
            return json_response(503, {"error": "draining",
                                       "message": "节点正在停止，请重新连接。"})
        if path == "/ws/asr" or CALL_SOCKET_PATH.fullmatch(path):
            return None
    elif path == "/healthz":
        return json_response(200, {"status": "ok", **node.describe()})
    elif path == "/readyz":
        ready = await node.is_ready()
        return json_response(200 if ready else 503, {"ready": ready, "node_id": node.node_id})
    elif path == "/":
        return html_response(start_page())
    elif match := CALL_PAGE_PATH.fullmatch(path):
        return html_response(call_page(match.group(1)))
    return json_response(404, {"error": "not_found", "message": "没有这个地址。"})


async def handle_connection(node: RelayNode, connection: ServerConnection) -> None:
    path = connection.request.path.split("?", 1)[0]
    if path == "/ws/asr":
        await asr_connection(node, connection)
    elif match := CALL_SOCKET_PATH.fullmatch(path):
        await investigator_connection(node, connection, match.group(1))
