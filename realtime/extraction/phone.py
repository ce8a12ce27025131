"""Phone numbers read from digit strings: mainland mobiles and landlines, with or without area code.

A mobile is 11 digits ``1[3-9]…``, and a leading 86 country code is dropped. A landline is a
7- or 8-digit local number that starts with 2-9, alone or after an area code (``010``,
``02x``, or ``0`` plus three digits such as ``0755``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MOBILE = re.compile(r"1[3-9]\d{9}")
LOCAL_NUMBER = re.compile(r"[2-9]\d{6,7}")
TAIL_LENGTH = 4


@dataclass(frozen=True)
class PhoneReading:
    """One reading of a digit string as a phone number; ``cost`` ranks competing readings.

    ``value`` drops a leading 86 country code, which the matched transcript span keeps.
    """

    value: str
    is_valid: bool
    problems: tuple[str, ...]
    cost: float


def read_phone(digits: str) -> PhoneReading | None:
    """Read ``digits`` as a complete phone number; None when it cannot be one."""
    if "X" in digits:
        return None
    if len(digits) == 11 and digits.startswith("1"):
        if MOBILE.fullmatch(digits):
            return PhoneReading(digits, True, (), 0.0)
        return PhoneReading(digits, False, ("mobile_prefix",), 2.0)
    if len(digits) == 13 and digits.startswith("86") and MOBILE.fullmatch(digits[2:]):
        return PhoneReading(digits[2:], True, (), 0.0)
    if digits.startswith("0"):
        return _read_landline(digits)
    if LOCAL_NUMBER.fullmatch(digits):
        return PhoneReading(digits, True, (), 0.5 if len(digits) == 8 else 1.0)
    return None


def _read_landline(digits: str) -> PhoneReading | None:
    area_length = 3 if digits[1:2] in ("1", "2") else 4
    local = digits[area_length:]
    if LOCAL_NUMBER.fullmatch(local):
        return PhoneReading(digits, True, (), 0.0 if len(local) == 8 else 0.3)
    return None


def read_invalid_phone(digits: str) -> PhoneReading:
    """Read a digit string that no rule accepts as a phone number with a length problem."""
    return PhoneReading(digits, False, ("length",), 3.0)


def read_phone_tail(digits: str) -> PhoneReading | None:
    """Read the last four digits of a phone number, as in 尾号八零零零."""
    if len(digits) != TAIL_LENGTH or "X" in digits:
        return None
    return PhoneReading(digits, False, ("tail_only",), 0.0)


def is_complete_phone(digits: str) -> bool:
    """Tell whether ``digits`` is a whole mobile or an area-coded landline that cannot grow."""
    reading = read_phone(digits)
    if reading is None or not reading.is_valid:
        return False
    return len(digits) == 11 and digits.startswith("1") or digits.startswith(("0", "86"))
