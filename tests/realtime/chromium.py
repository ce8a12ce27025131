"""Headless Debian Chromium driven over the Chrome DevTools Protocol with websockets."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import os
import re
import shutil
import signal
import subprocess
import tempfile
import urllib.request
from collections.abc import AsyncIterator
from typing import Any

import pytest
from websockets.asyncio.client import connect

CHROMIUM = "/usr/bin/chromium"


def require_chromium() -> str:
    """Path of Chromium; skips locally when it is missing and fails under CI=true."""
    if shutil.which(CHROMIUM):
        return CHROMIUM
    message = f"{CHROMIUM} is missing; install it with apt-get install chromium"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


class Page:
    def __init__(self, connection) -> None:
        self.connection = connection
        self._ids = itertools.count(1)

    async def send(self, method: str, **params: Any) -> dict[str, Any]:
        message_id = next(self._ids)
        await self.connection.send(json.dumps({"id": message_id, "method": method,
                                               "params": params}))
        while True:
            reply = json.loads(await asyncio.wait_for(self.connection.recv(), 30))
            if reply.get("id") == message_id:
                if "error" in reply:
                    raise RuntimeError(f"{method} failed: {reply['error']}")
                return reply.get("result", {})

    async def evaluate(self, expression: str) -> Any:
        result = await self.send("Runtime.evaluate", expression=expression,
                                 awaitPromise=True, returnByValue=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"page script failed: {result['exceptionDetails']}")
        return result["result"].get("value")

    async def navigate(self, url: str) -> None:
        """Open ``url`` and wait until its document has loaded."""
        await self.send("Page.navigate", url=url)
        await self.wait_for(f"location.href === {json.dumps(url)}"
                            " && document.readyState === 'complete'")

    async def wait_for(self, expression: str, timeout_s: float = 15.0) -> Any:
        deadline = asyncio.get_running_loop().time() + timeout_s
        while True:
            value = await self.evaluate(expression)
            if value:
                return value
            if asyncio.get_running_loop().time() > deadline:
                raise TimeoutError(f"page never satisfied: {expression}")
            await asyncio.sleep(0.1)


@contextlib.asynccontextmanager
async def chromium_page(width: int = 1280, height: int = 800) -> AsyncIterator[Page]:
    binary = require_chromium()
    # Chromium's child processes may still write to the profile for a moment after the group
    # is killed, so a leftover file does not fail the test.
    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as profile:
        process = await asyncio.to_thread(_launch, binary, profile, width, height)
        try:
            port = await asyncio.to_thread(_devtools_port, process)
            targets = json.loads(await asyncio.to_thread(
                lambda: urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list").read()))
            page_url = next(t["webSocketDebuggerUrl"] for t in targets if t["type"] == "page")
            async with connect(page_url, max_size=None) as connection:
                page = Page(connection)
                await page.send("Page.enable")
                # A headless page never has focus, and the clipboard API requires it.
                await page.send("Emulation.setFocusEmulationEnabled", enabled=True)
                yield page
        finally:
            # The renderer and helper processes are in the browser's process group.
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(10)


def _launch(binary: str, profile: str, width: int, height: int) -> subprocess.Popen:
    return subprocess.Popen(
        [binary, "--headless=new", "--no-sandbox", "--disable-gpu",
         "--remote-debugging-port=0", f"--user-data-dir={profile}",
         f"--window-size={width},{height}", "about:blank"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
        start_new_session=True,
    )


def _devtools_port(process: subprocess.Popen) -> int:
    for raw in process.stderr:
        line = raw.decode(errors="replace")
        match = re.search(r"DevTools listening on ws://127\.0\.0\.1:(\d+)/", line)
        if match:
            return int(match.group(1))
    raise RuntimeError("chromium exited before printing its DevTools address")
