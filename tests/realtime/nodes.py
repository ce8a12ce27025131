"""Relay nodes for the tests: in the test's event loop, or as separate processes."""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path

from realtime.auth import Role, issue
from realtime.node import RelayNode
from realtime.redis_streams import RedisBackend
from realtime.settings import RelayConfig
from tests.realtime.conftest import JWT_SECRET

FAST = RelayConfig(port=0, ping_interval_s=0.5, ping_timeout_s=0.5, close_timeout_s=0.5,
                   hello_timeout_s=2.0,
                   drain_seconds=0.2, heartbeat_interval_s=0.5)


def token(role: Role, calls: list[str], ttl_seconds: int = 600) -> str:
    return issue(JWT_SECRET, role, calls, subject=f"test-{role}", ttl_seconds=ttl_seconds)


def hello(role: Role, calls: list[str], **fields) -> str:
    return json.dumps({"type": "hello", "token": token(role, calls), **fields})


def segment(call_id: str, index: int, is_final: bool, text: str) -> dict:
    return {"call_id": call_id, "segment_index": index, "is_final": is_final,
            "start_ms": index * 1000, "end_ms": index * 1000 + 900, "text": text}


@contextlib.asynccontextmanager
async def running_node(redis_url: str, **overrides) -> AsyncIterator[RelayNode]:
    config = replace(FAST, **overrides)
    node_id = uuid.uuid4().hex[:8]
    backend = RedisBackend(redis_url, config, node_id)
    node = RelayNode(config, backend, JWT_SECRET, node_id=node_id,
                     registration_client=backend.client)
    await node.start()
    try:
        yield node
    finally:
        await node.close()


def node_url(node: RelayNode) -> str:
    return f"ws://127.0.0.1:{node.port}"


class RelayProcess:
    """``liudiao relay`` in a subprocess, with its log in a file."""

    def __init__(self, redis_url: str, port: int, log_path: Path, drain_seconds: float = 0.2):
        self.port = port
        self.log_path = log_path
        environment = {**os.environ, "LIUDIAO_REDIS_URL": redis_url,
                       "LIUDIAO_JWT_SECRET": JWT_SECRET}
        liudiao = Path(sys.executable).parent / "liudiao"
        self.log_file = log_path.open("wb")
        self.process = subprocess.Popen(
            [str(liudiao), "relay", "--port", str(port), "--no-places",
             "--ping-interval", "0.5", "--ping-timeout", "0.5",
             "--drain-seconds", str(drain_seconds)],
            env=environment, stdout=self.log_file, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
        self.node_id = self._wait_listening()

    @property
    def url(self) -> str:
        return f"ws://127.0.0.1:{self.port}"

    def _wait_listening(self, timeout_s: float = 30.0) -> str:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            text = self.log_path.read_text(errors="replace")
            match = re.search(r"relay node (\w+) listening", text)
            if match:
                return match.group(1)
            if self.process.poll() is not None:
                raise RuntimeError(f"relay exited with {self.process.returncode}: {text}")
            time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"relay did not start within {timeout_s} s")

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(10)

    def terminate(self) -> int:
        self.process.send_signal(signal.SIGTERM)
        return self.process.wait(30)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)
        self.log_file.close()
