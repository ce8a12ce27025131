"""The storage interface behind a relay node: per-call append-only message logs.

Two implementations: ``RedisBackend`` (realtime/redis_streams.py), one Redis Stream per call
shared by every node, and ``MemoryBackend`` (realtime/memory_backend.py), the same contract in
one process for development and the single-process benchmark baseline. Message ids are Redis
Stream ids (``<ms>-<seq>``) in both, so clients see one format.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from realtime.protocol import Segment, encode, encode_frame
from realtime.revisions import Decision


@dataclass(frozen=True)
class StoredMessage:
    message_id: str
    body: str  # the message as JSON, without its id

    def frame(self) -> str:
        return encode_frame(self.message_id, self.body)


@dataclass(frozen=True)
class PublishResult:
    """What publishing a segment did; ``message_id`` is None when nothing was appended.

    ``previous_segment_id`` is the id of the call's latest segment message before this one,
    so a node can tell whether its cached extractor has seen every segment of the call.
    """

    decision: Decision
    message_id: str | None
    previous_segment_id: str | None


# Called with a call id and the new messages of that call, in stream order.
DeliverCallback = Callable[[str, list[StoredMessage]], None]


class Backend(Protocol):
    async def start(self) -> None: ...

    async def close(self) -> None: ...

    async def ping(self) -> bool: ...

    async def publish_segment(self, segment: Segment) -> PublishResult: ...

    async def publish(self, call_id: str, body: dict[str, Any]) -> str:
        """Append a message other than a segment (entities, call end); return its id."""
        ...

    async def end_call(self, call_id: str) -> str:
        """Append ``call_ended`` and let the call's log expire; return the message id."""
        ...

    async def history(self, call_id: str, after_id: str | None, count: int
                      ) -> list[StoredMessage]:
        """Up to ``count`` messages after ``after_id`` (from the start when None)."""
        ...

    async def first_id(self, call_id: str) -> str | None: ...

    async def watch(self, call_id: str, deliver: DeliverCallback) -> None:
        """Deliver every message appended to the call from now on, until ``unwatch``."""
        ...

    async def unwatch(self, call_id: str) -> None: ...


def segment_fields_json(segment: Segment) -> str:
    """The segment's fields as a JSON object body without its opening brace, so the type
    and ``replaces`` fields can be put in front once the revision decision is made."""
    return encode(segment.to_dict())[1:]


def segment_body(kind: str, segment: Segment, replaces: str | None) -> str:
    prefix = '{"type":"' + kind + '",'
    if replaces:
        prefix += '"replaces":"' + replaces + '",'
    return prefix + segment_fields_json(segment)
