"""Tencent Cloud real-time ASR (WebSocket API) result messages mapped to relay segments.

Tencent sends one JSON text message per recognition update::

    {"code": 0, "message": "success", "voice_id": "...", "message_id": "...",
     "result": {"slice_type": 1, "index": 0, "start_time": 0, "end_time": 1240,
                "voice_text_str": "...", "word_size": 0, "word_list": []},
     "final": 0}

``slice_type`` 0 starts a sentence, 1 is an unstable hypothesis of it and 2 is its final
text; ``index`` numbers the sentences of one audio stream; times are milliseconds from the
start of the stream; ``final: 1`` ends the stream. The handshake reply has no ``result``.
A non-zero ``code`` is an ASR error, which the relay rejects rather than publishes.
"""

from __future__ import annotations

from typing import Any

from realtime.errors import ProtocolError


def is_tencent_message(data: dict[str, Any]) -> bool:
    return "voice_id" in data and ("result" in data or "code" in data or "final" in data)


def map_tencent_message(data: dict[str, Any], call_id_hint: str | None) -> list[dict[str, Any]]:
    """Map one Tencent message to items of kind ``segment``, ``end`` or ``skip``.

    The call is the top-level ``call_id`` if the sender added one, else ``call_id_hint``,
    else ``voice_id``.
    """
    code = data.get("code", 0)
    if code != 0:
        detail = str(data.get("message", ""))[:80]
        raise ProtocolError("asr_error", f"腾讯云语音识别返回错误码 {code}：{detail}")

    call_id = data.get("call_id") or call_id_hint or data.get("voice_id")
    items: list[dict[str, Any]] = []
    result = data.get("result")
    if isinstance(result, dict):
        items.append(_segment_item(call_id, result))
    elif result is not None:
        raise ProtocolError("invalid_segment", "腾讯云消息的 result 必须是 JSON 对象。")

    if data.get("final") == 1:
        items.append({"kind": "end", "call_id": call_id})
    if not items:
        items.append({"kind": "skip", "reason": "tencent message without result"})
    return items


def _segment_item(call_id: Any, result: dict[str, Any]) -> dict[str, Any]:
    slice_type = result.get("slice_type")
    if slice_type not in (0, 1, 2):
        raise ProtocolError("invalid_segment", "腾讯云消息的 result.slice_type 必须是 0、1 或 2。")
    text = result.get("voice_text_str", "")
    if slice_type == 0 and not text:
        return {"kind": "skip", "reason": "tencent sentence start without text"}
    segment = {
        "call_id": call_id,
        "segment_index": result.get("index"),
        "is_final": slice_type == 2,
        "start_ms": result.get("start_time"),
        "end_ms": result.get("end_time"),
        "text": text,
    }
    return {"kind": "segment", "segment": segment}
