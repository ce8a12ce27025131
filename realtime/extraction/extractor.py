"""The per-call streaming extractor: segments in, the current entities of each segment out."""

from __future__ import annotations

from realtime.extraction.model import Entity, Segment
from realtime.extraction.names import NameMatch, find_names
from realtime.extraction.numbers import NumberMatch, find_numbers, find_open_run
from realtime.extraction.places import PlaceFinder, PlaceMatch

CONTEXT_CHARACTERS = 30


class CallExtractor:
    """Extracts entities from one call's transcript as its segments arrive, in order.

    ``feed`` returns the complete current entity list of the segment it was given; that list
    replaces whatever an earlier ``feed`` returned for the same ``segment_index``. A number that
    ends a segment and may go on in the next is held back and reported with the next segment
    (``start`` then lies in the earlier segment), or by :meth:`finish` when the call ends.
    """

    def __init__(self, known_places: list[str] | tuple[str, ...] = (),
                 jurisdiction: str = "shenzhen") -> None:
        self.places = PlaceFinder(known_places, jurisdiction)
        self.call_id: str | None = None
        self.final_text = ""
        self.last_final_index: int | None = None
        self.open_run_start: int | None = None
        self.known_names: set[str] = set()
        self.final_entities: dict[int, list[Entity]] = {}

    def feed(self, segment: Segment) -> list[Entity]:
        """Return the current entities of ``segment``'s index (see the class docstring)."""
        self._check_call(segment)
        if self.last_final_index is not None and segment.segment_index <= self.last_final_index:
            return self._already_final(segment)

        base = len(self.final_text)
        numbers_start = base if self.open_run_start is None else self.open_run_start
        numbers_text = self.final_text[numbers_start:] + segment.text
        numbers, open_start = self._numbers(numbers_text, numbers_start)
        names = find_names(segment.text, frozenset(self.known_names))
        places = self.places.find(segment.text)

        name_entities = [_name_entity(match, base, segment) for match in names]
        place_entities = [_place_entity(match, base, segment) for match in places]
        entities = _resolve(
            [_number_entity(match, numbers_start, numbers_text, segment) for match in numbers]
            + _names_over_places(name_entities, place_entities)
            + place_entities
            + name_entities
        )
        if segment.is_final:
            self._commit(segment, entities, open_start)
        return entities

    def finish(self) -> list[Entity]:
        """Return the entities of a number left open at the end of the call's last segment."""
        if self.open_run_start is None or self.last_final_index is None:
            return []
        open_text = self.final_text[self.open_run_start:]
        context = self.final_text[max(0, self.open_run_start - CONTEXT_CHARACTERS):
                                  self.open_run_start]
        last = Segment(self.call_id or "", self.last_final_index, True, 0, 0, open_text)
        entities = [_number_entity(match, self.open_run_start, open_text, last)
                    for match in find_numbers(open_text, context)]
        self.open_run_start = None
        self.final_entities[self.last_final_index].extend(entities)
        return entities

    def _numbers(self, text: str, offset: int) -> tuple[list[NumberMatch], int | None]:
        """Find the numbers in ``text`` except an open one at its end, and where that starts."""
        context = self.final_text[max(0, offset - CONTEXT_CHARACTERS):offset]
        matches = find_numbers(text, context)
        open_start = find_open_run(text, context)
        if open_start is not None:
            matches = [match for match in matches if match.start < open_start]
        return matches, open_start

    def _check_call(self, segment: Segment) -> None:
        if self.call_id is None:
            self.call_id = segment.call_id
        elif segment.call_id != self.call_id:
            raise ValueError(
                f"segment of call {segment.call_id!r} fed to the extractor of call "
                f"{self.call_id!r}: create one CallExtractor per call"
            )

    def _already_final(self, segment: Segment) -> list[Entity]:
        """Return the stored list of a segment index that is already final.

        A late partial or a repeated final of that index changes nothing.
        """
        stored = self.final_entities.get(segment.segment_index)
        if stored is None:
            raise ValueError(
                f"segment {segment.segment_index} of call {segment.call_id!r} arrived after "
                f"segment {self.last_final_index} was final: feed segments in order"
            )
        return list(stored)

    def _commit(self, segment: Segment, entities: list[Entity], open_start: int | None) -> None:
        numbers_start = len(self.final_text) if self.open_run_start is None else self.open_run_start
        self.open_run_start = None if open_start is None else numbers_start + open_start
        self.final_text += segment.text
        self.last_final_index = segment.segment_index
        self.final_entities[segment.segment_index] = list(entities)
        self.known_names.update(entity.value for entity in entities if entity.type == "name")


def _number_entity(match: NumberMatch, offset: int, text: str, segment: Segment) -> Entity:
    return Entity(
        type=match.type, text=text[match.start:match.end], value=match.value,
        start=offset + match.start, end=offset + match.end, segment_index=segment.segment_index,
        is_provisional=not segment.is_final, is_valid=match.is_valid, problems=match.problems,
    )


def _place_entity(match: PlaceMatch, offset: int, segment: Segment) -> Entity:
    return Entity(
        type="place", text=segment.text[match.start:match.end], value=match.value,
        start=offset + match.start, end=offset + match.end, segment_index=segment.segment_index,
        is_provisional=not segment.is_final,
    )


def _name_entity(match: NameMatch, offset: int, segment: Segment) -> Entity:
    return Entity(
        type="name", text=segment.text[match.start:match.end], value=match.value,
        start=offset + match.start, end=offset + match.end, segment_index=segment.segment_index,
        is_provisional=not segment.is_final,
    )


def _names_over_places(names: list[Entity], places: list[Entity]) -> list[Entity]:
    """Return the names that a place inside their given name must not split (司马光明, not
    司马 + 光明区): the place starts after the surname and ends within the name."""
    return [name for name in names
            if any(name.start < place.start and place.end <= name.end for place in places)]


def _resolve(entities: list[Entity]) -> list[Entity]:
    """Drop entities that overlap one found earlier in the list (numbers, then places, then
    names), and return the rest in transcript order."""
    accepted: list[Entity] = []
    for entity in entities:
        if all(entity.end <= other.start or entity.start >= other.end for other in accepted):
            accepted.append(entity)
    return sorted(accepted, key=lambda entity: entity.start)
