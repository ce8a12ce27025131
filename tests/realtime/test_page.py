"""The investigator page in headless Chromium: live transcript, highlights, copy buttons."""

from __future__ import annotations

import asyncio
import base64
import json
import os
from pathlib import Path

from websockets.asyncio.client import connect

from tests.realtime.chromium import chromium_page
from tests.realtime.nodes import hello, node_url, running_node, segment, token

SCREENSHOT = os.environ.get("LIUDIAO_PAGE_SCREENSHOT")


async def publish(url: str, *messages: dict) -> None:
    async with connect(f"{url}/ws/asr") as asr:
        await asr.send(hello("asr", ["*"]))
        for message in messages:
            await asr.send(json.dumps(message, ensure_ascii=False))
            await asr.recv()


def test_page_shows_live_transcript_and_entities(redis_url, call_id):
    async def scenario():
        async with running_node(redis_url) as node, chromium_page() as page:
            page_url = (f"http://127.0.0.1:{node.port}/calls/{call_id}"
                        f"#token={token('investigator', [call_id])}")
            await page.navigate(page_url)
            await page.wait_for("document.getElementById('status').textContent === '已连接'")

            await publish(node_url(node),
                          segment(call_id, 0, False, "您好，我叫"),
                          segment(call_id, 0, True, "您好，我叫张伟，电话是13800138000。"),
                          segment(call_id, 1, True, "我昨天去了海岸城。"))
            await page.wait_for("document.querySelectorAll('mark.phone').length === 1")
            result = {
                "segments": await page.evaluate(
                    "[...document.querySelectorAll('.segment .text')].map(e => e.textContent)"),
                "phone_mark": await page.evaluate(
                    "document.querySelector('mark.phone').textContent"),
                "rows": await page.evaluate(
                    "[...document.querySelectorAll('.entity')].map(r => "
                    "[r.querySelector('.kind').textContent, r.querySelector('.value').textContent,"
                    " r.querySelector('button').textContent])"),
            }
            await page.send("Browser.grantPermissions",
                            permissions=["clipboardReadWrite", "clipboardSanitizedWrite"])
            await page.evaluate(
                "document.querySelector('.entity[data-type=phone] button').click()")
            result["button_after_click"] = await page.wait_for(
                "document.querySelector('.entity[data-type=phone] button').textContent"
                " === '已复制' && '已复制'")
            result["clipboard"] = await page.evaluate("navigator.clipboard.readText()")
            if SCREENSHOT:
                shot = await page.send("Page.captureScreenshot", format="png")
                await asyncio.to_thread(Path(SCREENSHOT).write_bytes,
                                        base64.b64decode(shot["data"]))
            return result

    result = asyncio.run(scenario())
    assert result["segments"] == ["您好，我叫张伟，电话是13800138000。", "我昨天去了海岸城。"]
    assert result["phone_mark"] == "13800138000"
    assert ["电话", "13800138000", "复制"] in result["rows"]
    assert result["button_after_click"] == "已复制"
    assert result["clipboard"] == "13800138000"


def test_page_reports_forbidden_call(redis_url, call_id):
    async def scenario():
        async with running_node(redis_url) as node, chromium_page() as page:
            page_url = (f"http://127.0.0.1:{node.port}/calls/{call_id}"
                        f"#token={token('investigator', ['another-call'])}")
            await page.navigate(page_url)
            return await page.wait_for(
                "document.getElementById('notice')?.textContent || false")

    assert asyncio.run(scenario()) == "您无权查看此通话。"
