"""Chinese formats and masking of the cockpit."""

from __future__ import annotations

import datetime as dt

import pytest

from cockpit.formatting import (
    change_style,
    format_change,
    format_count,
    format_date,
    format_date_range,
    scrub_text,
)


@pytest.mark.parametrize(("value", "unit", "expected"), [
    (1234, "例", "1,234 例"),
    (0, "人", "0 人"),
    (1_000_000, "例", "1,000,000 例"),
    (None, "例", "—"),
    (12, "", "12"),
])
def test_format_count(value, unit, expected):
    assert format_count(value, unit) == expected


def test_format_date_without_leading_zeros():
    assert format_date(dt.date(2020, 2, 1)) == "2020年2月1日"


def test_format_date_range_same_day():
    day = dt.date(2020, 2, 1)
    assert format_date_range(day, day) == "2020年2月1日"
    assert format_date_range(day, dt.date(2020, 2, 3)) == "2020年2月1日至2020年2月3日"


@pytest.mark.parametrize(("change", "expected"), [
    (3, "较昨日 +3"), (-2, "较昨日 -2"), (0, "较昨日 持平"), (1500, "较昨日 +1,500"),
    (None, "较昨日 —"),
])
def test_format_change(change, expected):
    assert format_change(change) == expected


def test_change_style_rise_is_red():
    assert change_style(3) == ("red", "up")
    assert change_style(-3) == ("green", "down")
    assert change_style(0) == ("gray", "off")


def test_scrub_text_masks_id_card_and_phone():
    text = "身份证号 44030119900101123X 无效，电话 13812345678、138123456780"
    scrubbed = scrub_text(text)
    assert "44030119900101123X" not in scrubbed
    assert "440*************3X" in scrubbed
    assert "13812345678" not in scrubbed
    assert "138****5678" in scrubbed


def test_scrub_text_keeps_short_numbers():
    assert scrub_text("第 12 行缺少报告日期 2020-02-01") == "第 12 行缺少报告日期 2020-02-01"


def test_scrub_text_keeps_dates_inside_references():
    reason = "病例编号「440306-20220209-001」重复，见 inbox/20220209/cases.csv"
    assert scrub_text(reason) == reason


def test_scrub_text_masks_landline_after_area_code():
    assert "20220209" not in scrub_text("电话 0755-20220209-1 无效")
