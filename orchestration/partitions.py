"""The month × district partitioning shared by every partitioned asset.

A Dagster partition is one leaf table of the partitioned marts: a calendar month of one
district (``marts.events_p202002_440305``). Keys read ``"<first day of month>|<district>"``
(Dagster orders dimensions by name, and this one is named ``date``).

Why months and not days: Dagster writes one event-log entry per asset and partition of a run.
Measured on this project's 2-core machine with the default SQLite instance, that costs about
0.1 s each, so a cold Shenzhen run over 108 days × 10 districts × 4 partitioned marts spent
about 7 minutes on bookkeeping alone; by month it is 4 × 10 × 4 entries. Months are also the
storage grain chosen by measurement (docs/data-model.md), so one Dagster partition rebuilds
exactly one leaf. Daily district reports still arrive daily: a day's import rebuilds its month.

Districts are a dynamic dimension because they are data: the import registers each district
code it loads, so the jurisdiction file (or the DS4C Region file) decides the list, not code.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable, Sequence

import dagster as dg

# The first month any source reports (Shenzhen's earliest bulletin events are in December 2019).
PARTITIONS_START_DATE = "2019-11-01"

DISTRICT_PARTITIONS_NAME = "district"

district_month_partitions = dg.MultiPartitionsDefinition(
    {
        "date": dg.MonthlyPartitionsDefinition(start_date=PARTITIONS_START_DATE, end_offset=1),
        "district": dg.DynamicPartitionsDefinition(name=DISTRICT_PARTITIONS_NAME),
    }
)


def month_start(day: dt.date | str) -> dt.date:
    day = dt.date.fromisoformat(day) if isinstance(day, str) else day
    return day.replace(day=1)


def month_end(day: dt.date | str) -> dt.date:
    first = month_start(day)
    return first.replace(day=calendar.monthrange(first.year, first.month)[1])


def window_of(partition_keys: Sequence[str]) -> dict[str, object]:
    """Return the dbt vars (start_date, end_date, districts) that cover the given partition keys."""
    months: set[str] = set()
    districts: set[str] = set()
    for key in partition_keys:
        month, district = key.split("|", 1)
        months.add(month)
        districts.add(district)
    return {
        "start_date": min(months),
        "end_date": month_end(max(months)).isoformat(),
        "districts": sorted(districts),
    }


def range_tags(start_date: dt.date | str, end_date: dt.date | str,
               districts: Sequence[str]) -> dict[str, str]:
    """Run tags that select the months of the dates × districts as one single-run backfill.

    ``districts`` must be in the dynamic dimension's order (the order they were registered),
    because a multi-partition range takes every district between its first and last one.
    """
    return {
        "dagster/asset_partition_range_start": f"{month_start(start_date)}|{districts[0]}",
        "dagster/asset_partition_range_end": f"{month_start(end_date)}|{districts[-1]}",
    }


def covering_tags(touched: list[str], district_order: list[str]) -> dict[str, str] | None:
    """Tags of the smallest month × district rectangle that covers the touched ``date|district`` keys."""
    if not touched:
        return None
    dates = sorted({key.split("|", 1)[0] for key in touched})
    districts = {key.split("|", 1)[1] for key in touched}
    positions = sorted(district_order.index(code) for code in districts if code in district_order)
    if not positions:
        return None
    ordered = district_order[positions[0]: positions[-1] + 1]
    return range_tags(dates[0], dates[-1], ordered)


def register_districts(instance: dg.DagsterInstance, codes: Iterable[str]) -> list[str]:
    """Add unseen district codes to the dynamic dimension; return the full list in order."""
    known = instance.get_dynamic_partitions(DISTRICT_PARTITIONS_NAME)
    new = sorted(set(codes) - set(known))
    if new:
        instance.add_dynamic_partitions(DISTRICT_PARTITIONS_NAME, new)
    return [*known, *new]
