"""Resident ID card numbers (居民身份证号码, GB 11643-1999): validation, generation and masking.

An 18-digit number is a 6-digit region code, an 8-digit birth date, a 3-digit sequence whose
last digit is odd for men, and an ISO 7064 MOD 11-2 check character (0-9 or X). The older
15-digit numbers have a 2-digit birth year and no check character.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from dataclasses import dataclass

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARACTERS = "10X98765432"

# First two digits of the region code: the province-level divisions of GB/T 2260.
PROVINCE_PREFIXES = frozenset({
    "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
    "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64",
    "65", "71", "81", "82",
})

ID_CARD_PATTERN = re.compile(r"(?<![0-9Xx])(\d{17}[0-9Xx]|\d{15})(?![0-9Xx])")


@dataclass(frozen=True)
class IdCardCheck:
    number: str
    is_valid: bool
    problems: tuple[str, ...]
    birth_date: dt.date | None = None
    sex: str | None = None


def check_character(first_17: str) -> str:
    total = sum(int(digit) * weight for digit, weight in zip(first_17, WEIGHTS, strict=True))
    return CHECK_CHARACTERS[total % 11]


def validate(number: str, today: dt.date | None = None) -> IdCardCheck:
    """Check an 18- or 15-digit number; ``problems`` lists each failed rule by name."""
    number = number.strip().upper()
    today = today or dt.date.today()
    if re.fullmatch(r"\d{17}[0-9X]", number):
        birth_text, sequence = number[6:14], number[14:17]
    elif re.fullmatch(r"\d{15}", number):
        birth_text, sequence = "19" + number[6:12], number[12:15]
    else:
        return IdCardCheck(number, False, ("format",))

    problems = []
    if number[:2] not in PROVINCE_PREFIXES:
        problems.append("region")
    birth_date = _parse_birth(birth_text)
    if birth_date is None or birth_date > today or birth_date.year < 1890:
        problems.append("birth_date")
        birth_date = None
    if len(number) == 18 and check_character(number[:17]) != number[17]:
        problems.append("check_digit")
    sex = "男" if int(sequence[-1]) % 2 == 1 else "女"
    return IdCardCheck(number, not problems, tuple(problems), birth_date, sex)


def is_valid(number: str) -> bool:
    return validate(number).is_valid


def _parse_birth(text: str) -> dt.date | None:
    try:
        return dt.datetime.strptime(text, "%Y%m%d").date()
    except ValueError:
        return None


def generate(region_code: str, birth_date: dt.date, sex: str, rng: random.Random) -> str:
    """Return a valid 18-digit number; ``sex`` is 男 or 女."""
    sequence = rng.randrange(0, 100) * 10 + rng.choice((1, 3, 5, 7, 9) if sex == "男"
                                                      else (0, 2, 4, 6, 8))
    first_17 = f"{region_code}{birth_date:%Y%m%d}{sequence:03d}"
    return first_17 + check_character(first_17)


def mask(number: str | None) -> str | None:
    """Keep the region's first 3 and the last 2 characters: ``440***********123X`` style."""
    if not number:
        return number
    number = str(number)
    if len(number) <= 6:
        return "*" * len(number)
    return number[:3] + "*" * (len(number) - 5) + number[-2:]
