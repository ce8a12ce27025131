"""Whether a segment is new, replaces an earlier version, or repeats one already relayed.

Each call keeps, per segment index, the latest version relayed: its message id, whether it
was final, and a digest of its content. The Redis backend runs the same rules in a Lua script
(realtime/redis_streams.py) so that the decision and the append are one atomic step; the
shared tests of both backends keep the two in step.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Literal

from realtime.protocol import Segment

Kind = Literal["transcript", "revision", "duplicate", "stale"]


@dataclass(frozen=True)
class SegmentVersion:
    message_id: str
    is_final: bool
    digest: str

    def encode(self) -> str:
        return f"{int(self.is_final)} {self.message_id} {self.digest}"

    @classmethod
    def decode(cls, value: str) -> SegmentVersion:
        final_flag, message_id, digest = value.split(" ")
        return cls(message_id=message_id, is_final=final_flag == "1", digest=digest)


@dataclass(frozen=True)
class Decision:
    """``transcript`` for a first version, ``revision`` when it replaces ``replaces``;
    ``duplicate`` (same content again) and ``stale`` (a partial after the final) publish nothing."""

    kind: Kind
    replaces: str | None = None


def segment_digest(segment: Segment) -> str:
    """SHA-1 of the segment's content, so a retried segment is recognised as the same one."""
    content = f"{int(segment.is_final)}|{segment.start_ms}|{segment.end_ms}|{segment.text}"
    return hashlib.sha1(content.encode()).hexdigest()


def decide(previous: SegmentVersion | None, segment: Segment, digest: str) -> Decision:
    if previous is None:
        return Decision("transcript")
    if previous.digest == digest:
        return Decision("duplicate", previous.message_id)
    if previous.is_final and not segment.is_final:
        return Decision("stale", previous.message_id)
    return Decision("revision", previous.message_id)
