"""ID card numbers read from digit strings, validated with :mod:`liudiao.idcard`.

An invalid number is still reported: its ``problems`` name each failed rule (``check_digit``,
``region``, ``birth_date``, or ``format`` for a wrong length).
"""

from __future__ import annotations

from dataclasses import dataclass

from liudiao import idcard


@dataclass(frozen=True)
class IdCardReading:
    """One reading of a digit string as an ID card number; ``cost`` ranks competing readings."""

    value: str
    is_valid: bool
    problems: tuple[str, ...]
    cost: float


def read_id_card(digits: str) -> IdCardReading | None:
    """Read an 18- or 15-character string as an ID card number; None for other lengths."""
    if len(digits) not in (15, 18) or "X" in digits[:-1]:
        return None
    if len(digits) == 15 and "X" in digits:
        return None
    check = idcard.validate(digits)
    if check.is_valid:
        return IdCardReading(digits, True, (), 0.0 if len(digits) == 18 else 0.5)
    return IdCardReading(digits, False, check.problems, 1.0 + 0.5 * len(check.problems))


def read_invalid_id_card(digits: str) -> IdCardReading:
    """Read a digit string of the wrong length as an ID card number with a format problem."""
    return IdCardReading(digits, False, ("format",), 3.0)
