"""DS4C (Data Science for COVID-19, South Korea): patients, routes, clusters and regions.

Provinces are the districts and cities the subdistricts of the jurisdiction built from
Region.csv. Patients become cases (confirmed_date is the partition date) with one case_link
per id in ``infected_by``. Ids that are unknown or the patient's own are loaded as written,
because a dangling or self link is a finding for the chain analysis. Routes become events,
Case.csv rows clusters, Region.csv rows region records.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from liudiao.jurisdictions import District
from orchestration.ingest.canonical_entities import subdistrict_code
from orchestration.ingest.entities import build_record
from orchestration.ingest.fixed_format import data_rows, open_file, parse_or_reject
from orchestration.ingest.locations import Locations
from orchestration.ingest.people import SEX_CHOICES
from orchestration.ingest.records import FileResult, Record
from orchestration.ingest.values import (
    RowRejected,
    parse_choice,
    parse_date,
    parse_float,
    parse_int,
    parse_latitude,
    parse_longitude,
    require,
    split_refs,
)

SOURCE_NAME = "ds4c"
PATIENTS_FILE = "PatientInfo.csv"
ROUTES_FILE = "PatientRoute.csv"
CLUSTERS_FILE = "Case.csv"
REGION_FILE = "Region.csv"

AGE_BAND = re.compile(r"(\d{1,3})s")
NOT_A_PLACE = {"etc", "-", "from other city"}
INFECTION_SOURCES = {"overseas inflow": "imported_abroad", "etc": None}
ROUTE_TYPES = {
    "hospital": "medical", "pharmacy": "medical",
    "store": "shopping", "beauty_salon": "shopping",
    "restaurant": "dining", "cafe": "dining", "bar": "dining", "bakery": "dining",
    "public_transportation": "transport", "airport": "transport", "gas_station": "transport",
    "church": "social", "pc_cafe": "social", "karaoke": "social", "gym": "social",
    "park": "social",
    "school": "other", "academy": "other", "university": "other", "lodging": "other",
    "bank": "other", "real_estate_agency": "other", "post_office": "other",
    "administrative_area_level_1": "other", "etc": "other",
}


def parse_ds4c(folder: Path, locations: Locations) -> Iterator[FileResult]:
    clusters = parse_or_reject(folder, CLUSTERS_FILE, lambda: parse_clusters(folder, locations))
    cluster_index = _cluster_index(clusters)
    yield parse_or_reject(folder, PATIENTS_FILE,
                          lambda: parse_patients(folder, locations, cluster_index))
    yield parse_or_reject(folder, ROUTES_FILE, lambda: parse_routes(folder, locations))
    yield clusters
    yield parse_or_reject(folder, REGION_FILE, lambda: parse_regions(folder))


def parse_patients(folder: Path, locations: Locations,
                   clusters: dict[tuple[str | None, str], str]) -> FileResult:
    table, result = open_file(folder, PATIENTS_FILE, SOURCE_NAME)
    result.entities.update({"case", "case_link"})
    for row, raw, values in data_rows(table, "case", result, ("patient_id", "confirmed_date")):
        try:
            case = _case_record(values, locations, clusters)
        except RowRejected as error:
            result.reject("case", row.line_number, error.reason_code, error.reason, raw)
            continue
        if row.repair_note is not None:
            case["import_notes"].append(row.repair_note)
        result.add(Record("case", case["case_ref"], row.line_number, case), raw)
        for link in _link_records(values, case["case_ref"]):
            result.add(Record("case_link", link["link_ref"], row.line_number, link,
                              parent=("case", row.line_number)), raw)
    return result


def _case_record(values: dict, locations: Locations,
                 clusters: dict[tuple[str | None, str], str]) -> dict:
    notes: list[str] = []
    district = _province(values.get("province"), locations, "province", notes)
    confirmed_date = parse_date(values.get("confirmed_date"), "confirmed_date")
    onset_date = parse_date(values.get("symptom_onset_date"), "symptom_onset_date")
    if confirmed_date is None and onset_date is None:
        raise RowRejected("missing_required", "confirmed_date 和 symptom_onset_date 都为空，无法确定病例日期")
    infection_case = values.get("infection_case")
    details = [f"{label}：{values[column]}" for column, label in (
        ("infection_case", "感染途径"), ("country", "国籍"), ("contact_number", "接触人数"),
        ("state", "状态")) if values.get(column)]
    return build_record(
        "case",
        case_ref=require(values.get("patient_id"), "patient_id"),
        sex=parse_choice(values.get("sex"), "sex", SEX_CHOICES),
        age=_age(values.get("age"), notes),
        district_code=district.code,
        subdistrict_code=_city(district, values.get("city"), locations, notes),
        residence_address=", ".join(part for part in (values.get("city"), values.get("province"))
                                    if part) or None,
        confirmed_date=confirmed_date,
        onset_date=onset_date,
        discharge_date=parse_date(values.get("released_date"), "released_date"),
        death_date=parse_date(values.get("deceased_date"), "deceased_date"),
        case_type="confirmed",
        infection_source=INFECTION_SOURCES.get(infection_case, "local")
        if infection_case else None,
        cluster_ref=clusters.get((values.get("province"), infection_case or ""))
        or clusters.get((None, infection_case or "")),
        details="；".join(details) or None,
        import_notes=notes,
    )


def _age(text: str | None, notes: list[str]) -> int | None:
    """Return the lower bound of an age band such as "50s", noting that it is a band."""
    if text is None:
        return None
    match = AGE_BAND.fullmatch(text)
    if match is None:
        return parse_int(text, "age", maximum=130)
    notes.append(f"年龄为年龄段下限（原值 {text}）")
    return int(match.group(1))


def _province(text: str | None, locations: Locations, column: str, notes: list[str]
              ) -> District:
    district = locations.district(text)
    if district is None:
        notes.append(f"{column}「{text}」不是 Region.csv 中的省级行政区，记为其他地区"
                     if text else f"{column} 为空，记为其他地区")
        return locations.jurisdiction.other
    return district


def _city(district: District, text: str | None, locations: Locations, notes: list[str]
          ) -> str | None:
    if text is None or text in NOT_A_PLACE or text == district.name:
        return None
    return subdistrict_code(locations, district, text, "city", notes)


def _link_records(values: dict, case_ref: str) -> list[dict]:
    raw = values.get("infected_by")
    return [build_record("case_link", link_ref=f"{infector}->{case_ref}",
                         infector_case_ref=infector, infectee_case_ref=case_ref,
                         relation_type="infected_by",
                         evidence=f"PatientInfo.csv infected_by「{raw}」")
            for infector in dict.fromkeys(split_refs(raw))]


def parse_routes(folder: Path, locations: Locations) -> FileResult:
    table, result = open_file(folder, ROUTES_FILE, SOURCE_NAME)
    result.entities.add("event")
    visits: dict[str, int] = {}
    for row, raw, values in data_rows(table, "event", result, ("patient_id", "date", "type")):
        try:
            case_ref = require(values.get("patient_id"), "patient_id")
            visits[case_ref] = visits.get(case_ref, 0) + 1
            event = _event_record(values, case_ref, visits[case_ref], locations)
        except RowRejected as error:
            result.reject("event", row.line_number, error.reason_code, error.reason, raw)
            continue
        result.add(Record("event", event["event_ref"], row.line_number, event), raw)
    return result


def _event_record(values: dict, case_ref: str, number: int, locations: Locations) -> dict:
    notes: list[str] = []
    district = _province(values.get("province"), locations, "province", notes)
    route_type = require(values.get("type"), "type")
    if route_type not in ROUTE_TYPES:
        notes.append(f"地点类型「{route_type}」未对应活动类型，记为其他")
    return build_record(
        "event",
        event_ref=f"{case_ref}-{number}",
        case_ref=case_ref,
        event_date=parse_date(require(values.get("date"), "date"), "date"),
        event_type=ROUTE_TYPES.get(route_type, "other"),
        district_code=district.code,
        subdistrict_code=_city(district, values.get("city"), locations, notes),
        latitude=parse_latitude(values.get("latitude"), "latitude"),
        longitude=parse_longitude(values.get("longitude"), "longitude"),
        description=route_type,
        import_notes=notes,
    )


def parse_clusters(folder: Path, locations: Locations) -> FileResult:
    table, result = open_file(folder, CLUSTERS_FILE, SOURCE_NAME)
    result.entities.add("cluster")
    for row, raw, values in data_rows(table, "cluster", result, ("case_id", "infection_case")):
        notes: list[str] = []
        try:
            district = _province(values.get("province"), locations, "province", notes)
            cluster = build_record(
                "cluster",
                cluster_ref=require(values.get("case_id"), "case_id"),
                cluster_name=require(values.get("infection_case"), "infection_case"),
                district_code=district.code,
                subdistrict_code=_city(district, values.get("city"), locations, notes),
                is_group=parse_choice(values.get("group"), "group",
                                      {"TRUE": True, "FALSE": False}),
                confirmed_count=parse_int(values.get("confirmed"), "confirmed"),
                latitude=parse_latitude(_number(values.get("latitude")), "latitude"),
                longitude=parse_longitude(_number(values.get("longitude")), "longitude"),
                import_notes=notes,
            )
        except RowRejected as error:
            result.reject("cluster", row.line_number, error.reason_code, error.reason, raw)
            continue
        result.add(Record("cluster", cluster["cluster_ref"], row.line_number, cluster), raw)
    return result


def _number(text: str | None) -> str | None:
    """Return None for the "-" that Case.csv writes for an unknown coordinate."""
    return None if text == "-" else text


def _cluster_index(clusters: FileResult) -> dict[tuple[str | None, str], str]:
    """Return {(province, name): cluster_ref} for group clusters, and {(None, name): …} for
    names that only one group cluster carries."""
    index: dict[tuple[str | None, str], str] = {}
    by_name: dict[str, list[str]] = {}
    for record in clusters.records:
        cluster = record.record
        if not cluster["is_group"]:
            continue
        raw = clusters.raw_rows[("cluster", record.line_number)]
        index[(raw.get("province"), cluster["cluster_name"])] = cluster["cluster_ref"]
        by_name.setdefault(cluster["cluster_name"], []).append(cluster["cluster_ref"])
    for name, refs in by_name.items():
        if len(refs) == 1:
            index[(None, name)] = refs[0]
    return index


def parse_regions(folder: Path) -> FileResult:
    table, result = open_file(folder, REGION_FILE, SOURCE_NAME)
    result.entities.add("region")
    numeric = ("elementary_school_count", "kindergarten_count", "university_count",
               "academy_ratio", "elderly_population_ratio", "elderly_alone_ratio",
               "nursing_home_count")
    for row, raw, values in data_rows(table, "region", result, ("code", "province", "city")):
        try:
            province, city = require(values.get("province"), "province"), values.get("city")
            level = ("national" if province == "Korea" else
                     "province" if city == province else "city")
            region = build_record(
                "region", region_code=require(values.get("code"), "code"), region_level=level,
                province=province, city=city,
                latitude=parse_latitude(values.get("latitude"), "latitude"),
                longitude=parse_longitude(values.get("longitude"), "longitude"),
                **{column: parse_float(values.get(column), column, minimum=0, maximum=1e7)
                   for column in numeric})
        except RowRejected as error:
            result.reject("region", row.line_number, error.reason_code, error.reason, raw)
            continue
        result.add(Record("region", region["region_code"], row.line_number, region), raw)
    return result
