"""The date × district partitioning shared by every partitioned asset.

Keys read ``"<date>|<district>"`` (Dagster orders dimensions by name). Districts are a dynamic
dimension because they are data: the import registers each district code it loads, so a
deployment's jurisdiction file (or the DS4C Region file) decides the list, not this code.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

import dagster as dg

# The first day any source reports (Shenzhen's earliest bulletin events are in December 2019).
PARTITIONS_START_DATE = "2019-11-01"

DISTRICT_PARTITIONS_NAME = "district"

district_day_partitions = dg.MultiPartitionsDefinition(
    {
        "date": dg.DailyPartitionsDefinition(start_date=PARTITIONS_START_DATE),
        "district": dg.DynamicPartitionsDefinition(name=DISTRICT_PARTITIONS_NAME),
    }
)


def window_of(partition_keys: Sequence[str]) -> dict[str, object]:
    """Return the dbt vars (start_date, end_date, districts) that cover the given partition keys."""
    dates: set[str] = set()
    districts: set[str] = set()
    for key in partition_keys:
        date, district = key.split("|", 1)
        dates.add(date)
        districts.add(district)
    return {"start_date": min(dates), "end_date": max(dates), "districts": sorted(districts)}


def range_tags(start_date: dt.date | str, end_date: dt.date | str,
               districts: Sequence[str]) -> dict[str, str]:
    """Run tags that select the rectangle of dates × districts as one single-run backfill.

    ``districts`` must be in the dynamic dimension's order (the order they were registered),
    because a multi-partition range takes every district between its first and last one.
    """
    return {
        "dagster/asset_partition_range_start": f"{start_date}|{districts[0]}",
        "dagster/asset_partition_range_end": f"{end_date}|{districts[-1]}",
    }


def covering_tags(touched: list[str], district_order: list[str]) -> dict[str, str] | None:
    """Tags of the smallest date × district rectangle that covers the touched partition keys."""
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
