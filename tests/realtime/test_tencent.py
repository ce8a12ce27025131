"""Tencent Cloud real-time ASR results mapped to relay segments."""

from __future__ import annotations

import pytest

from realtime.errors import ProtocolError
from realtime.protocol import CallEnd, Segment, Skipped, parse_publish


def tencent(slice_type: int, text: str, final: int = 0, **extra) -> dict:
    return {
        "code": 0, "message": "success", "voice_id": "voice-9", "message_id": "voice-9_33_0",
        "result": {"slice_type": slice_type, "index": 2, "start_time": 4200, "end_time": 5980,
                   "voice_text_str": text, "word_size": 0, "word_list": []},
        "final": final, **extra,
    }


def test_unstable_result_is_partial():
    assert parse_publish(tencent(1, "我昨天去")) == [
        Segment("voice-9", 2, False, 4200, 5980, "我昨天去")
    ]


def test_sentence_end_is_final():
    (segment,) = parse_publish(tencent(2, "我昨天去了海岸城。"))
    assert segment.is_final is True
    assert segment.text == "我昨天去了海岸城。"


def test_sentence_start_without_text_is_skipped():
    assert parse_publish(tencent(0, "")) == [Skipped("tencent sentence start without text")]


def test_call_id_field_wins_over_voice_id():
    (segment,) = parse_publish(tencent(1, "喂", call_id="call-7"))
    assert segment.call_id == "call-7"


def test_call_id_hint_used_without_field():
    (segment,) = parse_publish(tencent(1, "喂"), call_id_hint="call-8")
    assert segment.call_id == "call-8"


def test_final_flag_ends_call_after_last_result():
    items = parse_publish(tencent(2, "好的，再见。", final=1))
    assert items == [Segment("voice-9", 2, True, 4200, 5980, "好的，再见。"), CallEnd("voice-9")]


def test_handshake_reply_is_skipped():
    handshake = {"code": 0, "message": "success", "voice_id": "voice-9"}
    assert parse_publish(handshake) == [Skipped("tencent message without result")]


def test_error_code_is_rejected():
    with pytest.raises(ProtocolError) as raised:
        parse_publish({"code": 4008, "message": "客户端数据上传超时", "voice_id": "voice-9"})
    assert raised.value.code == "asr_error"
    assert raised.value.message == "腾讯云语音识别返回错误码 4008：客户端数据上传超时"


def test_invalid_slice_type_is_rejected():
    with pytest.raises(ProtocolError) as raised:
        parse_publish(tencent(5, "喂"))
    assert raised.value.code == "invalid_segment"
