"""Place names in a transcript: districts and subdistricts, the platform's key places, other
cities and provinces, metro stations, and names built on a place word (XX花园, XX医院, XX站).

Districts and subdistricts come from :func:`liudiao.jurisdictions.load`; a short form (南山,
西乡) is reported with its official name as the value (南山区, 西乡街道). A place word takes
up to eight characters before it as its name, stopping at a verb, pronoun or particle
(在, 去, 的, 我). A district or subdistrict name that opens it is reported on its own when a
name of two characters that is no generic word remains (南山区|海月花园, but 南山医院 and
宝安国际机场 whole).
Some place words (中心, 区, 路, 汇, 镇) need a name of two characters or more before them.
A named area right before a venue joins it (前海卓悦汇), and a company name is a place only
where words around it make it a site (比亚迪旁边, 顺丰的仓库), not an employer (我是顺丰的).
County-level cities and counties get 市 and 县 (监利市, 于都县).
Overlapping matches keep the longest; a key place wins over a pattern of the same length.

NOTE: a venue named without a place word (海底捞, 梧桐山) is found only when it is a key place
or in :mod:`.venue_names`, :mod:`.place_names` or :mod:`.county_names`, all incomplete. On the
dev calls of the labelled set (c001–c090), which these rules were tuned on, place F1 is 0.99; on
the held-out calls (c091 on, never tuned on) it is 0.92, recall being the weak side.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from liudiao import jurisdictions
from realtime.extraction.county_names import COUNTY_NAMES
from realtime.extraction.place_names import REGIONS, STATION_NAMES
from realtime.extraction.place_words import (
    COMPANY_SITE_AFTER,
    COMPANY_SITE_BEFORE,
    GENERIC_DESCRIPTORS,
    GENERIC_HEAD_WORDS,
    GENERIC_HEADS,
    GENERIC_PREFIX_ENDINGS,
    GENERIC_PREFIXES,
    MAX_PREFIX_LENGTH,
    MIN_NAME_LENGTH,
    MIN_NAME_LENGTH_OF_WORD,
    NAME_REQUIRED_WORDS,
    NOT_AFTER_REGION,
    NOT_AFTER_SHORT_PLACE_WORD,
    NOT_AFTER_WORD,
    NOT_IN_PLACE_NAME,
    ORDINAL_ESTATE_WORDS,
    PLACE_WORD_PATTERN,
    ROUTE_NUMBER_PATTERN,
    SELF_NAMED_WORDS,
    SHORT_PLACE_WORDS,
    SOFT_STOPS,
)
from realtime.extraction.venue_names import COMPANY_NAMES, VENUE_NAMES


@dataclass(frozen=True)
class PlaceMatch:
    """A place found in a text; ``start`` and ``end`` are offsets in it."""

    start: int
    end: int
    value: str
    rank: int


class PlaceFinder:
    """Finds places in text; builds its name tables once, at construction."""

    def __init__(self, known_places: list[str] | tuple[str, ...] = (),
                 jurisdiction: str = "shenzhen") -> None:
        self.known_places = tuple(dict.fromkeys(name for name in known_places if name))
        self.area_names = _area_names(jurisdiction)
        self.name_index = _name_index(self.known_places, jurisdiction)
        # Names that may open a place word's prefix and are then reported on their own.
        self.opening_names = sorted({*self.area_names, *REGIONS, *COUNTY_NAMES}, key=len,
                                    reverse=True)

    def find(self, text: str) -> list[PlaceMatch]:
        """Return the places in ``text``, overlaps resolved, in order."""
        names = self._find_names(text)
        patterns = [
            match for match in self._find_patterns(text)
            if not any(name.start < match.end <= name.end for name in names)
        ]
        return _without_overlaps([*names, *patterns])

    def _find_names(self, text: str) -> list[PlaceMatch]:
        return _join_area_and_venue(self._find_whole_names(text), self.area_names)

    def _find_whole_names(self, text: str) -> list[PlaceMatch]:
        matches = []
        for found in _longest_names_at_each_position(self.name_index, text):
            name = found[2]
            if name in self.known_places:
                matches.append(PlaceMatch(found[0], found[1], name, rank=3))
            elif name in self.area_names:
                matches.append(PlaceMatch(found[0], found[1], self.area_names[name], rank=1))
            elif name in REGIONS or name in COUNTY_NAMES:
                if text.startswith(NOT_AFTER_REGION, found[1]) and not text.startswith(
                        "人民", found[1]):
                    continue
                value = REGIONS.get(name) or COUNTY_NAMES[name]
                matches.append(PlaceMatch(found[0], found[1], value, rank=1))
            elif name in COMPANY_NAMES and not _is_company_site(text, found[0], found[1]):
                continue
            else:
                matches.append(PlaceMatch(found[0], found[1], name, rank=1))
        return matches

    def _find_patterns(self, text: str) -> list[PlaceMatch]:
        matches = []
        for word in PLACE_WORD_PATTERN.finditer(text):
            start = self._name_start(text, word.start())
            prefix = text[start:word.start()]
            if word.group() in NAME_REQUIRED_WORDS and not _may_name(
                    text, prefix, word, self.area_names):
                continue
            if len(prefix) < MIN_NAME_LENGTH_OF_WORD.get(word.group(), 0):
                continue
            if prefix in GENERIC_PREFIXES or not prefix and word.group() not in SELF_NAMED_WORDS:
                continue
            if prefix.endswith(GENERIC_PREFIX_ENDINGS):
                continue
            matches.append(PlaceMatch(start, word.end(), text[start:word.end()], rank=2))
        return matches

    def _name_start(self, text: str, word_start: int) -> int:
        start = word_start
        while (start > 0 and word_start - start < MAX_PREFIX_LENGTH
               and (text[start - 1] not in NOT_IN_PLACE_NAME
                    or _is_soft_stop_in_name(text, start - 1, word_start))):
            start -= 1
        return self._after_area_name(text, start, word_start)

    def _after_area_name(self, text: str, start: int, word_start: int) -> int:
        """Move ``start`` past district, subdistrict, city and province names that open the
        prefix, as long as a name of two characters that is no generic word remains
        (西乡|碧海花园, 广州|白云区, but 南山医院), or what remains is a known venue (南山|科技园). A longer known name that opens the prefix
        (黄贝岭 before 社区工作站, not 黄贝街道) stays whole."""
        word_end = PLACE_WORD_PATTERN.match(text, word_start).end()
        moved = True
        while moved:
            moved = False
            prefix = text[start:word_start]
            for name in self.opening_names:
                if not prefix.startswith(name) or self._longer_name_at(text, start, name):
                    continue
                rest = prefix[len(name):]
                if (len(rest) >= MIN_NAME_LENGTH
                        and not rest.startswith(tuple(GENERIC_DESCRIPTORS))
                        or text[start + len(name):word_end] in VENUE_NAMES):
                    start += len(name)
                    moved = True
                    break
        return start

    def _longer_name_at(self, text: str, start: int, name: str) -> bool:
        return any(len(indexed) > len(name) and text.startswith(indexed, start)
                   for indexed in self.name_index.get(text[start], ()))


def _join_area_and_venue(matches: list[PlaceMatch], area_names: dict[str, str]
                         ) -> list[PlaceMatch]:
    """Join a named area and the venue right after it into one place (前海 + 卓悦汇 →
    前海卓悦汇). Only districts, subdistricts, cities and provinces stay apart (南山区 +
    海月花园)."""
    joined: list[PlaceMatch] = []
    for match in matches:
        previous = joined[-1] if joined else None
        if (previous is not None and previous.end == match.start and previous.rank == 1
                and match.rank == 1 and _is_venue(previous.value, area_names)
                and _is_venue(match.value, area_names)):
            joined[-1] = PlaceMatch(previous.start, match.end, previous.value + match.value, 1)
            continue
        joined.append(match)
    return joined


def _is_venue(value: str, area_names: dict[str, str]) -> bool:
    return (value not in area_names and value not in area_names.values()
            and value not in REGIONS.values() and value not in COUNTY_NAMES.values())


def _is_soft_stop_in_name(text: str, position: int, word_start: int) -> bool:
    """Tell whether a stop character at ``position`` belongs to the place name after it (see
    ``SOFT_STOPS``)."""
    character = text[position]
    if character not in SOFT_STOPS:
        return False
    before = text[position - 1] if position > 0 else "，"
    if character in "上下":
        return before in NOT_IN_PLACE_NAME and before not in SOFT_STOPS and position + 1 < word_start
    if character == "一":
        return text[position + 1:position + 2] in ORDINAL_ESTATE_WORDS
    return before not in NOT_IN_PLACE_NAME


def _is_area_with_head(prefix: str, area_names: dict[str, str]) -> bool:
    """Tell whether ``prefix`` is a district or subdistrict name and a one-character generic
    head (粤海校), which name a place word together (粤海校区)."""
    return len(prefix) > 1 and prefix[-1] in GENERIC_HEADS and prefix[:-1] in area_names


def _is_company_site(text: str, start: int, end: int) -> bool:
    """Tell whether the company name at ``start:end`` is a place where someone was."""
    before = text[:start].removesuffix("了")
    after = text[end:].removeprefix("的")
    return before.endswith(COMPANY_SITE_BEFORE) or after.startswith(COMPANY_SITE_AFTER)


def _may_name(text: str, prefix: str, word: re.Match,
              area_names: dict[str, str] | None = None) -> bool:
    """Tell whether ``prefix`` can name a place word that needs a name (卓悦汇, not 校区).

    A district or subdistrict name with a generic head (粤海校区) names it as a whole.
    """
    following = text[word.end():word.end() + 1]
    if len(prefix) < MIN_NAME_LENGTH:
        return False
    if (word.group() in GENERIC_HEAD_WORDS and prefix.endswith(GENERIC_HEADS)
            and not _is_area_with_head(prefix, area_names or {})):
        return False
    if word.group() == "路" and ROUTE_NUMBER_PATTERN.fullmatch(prefix):
        return False
    if following in NOT_AFTER_WORD.get(word.group(), ()):
        return False
    return word.group() not in SHORT_PLACE_WORDS or following not in NOT_AFTER_SHORT_PLACE_WORD


# Subdistrict short forms that are more often ordinary words (凤凰, 莲花) or brands (招商).
AMBIGUOUS_SHORT_NAMES = frozenset({"凤凰", "莲花", "招商", "福城", "华富"})


@lru_cache(maxsize=16)
def _name_index(known_places: tuple[str, ...], jurisdiction: str) -> dict[str, tuple[str, ...]]:
    """Index every whole place name by its first character, longest names first.

    Cached per key place list, so that the calls of one deployment share one index.
    """
    names = sorted({*known_places, *_area_names(jurisdiction), *REGIONS, *COUNTY_NAMES,
                    *STATION_NAMES, *VENUE_NAMES}, key=len, reverse=True)
    index: dict[str, list[str]] = {}
    for name in names:
        index.setdefault(name[0], []).append(name)
    return {first: tuple(group) for first, group in index.items()}


@cache
def _area_names(jurisdiction: str) -> dict[str, str]:
    """Map each district and subdistrict name and short form to its official name."""
    loaded = jurisdictions.load(jurisdiction)
    names: dict[str, str] = {}
    for district in loaded.districts:
        for subdistrict in district.subdistricts:
            names[subdistrict.name] = subdistrict.name
            short = subdistrict.name.removesuffix("街道")
            if short not in AMBIGUOUS_SHORT_NAMES:
                names.setdefault(short, subdistrict.name)
    for district in loaded.districts:
        for name in (district.name, *district.aliases):
            names[name] = district.name
    return names


def _longest_names_at_each_position(index: dict[str, tuple[str, ...]], text: str
                                    ) -> list[tuple[int, int, str]]:
    """Return the longest indexed name starting at each position (matches may overlap)."""
    found = []
    for position, character in enumerate(text):
        for name in index.get(character, ()):
            if text.startswith(name, position):
                found.append((position, position + len(name), name))
                break
    return found


def _without_overlaps(candidates: list[PlaceMatch]) -> list[PlaceMatch]:
    chosen: list[PlaceMatch] = []
    ordered = sorted(candidates, key=lambda match: (-(match.end - match.start), -match.rank))
    for candidate in ordered:
        if all(candidate.end <= kept.start or candidate.start >= kept.end for kept in chosen):
            chosen.append(candidate)
    return sorted(chosen, key=lambda match: match.start)
