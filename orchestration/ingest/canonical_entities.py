"""Canonical rows → records: one function per table, each raising RowRejected on bad values.

A row arrives as {column name: cleaned text or None}. A case row also yields one case_link
record per entry of its infector column.
"""

from __future__ import annotations

from liudiao.jurisdictions import District
from orchestration.ingest.entities import build_record
from orchestration.ingest.locations import Locations
from orchestration.ingest.people import person_fields
from orchestration.ingest.values import (
    RowRejected,
    parse_choice,
    parse_date,
    parse_latitude,
    parse_longitude,
    parse_time,
    require,
    split_refs,
)

CASE_TYPES = {"确诊病例": "confirmed", "确诊": "confirmed", "confirmed": "confirmed",
              "无症状感染者": "asymptomatic", "无症状": "asymptomatic",
              "asymptomatic": "asymptomatic"}
INFECTION_SOURCES = {"本土": "local", "外省输入": "imported_domestic",
                     "境外输入": "imported_abroad", "local": "local",
                     "imported_domestic": "imported_domestic",
                     "imported_abroad": "imported_abroad"}
EVENT_TYPES = {
    "居家": "home", "工作": "work", "就餐": "dining", "购物": "shopping", "交通": "transport",
    "就医": "medical", "外出旅行": "travel", "抵深": "arrival", "发病": "onset",
    "核酸检测": "test", "聚会": "social", "其他": "other", "就诊": "hospital_visit",
    "入院": "admission", "出院": "discharge",
    **{name: name for name in ("home", "work", "dining", "shopping", "transport", "medical",
                               "travel", "arrival", "onset", "test", "social", "other",
                               "hospital_visit", "admission", "discharge")},
}
CONTACT_LEVELS = {"密接": "close", "密切接触者": "close", "close": "close",
                  "次密接": "secondary", "次密切接触者": "secondary", "secondary": "secondary"}
CONTACT_TYPES = {"同住": "household", "同事": "work", "社交": "social", "同乘": "transport",
                 "医疗": "medical", "同场所": "place", "其他": "other",
                 **{name: name for name in ("household", "work", "social", "transport",
                                            "medical", "place", "other")}}
TEST_RESULTS = {"阴性": "negative", "阳性": "positive", "待检": "pending",
                "negative": "negative", "positive": "positive", "pending": "pending"}


def case_records(row: dict, locations: Locations) -> tuple[dict, list[tuple[str, dict]]]:
    """Return the case record and its (link_ref, case_link record) pairs."""
    notes: list[str] = []
    case_ref = require(row["case_ref"], "病例编号")
    report_date = parse_date(require(row["report_date"], "报告日期"), "报告日期")
    district = locations.case_district(require(row["district"], "报告辖区"), "报告辖区", notes)
    person = person_fields(name=row["name"], sex=row["sex"], age=row["age"],
                           id_card_number=row["id_card_number"], phone_number=row["phone"],
                           reference_date=report_date, notes=notes)
    record = build_record(
        "case", case_ref=case_ref, **person,
        district_code=district.code,
        subdistrict_code=subdistrict_code(locations, district, row["subdistrict"],
                                          "现住址街道", notes),
        residence_address=row["residence_address"],
        report_date=report_date,
        confirmed_date=parse_date(row["confirmed_date"], "确诊日期"),
        onset_date=parse_date(row["onset_date"], "发病日期"),
        case_type=parse_choice(row["case_type"], "病例类型", CASE_TYPES),
        severity=row["severity"],
        infection_source=parse_choice(row["infection_source"], "感染来源", INFECTION_SOURCES),
        cluster_ref=row["cluster_ref"],
        details=row["notes"],
        import_notes=notes,
    )
    links = []
    for infector in split_refs(row["infector_case_ref"]):
        link_ref = f"{infector}->{case_ref}"
        links.append((link_ref, build_record(
            "case_link", link_ref=link_ref, infector_case_ref=infector,
            infectee_case_ref=case_ref, evidence="病例表「传染来源病例编号」列")))
    return record, links


def event_record(row: dict, locations: Locations) -> dict:
    notes: list[str] = []
    district = locations.district_or_other(row["district"])
    if district is not None and row["district"] and district.code == locations.other_code:
        notes.append(f"所在区「{row['district']}」不在本辖区内，记为其他地区")
    return build_record(
        "event",
        event_ref=require(row["event_ref"], "轨迹编号"),
        case_ref=require(row["case_ref"], "病例编号"),
        event_date=parse_date(require(row["event_date"], "日期"), "日期"),
        start_time=parse_time(row["start_time"], "开始时间"),
        end_time=parse_time(row["end_time"], "结束时间"),
        event_type=parse_choice(row["event_type"], "活动类型", EVENT_TYPES),
        place_ref=row["place_ref"],
        place_name=row["place_name"],
        address=row["address"],
        district_code=district.code if district else None,
        subdistrict_code=subdistrict_code(locations, district, row["subdistrict"], "所在街道",
                                          notes),
        latitude=parse_latitude(row["latitude"], "纬度"),
        longitude=parse_longitude(row["longitude"], "经度"),
        description=row["description"],
        import_notes=notes,
    )


def close_contact_record(row: dict, locations: Locations) -> dict:
    notes: list[str] = []
    contact_level = parse_choice(require(row["contact_level"], "接触者类别"), "接触者类别",
                                 CONTACT_LEVELS)
    if contact_level == "secondary" and row["via_contact_ref"] is None:
        raise RowRejected("missing_required", "次密接必须填写「关联密接编号」")
    last_contact_date = parse_date(require(row["last_contact_date"], "末次接触日期"),
                                   "末次接触日期")
    district = locations.require_district(require(row["district"], "管理辖区"), "管理辖区")
    person = person_fields(name=row["name"], sex=row["sex"], age=row["age"],
                           id_card_number=row["id_card_number"], phone_number=row["phone"],
                           reference_date=last_contact_date, notes=notes)
    return build_record(
        "close_contact",
        contact_ref=require(row["contact_ref"], "接触者编号"),
        case_ref=require(row["case_ref"], "关联病例编号"),
        contact_level=contact_level,
        via_contact_ref=row["via_contact_ref"],
        **person,
        relation=row["relation"],
        contact_type=parse_choice(row["contact_type"], "接触方式", CONTACT_TYPES),
        last_contact_date=last_contact_date,
        district_code=district.code,
        subdistrict_code=subdistrict_code(locations, district, row["subdistrict"], "管理街道",
                                          notes),
        quarantine_start_date=parse_date(row["quarantine_start_date"], "隔离开始日期"),
        quarantine_place=row["quarantine_place"],
        test_result=parse_choice(row["test_result"], "核酸结果", TEST_RESULTS),
        became_case_ref=row["became_case_ref"],
        import_notes=notes,
    )


def place_record(row: dict, locations: Locations) -> dict:
    notes: list[str] = []
    district = locations.require_district(require(row["district"], "所在区"), "所在区")
    return build_record(
        "place",
        place_ref=require(row["place_ref"], "场所编号"),
        place_name=require(row["place_name"], "场所名称"),
        place_type=row["place_type"],
        address=row["address"],
        district_code=district.code,
        subdistrict_code=subdistrict_code(locations, district, row["subdistrict"], "所在街道",
                                          notes),
        latitude=parse_latitude(row["latitude"], "纬度"),
        longitude=parse_longitude(row["longitude"], "经度"),
        report_date=parse_date(row["report_date"], "报告日期"),
        import_notes=notes,
    )


def subdistrict_code(locations: Locations, district: District | None, text: str | None,
                     column: str, notes: list[str]) -> str | None:
    """Return the subdistrict's code; an unknown name is noted and left out, not rejected."""
    if text is None or district is None or district.code == locations.other_code:
        return None
    subdistrict = locations.subdistrict(district, text)
    if subdistrict is None:
        notes.append(f"{column}「{text}」不在{district.name}的街道名单中，街道留空")
        return None
    return subdistrict.code

