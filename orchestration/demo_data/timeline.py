"""Natural-history and calendar parameters of the synthetic outbreak."""

from __future__ import annotations

import datetime as dt
import random
from functools import cache

import chinese_calendar

# Incubation period: log-normal with median 5.1 days (Lauer et al., Ann Intern Med 2020:
# meanlog 1.621, sdlog 0.418), cut to 1-14 days.
INCUBATION_MEANLOG = 1.621
INCUBATION_SDLOG = 0.418
MAX_INCUBATION_DAYS = 14

# Days from onset to report for cases found by seeking care, weights for 1, 2, 3 and 4 days.
REPORT_DELAY_WEIGHTS = (30, 35, 20, 15)

# Close contacts are traced from this many days before onset (or before the positive sample
# of an asymptomatic infection) up to isolation, as in China's 8th-edition protocol.
CONTACT_LOOKBACK_DAYS = 4
HISTORY_DAYS = 14


def draw_incubation_days(rng: random.Random) -> int:
    days = round(rng.lognormvariate(INCUBATION_MEANLOG, INCUBATION_SDLOG))
    return max(1, min(MAX_INCUBATION_DAYS, days))


def draw_report_delay(rng: random.Random) -> int:
    return rng.choices((1, 2, 3, 4), weights=REPORT_DELAY_WEIGHTS)[0]


@cache
def is_workday(day: dt.date) -> bool:
    """Working day by the State Council holiday schedule; weekdays outside its years."""
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:
        return day.weekday() < 5


def days_between(start: dt.date, end: dt.date) -> list[dt.date]:
    """Return every date from start to end, both included."""
    return [start + dt.timedelta(days=offset) for offset in range((end - start).days + 1)]


_CLOCK = tuple(f"{minute // 60:02d}:{minute % 60:02d}" for minute in range(24 * 60))


def clock(minutes: int) -> str:
    """Format minutes after midnight as HH:MM, clamped to the day."""
    return _CLOCK[max(0, min(minutes, 24 * 60 - 1))]
