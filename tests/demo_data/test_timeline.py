"""Incubation periods and the working-day calendar."""

import datetime as dt
import random
import statistics

from orchestration.demo_data.timeline import (
    MAX_INCUBATION_DAYS,
    draw_incubation_days,
    is_workday,
)


def test_incubation_is_lognormal_around_five_days():
    rng = random.Random(2)
    days = [draw_incubation_days(rng) for _ in range(5000)]
    assert statistics.median(days) == 5
    assert min(days) >= 1
    assert max(days) <= MAX_INCUBATION_DAYS


def test_spring_festival_is_not_a_workday():
    assert not is_workday(dt.date(2022, 2, 1))


def test_makeup_saturday_is_a_workday():
    assert is_workday(dt.date(2022, 1, 29))


def test_years_without_calendar_use_weekdays():
    assert is_workday(dt.date(2001, 1, 3))
    assert not is_workday(dt.date(2001, 1, 6))
