"""Masking of ID card and phone numbers inside free text, such as a rejection reason.

A reason quotes the cell it rejects, and a user may have typed an ID card or phone number into
the wrong column, so every reason is masked before it is stored or shown.
"""

from __future__ import annotations

import re

from liudiao import idcard, phone

ID_CARD_NUMBER = re.compile(r"(?<![0-9A-Za-z])(\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])")
MOBILE_NUMBER = re.compile(r"(?<!\d)((?:\+?86[- ]?)?1[3-9]\d{9})(?!\d)")
LANDLINE_NUMBER = re.compile(r"(?<![\d-])(0\d{2,3}-?\d{7,8})(?![\d-])")


def mask_personal_numbers(text: str) -> str:
    """Return ``text`` with every ID card, mobile and landline number masked."""
    text = ID_CARD_NUMBER.sub(lambda match: idcard.mask(match.group(1)) or "", text)
    text = MOBILE_NUMBER.sub(lambda match: phone.mask(match.group(1)) or "", text)
    return LANDLINE_NUMBER.sub(lambda match: phone.mask(match.group(1)) or "", text)
