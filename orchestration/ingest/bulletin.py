"""Dated events from the text of a case bulletin (病例通报), sentence by sentence.

A bulletin such as "2019年12月29日到武汉探亲，2020年1月3日在武汉出现咳嗽、发热等症状，4日返深。
10日入院就诊。" yields travel (2019-12-29), onset (2020-01-03), arrival (2020-01-04) and
admission (2020-01-10), each with the sentence it came from. Sentences split at 。 and clauses
at ，; each clause yields at most one event of each type, dated by the nearest date written
before it in the clause (see bulletin_dates).

A clause that writes no date of its own takes the sentence's last date, unless it contains
"后" (after) or the sentence has no date yet. In those two cases the event takes the case's
known date of that type (its onset, arrival, first hospital visit or discharge column), and a travel event
is left out. Clauses about someone else ("丈夫8日发病", "病例4于…返深") yield no event.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

from orchestration.ingest.bulletin_dates import DateContext, DateMention, find_mentions

# NOTE: events carry no place: the destination of a trip and the hospital's name stay in the
# clause text only, and a stay dated relative to the onset ("发病前14天") is not computed.
SHENZHEN_NAMES = ("深圳", "深")

HEADER_LINE = re.compile(r"^病例\s*\d")
PARENTHESES = re.compile(r"（[^（）]*）|\([^()]*\)")
CLAUSE_BREAK = re.compile(r"[，,；;：:]|、(?=\d)")
OTHER_SUBJECT = re.compile(
    r"^(?:\d{4}年)?(?:\d{1,2}月)?(?:\d{1,2}日)?(?:其|该)?"
    r"(?:丈夫|妻子|老公|父亲|母亲|父母|儿子|女儿|亲属|家人|病例\d+)")
LATER_MARKER = "后"

ONSET = re.compile(r"(?<!已)发病(?![前史])|出现|发热|发烧|低烧|低热|不适")
ADMISSION = re.compile(r"入院|收治|隔离治疗|住院")
HOSPITAL_VISIT = re.compile(r"(?<![未院])就诊")
DISCHARGE = re.compile(r"出院")
# Someone arriving, as opposed to "来深人员" (people who came) or "来深途中" (on the way).
NOT_AN_ARRIVAL = r"(?!的|人员|亲属|途中|团友|期间)"
TRAVEL_VERB = re.compile(
    r"(?:前往|抵达|到达|返回|回到|开往|去往|飞往|驶往|赶往|(?<![接受感遇得收等找直截])到"
    r"|(?<![截直])至|(?<![过出回失进])去|赴|(?<![返收])回)"
    r"(?P<destination>[\u4e00-\u9fa5]{2,})")
# A place name: no verb of coming, falling ill or meeting someone inside it.
PLACE_CHARACTER = r"(?:(?!来|返|途中|发病|出现|接触|接待|有|的)[\u4e00-\u9fa5、])"
STAY = re.compile(r"在(?P<destination>" + PLACE_CHARACTER + r"{2,12}?)"
                  r"(?:停留|探亲|旅居|居住|逗留|旅游|游玩|过年|出差|开会|进修)"
                  # "1月16-18日在武汉": a date, then only where the case was.
                  r"|^[\d年月日号至到\-—–~～]+在(?P<place>" + PLACE_CHARACTER + r"{2,10})$")
# "25日自驾回深，26日抵达", "前往武汉接父母回深圳，22日返回": a later clause of only 抵达 or
# 返回 is the arrival, and the sentence's earlier arrival was a departure or a plan.
BARE_ARRIVAL = re.compile(r"^[\d年月日号]*(?:抵达|返回|回来)$")
NOT_A_DESTINATION = ("来", "去", "的", "后", "医院", "门诊", "诊所", "家中", "家里", "当地")


@dataclass(frozen=True)
class KnownDates:
    """The case's own date columns, used where the text gives no date."""

    arrival: dt.date | None = None
    onset: dt.date | None = None
    first_visit: dt.date | None = None
    discharge: dt.date | None = None

    def of(self, event_type: str) -> dt.date | None:
        return {"arrival": self.arrival, "onset": self.onset, "admission": self.first_visit,
                "hospital_visit": self.first_visit, "discharge": self.discharge,
                }.get(event_type)

    @property
    def reference(self) -> dt.date | None:
        """The date that partial dates resolve against before the text writes a month."""
        return self.first_visit or self.onset or self.arrival or self.discharge


@dataclass(frozen=True)
class BulletinEvent:
    event_type: str
    event_date: dt.date
    sentence: str  # the source sentence as written
    clause: str  # the clause the event came from, spaces and brackets removed
    date_basis: str  # "text", "relative" (当日, 次日…), "sentence" or "known"


def split_sentences(details: str) -> list[str]:
    """Return the bulletin's sentences, without the "病例1妻子" header line."""
    lines = [line.strip(" \u3000\t") for line in details.splitlines()]
    lines = [line for line in lines if line]
    if len(lines) > 1 and HEADER_LINE.match(lines[0]):
        lines = lines[1:]
    body = "".join(lines)
    return [sentence.strip() for sentence in re.findall(r"[^。]+。?", body) if sentence.strip()]


def normalise(sentence: str) -> str:
    """Drop brackets and spaces, and read 号 after a day number as 日."""
    text = PARENTHESES.sub("", sentence)
    text = re.sub(r"\s+", "", text).rstrip("。")
    return re.sub(r"(\d)号", r"\1日", text)


@dataclass(frozen=True)
class LocalPatterns:
    """Patterns that depend on the jurisdiction's names (深圳, 南山区…)."""

    local_names: tuple[str, ...]
    arrival: re.Pattern  # 返深, 抵达深圳, 回到南山…
    departure: re.Pattern  # 从深圳出发


@cache
def local_patterns(local_names: tuple[str, ...]) -> LocalPatterns:
    names = "|".join(sorted((re.escape(name) for name in local_names), key=len, reverse=True))
    return LocalPatterns(
        local_names=local_names,
        arrival=re.compile(r"[返抵来回到至往达境发赴去](?:" + names + r")" + NOT_AN_ARRIVAL),
        departure=re.compile(r"[从由自](?:" + names + r")出发"),
    )


def parse_bulletin(details: str, known: KnownDates,
                   local_names: tuple[str, ...] = SHENZHEN_NAMES) -> list[BulletinEvent]:
    context = DateContext(reference=known.reference)
    patterns = local_patterns(local_names)
    events: list[BulletinEvent] = []
    for sentence in split_sentences(details):
        events.extend(_sentence_events(sentence, known, context, patterns))
    return events


def _sentence_events(sentence: str, known: KnownDates, context: DateContext,
                     patterns: LocalPatterns) -> list[BulletinEvent]:
    events: list[BulletinEvent] = []
    sentence_date: dt.date | None = None
    for clause in CLAUSE_BREAK.split(normalise(sentence)):
        mentions = find_mentions(clause, context)
        if clause and OTHER_SUBJECT.match(clause) is None:
            for event_type, position in _event_keywords(clause, patterns):
                event = _dated_event(event_type, position, clause, sentence, mentions,
                                     sentence_date, known, context)
                if event is None or _repeats(event, events):
                    continue
                if BARE_ARRIVAL.search(clause):
                    events = [other for other in events if other.event_type != "arrival"]
                events.append(event)
        if mentions:
            # After the events, so that a date an event corrected counts for later clauses.
            sentence_date = context.current
    return events


def _event_keywords(clause: str, patterns: LocalPatterns) -> list[tuple[str, int]]:
    """Return (event type, position) of the first keyword of each event type in the clause."""
    found: dict[str, int] = {}
    arrival_match = patterns.arrival.search(clause) or BARE_ARRIVAL.search(clause)
    if arrival_match is not None:
        found["arrival"] = arrival_match.start()
    travel = _travel_position(clause, patterns)
    if travel is not None and (arrival_match is None or travel < arrival_match.start()):
        found["travel"] = travel
    for event_type, pattern in (("onset", ONSET), ("admission", ADMISSION),
                                ("hospital_visit", HOSPITAL_VISIT),
                                ("discharge", DISCHARGE)):
        match = pattern.search(clause)
        if match is not None:
            found[event_type] = match.start()
    if "admission" in found:
        found.pop("hospital_visit", None)  # 入院就诊 is one admission
    return sorted(found.items(), key=lambda item: item[1])


def _travel_position(clause: str, patterns: LocalPatterns) -> int | None:
    """Return the position where the clause sends the case outside the jurisdiction, if any."""
    departure = patterns.departure.search(clause)
    if departure is not None:
        return departure.start()
    for pattern in (TRAVEL_VERB, STAY):
        for match in pattern.finditer(clause):
            destination = match.group("destination") or match.group("place")
            if not destination.startswith(patterns.local_names + NOT_A_DESTINATION):
                return match.start()
    return None


def _dated_event(event_type: str, position: int, clause: str, sentence: str,
                 mentions: list[DateMention], sentence_date: dt.date | None,
                 known: KnownDates, context: DateContext) -> BulletinEvent | None:
    earlier = [mention for mention in mentions if mention.position <= position]
    mention = None
    if earlier:
        mention = earlier[-1]
    elif mentions:
        mention = mentions[0]
    if mention is not None:
        day = mention.pick(known.of(event_type))
        if day != mention.date and mention is mentions[-1]:
            context.moved_to(day)
        return BulletinEvent(event_type, day, sentence, clause, mention.basis)
    if sentence_date is not None and LATER_MARKER not in clause:
        return BulletinEvent(event_type, sentence_date, sentence, clause, "sentence")
    known_date = known.of(event_type)
    if known_date is not None:
        return BulletinEvent(event_type, known_date, sentence, clause, "known")
    return None


def _repeats(event: BulletinEvent, earlier: list[BulletinEvent]) -> bool:
    """Tell whether an undated clause only continues the sentence's event of the same day.

    "1月18日从深圳出发，自驾经江西于都到河南信阳" is one trip, not two.
    """
    return event.date_basis in ("sentence", "known") and any(
        other.event_type == event.event_type and other.event_date == event.event_date
        for other in earlier)
