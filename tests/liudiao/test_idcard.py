"""ID card number rules: check digit, region, birth date, 15-digit numbers, masking."""

import datetime as dt
import random

from liudiao import idcard


def test_published_example_is_valid():
    assert idcard.validate("11010519491231002X").is_valid


def test_wrong_check_digit_is_flagged():
    check = idcard.validate("110105194912310021")
    assert not check.is_valid
    assert check.problems == ("check_digit",)


def test_unknown_region_is_flagged():
    first_17 = "99010519491231002"
    check = idcard.validate(first_17 + idcard.check_character(first_17))
    assert check.problems == ("region",)


def test_impossible_birth_date_is_flagged():
    first_17 = "44030519990230123"
    check = idcard.validate(first_17 + idcard.check_character(first_17))
    assert check.problems == ("birth_date",)


def test_fifteen_digit_number_is_accepted():
    check = idcard.validate("440305850302178")
    assert check.is_valid
    assert check.birth_date == dt.date(1985, 3, 2)


def test_generated_numbers_are_valid_and_sexed():
    rng = random.Random(7)
    for sex in ("男", "女"):
        number = idcard.generate("440305", dt.date(1990, 1, 31), sex, rng)
        check = idcard.validate(number)
        assert check.is_valid
        assert check.sex == sex


def test_mask_keeps_prefix_and_suffix_only():
    assert idcard.mask("11010519491231002X") == "110*************2X"
