"""The JSON keys of each entity's record (docs/raw-contract.md), built the same way by every source."""

from __future__ import annotations

import datetime as dt

PERSON_KEYS = ("name", "sex", "age", "birth_date", "id_card_number", "phone",
               "id_card_problems")

ENTITY_KEYS: dict[str, tuple[str, ...]] = {
    "case": (
        "case_ref", *PERSON_KEYS, "district_code", "subdistrict_code", "residence_address",
        "report_date", "confirmed_date", "onset_date", "first_visit_date", "discharge_date",
        "death_date", "case_date", "case_date_basis", "case_type", "severity",
        "infection_source", "travel_history", "cluster_ref", "details", "import_notes",
    ),
    "event": (
        "event_ref", "case_ref", "event_date", "start_time", "end_time", "event_type",
        "place_ref", "place_name", "address", "district_code", "subdistrict_code", "latitude",
        "longitude", "description", "source_sentence", "import_notes",
    ),
    "close_contact": (
        "contact_ref", "case_ref", "contact_level", "via_contact_ref", *PERSON_KEYS,
        "relation", "contact_type", "last_contact_date", "district_code", "subdistrict_code",
        "quarantine_start_date", "quarantine_place", "test_result", "became_case_ref",
        "import_notes",
    ),
    "place": (
        "place_ref", "place_name", "place_type", "address", "district_code", "subdistrict_code",
        "latitude", "longitude", "report_date", "import_notes",
    ),
    "case_link": (
        "link_ref", "infector_case_ref", "infectee_case_ref", "relation", "relation_type",
        "evidence", "import_notes",
    ),
    "daily_summary": (
        "report_date", "district_code", "cumulative_cases", "count_new_cases",
        "count_severe", "count_critical", "cumulative_recovered", "cumulative_deaths",
        "count_in_hospital", "count_under_observation",
    ),
    "cluster": (
        "cluster_ref", "cluster_name", "district_code", "subdistrict_code", "is_group",
        "confirmed_count", "latitude", "longitude", "import_notes",
    ),
    "region": (
        "region_code", "region_level", "province", "city", "latitude", "longitude",
        "elementary_school_count", "kindergarten_count", "university_count", "academy_ratio",
        "elderly_population_ratio", "elderly_alone_ratio", "nursing_home_count",
    ),
}
LIST_KEYS = frozenset({"id_card_problems", "import_notes"})

# The dates a case's partition date is taken from, in order of preference.
CASE_DATE_BASES = (("report_date", "report"), ("confirmed_date", "confirmed"),
                   ("first_visit_date", "first_visit"), ("onset_date", "onset"))


def build_record(entity: str, **values: object) -> dict:
    """Return a record with every key of the entity: missing ones null, or [] for lists.

    Dates become ISO strings. For a case, ``case_date`` and ``case_date_basis`` are filled
    from the first known of report, confirmed, first visit and onset date.
    """
    keys = ENTITY_KEYS[entity]
    unknown = set(values) - set(keys)
    if unknown:
        raise ValueError(f"keys {sorted(unknown)} are not {entity} keys in docs/raw-contract.md")
    record = {key: _json_value(values.get(key, [] if key in LIST_KEYS else None))
              for key in keys}
    if entity == "case":
        for date_key, basis in CASE_DATE_BASES:
            if record[date_key] is not None:
                record["case_date"], record["case_date_basis"] = record[date_key], basis
                break
    return record


def _json_value(value: object) -> object:
    if isinstance(value, dt.date):
        return value.isoformat()
    return value
