"""The values that cross the extraction interface: transcript segments in, entities out."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from liudiao import idcard, phone

EntityType = Literal["phone", "id_card", "name", "place"]
ENTITY_TYPES: tuple[EntityType, ...] = ("phone", "id_card", "name", "place")


@dataclass(frozen=True)
class Segment:
    """One speech-recognition result of a call: a partial hypothesis or the final text.

    Partials of one ``segment_index`` replace each other until the final one arrives.
    ``start_ms`` and ``end_ms`` are audio times from the start of the call.
    """

    call_id: str
    segment_index: int
    is_final: bool
    start_ms: int
    end_ms: int
    text: str


@dataclass(frozen=True, repr=False)
class Entity:
    """An entity found in a call transcript.

    ``start`` and ``end`` are character offsets in the call's transcript: the concatenation of
    its final segments, followed by the current partial. ``text`` is that slice as recognised,
    ``value`` the normalised form: bare digits (and a final X) for a phone or an ID card number,
    the name, or the official place name.
    """

    type: EntityType
    text: str
    value: str
    start: int
    end: int
    segment_index: int
    is_provisional: bool
    is_valid: bool = True
    problems: tuple[str, ...] = ()

    def __repr__(self) -> str:
        """Show the entity with its personal data masked, so that a logged entity leaks none."""
        return (
            f"Entity({self.type} {mask_value(self.type, self.value)!r} at {self.start}:{self.end}"
            f" of segment {self.segment_index}, provisional={self.is_provisional},"
            f" valid={self.is_valid}, problems={self.problems})"
        )


def mask_value(entity_type: str, value: str) -> str:
    """Mask a phone number, an ID card number or a name (keeping the surname); keep a place."""
    if entity_type == "phone":
        return phone.mask(value) or ""
    if entity_type == "id_card":
        return idcard.mask(value) or ""
    if entity_type == "name":
        return value[:1] + "*" * (len(value) - 1)
    return value
