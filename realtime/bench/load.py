"""The benchmark load of one driver process: one ASR publisher and one investigator per call.

Each publisher sends ``rate`` messages per second: a partial, then the final of the same
segment, then the next segment. Every investigator follows its call through reconnects with
the resume protocol. A call's publisher and investigator run in the same driver process, so
its latency is measured on one clock: from the publisher's first send of a segment version to
the investigator's receipt, both read with ``time.monotonic()`` in that process.

``lost`` counts versions sent but not received by the investigator within
``CATCH_UP_TIMEOUT_S`` after publishing ended, so an overloaded run counts late messages as
lost; ``acknowledged`` tells how many of the sent versions the relay had stored by then.
"""

from __future__ import annotations

import asyncio
import logging
import random
import statistics
import time
from dataclasses import dataclass, field
from typing import Any

from realtime.auth import issue
from realtime.client import AsrPublisher, InvestigatorSubscription

log = logging.getLogger(__name__)

PHRASES = (
    "您好，这里是区疾控中心流调组",
    "请问您这两天有没有发烧咳嗽",
    "我前天下午去了海岸城吃饭",
    "我的电话是一三八零零一三八零零零",
    "那您家里还有其他人一起住吗",
    "没有了就我和我爱人两个人",
)
CONNECT_BATCH = 50
CATCH_UP_TIMEOUT_S = 20.0

# A segment version: (call id, segment index, is final).
Version = tuple[str, int, bool]


@dataclass
class LoadResult:
    sent: int = 0
    acknowledged: int = 0
    delivered: int = 0
    lost: int = 0
    duplicated_before_dedupe: int = 0
    duplicated_after_dedupe: int = 0
    latencies_ms: list[float] = field(default_factory=list)
    entity_messages: int = 0
    reconnects: int = 0
    publish_errors: int = 0

    def merge(self, other: LoadResult) -> None:
        """Add the counts and latencies of another driver's result to this one."""
        for name, value in vars(other).items():
            if name == "latencies_ms":
                self.latencies_ms.extend(value)
            else:
                setattr(self, name, getattr(self, name) + value)

    def summary(self) -> dict[str, Any]:
        ordered = sorted(self.latencies_ms)
        return {
            "sent": self.sent,
            "acknowledged": self.acknowledged,
            "delivered": self.delivered,
            "lost": self.lost,
            "duplicated_before_dedupe": self.duplicated_before_dedupe,
            "duplicated_after_dedupe": self.duplicated_after_dedupe,
            "latency_p50_ms": round(_percentile(ordered, 50), 1),
            "latency_p99_ms": round(_percentile(ordered, 99), 1),
            "latency_max_ms": round(ordered[-1], 1) if ordered else None,
            "entity_messages": self.entity_messages,
            "reconnects": self.reconnects,
            "publish_errors": self.publish_errors,
        }


def _percentile(ordered: list[float], percent: float) -> float:
    if not ordered:
        return float("nan")
    if len(ordered) == 1:
        return ordered[0]
    return statistics.quantiles(ordered, n=100, method="inclusive")[int(percent) - 1]


class CallLoad:
    """The publisher, the investigator and the bookkeeping of one call."""

    def __init__(self, call_id: str, urls: list[str], secret: str) -> None:
        self.call_id = call_id
        self.sent_at: dict[Version, float] = {}
        self.received: dict[Version, list[str]] = {}
        self.first_received_at: dict[Version, float] = {}
        self.acknowledged: set[Version] = set()
        self.entity_messages = 0
        self.publish_errors = 0
        self.subscribed = asyncio.Event()
        self.subscription = InvestigatorSubscription(
            urls, call_id, issue(secret, "investigator", [call_id]), self._on_message,
            self._on_control)
        self.publisher = AsrPublisher(urls, issue(secret, "asr", [call_id]))
        self.publisher.on_ack = self._on_ack

    def _on_control(self, message: dict[str, Any]) -> None:
        if message.get("type") == "subscribed":
            self.subscribed.set()

    def _on_message(self, message: dict[str, Any]) -> None:
        if message["type"] == "entity":
            self.entity_messages += 1
            return
        if message["type"] not in ("transcript", "revision"):
            return
        version = (self.call_id, message["segment_index"], message["is_final"])
        self.received.setdefault(version, []).append(message["id"])
        self.first_received_at.setdefault(version, time.monotonic())

    def _on_ack(self, sent: dict[str, Any], reply: dict[str, Any]) -> None:
        if reply.get("type") != "ack":
            self.publish_errors += 1
        elif sent:
            self.acknowledged.add((self.call_id, sent["segment_index"], sent["is_final"]))

    async def publish(self, rate: float, duration_s: float, start_delay_s: float) -> None:
        await asyncio.sleep(start_delay_s)
        interval = 1.0 / rate
        started = time.monotonic()
        count = 0
        while True:
            due = started + count * interval
            if due - started >= duration_s:
                break
            await asyncio.sleep(max(0.0, due - time.monotonic()))
            index, is_final = divmod(count, 2)
            text = PHRASES[index % len(PHRASES)]
            message = {"call_id": self.call_id, "segment_index": index,
                       "is_final": bool(is_final), "start_ms": index * 3000,
                       "end_ms": index * 3000 + 2500,
                       "text": text if is_final else text[: len(text) // 2]}
            self.sent_at[(self.call_id, index, bool(is_final))] = time.monotonic()
            await self.publisher.send(message)
            count += 1

    def is_caught_up(self) -> bool:
        return all(version in self.received for version in self.sent_at)


async def connect_all(loads: list[CallLoad], stop: asyncio.Event) -> list[asyncio.Task]:
    """Subscribe every investigator, then connect every publisher; return the follow tasks."""
    followers = []
    for start in range(0, len(loads), CONNECT_BATCH):
        batch = loads[start:start + CONNECT_BATCH]
        for load in batch:
            followers.append(asyncio.create_task(load.subscription.run(stop)))
        await asyncio.gather(*(load.subscribed.wait() for load in batch))
    for start in range(0, len(loads), CONNECT_BATCH):
        await asyncio.gather(*(load.publisher.connect()
                               for load in loads[start:start + CONNECT_BATCH]))
    return followers


async def publish_and_collect(loads: list[CallLoad], rate: float, duration_s: float,
                              stop: asyncio.Event, followers: list[asyncio.Task]) -> LoadResult:
    """Publish for ``duration_s``, wait for acknowledgements and delivery, then tally."""
    publishers = [asyncio.create_task(load.publish(rate, duration_s, random.uniform(0, 1 / rate)))
                  for load in loads]
    await asyncio.gather(*publishers)
    # A publisher that was rejected keeps its unacknowledged messages; they count as lost.
    await asyncio.gather(*(load.publisher.wait_acked(60) for load in loads),
                         return_exceptions=True)

    deadline = time.monotonic() + CATCH_UP_TIMEOUT_S
    while not all(load.is_caught_up() for load in loads) and time.monotonic() < deadline:
        await asyncio.sleep(0.1)
    stop.set()
    await asyncio.gather(*followers, return_exceptions=True)
    await asyncio.gather(*(load.publisher.close() for load in loads), return_exceptions=True)
    return tally(loads)


def tally(loads: list[CallLoad]) -> LoadResult:
    result = LoadResult()
    for load in loads:
        result.sent += len(load.sent_at)
        result.acknowledged += len(load.acknowledged)
        for version, sent_at in load.sent_at.items():
            ids = load.received.get(version)
            if not ids:
                result.lost += 1
                continue
            result.delivered += 1
            result.latencies_ms.append((load.first_received_at[version] - sent_at) * 1000)
            result.duplicated_after_dedupe += len(ids) - 1
        stats = load.subscription.stats
        result.duplicated_before_dedupe += stats.duplicates_dropped
        result.reconnects += stats.reconnects + load.publisher.reconnects
        result.entity_messages += load.entity_messages
        result.publish_errors += load.publish_errors
    result.duplicated_before_dedupe += result.duplicated_after_dedupe
    return result
