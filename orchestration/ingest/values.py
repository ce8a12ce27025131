"""Parsing of single cell values: dates, times, numbers and fixed vocabularies.

Every parser takes the cleaned cell text (``None`` when blank) and either returns the
normalised value or raises :class:`RowRejected` with a stable English reason code and a
Chinese reason that names the column and the value.
"""

from __future__ import annotations

import datetime as dt
import re

# Excel serial day 1 is 1900-01-01, and Excel wrongly counts 1900-02-29, so serials above 59
# count from 1899-12-30.
EXCEL_EPOCH = dt.date(1899, 12, 30)
EXCEL_SERIAL_RANGE = (20000, 80000)  # 1954-10-03 .. 2119-01-10
EARLIEST_DATE = dt.date(1900, 1, 1)

DATE_PATTERNS = (
    re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})"),
    re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})"),
    re.compile(r"(\d{4})\.(\d{1,2})\.(\d{1,2})"),
    re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日?"),
    re.compile(r"(\d{4})(\d{2})(\d{2})"),
)
# A date cell from XLSX or pandas may carry a midnight time: "2020-02-01 00:00:00".
MIDNIGHT_SUFFIX = re.compile(r"[ T]0{1,2}:00(:00(\.0+)?)?$")
TIME_PATTERN = re.compile(r"(\d{1,2})[:：](\d{2})(?:[:：](\d{2}))?")


class RowRejected(Exception):
    """A source row failed validation; it goes to quarantine.rejected_rows."""

    def __init__(self, reason_code: str, reason: str) -> None:
        super().__init__(f"{reason_code}: {reason}")
        self.reason_code = reason_code
        self.reason = reason


def clean(value: object) -> str | None:
    """Return the cell as stripped text, or None when blank."""
    if value is None:
        return None
    text = str(value).replace("\u3000", " ").strip()
    return text or None


def parse_date(value: str | None, column: str, *, latest: dt.date | None = None
               ) -> dt.date | None:
    """Parse ``YYYY-MM-DD``, ``YYYY/M/D``, ``YYYY年M月D日``, ``YYYYMMDD`` or an Excel serial."""
    if value is None:
        return None
    parsed = _parse_iso_date(value)
    if parsed is None:
        parsed = _parse_date_text(MIDNIGHT_SUFFIX.sub("", value.strip()))
    latest = latest or dt.date.today() + dt.timedelta(days=1)
    if parsed is None:
        raise RowRejected("invalid_date", f"{column}「{value}」不是有效日期，应为 YYYY-MM-DD")
    if not EARLIEST_DATE <= parsed <= latest:
        raise RowRejected("invalid_date", f"{column}「{value}」超出允许的日期范围"
                                          f"（{EARLIEST_DATE} 至 {latest}）")
    return parsed


def _parse_iso_date(text: str) -> dt.date | None:
    """Parse the common ``YYYY-MM-DD`` quickly; None for anything else."""
    if len(text) != 10 or text[4] != "-" or text[7] != "-":
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def _parse_date_text(text: str) -> dt.date | None:
    if text.isdigit() and EXCEL_SERIAL_RANGE[0] <= int(text) <= EXCEL_SERIAL_RANGE[1]:
        return EXCEL_EPOCH + dt.timedelta(days=int(text))
    for pattern in DATE_PATTERNS:
        match = pattern.fullmatch(text)
        if match:
            try:
                return dt.date(*(int(part) for part in match.groups()))
            except ValueError:
                return None
    return None


def parse_time(value: str | None, column: str) -> str | None:
    """Parse ``HH:MM`` (seconds dropped) or an Excel day fraction into ``HH:MM``."""
    if value is None:
        return None
    text = value.strip()
    match = TIME_PATTERN.fullmatch(text)
    if match:
        hour, minute = int(match.group(1)), int(match.group(2))
    else:
        try:
            fraction = float(text)
        except ValueError:
            fraction = -1.0
        if not 0 <= fraction < 1:
            raise RowRejected("invalid_time", f"{column}「{value}」不是有效时间，应为 HH:MM")
        hour, minute = divmod(round(fraction * 24 * 60), 60)
    if hour > 23 or minute > 59:
        raise RowRejected("invalid_time", f"{column}「{value}」不是有效时间，应为 HH:MM")
    return f"{hour:02d}:{minute:02d}"


def parse_int(value: str | None, column: str, *, minimum: int = 0,
              maximum: int | None = None) -> int | None:
    if value is None:
        return None
    text = value.strip().replace(",", "")
    try:
        number = float(text)
    except ValueError:
        number = None
    if number is None or not number.is_integer() or number < minimum or (
            maximum is not None and number > maximum):
        bounds = f"{minimum} 到 {maximum}" if maximum is not None else f"不小于 {minimum}"
        raise RowRejected("invalid_number", f"{column}「{value}」不是有效整数（{bounds}）")
    return int(number)


def parse_float(value: str | None, column: str, *, minimum: float, maximum: float
                ) -> float | None:
    if value is None:
        return None
    try:
        number = float(value.strip())
    except ValueError:
        number = None
    if number is None or not minimum <= number <= maximum:
        raise RowRejected("invalid_number",
                          f"{column}「{value}」不是有效数值（{minimum} 到 {maximum}）")
    return number


def parse_latitude(value: str | None, column: str) -> float | None:
    return parse_float(value, column, minimum=-90.0, maximum=90.0)


def parse_longitude(value: str | None, column: str) -> float | None:
    return parse_float(value, column, minimum=-180.0, maximum=180.0)


def parse_choice(value: str | None, column: str, choices: dict[str, object]) -> object:
    """Map a value through ``choices`` (keys compared case-insensitively, spaces ignored)."""
    if value is None:
        return None
    folded_choices = _FOLDED_CHOICES.get(id(choices))
    if folded_choices is None:
        folded_choices = _FOLDED_CHOICES[id(choices)] = {fold(key): normalised
                                                         for key, normalised in choices.items()}
    folded = fold(value)
    if folded in folded_choices:
        return folded_choices[folded]
    # List the Chinese spellings; a vocabulary with none lists its English ones.
    accepted = "、".join(dict.fromkeys(key for key in choices if not key.isascii())
                        or choices)
    raise RowRejected("invalid_value", f"{column}「{value}」不是可接受的值（可填：{accepted}）")


# Folded keys of each vocabulary passed to parse_choice, by the vocabulary's id: the
# vocabularies are module constants, so an id stays theirs for the life of the process.
_FOLDED_CHOICES: dict[int, dict[str, object]] = {}


def fold(text: str) -> str:
    """Return the text without whitespace, case-folded, for lenient comparison."""
    return "".join(text.split()).casefold()


def require(value: str | None, column: str) -> str:
    if value is None:
        raise RowRejected("missing_required", f"必填列「{column}」为空")
    return value


def split_refs(value: str | None) -> list[str]:
    """Split a list of ids such as ``13,14``, ``13、14`` or ``13; 14`` into its entries."""
    if value is None:
        return []
    return [part for part in re.split(r"[,，;；、/\s]+", value) if part]
