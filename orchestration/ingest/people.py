"""Personal fields shared by cases and close contacts: sex, age, ID card number, phone.

An invalid ID card number is kept and flagged in ``id_card_problems``, and a phone number
that does not normalise is kept as written with an import note: the investigator still needs
the row. Notes name the field and mask the value.
"""

from __future__ import annotations

import datetime as dt
import re

from liudiao import idcard, phone
from orchestration.ingest.values import RowRejected, parse_choice

SEX_CHOICES = {"男": "男", "女": "女", "男性": "男", "女性": "女", "male": "男", "female": "女",
               "m": "男", "f": "女"}
# "35", "35岁", "1岁7个月" (whole years kept), "8个月" (0 years).
AGE_PATTERN = re.compile(r"(\d{1,3})(?:\s*岁(?:\s*\d{1,2}\s*个?月)?)?|(\d{1,2})\s*个?月")
MAX_AGE = 130


def person_fields(*, name: str | None, sex: str | None, age: str | None,
                  id_card_number: str | None, phone_number: str | None,
                  reference_date: dt.date | None, notes: list[str]) -> dict:
    """Return the personal keys of a record; append import notes to ``notes``."""
    check = _check_id_card(id_card_number, reference_date)
    sex_value = parse_choice(sex, "性别", SEX_CHOICES)
    if sex_value is None and check is not None:
        sex_value = check.sex
    elif sex_value is not None and check is not None and check.sex and check.sex != sex_value:
        notes.append("性别与身份证号不一致，按性别列记录")

    birth_date = check.birth_date if check is not None else None
    age_value = parse_age(age)
    if age_value is None and birth_date is not None and reference_date is not None:
        age_value = _age_on(birth_date, reference_date)

    return {
        "name": name,
        "sex": sex_value,
        "age": age_value,
        "birth_date": birth_date.isoformat() if birth_date else None,
        "id_card_number": check.number if check is not None else None,
        "id_card_problems": list(check.problems) if check is not None else [],
        "phone": _phone(phone_number, notes),
    }


def parse_age(text: str | None, column: str = "年龄") -> int | None:
    if text is None:
        return None
    match = AGE_PATTERN.fullmatch(text.strip())
    if match is None:
        try:
            number = float(text)
        except ValueError:
            number = -1.0
        if not (number.is_integer() and 0 <= number <= MAX_AGE):
            raise RowRejected("invalid_number", f"{column}「{text}」不是有效年龄（0 到 {MAX_AGE} 岁）")
        return int(number)
    if match.group(2) is not None:
        return 0
    years = int(match.group(1))
    if years > MAX_AGE:
        raise RowRejected("invalid_number", f"{column}「{text}」不是有效年龄（0 到 {MAX_AGE} 岁）")
    return years


def _check_id_card(number: str | None, reference_date: dt.date | None
                   ) -> idcard.IdCardCheck | None:
    if number is None:
        return None
    compact = re.sub(r"\s+", "", number)
    return idcard.validate(compact, today=max(reference_date or dt.date.today(), dt.date.today()))


def _age_on(birth_date: dt.date, day: dt.date) -> int | None:
    years = day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))
    return years if 0 <= years <= MAX_AGE else None


def _phone(text: str | None, notes: list[str]) -> str | None:
    if text is None:
        return None
    normalised = phone.normalize(text)
    if normalised is not None:
        return normalised
    notes.append(f"联系电话「{phone.mask(text)}」格式无法识别，按原文保留")
    return text
