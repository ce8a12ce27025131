"""Which (date, district) partitions an import changed.

Cases count by (case_date, district_code) and close contacts by (last_contact_date,
district_code). An event counts by (event_date, district of its owning case as stored in
raw.records), or by ``other`` when that case is unknown. So when a case is added, removed or
moves district, every event of that case touches its partition under the old and the new
district.
"""

from __future__ import annotations

from collections.abc import Iterable

import psycopg

from orchestration.ingest.store import Change

OWN_PARTITION_KEYS = {"case": "case_date", "close_contact": "last_contact_date"}

CASE_DISTRICTS_SQL = """
select record_key, record->>'district_code'
from raw.records
where source_name = %s and entity = 'case' and record_key = any(%s)
"""

EVENTS_OF_CASES_SQL = """
select record->>'case_ref', record->>'event_date'
from raw.records
where source_name = %s and entity = 'event' and record->>'case_ref' = any(%s)
"""


def touched_partitions(conn: psycopg.Connection, source_name: str, changes: Iterable[Change],
                       other_code: str) -> set[tuple[str, str]]:
    touched: set[tuple[str, str]] = set()
    changed_events: list[tuple[str, str | None]] = []
    moved_cases: dict[str, set[str]] = {}

    for change in changes:
        versions = [record for record in (change.old, change.new) if record is not None]
        if change.entity in OWN_PARTITION_KEYS:
            date_key = OWN_PARTITION_KEYS[change.entity]
            touched.update((record[date_key], record["district_code"] or other_code)
                           for record in versions if record[date_key])
        elif change.entity == "event":
            changed_events.extend((record["event_date"], record["case_ref"])
                                  for record in versions if record["event_date"])
        if change.entity == "case":
            old = change.old["district_code"] if change.old else other_code
            new = change.new["district_code"] if change.new else other_code
            if old != new:
                moved_cases.setdefault(change.key, set()).update({old, new})

    district_of = dict(conn.execute(
        CASE_DISTRICTS_SQL,
        (source_name, sorted({case_ref for _, case_ref in changed_events if case_ref}))))
    touched.update((event_date, district_of.get(case_ref) or other_code)
                   for event_date, case_ref in changed_events)

    if moved_cases:
        for case_ref, event_date in conn.execute(EVENTS_OF_CASES_SQL,
                                                 (source_name, sorted(moved_cases))):
            if event_date:
                touched.update((event_date, district) for district in moved_cases[case_ref])
    return touched
