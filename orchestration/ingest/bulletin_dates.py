"""Dates in Chinese bulletin text: "2019年12月29日", "1月3日", "4日", "1月20-27日", "次日", "当晚".

Bulletins write a full date once and then only the month and day, or only the day. A partial
date takes its year and month from the last date mentioned before it (the context). Before
any date, it takes them from the case's reference date. A bare day is ambiguous across a month end
("1月30日发病，3日入院", "2月2日到深圳。26日发病"), so it also carries the same day of the
next and of the previous month as alternatives, which an event picks when one equals the
case's known date of that event.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

DATE_TOKEN = re.compile(
    r"(?<!\d)(?:(?P<year>\d{4})年)?(?:(?P<month>\d{1,2})月)?(?P<day>\d{1,2})(?P<suffix>日)?")
RANGE_SEPARATOR = re.compile(r"(?:-|—|–|~|～|至|到)+")
# A day number without 日 before a verb, as in "20返回深圳" or "26抵达".
VERB_AFTER_BARE_DAY = "返抵到回来前发入出"
SAME_DAY = re.compile(r"当日|当天|同日|同一天|当晚|当夜|随即|立即|即日")
NEXT_DAY = re.compile(r"次日|翌日|第二天|隔天")
DEFAULT_YEAR = 2020


@dataclass(frozen=True)
class DateMention:
    """A date written in a clause, at ``position``; ranges keep their first and last day."""

    position: int
    date: dt.date
    last_date: dt.date
    alternatives: tuple[dt.date, ...] = ()
    basis: str = "text"  # "text", or "relative" for 当日/次日 and the like

    def pick(self, known: dt.date | None) -> dt.date:
        """Return the known date when it is one of the alternatives, else the default."""
        if known is not None and known in self.alternatives:
            return known
        return self.date


@dataclass
class DateContext:
    """The last date mentioned so far in a bulletin, which partial dates resolve against."""

    reference: dt.date | None = None
    current: dt.date | None = None
    year: int | None = None
    month: int | None = None

    def moved_to(self, day: dt.date) -> None:
        self.current, self.year, self.month = day, day.year, day.month


def find_mentions(clause: str, context: DateContext) -> list[DateMention]:
    """Return the dates and relative-day words of a clause in order; advance the context."""
    mentions: list[DateMention] = []
    for start, year, month, day, last in _date_tokens(clause):
        resolved = _resolve(year, month, day, context)
        if resolved is None:
            continue
        first, alternatives = resolved
        last_date = first
        if last is not None:
            last_resolved = _resolve(*last, _context_at(first, context.reference))
            last_date = last_resolved[0] if last_resolved else first
        mentions.append(DateMention(start, first, last_date, alternatives))
        context.moved_to(last_date)
    for pattern, offset in ((SAME_DAY, 0), (NEXT_DAY, 1)):
        for match in pattern.finditer(clause):
            anchor = _anchor_before(match.start(), mentions, context)
            if anchor is not None:
                day = anchor + dt.timedelta(days=offset)
                mentions.append(DateMention(match.start(), day, day, basis="relative"))
    mentions.sort(key=lambda mention: mention.position)
    if mentions and mentions[-1].basis == "relative":
        context.moved_to(mentions[-1].date)
    return mentions


def _anchor_before(position: int, mentions: list[DateMention], context: DateContext
                   ) -> dt.date | None:
    earlier = [mention for mention in mentions if mention.position < position]
    if earlier:
        return earlier[-1].last_date
    return context.current


def _date_tokens(clause: str):
    """Yield (position, year, month, day, range end or None) for each date written in the clause."""
    position = 0
    while (match := DATE_TOKEN.search(clause, position)) is not None:
        position = match.end()
        year, month, day = (int(value) if value else None
                            for value in match.group("year", "month", "day"))
        last = None
        separator = RANGE_SEPARATOR.match(clause, match.end())
        if separator is not None:
            end_match = DATE_TOKEN.match(clause, separator.end())
            if end_match is not None and (end_match.group("suffix") or end_match.group("month")):
                last = tuple(int(value) if value else None
                             for value in end_match.group("year", "month", "day"))
                position = end_match.end()
        if _is_date(match, clause, last is not None):
            yield match.start(), year, month, day, last


def _is_date(match: re.Match, clause: str, starts_range: bool) -> bool:
    """Tell a written date from other numbers ("66岁", "14天"): it needs 日, 月 or a range."""
    if match.group("suffix") or starts_range:
        return True
    following = clause[match.end():match.end() + 1]
    if match.group("month"):
        return not following.isdigit() and following not in "岁天个点号名人次周%"
    return match.start() == 0 and following != "" and following in VERB_AFTER_BARE_DAY


def _context_at(day: dt.date, reference: dt.date | None) -> DateContext:
    context = DateContext(reference=reference)
    context.moved_to(day)
    return context


def _resolve(year: int | None, month: int | None, day: int | None, context: DateContext
             ) -> tuple[dt.date, tuple[dt.date, ...]] | None:
    """Return (default date, alternatives) for a written date, or None if it is no date."""
    if day is None:
        return None
    if year is not None and month is not None:
        return _single(year, month, day)

    anchor_year = context.year or (context.reference.year if context.reference else DEFAULT_YEAR)
    anchor_month = context.month or (context.reference.month if context.reference else 1)
    if month is not None:
        if month - anchor_month > 6:
            anchor_year -= 1
        elif anchor_month - month > 6:
            anchor_year += 1
        return _single(anchor_year, month, day)

    same, following, previous = (_date(anchor_year, anchor_month + offset, day)
                                 for offset in (0, 1, -1))
    if context.month is None and context.reference is not None:
        # No month written yet: the latest of this and last month not after the reference.
        for candidate in (same, previous):
            if candidate is not None and candidate <= context.reference:
                return candidate, _others(candidate, same, following, previous)
    # "2月2日返回深圳。31日发病": a day the month lacks points back to the month before.
    default = same or previous
    if default is None:
        return None
    return default, _others(default, same, following, previous)


def _others(chosen: dt.date, *candidates: dt.date | None) -> tuple[dt.date, ...]:
    return tuple(candidate for candidate in candidates
                 if candidate is not None and candidate != chosen)


def _single(year: int, month: int, day: int) -> tuple[dt.date, tuple[dt.date, ...]] | None:
    date = _date(year, month, day)
    return (date, ()) if date is not None else None


def _date(year: int, month: int, day: int) -> dt.date | None:
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None
