"""``Backend`` in one process: per-call deques and direct delivery.

For development without Redis and for the single-process benchmark baseline. Nothing is
shared between processes and nothing survives a restart.
"""

from __future__ import annotations

import time
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from realtime.backend import DeliverCallback, PublishResult, StoredMessage, segment_body
from realtime.protocol import Segment, encode, parse_message_id
from realtime.revisions import SegmentVersion, decide, segment_digest


@dataclass
class _CallLog:
    messages: deque[StoredMessage]
    versions: dict[int, SegmentVersion] = field(default_factory=dict)
    last_segment_id: str | None = None
    last_id: tuple[int, int] = (0, 0)


class MemoryBackend:
    def __init__(self, maxlen: int = 20000) -> None:
        self.maxlen = maxlen
        self._calls: dict[str, _CallLog] = {}
        self._watchers: dict[str, DeliverCallback] = {}

    async def start(self) -> None:
        pass

    async def close(self) -> None:
        self._watchers.clear()

    async def ping(self) -> bool:
        return True

    async def publish_segment(self, segment: Segment) -> PublishResult:
        log = self._log(segment.call_id)
        digest = segment_digest(segment)
        previous = log.versions.get(segment.segment_index)
        decision = decide(previous, segment, digest)
        if decision.kind in ("duplicate", "stale"):
            return PublishResult(decision, None, log.last_segment_id)

        message_id = self._append(segment.call_id, segment_body(decision.kind, segment,
                                                                decision.replaces))
        log.versions[segment.segment_index] = SegmentVersion(message_id, segment.is_final, digest)
        previous_segment_id, log.last_segment_id = log.last_segment_id, message_id
        return PublishResult(decision, message_id, previous_segment_id)

    async def publish(self, call_id: str, body: dict[str, Any]) -> str:
        return self._append(call_id, encode(body))

    async def end_call(self, call_id: str) -> str:
        # NOTE: ended calls stay in memory until the process exits; the Redis backend expires them.
        return await self.publish(call_id, {"type": "call_ended", "call_id": call_id})

    async def history(self, call_id: str, after_id: str | None, count: int
                      ) -> list[StoredMessage]:
        log = self._calls.get(call_id)
        if log is None:
            return []
        after = parse_message_id(after_id) if after_id else (-1, -1)
        newer = [m for m in log.messages if parse_message_id(m.message_id) > after]
        return newer[:count]

    async def first_id(self, call_id: str) -> str | None:
        log = self._calls.get(call_id)
        return log.messages[0].message_id if log and log.messages else None

    async def watch(self, call_id: str, deliver: DeliverCallback) -> None:
        self._watchers[call_id] = deliver

    async def unwatch(self, call_id: str) -> None:
        self._watchers.pop(call_id, None)

    def _log(self, call_id: str) -> _CallLog:
        if call_id not in self._calls:
            self._calls[call_id] = _CallLog(messages=deque(maxlen=self.maxlen))
        return self._calls[call_id]

    def _append(self, call_id: str, body: str) -> str:
        log = self._log(call_id)
        milliseconds = int(time.time() * 1000)
        last_ms, last_seq = log.last_id
        log.last_id = (last_ms, last_seq + 1) if milliseconds <= last_ms else (milliseconds, 0)
        message = StoredMessage(f"{log.last_id[0]}-{log.last_id[1]}", body)
        log.messages.append(message)
        deliver = self._watchers.get(call_id)
        if deliver is not None:
            deliver(call_id, [message])
        return message.message_id
