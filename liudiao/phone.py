"""Chinese phone numbers: mainland mobiles (11 digits, 1[3-9]…) and landlines with area code."""

from __future__ import annotations

import random
import re

MOBILE_PATTERN = re.compile(r"(?<!\d)(?:\+?86[- ]?)?(1[3-9]\d{9})(?!\d)")
LANDLINE_PATTERN = re.compile(r"(?<!\d)(0\d{2,3})[- ]?(\d{7,8})(?!\d)")

# Mobile prefixes of the three mainland carriers.
MOBILE_PREFIXES = (
    "130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "147", "150", "151",
    "152", "153", "155", "156", "157", "158", "159", "166", "175", "176", "177", "178", "180",
    "181", "182", "183", "184", "185", "186", "187", "188", "189", "191", "198", "199",
)


def normalize(text: str | None) -> str | None:
    """Return the bare digits of a mobile (11 digits) or a landline (``0755-12345678``), or None."""
    if not text:
        return None
    compact = re.sub(r"[\s()（）]", "", str(text))
    mobile = MOBILE_PATTERN.fullmatch(compact.replace("-", ""))
    if mobile:
        return mobile.group(1)
    landline = LANDLINE_PATTERN.fullmatch(compact)
    if landline:
        return f"{landline.group(1)}-{landline.group(2)}"
    return None


def is_mobile(number: str) -> bool:
    return bool(re.fullmatch(r"1[3-9]\d{9}", number))


def generate_mobile(rng: random.Random) -> str:
    return rng.choice(MOBILE_PREFIXES) + f"{rng.randrange(0, 10**8):08d}"


def mask(number: str | None) -> str | None:
    """Keep the first 3 and last 4 digits: ``138****5678``."""
    if not number:
        return number
    digits = str(number)
    if len(digits) <= 7:
        return "*" * len(digits)
    return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]
