"""Liveness and node loss: half-open clients, a node killed mid-call, drain on SIGTERM."""

from __future__ import annotations

import asyncio
import json
import socket
import time

from websockets.asyncio.client import connect
from websockets.client import ClientProtocol
from websockets.exceptions import ConnectionClosed
from websockets.uri import parse_uri

from realtime.client import AsrPublisher, InvestigatorSubscription
from tests.realtime.conftest import free_port
from tests.realtime.nodes import RelayProcess, hello, running_node, segment, token


def open_half_open_client(port: int, path: str, first_message: str) -> socket.socket:
    """Open a WebSocket, send one message, then never read again: pings go unanswered."""
    protocol = ClientProtocol(parse_uri(f"ws://127.0.0.1:{port}{path}"))
    sock = socket.create_connection(("127.0.0.1", port))
    protocol.send_request(protocol.connect())
    sock.sendall(b"".join(protocol.data_to_send()))
    response = sock.recv(4096)
    assert response.startswith(b"HTTP/1.1 101")
    protocol.receive_data(response)
    protocol.send_text(first_message.encode())
    sock.sendall(b"".join(protocol.data_to_send()))
    return sock


def test_half_open_client_is_dropped(redis_url, call_id):
    async def scenario():
        async with running_node(redis_url, ping_interval_s=0.2, ping_timeout_s=0.2) as node:
            sock = await asyncio.to_thread(
                open_half_open_client, node.port, f"/ws/calls/{call_id}",
                hello("investigator", [call_id]))
            try:
                watched_before = await wait_for_value(lambda: node.hub.watched_calls, 1)
                watched_after = await wait_for_value(lambda: node.hub.watched_calls, 0)
            finally:
                sock.close()
            return watched_before, watched_after

    assert asyncio.run(scenario()) == (1, 0)


async def wait_for_value(read, expected, timeout_s: float = 10.0):
    deadline = time.monotonic() + timeout_s
    while read() != expected and time.monotonic() < deadline:
        await asyncio.sleep(0.05)
    return read()


def start_pair(redis_url: str, tmp_path) -> tuple[RelayProcess, RelayProcess]:
    first = RelayProcess(redis_url, free_port(), tmp_path / "node-1.log")
    try:
        second = RelayProcess(redis_url, free_port(), tmp_path / "node-2.log")
    except Exception:
        first.stop()
        raise
    return first, second


def test_killed_node_loses_nothing(redis_url, call_id, tmp_path):
    first, second = start_pair(redis_url, tmp_path)
    try:
        received = asyncio.run(publish_through_kill(first, second, call_id))
    finally:
        first.stop()
        second.stop()
    subscription, messages = received
    transcripts = [m["text"] for m in messages if m["type"] == "transcript"]
    assert transcripts == [f"第{index}句。" for index in range(10)]
    assert len({m["id"] for m in messages}) == len(messages)
    assert subscription.stats.duplicates_dropped == 0
    assert subscription.stats.nodes == [first.node_id, second.node_id]


async def publish_through_kill(first: RelayProcess, second: RelayProcess, call_id: str):
    messages: list[dict] = []
    subscription = InvestigatorSubscription([first.url, second.url], call_id,
                                            token("investigator", [call_id]), messages.append)
    subscription._url_index = 0  # start on the first node
    publisher = AsrPublisher([first.url, second.url], token("asr", [call_id]))
    publisher._url_index = 0
    stop = asyncio.Event()
    follower = asyncio.create_task(subscription.run(stop))

    for index in range(5):
        await publisher.send(segment(call_id, index, True, f"第{index}句。"))
    await publisher.wait_acked()
    await wait_until(lambda: len(transcripts_of(messages)) == 5)
    first.kill()
    for index in range(5, 10):
        await publisher.send(segment(call_id, index, True, f"第{index}句。"))
    await publisher.wait_acked()
    await wait_until(lambda: len(transcripts_of(messages)) == 10)
    stop.set()
    await follower
    await publisher.close()
    return subscription, messages


def transcripts_of(messages: list[dict]) -> list[dict]:
    return [m for m in messages if m["type"] == "transcript"]


async def wait_until(condition, timeout_s: float = 20.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("condition not met")
        await asyncio.sleep(0.05)


def test_sigterm_drains_with_1012_and_resume_elsewhere(redis_url, call_id, tmp_path):
    first, second = start_pair(redis_url, tmp_path)
    try:
        close, resumed, exit_code, log_text = asyncio.run(
            drain_and_resume(first, second, call_id))
    finally:
        first.stop()
        second.stop()
    assert close == (1012, "服务节点重启，请重新连接")
    assert exit_code == 0
    assert [m["text"] for m in resumed if m["type"] == "transcript"] == ["排空之后。"]
    assert f"node {first.node_id} deregistered" in log_text


async def drain_and_resume(first: RelayProcess, second: RelayProcess, call_id: str):
    async with connect(f"{first.url}/ws/asr") as asr:
        await asr.send(hello("asr", [call_id]))
        await asr.send(json.dumps(segment(call_id, 0, True, "排空之前。"), ensure_ascii=False))
        await asr.recv()

    async with connect(f"{first.url}/ws/calls/{call_id}") as investigator:
        await investigator.send(hello("investigator", [call_id]))
        await investigator.recv()  # subscribed
        last_id = json.loads(await investigator.recv())["id"]
        exit_code = await asyncio.to_thread(first.terminate)
        try:
            while True:
                await investigator.recv()
        except ConnectionClosed as closed:
            close = (closed.rcvd.code, closed.rcvd.reason)

    async with connect(f"{second.url}/ws/asr") as asr:
        await asr.send(hello("asr", [call_id]))
        await asr.send(json.dumps(segment(call_id, 1, True, "排空之后。"), ensure_ascii=False))
        await asr.recv()

    async with connect(f"{second.url}/ws/calls/{call_id}") as investigator:
        await investigator.send(hello("investigator", [call_id], last_id=last_id))
        await investigator.recv()  # subscribed
        resumed = [json.loads(await asyncio.wait_for(investigator.recv(), 5))]
    return close, resumed, exit_code, first.log_path.read_text()
