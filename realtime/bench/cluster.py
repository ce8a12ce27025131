"""The servers of a benchmark run: an embedded Redis and relay nodes as subprocesses, all on
loopback, with their peak resident memory sampled while they run."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import psutil

from liudiao.embedded.redis import EmbeddedRedis

STARTUP_TIMEOUT_S = 60.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class NodeProcess:
    port: int
    process: subprocess.Popen
    log_path: Path
    node_id: str = ""
    peak_rss_bytes: int = 0
    was_killed: bool = False

    @property
    def url(self) -> str:
        return f"ws://127.0.0.1:{self.port}"


@dataclass
class Cluster:
    """Redis (unless ``memory``) and ``node_count`` relay nodes started in ``work_dir``."""

    work_dir: Path
    node_count: int
    jwt_secret: str
    memory: bool = False
    redis: EmbeddedRedis | None = None
    nodes: list[NodeProcess] = field(default_factory=list)
    _sampler: threading.Thread | None = None
    _stop_sampling: threading.Event = field(default_factory=threading.Event)

    def start(self) -> None:
        environment = {**os.environ, "LIUDIAO_JWT_SECRET": self.jwt_secret}
        if not self.memory:
            self.redis = EmbeddedRedis(self.work_dir / "redis", port=free_port(), persist=False)
            self.redis.start()
            environment["LIUDIAO_REDIS_URL"] = self.redis.url
        liudiao = Path(sys.executable).parent / "liudiao"
        for number in range(self.node_count):
            port = free_port()
            log_path = self.work_dir / f"node-{number}.log"
            command = [str(liudiao), "relay", "--port", str(port), "--no-places",
                       "--node-id", f"bench-{number}"]
            if self.memory:
                command.append("--memory")
            with log_path.open("wb") as log_file:
                process = subprocess.Popen(command, env=environment, stdout=log_file,
                                           stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
            self.nodes.append(NodeProcess(port, process, log_path, f"bench-{number}"))
        for node in self.nodes:
            _wait_listening(node)
        self._sampler = threading.Thread(target=self._sample_memory, daemon=True)
        self._sampler.start()

    def kill(self, number: int) -> None:
        node = self.nodes[number]
        node.process.send_signal(signal.SIGKILL)
        node.process.wait(10)
        node.was_killed = True

    def stop(self) -> None:
        self._stop_sampling.set()
        if self._sampler is not None:
            self._sampler.join(5)
        for node in self.nodes:
            if node.process.poll() is None:
                node.process.send_signal(signal.SIGTERM)
        for node in self.nodes:
            try:
                node.process.wait(30)
            except subprocess.TimeoutExpired:
                node.process.kill()
                node.process.wait(10)
        if self.redis is not None:
            self.redis.stop()

    def _sample_memory(self) -> None:
        while not self._stop_sampling.wait(0.5):
            for node in self.nodes:
                try:
                    rss = psutil.Process(node.process.pid).memory_info().rss
                except psutil.Error:
                    continue
                node.peak_rss_bytes = max(node.peak_rss_bytes, rss)


def _wait_listening(node: NodeProcess) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        text = node.log_path.read_text(errors="replace")
        if re.search(r"relay node \S+ listening", text):
            return
        if node.process.poll() is not None:
            raise RuntimeError(f"relay node exited with {node.process.returncode}: {text[-2000:]}")
        time.sleep(0.1)
    raise RuntimeError(f"relay node on port {node.port} did not start: see {node.log_path}")
