"""Test helpers: the cockpit served by ``streamlit run`` and a headless Chromium driven over the
DevTools protocol (Debian's /usr/bin/chromium, no browser download)."""

from __future__ import annotations

import base64
import itertools
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from websockets.sync.client import connect

from liudiao.config import PROJECT_ROOT

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run",
                  "--hide-scrollbars", "--remote-debugging-port=0"]


def page_url(url_path: str) -> str:
    """The URL path of a cockpit page: the default page (overview) is served at the root."""
    from cockpit.app import DEFAULT_URL_PATH

    return "" if url_path == DEFAULT_URL_PATH else url_path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for(check, timeout_s: float, what: str):
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(0.2)
    raise TimeoutError(f"timed out after {timeout_s:.0f} s waiting for {what}")


@contextmanager
def streamlit_server(database_url: str, log_path: Path):
    """Serve cockpit/app.py on a free port of 127.0.0.1; yields the base URL."""
    port = free_port()
    env = {**os.environ, "LIUDIAO_DATABASE_URL": database_url}
    command = [sys.executable, "-m", "streamlit", "run", str(PROJECT_ROOT / "cockpit" / "app.py"),
               "--server.headless", "true", "--server.address", "127.0.0.1",
               "--server.port", str(port), "--browser.gatherUsageStats", "false",
               "--server.fileWatcherType", "none", "--client.toolbarMode", "viewer"]
    with open(log_path, "wb") as log:
        process = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    base_url = f"http://127.0.0.1:{port}"
    try:
        _wait_for(lambda: _healthy(f"{base_url}/_stcore/health") or process.poll() is not None,
                  60, "streamlit health")
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with {process.returncode}, log {log_path}")
        yield base_url
    finally:
        _stop(process)


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


class Page:
    """One Chromium tab, driven by DevTools protocol commands over its websocket."""

    def __init__(self, socket):
        self._socket = socket
        self._ids = itertools.count(1)

    def send(self, method: str, **params) -> dict:
        message_id = next(self._ids)
        self._socket.send(json.dumps({"id": message_id, "method": method, "params": params}))
        while True:
            reply = json.loads(self._socket.recv(timeout=60))
            if reply.get("id") == message_id:
                if "error" in reply:
                    raise RuntimeError(f"{method} failed: {reply['error']}")
                return reply.get("result", {})

    def evaluate(self, expression: str):
        result = self.send("Runtime.evaluate", expression=expression, returnByValue=True)
        return result.get("result", {}).get("value")

    def open(self, url: str) -> None:
        self.send("Page.navigate", url=url)

    def wait_for(self, expression: str, timeout_s: float, what: str) -> None:
        """Poll until ``expression`` is truthy in the page."""
        _wait_for(lambda: self.evaluate(f"Boolean({expression})"), timeout_s, what)

    def text(self) -> str:
        return self.evaluate("document.body ? document.body.innerText : ''") or ""

    def screenshot(self, path: Path, scale: float = 0.75) -> None:
        width, height = self.evaluate("[window.innerWidth, window.innerHeight]")
        result = self.send("Page.captureScreenshot", format="png", clip={
            "x": 0, "y": 0, "width": width, "height": height, "scale": scale})
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(result["data"]))


@contextmanager
def chromium(width: int = 1440, height: int = 1600):
    """A headless Chromium with a fresh profile; yields its first tab as a Page."""
    profile = Path(tempfile.mkdtemp(prefix="cockpit-chromium-"))
    command = [CHROMIUM, *CHROMIUM_FLAGS, f"--user-data-dir={profile}",
               f"--window-size={width},{height}", "about:blank"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        port_file = profile / "DevToolsActivePort"
        _wait_for(lambda: port_file.exists() and port_file.read_text().strip(), 30,
                  "chromium's DevTools port")
        port = port_file.read_text().split()[0]
        targets = _wait_for(lambda: _page_targets(port), 30, "a chromium tab")
        with connect(targets[0]["webSocketDebuggerUrl"], max_size=64 * 1024 * 1024,
                     open_timeout=10) as socket:
            page = Page(socket)
            page.send("Page.enable")
            yield page
    finally:
        _stop(process)
        shutil.rmtree(profile, ignore_errors=True)


def _page_targets(port: str) -> list[dict]:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=2) as response:
            return [target for target in json.load(response) if target["type"] == "page"]
    except OSError:
        return []
