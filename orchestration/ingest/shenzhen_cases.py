"""Shenzhen 2020 bulletin line list, cases file: cases, their reported links, bulletin events.

Each row yields one case, one case_link per entry of ``Relation_ID`` and the dated events the
bulletin text in ``Details`` describes. The residence district comes from
``Residence_Level3``. When that is blank, it comes from the bulletin's first sentence
("深圳市南山区66岁男性患者", "常住深圳福田"). A case living in another city or abroad is in
district ``other``.
"""

from __future__ import annotations

import re

from liudiao.jurisdictions import District
from orchestration.ingest.bulletin import (
    BulletinEvent,
    KnownDates,
    parse_bulletin,
    split_sentences,
)
from orchestration.ingest.entities import build_record
from orchestration.ingest.fixed_format import data_rows, open_file
from orchestration.ingest.locations import Locations
from orchestration.ingest.people import SEX_CHOICES, parse_age
from orchestration.ingest.records import FileResult, Record
from orchestration.ingest.values import RowRejected, parse_choice, parse_date, require, split_refs

CASES_FILE = "shenzhen_cases.csv"
SOURCE_NAME = "shenzhen-2020"
# NOTE: 是 (travelled outside Shenzhen) maps to imported_domestic even for the few cases whose
# bulletin names a trip abroad; the line list has no column that tells the two apart.
TRAVELLED = {"是": "imported_domestic", "否": "local"}
DATE_COLUMNS = {"arrival": "Arrive_Shenzhen_Time", "onset": "Onset_Time",
                "admission": "First_Hospital_Time", "hospital_visit": "First_Hospital_Time",
                "discharge": "Discharge_Time"}


def parse_cases(folder, locations: Locations) -> FileResult:
    table, result = open_file(folder, CASES_FILE, SOURCE_NAME)
    result.entities.update({"case", "case_link", "event"})
    local_names = _local_names(locations)
    for row, raw, values in data_rows(table, "case", result, ("ID", "Details")):
        try:
            case = case_record(values, locations)
        except RowRejected as error:
            result.reject("case", row.line_number, error.reason_code, error.reason, raw)
            continue
        parent = ("case", row.line_number)
        result.add(Record("case", case["case_ref"], row.line_number, case), raw)
        for link in link_records(values, case["case_ref"]):
            result.add(Record("case_link", link["link_ref"], row.line_number, link,
                              parent=parent), raw)
        for event in event_records(values, case, local_names, locations.other_code):
            result.add(Record("event", event["event_ref"], row.line_number, event,
                              parent=parent), raw)
    return result


def case_record(values: dict, locations: Locations) -> dict:
    notes: list[str] = []
    district = residence_district(values, locations, notes)
    travel = [text for text in (
        values.get("Infection_Reason"),
        f"武汉停留：{values['Wuhan_Time']}" if values.get("Wuhan_Time") else None,
        f"最早可能感染：{values['Earliest_Possible_Infection_Time']}"
        if values.get("Earliest_Possible_Infection_Time") else None) if text]
    residence = [values.get(column) for column in
                 ("Residence_Level1", "Residence_Level2", "Residence_Level3")]
    return build_record(
        "case",
        case_ref=require(values.get("ID"), "ID"),
        sex=parse_choice(values.get("Sex"), "Sex", SEX_CHOICES),
        age=parse_age(values.get("Age"), "Age"),
        district_code=district.code,
        residence_address=" ".join(part for part in residence if part) or None,
        onset_date=parse_date(values.get("Onset_Time"), "Onset_Time"),
        first_visit_date=parse_date(values.get("First_Hospital_Time"), "First_Hospital_Time"),
        discharge_date=parse_date(values.get("Discharge_Time"), "Discharge_Time"),
        case_type="confirmed",
        severity=values.get("Condition"),
        infection_source=TRAVELLED.get(values.get("Outsite_Shenzhen_Travel_History") or ""),
        travel_history="；".join(travel) or None,
        details=values.get("Details"),
        import_notes=notes,
    )


def residence_district(values: dict, locations: Locations, notes: list[str]) -> District:
    """Return the district the case lives in: Residence_Level3, else the bulletin, else other."""
    level3 = values.get("Residence_Level3")
    stated = _district_in_first_sentence(values.get("Details") or "", locations)
    if level3 is not None:
        district = locations.district(level3)
        if district is not None:
            if stated is not None and stated.code != district.code:
                notes.append(f"通报文本写居住于{stated.name}，与 Residence_Level3「{level3}」"
                             f"不一致，按 Residence_Level3 记录")
            return district
        notes.append(f"Residence_Level3「{level3}」不是本辖区的行政区")
    if stated is not None:
        notes.append(f"居住区取自通报文本（{stated.name}）")
        return stated
    if values.get("Residence_Level2") == "深圳":
        notes.append("住在深圳但未写行政区，记为其他地区")
    return locations.jurisdiction.other


def _district_in_first_sentence(details: str, locations: Locations) -> District | None:
    """Return the district named right after 深圳 in the first sentence of the bulletin."""
    sentences = split_sentences(details)
    first_sentence = sentences[0] if sentences else ""
    for match in re.finditer(r"深圳市?([\u4e00-\u9fa5]{2,4})", first_sentence):
        for length in (4, 3, 2):
            district = locations.district(match.group(1)[:length])
            if district is not None and district.code != locations.other_code:
                return district
    return None


def link_records(values: dict, case_ref: str) -> list[dict]:
    """Return one case_link per entry of Relation_ID; entries without digits are kept as text."""
    header = _header_line(values.get("Details") or "")
    links = []
    for entry in split_refs(values.get("Relation_ID")):
        number = re.search(r"\d+", entry)
        infector = number.group(0) if number else entry
        notes = [] if number and number.group(0) == entry else [
            f"Relation_ID 的条目「{entry}」按「{infector}」记录"]
        links.append(build_record(
            "case_link", link_ref=f"{infector}->{case_ref}", infector_case_ref=infector,
            infectee_case_ref=case_ref, relation=values.get("Relation"),
            relation_type=values.get("Relation_Type"),
            evidence=header or values.get("Infection_Reason") or "Relation_ID 列",
            import_notes=notes))
    return links


def _header_line(details: str) -> str | None:
    """Return the bulletin's "病例13、14儿媳" line naming the related cases, if it has one."""
    lines = [line.strip(" \u3000") for line in details.splitlines() if line.strip(" \u3000")]
    return lines[0] if len(lines) > 1 and lines[0].startswith("病例") else None


def event_records(values: dict, case: dict, local_names: tuple[str, ...], other_code: str
                  ) -> list[dict]:
    """Return the bulletin's events; travel is outside the jurisdiction, other places unnamed."""
    known = KnownDates(
        arrival=parse_date(values.get("Arrive_Shenzhen_Time"), "Arrive_Shenzhen_Time"),
        onset=parse_date(case["onset_date"], "Onset_Time"),
        first_visit=parse_date(case["first_visit_date"], "First_Hospital_Time"),
        discharge=parse_date(case["discharge_date"], "Discharge_Time"))
    events = parse_bulletin(values.get("Details") or "", known, local_names)
    return [_event_record(case["case_ref"], number, event, other_code)
            for number, event in enumerate(events, start=1)]


def _event_record(case_ref: str, number: int, event: BulletinEvent, other_code: str) -> dict:
    notes = []
    if event.date_basis == "known":
        notes.append(f"通报文本未写日期，取自病例表 {DATE_COLUMNS[event.event_type]} 列")
    elif event.date_basis == "sentence":
        notes.append("通报文本此处未写日期，沿用同一句中前面的日期")
    return build_record(
        "event", event_ref=f"{case_ref}-{number}", case_ref=case_ref,
        event_date=event.event_date, event_type=event.event_type,
        district_code=other_code if event.event_type == "travel" else None,
        description=event.clause, source_sentence=event.sentence, import_notes=notes)


def _local_names(locations: Locations) -> tuple[str, ...]:
    """Return the names that mean "in the jurisdiction" in bulletin text: 深圳, 深, 南山区, 南山…"""
    names = {"深"} | {name for name in locations.jurisdiction.aliases if not name.isascii()}
    for district in locations.jurisdiction.districts:
        names.update(name for name in (district.name, *district.aliases) if not name.isascii())
    return tuple(sorted(names, key=len, reverse=True))
