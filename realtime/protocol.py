"""Wire format of the relay: segments the ASR side publishes, messages investigators receive.

The full description with examples is docs/realtime-protocol.md. Inbound messages are parsed
here into plain values; every validation failure raises ``ProtocolError`` with a machine code
and a Chinese message that is sent back to the client unchanged.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from realtime.errors import ProtocolError
from realtime.tencent import is_tencent_message, map_tencent_message

CALL_ID_PATTERN = re.compile(r"[A-Za-z0-9_.:-]{1,128}")
MAX_TEXT_CHARS = 4000


@dataclass(frozen=True)
class Segment:
    """One ASR result of a call: a partial hypothesis or the final text of ``segment_index``."""

    call_id: str
    segment_index: int
    is_final: bool
    start_ms: int
    end_ms: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "call_id": self.call_id,
            "segment_index": self.segment_index,
            "is_final": self.is_final,
            "start_ms": self.start_ms,
            "end_ms": self.end_ms,
            "text": self.text,
        }


@dataclass(frozen=True)
class CallEnd:
    """The ASR side says the call is over: no more segments will follow."""

    call_id: str


@dataclass(frozen=True)
class Skipped:
    """A message that is valid but carries nothing to relay (a Tencent handshake, say)."""

    reason: str


PublishItem = Segment | CallEnd | Skipped


def decode_json(raw: str | bytes) -> Any:
    try:
        return json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ProtocolError("invalid_json", f"消息不是有效的 JSON：{error}") from error


def parse_publish(data: Any, call_id_hint: str | None = None) -> list[PublishItem]:
    """Turn one inbound ASR message into what it publishes.

    ``data`` is a native segment, a native ``end`` message, or a Tencent Cloud real-time ASR
    result; ``call_id_hint`` (the ``call_id`` of the request's query) names the call of a
    message that carries none, such as a Tencent message with only ``voice_id``.
    """
    if not isinstance(data, dict):
        raise ProtocolError("invalid_message", "消息必须是 JSON 对象。")
    if is_tencent_message(data):
        return [_from_mapping(item) for item in map_tencent_message(data, call_id_hint)]
    if "call_id" not in data and call_id_hint is not None:
        data = {**data, "call_id": call_id_hint}
    message_type = data.get("type", "segment")
    if message_type == "segment":
        return [parse_segment(data)]
    if message_type == "end":
        return [CallEnd(validate_call_id(data.get("call_id")))]
    raise ProtocolError("invalid_message", f"未知的消息类型：{str(message_type)[:40]}")


def _from_mapping(item: dict[str, Any]) -> PublishItem:
    if item["kind"] == "segment":
        return parse_segment(item["segment"])
    if item["kind"] == "end":
        return CallEnd(validate_call_id(item["call_id"]))
    return Skipped(item["reason"])


def parse_segment(data: dict[str, Any]) -> Segment:
    """Validate the six segment fields; the error names the first field that is wrong."""
    call_id = validate_call_id(data.get("call_id"))
    segment_index = _non_negative_int(data, "segment_index")
    start_ms = _non_negative_int(data, "start_ms")
    end_ms = _non_negative_int(data, "end_ms")
    if end_ms < start_ms:
        raise ProtocolError("invalid_segment", "字段 end_ms 不能小于 start_ms。")

    is_final = data.get("is_final")
    if is_final in ("partial", "final"):
        is_final = is_final == "final"
    if not isinstance(is_final, bool):
        raise ProtocolError("invalid_segment", "字段 is_final 必须是 true/false 或 partial/final。")

    text = data.get("text")
    if not isinstance(text, str):
        raise ProtocolError("invalid_segment", "字段 text 必须是字符串。")
    if len(text) > MAX_TEXT_CHARS:
        raise ProtocolError("invalid_segment", f"字段 text 超过 {MAX_TEXT_CHARS} 个字符。")
    return Segment(call_id, segment_index, is_final, start_ms, end_ms, text)


def validate_call_id(value: Any) -> str:
    if value is None:
        raise ProtocolError("invalid_call_id", "缺少字段 call_id。")
    if not isinstance(value, str) or not CALL_ID_PATTERN.fullmatch(value):
        raise ProtocolError(
            "invalid_call_id",
            "call_id 必须是 1 到 128 个字母、数字或 _ . : - 字符。",
        )
    return value


def _non_negative_int(data: dict[str, Any], field: str) -> int:
    value = data.get(field)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ProtocolError("invalid_segment", f"字段 {field} 必须是非负整数。")
    return value


def parse_message_id(message_id: Any) -> tuple[int, int]:
    """Split a Redis Stream id ``<ms>-<seq>`` into integers so ids compare in stream order."""
    if not isinstance(message_id, str):
        raise ProtocolError("invalid_last_id", "last_id 必须是形如 1700000000000-0 的消息 id。")
    milliseconds, _, sequence = message_id.partition("-")
    if not (milliseconds.isdigit() and sequence.isdigit()):
        raise ProtocolError("invalid_last_id", "last_id 必须是形如 1700000000000-0 的消息 id。")
    return int(milliseconds), int(sequence)


def encode_frame(message_id: str, body_json: str) -> str:
    """Put the stream id in front of a stored message body without decoding it again."""
    return '{"id":"' + message_id + '",' + body_json[1:]


def encode(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
