"""Parsing of inbound ASR messages and message ids."""

from __future__ import annotations

import pytest

from realtime.errors import ProtocolError
from realtime.protocol import (
    CallEnd,
    Segment,
    decode_json,
    encode_frame,
    parse_message_id,
    parse_publish,
)


def native(**fields) -> dict:
    message = {"call_id": "c-1", "segment_index": 3, "is_final": False, "start_ms": 1000,
               "end_ms": 1800, "text": "您好"}
    message.update(fields)
    return message


def test_parse_native_segment():
    assert parse_publish(native()) == [Segment("c-1", 3, False, 1000, 1800, "您好")]


def test_parse_is_final_words():
    assert parse_publish(native(is_final="final"))[0].is_final is True
    assert parse_publish(native(is_final="partial"))[0].is_final is False


def test_parse_end_message():
    assert parse_publish({"type": "end", "call_id": "c-1"}) == [CallEnd("c-1")]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"segment_index": -1}, "字段 segment_index 必须是非负整数。"),
        ({"segment_index": True}, "字段 segment_index 必须是非负整数。"),
        ({"end_ms": 10}, "字段 end_ms 不能小于 start_ms。"),
        ({"is_final": "yes"}, "字段 is_final 必须是 true/false 或 partial/final。"),
        ({"text": None}, "字段 text 必须是字符串。"),
        ({"call_id": "a b"}, "call_id 必须是 1 到 128 个字母、数字或 _ . : - 字符。"),
    ],
)
def test_parse_rejects_invalid_field(fields, message):
    with pytest.raises(ProtocolError) as raised:
        parse_publish(native(**fields))
    assert raised.value.message == message


def test_parse_rejects_unknown_type():
    with pytest.raises(ProtocolError) as raised:
        parse_publish({"type": "bogus"})
    assert raised.value.code == "invalid_message"


def test_decode_json_rejects_garbage():
    with pytest.raises(ProtocolError) as raised:
        decode_json("{not json")
    assert raised.value.code == "invalid_json"


def test_message_ids_compare_numerically():
    assert parse_message_id("1700000000000-10") > parse_message_id("1700000000000-9")
    assert parse_message_id("1700000000001-0") > parse_message_id("1700000000000-99")


def test_message_id_rejects_other_text():
    with pytest.raises(ProtocolError):
        parse_message_id("latest")


def test_encode_frame_prepends_id():
    assert encode_frame("1-0", '{"type":"x"}') == '{"id":"1-0","type":"x"}'


def test_query_call_id_fills_missing_call_id():
    message = native()
    del message["call_id"]
    assert parse_publish(message, "c-9")[0].call_id == "c-9"
    assert parse_publish(native(), "c-9")[0].call_id == "c-1"


def test_missing_call_id_is_named():
    message = native()
    del message["call_id"]
    with pytest.raises(ProtocolError, match="缺少字段 call_id"):
        parse_publish(message)
