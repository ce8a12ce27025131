"""Plain HTTP next to the WebSocket endpoints, on the same port.

websockets serves GET requests through ``process_request`` but rejects any request with a
body, and the ASR side may publish with ``POST``. ``BodyReadingProtocol`` therefore parses
the request itself, reading a body of up to ``max_body_bytes`` given by ``Content-Length``.
WebSocket handshakes (GET without a body) go on exactly as before. ``process_request`` then
receives ``RequestWithBody`` and returns a ``Response`` for non-WebSocket routes, after
which websockets closes the connection (no keep-alive).

NOTE: this replaces ``ServerProtocol.parse`` of websockets 17, whose request parsing it
mirrors; check it when upgrading websockets.
"""

from __future__ import annotations

import http
import json
from dataclasses import dataclass
from typing import Any

from websockets.datastructures import Headers
from websockets.exceptions import InvalidMessage, WebSocketException
from websockets.http11 import Request, Response, parse_headers, parse_line
from websockets.protocol import CONNECTING, Protocol
from websockets.server import ServerProtocol

DISCARD_LIMIT_FACTOR = 16


@dataclass
class RequestWithBody(Request):
    body: bytes = b""
    body_too_large: bool = False


def read_request(reader: Any, max_body_bytes: int):
    """Generator-based coroutine: parse an HTTP/1.1 request with an optional body."""
    request_line = yield from parse_line(reader.read_line)
    raw_method, raw_path, raw_protocol = bytes(request_line).split(b" ", 2)
    if raw_protocol not in (b"HTTP/1.1", b"HTTP/1.0"):
        raise ValueError(f"unsupported protocol: {raw_protocol[:20]!r}")
    headers = yield from parse_headers(reader.read_line)
    if "Transfer-Encoding" in headers:
        raise NotImplementedError("transfer codings aren't supported")

    request = RequestWithBody(raw_path.decode("ascii"), headers, raw_method.decode("ascii"),
                              raw_protocol.decode("ascii"))
    length = int(headers.get("Content-Length", "0") or "0")
    if length < 0:
        raise ValueError("negative Content-Length")
    if length > max_body_bytes:
        request.body_too_large = True
        # Read and discard a moderately large body, so the client gets the 413 response
        # instead of a reset. A larger one is left unread, and the client sees a reset.
        if length <= DISCARD_LIMIT_FACTOR * max_body_bytes:
            yield from reader.read_exact(length)
    elif length:
        request.body = bytes((yield from reader.read_exact(length)))
    return request


class BodyReadingProtocol(ServerProtocol):
    max_body_bytes = 64 * 1024

    def parse(self):
        if self.state is CONNECTING:
            try:
                request = yield from read_request(self.reader, self.max_body_bytes)
            except (EOFError, ValueError, NotImplementedError, WebSocketException) as exc:
                self.handshake_exc = InvalidMessage("did not receive a valid HTTP request")
                self.handshake_exc.__cause__ = exc
                self.send_eof()
                self.parser = self.discard()
                next(self.parser)
                yield
            self.events.append(request)
        yield from Protocol.parse(self)


def read_bodies(protocol: ServerProtocol, max_body_bytes: int) -> ServerProtocol:
    """Make a freshly created ``ServerProtocol`` accept request bodies."""
    protocol.__class__ = BodyReadingProtocol
    protocol.max_body_bytes = max_body_bytes  # type: ignore[attr-defined]
    # The parser started in __init__ has read nothing yet; restart it with the new parse().
    protocol.parser = protocol.parse()
    next(protocol.parser)
    return protocol


def json_response(status: int, data: Any) -> Response:
    body = json.dumps(data, ensure_ascii=False).encode()
    return _response(status, body, "application/json; charset=utf-8")


def html_response(body: str) -> Response:
    return _response(200, body.encode(), "text/html; charset=utf-8")


def _response(status: int, body: bytes, content_type: str) -> Response:
    headers = Headers([
        ("Content-Type", content_type),
        ("Content-Length", str(len(body))),
        ("Cache-Control", "no-store"),
        ("Connection", "close"),
    ])
    return Response(status, http.HTTPStatus(status).phrase, headers, body)
