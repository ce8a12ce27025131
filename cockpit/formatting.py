"""Chinese number, date and change formats of the cockpit: ``1,234 例``, ``2020年2月1日``,
``较昨日 +3``."""

from __future__ import annotations

import datetime as dt
import re

from liudiao import idcard, phone

# Seven or more digits in a row: a phone number, valid or not, or the digits of one.
DIGIT_RUN = re.compile(r"(?<![0-9Xx])\d{7,}(?![0-9Xx])")


def format_count(value: float | None, unit: str = "例") -> str:
    """Format a count with thousands separators and its unit: ``1,234 例``; None is ``—``."""
    if value is None:
        return "—"
    return f"{int(value):,} {unit}".rstrip()


def format_date(day: dt.date | None) -> str:
    """Format a date as ``2020年2月1日``, without leading zeros; None is ``—``."""
    if day is None:
        return "—"
    return f"{day.year}年{day.month}月{day.day}日"


def format_date_range(start: dt.date, end: dt.date) -> str:
    if start == end:
        return format_date(start)
    return f"{format_date(start)}至{format_date(end)}"


def format_change(change: int | None, against: str = "较昨日") -> str:
    """Format a day-on-day change: ``较昨日 +3``, ``较昨日 -2``, ``较昨日 持平``."""
    if change is None:
        return f"{against} —"
    if change == 0:
        return f"{against} 持平"
    return f"{against} {change:+,d}"


def change_style(change: int | None, rise_is_bad: bool = True) -> tuple[str, str]:
    """Return st.metric's ``delta_color`` and ``delta_arrow`` for a change.

    A rise in cases or contacts is bad news, so it shows red with an up arrow; a fall green.
    """
    if not change:
        return "gray", "off"
    rising = change > 0
    bad = rising == rise_is_bad
    return ("red" if bad else "green"), ("up" if rising else "down")


def scrub_text(text: str | None) -> str | None:
    """Mask every ID card number and every run of seven or more digits inside free text.

    Rejection reasons quote the value that failed, which may be an ID card number or a phone
    number, valid or not.
    """
    if not text:
        return text
    text = idcard.ID_CARD_PATTERN.sub(lambda match: idcard.mask(match.group(0)), text)
    return DIGIT_RUN.sub(lambda match: phone.mask(match.group(0)), text)
