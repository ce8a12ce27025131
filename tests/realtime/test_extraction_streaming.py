"""The per-call streaming contract: partials, finals, numbers split across segments, offsets."""

import pytest

from realtime.extraction import CallExtractor, Segment
from tests.realtime.extraction_helpers import feed_all

ID_CARD = "440305197504274788"


def values(entities):
    return [(entity.type, entity.value) for entity in entities]


def test_id_card_split_across_segments():
    segments = [(True, "我报给你啊，四四零三零五一九"), (True, "七五零四二七四七八八。")]
    extractor, (first, second) = feed_all(segments)
    assert first == []
    [entity] = second
    assert entity.value == ID_CARD
    assert entity.segment_index == 1
    assert entity.start == 6
    assert entity.end == 24
    assert extractor.final_text[entity.start:entity.end] == entity.text


def test_phone_split_across_segments_with_filler():
    segments = [(True, "手机号码，一八八七二"), (True, "嗯，四八零八八二。")]
    _, (first, second) = feed_all(segments)
    assert first == []
    assert values(second) == [("phone", "18872480882")]
    assert second[0].text == "一八八七二嗯，四八零八八二"


def test_open_number_reported_with_next_segment():
    segments = [(True, "身份证号四四零三零五一九七五零五"), (True, "好的谢谢。")]
    _, (first, second) = feed_all(segments)
    assert first == []
    assert values(second) == [("id_card", "440305197505")]
    assert second[0].problems == ("format",)


def test_open_number_reported_by_finish():
    extractor, (first,) = feed_all([(True, "电话是一三八零零一三")])
    assert first == []
    [entity] = extractor.finish()
    assert entity.value == "1380013"
    assert entity.segment_index == 0
    assert not entity.is_provisional
    assert extractor.finish() == []


def test_whole_number_at_segment_end_not_held():
    _, (first,) = feed_all([(True, "电话一三八零零一三八零零零")])
    assert values(first) == [("phone", "13800138000")]


def test_partial_entities_are_provisional():
    _, (partial,) = feed_all([(False, "我叫张伟，电话一三八零零一三八零零零")])
    assert values(partial) == [("name", "张伟"), ("phone", "13800138000")]
    assert all(entity.is_provisional for entity in partial)


def test_final_replaces_partial_revision():
    segments = [
        (False, "我的手机号是一八六一"),
        (False, "我的手机号是一八六一零零二四六七八"),
        (True, "我的手机号是一八六一零零二四六七九。"),
    ]
    _, (first, second, final) = feed_all(segments)
    assert first == []
    assert values(second) == [("phone", "18610024678")]
    assert values(final) == [("phone", "18610024679")]
    assert not final[0].is_provisional
    assert final[0].segment_index == second[0].segment_index == 0


def test_partial_offsets_follow_earlier_finals():
    segments = [(True, "您好。"), (False, "我叫王芳")]
    _, (_, partial) = feed_all(segments)
    [entity] = partial
    assert (entity.start, entity.end) == (5, 7)


def test_late_partial_returns_final_list():
    extractor = CallExtractor()
    final = extractor.feed(Segment("call-1", 0, True, 0, 900, "我叫王芳"))
    late = extractor.feed(Segment("call-1", 0, False, 0, 800, "我叫王"))
    assert late == final


def test_segment_older_than_final_raises():
    extractor = CallExtractor()
    extractor.feed(Segment("call-1", 0, True, 0, 900, "您好"))
    extractor.feed(Segment("call-1", 2, True, 900, 1800, "我叫王芳"))
    with pytest.raises(ValueError, match="segment 1 of call 'call-1' arrived after segment 2"):
        extractor.feed(Segment("call-1", 1, True, 0, 900, "迟到的"))


def test_segment_of_other_call_raises():
    extractor = CallExtractor()
    extractor.feed(Segment("call-1", 0, True, 0, 900, "您好"))
    with pytest.raises(ValueError, match="create one CallExtractor per call"):
        extractor.feed(Segment("call-2", 0, True, 0, 900, "您好"))


def test_name_found_again_later_in_call():
    segments = [(True, "和行政的许静，还有领导郑国栋。"), (True, "郑国栋的手机不知道。")]
    _, (first, second) = feed_all(segments)
    assert ("name", "郑国栋") in values(first)
    assert values(second) == [("name", "郑国栋")]
