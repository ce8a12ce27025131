"""Helpers shared by the extraction tests: feed text through a fresh CallExtractor."""

from __future__ import annotations

from realtime.extraction import CallExtractor, Entity, Segment


def extract(text: str, known_places: tuple[str, ...] = ()) -> list[Entity]:
    """Return the entities of ``text`` fed as the first and final segment of a new call."""
    return CallExtractor(known_places).feed(Segment("call-test", 0, True, 0, 1000, text))


def found(text: str, entity_type: str, known_places: tuple[str, ...] = ()) -> list[str]:
    """Return the values of the entities of one type in ``text``."""
    return [entity.value for entity in extract(text, known_places) if entity.type == entity_type]


def feed_all(segments: list[tuple[bool, str]]) -> tuple[CallExtractor, list[list[Entity]]]:
    """Feed ``(is_final, text)`` segments of one call in order; return each segment's result."""
    extractor = CallExtractor()
    results = []
    index = 0
    for is_final, text in segments:
        results.append(extractor.feed(Segment("call-test", index, is_final, 0, 0, text)))
        if is_final:
            index += 1
    return extractor, results
