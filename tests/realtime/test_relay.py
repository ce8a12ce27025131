"""Relay nodes in the test's event loop against the session's Redis: delivery across nodes,
resume, access control, limits, the HTTP endpoint and the Tencent mapping."""

from __future__ import annotations

import asyncio
import json
import urllib.error
import urllib.request

from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

from tests.realtime.nodes import hello, node_url, running_node, segment, token

TIMEOUT_S = 5


async def receive_json(connection) -> dict:
    return json.loads(await asyncio.wait_for(connection.recv(), TIMEOUT_S))


async def receive_until(connection, message_type: str) -> list[dict]:
    """Collect messages up to and including the first one of ``message_type``."""
    messages = []
    while True:
        message = await receive_json(connection)
        messages.append(message)
        if message["type"] == message_type:
            return messages


async def close_code(connection) -> tuple[int | None, str]:
    try:
        while True:
            await asyncio.wait_for(connection.recv(), TIMEOUT_S)
    except ConnectionClosed as closed:
        return closed.rcvd.code if closed.rcvd else None, closed.rcvd.reason if closed.rcvd else ""


async def publish(url: str, *messages: dict) -> list[dict]:
    async with connect(f"{url}/ws/asr") as asr:
        await asr.send(hello("asr", ["*"]))
        replies = []
        for message in messages:
            await asr.send(json.dumps(message, ensure_ascii=False))
            replies.append(await receive_json(asr))
        return replies


def test_segments_reach_investigator_on_other_node(redis_url, call_id):
    async def scenario():
        async with (
            running_node(redis_url) as node_a, running_node(redis_url) as node_b,
            connect(f"{node_url(node_b)}/ws/calls/{call_id}") as investigator,
        ):
            await investigator.send(hello("investigator", [call_id]))
            subscribed = await receive_json(investigator)
            await publish(node_url(node_a),
                          segment(call_id, 0, False, "我叫张伟，电话"),
                          segment(call_id, 0, True, "我叫张伟，电话是13800138000。"))
            messages = await receive_until(investigator, "revision")
            entities = await receive_until(investigator, "entity")
        return subscribed, messages, entities

    subscribed, messages, entities = asyncio.run(scenario())
    assert subscribed["type"] == "subscribed"
    assert [message["type"] for message in messages] == ["transcript", "revision"]
    assert messages[1]["replaces"] == messages[0]["id"]
    assert messages[1]["text"] == "我叫张伟，电话是13800138000。"
    assert entities[-1]["segment_index"] == 0
    assert all("id" in message for message in messages + entities)


def test_entity_message_lists_phone(redis_url, call_id):
    async def scenario():
        async with running_node(redis_url) as node:
            await publish(node_url(node), segment(call_id, 0, True, "电话是13800138000。"))
            async with connect(f"{node_url(node)}/ws/calls/{call_id}") as investigator:
                await investigator.send(hello("investigator", [call_id]))
                return await receive_until(investigator, "entity")

    entity_message = asyncio.run(scenario())[-1]
    phones = [entity for entity in entity_message["entities"] if entity["type"] == "phone"]
    assert phones[0]["value"] == "13800138000"
    assert phones[0]["is_provisional"] is False


def test_resume_sends_only_newer_messages(redis_url, call_id):
    async def scenario():
        async with running_node(redis_url) as node:
            url = node_url(node)
            await publish(url, segment(call_id, 0, True, "第一句。"),
                          segment(call_id, 1, True, "第二句。"))
            async with connect(f"{url}/ws/calls/{call_id}") as investigator:
                await investigator.send(hello("investigator", [call_id]))
                first = await receive_until(investigator, "transcript")
            await publish(url, segment(call_id, 2, True, "第三句。"))
            async with connect(f"{url}/ws/calls/{call_id}") as investigator:
                await investigator.send(hello("investigator", [call_id], last_id=first[-1]["id"]))
                await receive_json(investigator)  # subscribed
                resumed = [await receive_json(investigator) for _ in range(2)]
                await publish(url, {"type": "end", "call_id": call_id})
                rest = await receive_until(investigator, "call_ended")
        return first[-1], resumed + rest

    last_seen, after = asyncio.run(scenario())
    transcripts = [message["text"] for message in after if message["type"] == "transcript"]
    assert last_seen["text"] == "第一句。"
    assert transcripts == ["第二句。", "第三句。"]
    ids = [message["id"] for message in after]
    assert len(ids) == len(set(ids))
    assert after[-1]["type"] == "call_ended"


def test_invalid_token_closes_4401(redis_url, call_id):
    async def scenario():
        async with (
            running_node(redis_url) as node,
            connect(f"{node_url(node)}/ws/calls/{call_id}") as investigator,
        ):
            await investigator.send(json.dumps({"type": "hello", "token": "not-a-jwt"}))
            return await close_code(investigator)

    assert asyncio.run(scenario()) == (4401, "令牌无效或已过期")


def test_expired_token_closes_4401(redis_url, call_id):
    async def scenario():
        async with (
            running_node(redis_url) as node,
            connect(f"{node_url(node)}/ws/calls/{call_id}") as investigator,
        ):
            expired = token("investigator", [call_id], ttl_seconds=-5)
            await investigator.send(json.dumps({"type": "hello", "token": expired}))
            return await close_code(investigator)

    assert asyncio.run(scenario()) == (4401, "令牌无效或已过期")


def test_other_call_closes_4403(redis_url, call_id):
    async def scenario():
        async with (
            running_node(redis_url) as node,
            connect(f"{node_url(node)}/ws/calls/{call_id}") as investigator,
        ):
            await investigator.send(hello("investigator", ["some-other-call"]))
            return await close_code(investigator)

    assert asyncio.run(scenario()) == (4403, "令牌不允许访问此通话")


def test_asr_token_cannot_subscribe(redis_url, call_id):
    async def scenario():
        async with (
            running_node(redis_url) as node,
            connect(f"{node_url(node)}/ws/calls/{call_id}") as investigator,
        ):
            await investigator.send(hello("asr", ["*"]))
            return await close_code(investigator)

    assert asyncio.run(scenario()) == (4403, "令牌角色不允许此操作")


def test_publishing_to_forbidden_call_closes_4403(redis_url, call_id):
    async def scenario():
        async with (
            running_node(redis_url) as node,
            connect(f"{node_url(node)}/ws/asr") as asr,
        ):
            await asr.send(hello("asr", ["another-call"]))
            await asr.send(json.dumps(segment(call_id, 0, True, "喂")))
            return await close_code(asr)

    assert asyncio.run(scenario()) == (4403, "令牌不允许访问此通话")


def test_missing_hello_closes_4408(redis_url, call_id):
    async def scenario():
        async with (
            running_node(redis_url, hello_timeout_s=0.3) as node,
            connect(f"{node_url(node)}/ws/calls/{call_id}") as investigator,
        ):
            return await close_code(investigator)

    assert asyncio.run(scenario()) == (4408, "未按时发送认证消息")


def test_oversized_asr_message_closes_1009(redis_url, call_id):
    async def scenario():
        async with (
            running_node(redis_url, max_asr_message_bytes=2048) as node,
            connect(f"{node_url(node)}/ws/asr") as asr,
        ):
            await asr.send(hello("asr", ["*"]))
            await asr.send(json.dumps(segment(call_id, 0, True, "长" * 2000)))
            return await close_code(asr)

    assert asyncio.run(scenario())[0] == 1009


def test_oversized_investigator_message_closes_1009(redis_url, call_id):
    async def scenario():
        async with (
            running_node(redis_url) as node,
            connect(f"{node_url(node)}/ws/calls/{call_id}") as investigator,
        ):
            await investigator.send(hello("investigator", [call_id]))
            await receive_json(investigator)
            await investigator.send("x" * 5000)
            return await close_code(investigator)

    assert asyncio.run(scenario())[0] == 1009


def test_asr_flood_closes_4429(redis_url, call_id):
    async def scenario():
        async with (
            running_node(redis_url, asr_rate_per_s=1.0, asr_burst=3) as node,
            connect(f"{node_url(node)}/ws/asr") as asr,
        ):
            await asr.send(hello("asr", ["*"]))
            for index in range(6):
                await asr.send(json.dumps(segment(call_id, index, True, "喂")))
            return await close_code(asr)

    assert asyncio.run(scenario()) == (4429, "消息发送过快，已超过速率限制")


def test_investigator_flood_closes_4429(redis_url, call_id):
    async def scenario():
        async with (
            running_node(redis_url, investigator_rate_per_s=1.0, investigator_burst=2) as node,
            connect(f"{node_url(node)}/ws/calls/{call_id}") as investigator,
        ):
            await investigator.send(hello("investigator", [call_id]))
            await receive_json(investigator)
            for _ in range(5):
                await investigator.send("{}")
            return await close_code(investigator)

    assert asyncio.run(scenario()) == (4429, "消息发送过快，已超过速率限制")


def test_invalid_segment_gets_error_reply(redis_url, call_id):
    async def scenario():
        async with running_node(redis_url) as node:
            bad = segment(call_id, 0, True, "喂")
            bad["end_ms"] = -1
            return await publish(node_url(node), bad, segment(call_id, 0, True, "喂"))

    error, ack = asyncio.run(scenario())
    assert error == {"type": "error", "code": "invalid_segment",
                     "message": "字段 end_ms 必须是非负整数。"}
    assert ack["results"][0]["result"] == "transcript"


def test_tencent_messages_over_websocket(redis_url, call_id):
    def tencent(slice_type, text, final=0):
        return {"code": 0, "message": "success", "voice_id": "v-1", "message_id": "m",
                "result": {"slice_type": slice_type, "index": 0, "start_time": 0,
                           "end_time": 800, "voice_text_str": text},
                "final": final}

    async def scenario():
        async with running_node(redis_url) as node:
            async with connect(f"{node_url(node)}/ws/asr") as asr:
                await asr.send(hello("asr", [call_id], call_id=call_id))
                replies = []
                for message in (tencent(1, "喂您"), tencent(2, "喂，您好。", final=1)):
                    await asr.send(json.dumps(message, ensure_ascii=False))
                    replies.append(await receive_json(asr))
            return replies

    partial, final = asyncio.run(scenario())
    assert partial["results"][0]["result"] == "transcript"
    assert [result["result"] for result in final["results"]] == ["revision", "ended"]
    assert final["results"][0]["call_id"] == call_id


def http_post(url: str, body: bytes, bearer: str | None) -> tuple[int, dict]:
    headers = {"Content-Type": "application/json"}
    if bearer:
        headers["Authorization"] = f"Bearer {bearer}"
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_S) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def test_http_post_publishes_segments(redis_url, call_id):
    async def scenario():
        async with running_node(redis_url) as node:
            base = f"http://127.0.0.1:{node.port}"
            body = json.dumps([segment(call_id, 0, False, "我在"),
                               segment(call_id, 0, True, "我在海岸城。")]).encode()
            posted = await asyncio.to_thread(http_post, f"{base}/segments", body,
                                             token("asr", [call_id]))
            async with connect(f"{node_url(node)}/ws/calls/{call_id}") as investigator:
                await investigator.send(hello("investigator", [call_id]))
                messages = await receive_until(investigator, "revision")
        return posted, messages

    (status, reply), messages = asyncio.run(scenario())
    assert status == 200
    assert [result["result"] for result in reply["results"]] == ["transcript", "revision"]
    assert messages[-1]["text"] == "我在海岸城。"


def test_http_post_rejections(redis_url, call_id):
    async def scenario():
        async with running_node(redis_url, max_asr_message_bytes=1024) as node:
            url = f"http://127.0.0.1:{node.port}/segments"
            valid = json.dumps(segment(call_id, 0, True, "喂")).encode()
            cases = [
                (valid, None),
                (valid, token("investigator", ["*"])),
                (valid, token("asr", ["other-call"])),
                (b"{oops", token("asr", ["*"])),
                (b"[" + b" " * 2000 + b"]", token("asr", ["*"])),
            ]
            return [await asyncio.to_thread(http_post, url, body, bearer)
                    for body, bearer in cases]

    results = asyncio.run(scenario())
    assert [status for status, _ in results] == [401, 403, 403, 400, 413]
    assert results[0][1]["message"] == "令牌无效或已过期"
    assert results[3][1]["code"] == "invalid_json"


def test_health_and_readiness(redis_url):
    async def scenario():
        async with running_node(redis_url) as node:
            base = f"http://127.0.0.1:{node.port}"
            health = await asyncio.to_thread(urllib.request.urlopen, f"{base}/healthz")
            ready = await asyncio.to_thread(urllib.request.urlopen, f"{base}/readyz")
            node.is_draining = True
            try:
                await asyncio.to_thread(urllib.request.urlopen, f"{base}/readyz")
                draining_status = 200
            except urllib.error.HTTPError as error:
                draining_status = error.code
            return json.loads(health.read()), ready.status, draining_status, node.node_id

    health, ready_status, draining_status, node_id = asyncio.run(scenario())
    assert health["status"] == "ok"
    assert health["node_id"] == node_id
    assert ready_status == 200
    assert draining_status == 503
