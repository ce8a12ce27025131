"""Builder of raw.records rows as the importers land them (docs/raw-contract.md), for dbt tests.

Every record gets every key of its entity, JSON null where the test gives no value, so the
staging models see the same shape as from a real import.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

import psycopg

from liudiao.jurisdictions import load as load_jurisdiction
from orchestration.ingest.reference import write_jurisdiction
from orchestration.ingest.store import apply_schema

ENTITY_KEYS: dict[str, tuple[str, ...]] = {
    "case": (
        "case_ref", "name", "sex", "age", "birth_date", "id_card_number", "phone",
        "id_card_problems", "district_code", "subdistrict_code", "residence_address",
        "report_date", "confirmed_date", "onset_date", "first_visit_date", "discharge_date",
        "death_date", "case_date", "case_date_basis", "case_type", "severity",
        "infection_source", "travel_history", "cluster_ref", "details",
    ),
    "event": (
        "event_ref", "case_ref", "event_date", "start_time", "end_time", "event_type",
        "place_ref", "place_name", "address", "district_code", "subdistrict_code", "latitude",
        "longitude", "description", "source_sentence",
    ),
    "close_contact": (
        "contact_ref", "case_ref", "contact_level", "via_contact_ref", "name", "sex", "age",
        "id_card_number", "phone", "id_card_problems", "relation", "contact_type",
        "last_contact_date", "district_code", "subdistrict_code", "quarantine_start_date",
        "quarantine_place", "test_result", "became_case_ref",
    ),
    "place": (
        "place_ref", "place_name", "place_type", "address", "district_code", "subdistrict_code",
        "latitude", "longitude", "report_date",
    ),
    "case_link": (
        "link_ref", "infector_case_ref", "infectee_case_ref", "relation", "relation_type",
        "evidence",
    ),
    "daily_summary": ("report_date", "district_code", "cumulative_cases"),
}

RECORD_KEY_FIELD = {
    "case": "case_ref",
    "event": "event_ref",
    "close_contact": "contact_ref",
    "place": "place_ref",
    "case_link": "link_ref",
}

CASE_DATE_BASES = (
    ("report_date", "report"),
    ("confirmed_date", "confirmed"),
    ("first_visit_date", "first_visit"),
    ("onset_date", "onset"),
)


@dataclass
class RawRecords:
    """raw.records rows of one or more sources, added entity by entity, then inserted."""

    rows: list[tuple[str, str, str, dict[str, Any]]] = field(default_factory=list)

    def add(self, source_name: str, entity: str, **values: Any) -> dict[str, Any]:
        unknown = set(values) - set(ENTITY_KEYS[entity])
        if unknown:
            raise ValueError(f"keys {sorted(unknown)} are not in the {entity} contract")
        record = {key: values.get(key) for key in ENTITY_KEYS[entity]}
        if entity == "daily_summary":
            record_key = f"{record['report_date']}:{record['district_code']}"
        else:
            record_key = str(record[RECORD_KEY_FIELD[entity]])
        self.rows.append((source_name, entity, record_key, record))
        return record

    def case(self, source_name: str, case_ref: str, **values: Any) -> dict[str, Any]:
        """Add a case; case_date and its basis follow the contract's order of dates."""
        values.setdefault("id_card_problems", [])
        values.setdefault("case_type", "confirmed")
        for key, basis in CASE_DATE_BASES:
            if values.get(key) and "case_date" not in values:
                values["case_date"] = values[key]
                values["case_date_basis"] = basis
        return self.add(source_name, "case", case_ref=case_ref, **values)

    def event(self, source_name: str, event_ref: str, case_ref: str, event_date: str,
              **values: Any) -> dict[str, Any]:
        values.setdefault("event_type", "other")
        return self.add(source_name, "event", event_ref=event_ref, case_ref=case_ref,
                        event_date=event_date, **values)

    def close_contact(self, source_name: str, contact_ref: str, case_ref: str,
                      last_contact_date: str, **values: Any) -> dict[str, Any]:
        values.setdefault("id_card_problems", [])
        values.setdefault("contact_level", "close")
        return self.add(source_name, "close_contact", contact_ref=contact_ref,
                        case_ref=case_ref, last_contact_date=last_contact_date, **values)

    def insert(self, conn: psycopg.Connection) -> None:
        with conn.cursor() as cursor:
            cursor.executemany(
                "insert into raw.records (source_name, entity, record_key, source_file,"
                " line_number, record, record_sha256) values (%s, %s, %s, %s, %s, %s, %s)",
                [
                    (source, entity, key, f"{source}-{entity}.csv", line, json.dumps(record),
                     hashlib.sha256(json.dumps(record, sort_keys=True).encode()).hexdigest())
                    for line, (source, entity, key, record) in enumerate(self.rows, start=2)
                ],
            )


def create_raw_schema(conn: psycopg.Connection, jurisdiction: str = "shenzhen") -> None:
    """Create the raw schema as the importers do and write the jurisdiction's districts and
    subdistricts."""
    apply_schema(conn)
    write_jurisdiction(conn, load_jurisdiction(jurisdiction))
