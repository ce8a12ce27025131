"""Phone and ID card numbers in a stretch of transcript.

Each digit run (see :mod:`.spoken_digits`) is cut into numbers by the cheapest reading: a run may
hold one number, two numbers read one after the other, or a number followed by stray digits from
a word such as 一直. Cuts after a separator or filler are cheap, cuts inside an unbroken group
are dear, and the words just before a run (身份证, 电话, 尾号) decide between phone and ID card
when the digits alone do not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from realtime.extraction.id_card import IdCardReading, read_id_card, read_invalid_id_card
from realtime.extraction.phone import (
    PhoneReading,
    is_complete_phone,
    read_invalid_phone,
    read_phone,
    read_phone_tail,
)
from realtime.extraction.spoken_digits import DigitRun, find_digit_runs, trailing_gap_is_blank

MIN_NUMBER_DIGITS = 7
MAX_ID_CARD_DIGITS = 20
CONTEXT_CHARACTERS = 14
ID_CARD_CONTEXT = re.compile(r"身份证|证件|身份号|证号")
PHONE_CONTEXT = re.compile(r"电话|手机|(?<!证)号码|座机|联系方式|打给|拨|微信")
TAIL_CONTEXT = re.compile(r"(?:尾号|尾数|后四位|最后四位)[是为就嗯呃，,\s]*$")
# Cue words of numbers that are neither phones nor ID cards: a barcode, an order number.
OTHER_NUMBER_CONTEXT = re.compile(r"条码|条形码|单号|编号|卡号|验证码|取件码|车牌|房号|批号")
# A self-correction right after a number: 一三七二九零八，不是，我看错了. A number it follows
# that is cut short is an abandoned fragment, not a number to report.
CORRECTION_AFTER = re.compile(r"[，,。\s]*(?:哎|呃|嗯)?[，,\s]*(?:不是|不对|错了|说错|看错|重新)")

CUT_AT_GROUP_COST = 0.2
CUT_INSIDE_GROUP_COST = 2.5
NUMBER_COST = 0.1
SKIP_SHORT_COST = 1.5
SKIP_COST = 3.0
UNREADABLE_COST = 6.0
UNREADABLE_AS_CUED_COST = 3.0


@dataclass(frozen=True)
class NumberMatch:
    """A phone or ID card number found in a text; ``start`` and ``end`` are offsets in it."""

    type: str
    start: int
    end: int
    value: str
    is_valid: bool
    problems: tuple[str, ...]


def find_numbers(text: str, context_before: str = "") -> list[NumberMatch]:
    """Return the phone and ID card numbers in ``text``.

    ``context_before`` is the transcript just before ``text``, read only for cue words.
    """
    matches: list[NumberMatch] = []
    for run in find_digit_runs(text):
        context = (context_before + text[:run.start])[-CONTEXT_CHARACTERS:]
        if _is_abandoned(run, text):
            continue
        matches.extend(_with_plus_sign(match, text) for match in _read_run(run, context))
    return matches


def _is_abandoned(run: DigitRun, text: str) -> bool:
    """Tell whether ``run`` is a fragment cut short by a self-correction: the start of a mobile
    number (fewer than 11 digits from a 1) or of an ID card number (12 to 17 characters)."""
    if not CORRECTION_AFTER.match(text, run.end):
        return False
    digits = run.digits
    return digits.startswith("1") and len(digits) < 11 or 12 <= len(digits) < 18


def find_open_run(text: str, context_before: str = "") -> int | None:
    """Return where a digit run starts that ends ``text`` and may continue in the next segment.

    A run is open when only separators, fillers or punctuation follow it and its digits are not
    yet a whole number. Whole numbers are an 18-character or valid 15-digit ID card number, a
    mobile number, an area-coded landline number, and a local landline number after a phone
    cue word.
    """
    runs = find_digit_runs(text)
    if not runs or not trailing_gap_is_blank(text, runs[-1].end):
        return None
    run = runs[-1]
    context = (context_before + text[:run.start])[-CONTEXT_CHARACTERS:]
    if OTHER_NUMBER_CONTEXT.search(context) or TAIL_CONTEXT.search(context):
        return None
    if _is_whole_number(run.digits, _cue(context)):
        return None
    return run.start


def _is_whole_number(digits: str, cue: str) -> bool:
    # NOTE: a whole number is reported with its own segment, so if the speaker goes on in the
    # next segment (a valid 15-digit start of an 18-digit ID card number), the two parts are
    # not joined.
    if len(digits) >= 18 or digits.endswith("X") or is_complete_phone(digits):
        return True
    id_card = read_id_card(digits)
    if id_card is not None and id_card.is_valid:
        return True
    phone = read_phone(digits)
    return cue == "phone" and phone is not None and phone.is_valid


def _read_run(run: DigitRun, context: str) -> list[NumberMatch]:
    tail = TAIL_CONTEXT.search(context)
    if tail is not None:
        reading = read_phone_tail(run.digits)
        if reading is not None:
            return [_match("phone", run, 0, len(run.digits), reading)]
    if len(run.digits) < MIN_NUMBER_DIGITS or OTHER_NUMBER_CONTEXT.search(context):
        return []
    cue = _cue(context)
    pieces = _best_cuts(run.digits, run.group_starts, cue)
    matches = []
    for first, last, kind, reading in pieces:
        if kind != "skip":
            matches.append(_match(kind, run, first, last, reading))
    return matches


def _with_plus_sign(match: NumberMatch, text: str) -> NumberMatch:
    """Extend a number read with its 86 country code over a ``+`` written before it."""
    has_country_code = (match.type == "phone" and text.startswith(("86", "８６"), match.start)
                        and text[match.start - 1:match.start] in ("+", "＋"))
    if not has_country_code:
        return match
    return NumberMatch(match.type, match.start - 1, match.end, match.value, match.is_valid,
                       match.problems)


def _cue(context: str) -> str:
    id_card = ID_CARD_CONTEXT.search(context)
    phone = PHONE_CONTEXT.search(context)
    if id_card and (not phone or id_card.start() > phone.start()):
        return "id_card"
    return "phone" if phone else ""


def _best_cuts(digits: str, group_starts: frozenset[int], cue: str) -> list[tuple]:
    """Cut ``digits`` into readings at the lowest total cost (dynamic programming over cuts)."""

    @cache
    def best(first: int) -> tuple[float, tuple]:
        if first == len(digits):
            return 0.0, ()
        options = []
        for last in range(first + 1, min(len(digits), first + MAX_ID_CARD_DIGITS) + 1):
            kind, reading, cost = _read_piece(digits[first:last], cue)
            if last < len(digits):
                cost += CUT_AT_GROUP_COST if last in group_starts else CUT_INSIDE_GROUP_COST
            rest_cost, rest = best(last)
            options.append((cost + rest_cost, ((first, last, kind, reading), *rest)))
        return min(options, key=lambda option: option[0])

    return list(best(0)[1])


@lru_cache(maxsize=4096)
def _read_piece(piece: str, cue: str) -> tuple[str, object, float]:
    """Return the best reading of one piece: its kind, reading and cost."""
    readings: list[tuple[str, object, float]] = []
    phone = read_phone(piece)
    if phone is not None:
        readings.append(("phone", phone, phone.cost + NUMBER_COST))
    id_card = read_id_card(piece)
    if id_card is not None:
        bonus = -0.5 if cue == "id_card" else 0.0
        readings.append(("id_card", id_card, id_card.cost + NUMBER_COST + bonus))
    if len(piece) <= 2:
        readings.append(("skip", None, SKIP_SHORT_COST))
    elif len(piece) < MIN_NUMBER_DIGITS:
        readings.append(("skip", None, SKIP_COST))
    elif not readings:
        readings.append(_read_unreadable(piece, cue))
    return min(readings, key=lambda reading: reading[2])


def _read_unreadable(piece: str, cue: str) -> tuple[str, object, float]:
    is_id_card = cue == "id_card" or (cue != "phone" and len(piece) >= 14)
    kind = "id_card" if is_id_card else "phone"
    cost = UNREADABLE_AS_CUED_COST if cue == kind else UNREADABLE_COST
    if is_id_card:
        return kind, read_invalid_id_card(piece), cost
    return kind, read_invalid_phone(piece), cost


def _match(kind: str, run: DigitRun, first: int, last: int,
           reading: PhoneReading | IdCardReading) -> NumberMatch:
    start, end = run.slice(first, last)
    return NumberMatch(kind, start, end, reading.value, reading.is_valid, reading.problems)
