"""Chinese number, date and change formats of the cockpit: ``1,234 例``, ``2020年2月1日``,
``较昨日 +3``."""

from __future__ import annotations

import datetime as dt
import re

from liudiao import idcard, phone

# Seven or more digits in a row: a phone number, valid or not, or the digits of one.
DIGIT_RUN = re.compile(r"(?<![0-9Xx])\d{7,}(?![0-9Xx])")
# A YYYYMMDD date between separators inside a reference or a path (440306-20220209-001,
# inbox/20220209/) is no phone number, unless an area code and a dash precede it.
REFERENCE_SEPARATORS = "-_/"
AREA_CODE_BEFORE = re.compile(r"(?<!\d)0\d{2,3}-$")


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
    """Mask every ID card number and every run of seven or more digits inside free text,
    except a date inside a reference or a path.

    Rejection reasons quote the value that failed, which may be an ID card number or a phone
    number, valid or not.
    """
    if not text:
        return text
    text = idcard.ID_CARD_PATTERN.sub(lambda match: idcard.mask(match.group(0)), text)
    return DIGIT_RUN.sub(_mask_digit_run, text)


def _mask_digit_run(match: re.Match[str]) -> str:
    digits, text = match.group(0), match.string
    before = text[match.start() - 1:match.start()]
    after = text[match.end():match.end() + 1]
    in_reference = (before != "" and before in REFERENCE_SEPARATORS
                    and after != "" and after in REFERENCE_SEPARATORS)
    if (in_reference and len(digits) == 8 and _is_date(digits)
            and not AREA_CODE_BEFORE.search(text[:match.start()])):
        return digits
    return phone.mask(digits)


def _is_date(digits: str) -> bool:
    try:
        dt.datetime.strptime(digits, "%Y%m%d")
    except ValueError:
        return False
    return True
