"""The extraction interface the relay calls: Segment in, the segment's current entities out."""

from realtime.extraction import CallExtractor, Entity, Segment


def test_feed_returns_entities_of_final_segment():
    extractor = CallExtractor(known_places=["海岸城"])
    entities = extractor.feed(Segment("call-1", 0, True, 0, 2400, "我叫张伟，去过海岸城"))
    assert all(isinstance(entity, Entity) for entity in entities)
    assert [(entity.type, entity.value) for entity in entities] == [
        ("name", "张伟"), ("place", "海岸城"),
    ]
    assert entities[1].start == 7
    assert entities[1].end == 10
    assert not entities[1].is_provisional


def test_entity_repr_masks_personal_data():
    extractor = CallExtractor()
    text = "电话是13800138000"
    [entity] = extractor.feed(Segment("call-1", 0, True, 0, 900, text))
    assert "13800138000" not in repr(entity)
    assert "138****8000" in repr(entity)
