"""Connection handlers: ASR publishers, investigator subscribers and the HTTP publish route.

Each WebSocket starts with a ``hello`` message carrying the JWT (or the handshake carries
``Authorization: Bearer``). Handlers log one line when a connection opens and one when it
closes, with the call and the close code. They never log a token or transcript text.
"""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit

import redis
from websockets.asyncio.server import ServerConnection
from websockets.exceptions import ConnectionClosed
from websockets.http11 import Request, Response

from realtime.auth import AccessDenied, Claims, Role, bearer_token, verify
from realtime.errors import ProtocolError
from realtime.http import RequestWithBody, json_response
from realtime.hub import OutboxOverflow, Subscriber
from realtime.limits import CLOSE_RATE_LIMITED, REASON_RATE_LIMITED, TokenBucket
from realtime.protocol import decode_json, encode, parse_message_id, parse_publish, validate_call_id

if TYPE_CHECKING:
    from realtime.node import RelayNode

log = logging.getLogger(__name__)

CLOSE_BAD_REQUEST = 4400
# Not 4401: the token was never seen, and a client may well retry after a timeout.
CLOSE_HELLO_TIMEOUT = 4408
CLOSE_TRY_AGAIN_LATER = 1013
REASON_HELLO_TIMEOUT = "未按时发送认证消息"
REASON_BAD_HELLO = "第一条消息必须是 hello"
REASON_TOO_SLOW = "接收过慢，请重新连接"
MAX_BATCH = 100
UNAVAILABLE = ProtocolError("unavailable", "消息暂时无法保存，请稍后重试。")


async def receive_hello(node: RelayNode, connection: ServerConnection, role: Role
                        ) -> tuple[Claims, dict[str, Any]] | None:
    """Wait for the hello message and verify its token; close the connection on failure."""
    try:
        raw = await asyncio.wait_for(connection.recv(), node.config.hello_timeout_s)
        hello = decode_json(raw)
        if not isinstance(hello, dict) or hello.get("type") != "hello":
            raise ProtocolError("invalid_hello", REASON_BAD_HELLO)
        token = hello.get("token") or bearer_token(connection.request.headers.get("Authorization"))
        return verify(token, node.jwt_secret, role), hello
    except TimeoutError:
        await connection.close(CLOSE_HELLO_TIMEOUT, REASON_HELLO_TIMEOUT)
    except ProtocolError:
        await connection.close(CLOSE_BAD_REQUEST, REASON_BAD_HELLO)
    except AccessDenied as denied:
        log.info("%s connection from %s rejected with %d", role, connection.remote_address,
                 denied.close_code)
        await connection.close(denied.close_code, denied.reason)
    return None


async def asr_connection(node: RelayNode, connection: ServerConnection) -> None:
    accepted = await receive_hello(node, connection, "asr")
    if accepted is None:
        return
    claims, hello = accepted
    try:
        call_hint = validate_call_id(hello["call_id"]) if hello.get("call_id") else None
    except ProtocolError:
        await connection.close(CLOSE_BAD_REQUEST, "hello 中的 call_id 无效")
        return

    log.info("asr connection opened by %s from %s", claims.subject, connection.remote_address)
    bucket = TokenBucket(node.config.asr_rate_per_s, node.config.asr_burst)
    try:
        async for raw in connection:
            if not bucket.take():
                await connection.close(CLOSE_RATE_LIMITED, REASON_RATE_LIMITED)
                break
            await connection.send(encode(await _publish_raw(node, claims, raw, call_hint)))
    except AccessDenied as denied:
        await connection.close(denied.close_code, denied.reason)
    except ConnectionClosed:
        pass
    log.info("asr connection of %s closed with code %s", claims.subject,
             connection.close_code)


async def _publish_raw(node: RelayNode, claims: Claims, raw: str | bytes,
                       call_hint: str | None) -> dict[str, Any]:
    """Publish one WebSocket message and return its single reply: an ack listing one result
    per published item, or an error."""
    try:
        items = parse_publish(decode_json(raw), call_hint)
        return {"type": "ack", "results": [await node.publish(item, claims) for item in items]}
    except ProtocolError as error:
        return error.to_dict()
    except (redis.RedisError, OSError) as error:
        log.warning("publishing failed: %s", error)
        return UNAVAILABLE.to_dict()


async def investigator_connection(node: RelayNode, connection: ServerConnection,
                                  call_id: str) -> None:
    connection.protocol.max_message_size = node.config.max_investigator_message_bytes
    accepted = await receive_hello(node, connection, "investigator")
    if accepted is None:
        return
    claims, hello = accepted
    try:
        claims.require_call(call_id)
        last_id = hello.get("last_id") or None
        if last_id is not None:
            parse_message_id(last_id)
    except AccessDenied as denied:
        log.info("investigator %s denied call %s", claims.subject, call_id)
        await connection.close(denied.close_code, denied.reason)
        return
    except ProtocolError as error:
        await connection.close(CLOSE_BAD_REQUEST, error.message[:40])
        return

    subscriber = Subscriber(call_id, last_id, node.config.max_outbox_messages,
                            node.config.max_send_buffer_bytes)
    log.info("investigator %s subscribed to call %s (resume: %s)", claims.subject, call_id,
             last_id is not None)
    await node.hub.join(subscriber)
    try:
        await _send_history(node, connection, subscriber)
        await _relay_live(node, connection, subscriber)
    except OutboxOverflow:
        log.warning("investigator %s of call %s too slow, closing", claims.subject, call_id)
        await connection.close(CLOSE_TRY_AGAIN_LATER, REASON_TOO_SLOW)
    except ConnectionClosed:
        pass
    finally:
        await node.hub.leave(subscriber)
        log.info("investigator %s left call %s, close code %s", claims.subject, call_id,
                 connection.close_code)


async def _send_history(node: RelayNode, connection: ServerConnection,
                        subscriber: Subscriber) -> None:
    await connection.send(encode({
        "type": "subscribed", "call_id": subscriber.call_id, "node_id": node.node_id,
        "last_id": subscriber.last_id,
    }))
    first_id = await node.hub.is_history_truncated(subscriber)
    if first_id is not None:
        await connection.send(encode({"type": "history_truncated", "first_id": first_id}))
    async for page in node.hub.history_pages(subscriber):
        for message in page:
            if subscriber.is_new(message):
                await connection.send(message.frame())


async def _relay_live(node: RelayNode, connection: ServerConnection,
                      subscriber: Subscriber) -> None:
    """Send queued messages until the client goes away; also read (and rate-limit) what the
    client sends, so pings, pongs and the close handshake are processed."""

    async def send_loop() -> None:
        # Drain the outbox, then let the hub write directly; a full buffer ends the wait.
        while True:
            if subscriber.connection is None and subscriber.outbox.empty():
                subscriber.go_live(connection)
            message = await subscriber.next_message()
            if subscriber.is_new(message):
                await connection.send(message.frame())

    async def receive_loop() -> None:
        bucket = TokenBucket(node.config.investigator_rate_per_s, node.config.investigator_burst)
        async for _ in connection:
            if not bucket.take():
                await connection.close(CLOSE_RATE_LIMITED, REASON_RATE_LIMITED)
                return

    tasks = [asyncio.create_task(send_loop()), asyncio.create_task(receive_loop())]
    try:
        done, _ = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
    for task in done:
        task.result()


async def post_segments(node: RelayNode, request: Request) -> Response:
    """``POST /segments``: a JSON message or an array of up to 100, all or nothing on errors."""
    try:
        claims = verify(bearer_token(request.headers.get("Authorization")), node.jwt_secret, "asr")
    except AccessDenied as denied:
        error = "unauthorized" if denied.http_status == 401 else "forbidden"
        return json_response(denied.http_status, {"error": error, "message": denied.reason})

    query = parse_qs(urlsplit(request.path).query)
    try:
        call_hint = validate_call_id(query["call_id"][0]) if "call_id" in query else None
        body = request.body if isinstance(request, RequestWithBody) else b""
        data = decode_json(body)
        messages = data if isinstance(data, list) else [data]
        if not 1 <= len(messages) <= MAX_BATCH:
            raise ProtocolError("invalid_message", f"一次最多提交 {MAX_BATCH} 条消息。")
        items = [item for message in messages for item in parse_publish(message, call_hint)]
        for item in items:
            if hasattr(item, "call_id"):
                claims.require_call(item.call_id)
    except ProtocolError as error:
        return json_response(400, error.to_dict())
    except AccessDenied as denied:
        return json_response(403, {"error": "forbidden", "message": denied.reason})

    # NOTE: the rate limit is per WebSocket connection; HTTP publishers are limited only by
    # the batch size, so put a rate limit in the load balancer if they are untrusted.
    try:
        results = [await node.publish(item, claims) for item in items]
    except (redis.RedisError, OSError) as error:
        log.warning("publishing over HTTP failed: %s", error)
        return json_response(503, UNAVAILABLE.to_dict())
    return json_response(200, {"results": results})
