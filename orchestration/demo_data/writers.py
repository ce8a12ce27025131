"""Write the simulated outbreak as district exports in the canonical import format.

One folder per report date and district, ``<YYYY-MM-DD>/<district_code>/``, with
``cases.csv``, ``events.csv``, ``close_contacts.csv`` and ``places.csv`` where they have rows.
Events, contacts and places sit in the folder of the case they belong to.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from orchestration.demo_data.contacts import CLOSE
from orchestration.demo_data.geography import Geography, Place
from orchestration.demo_data.model import Case, Contact, Event
from orchestration.demo_data.people import Person
from orchestration.demo_data.timeline import CONTACT_LOOKBACK_DAYS, clock

CASE_COLUMNS = (
    "case_ref", "report_date", "district", "name", "sex", "age", "id_card_number", "phone",
    "subdistrict", "residence_address", "onset_date", "confirmed_date", "case_type", "severity",
    "infection_source", "infector_case_ref", "cluster_ref", "notes",
)
EVENT_COLUMNS = (
    "event_ref", "case_ref", "event_date", "start_time", "end_time", "event_type", "place_ref",
    "place_name", "address", "district", "subdistrict", "latitude", "longitude", "description",
)
CONTACT_COLUMNS = (
    "contact_ref", "case_ref", "contact_level", "via_contact_ref", "name", "sex", "age",
    "id_card_number", "phone", "relation", "contact_type", "last_contact_date", "district",
    "subdistrict", "quarantine_start_date", "quarantine_place", "test_result", "became_case_ref",
)
PLACE_COLUMNS = (
    "place_ref", "place_name", "place_type", "address", "district", "subdistrict", "latitude",
    "longitude", "report_date",
)
FILES = (("cases", CASE_COLUMNS), ("events", EVENT_COLUMNS),
         ("close_contacts", CONTACT_COLUMNS), ("places", PLACE_COLUMNS))

# Kinds of place that are not published as key places (重点场所) of a case.
NOT_KEY_PLACES = frozenset({"metro", "hotel"})
MIN_CLUSTER_CASES = 3
README = (
    "本目录中的数据是由 liudiao demo-data 命令按随机种子 {seed} 生成的模拟数据，"
    "模拟深圳市一起本土疫情（首批病例报告日期 {start}，共 {cases} 例），"
    "用于演示和测试流调数据平台。其中的姓名、身份证号、手机号、住址、活动轨迹和密切接触者"
    "均为虚构，与真实人员无关；地名和场所取自公开地图，坐标为近似值。"
    "请勿将本数据当作真实疫情信息使用或传播。\n"
)


@dataclass
class DemoSummary:
    """Counts and date range of the files one run wrote."""

    out_dir: Path
    seed: int
    file_count: int = 0
    case_count: int = 0
    event_count: int = 0
    close_contact_count: int = 0
    secondary_contact_count: int = 0
    contacts_became_cases: int = 0
    first_report_date: dt.date | None = None
    last_report_date: dt.date | None = None
    district_codes: list[str] = field(default_factory=list)
    cases_per_day: dict[dt.date, int] = field(default_factory=dict)

    @property
    def day_count(self) -> int:
        if not self.first_report_date or not self.last_report_date:
            return 0
        return (self.last_report_date - self.first_report_date).days + 1


class DatasetWriter:
    def __init__(self, geography: Geography, rng: random.Random):
        self.geography = geography
        self.rng = rng
        self._rows: dict[tuple[dt.date, str], dict[str, list[list]]] = defaultdict(
            lambda: defaultdict(list))
        self._place_refs: dict[tuple[dt.date, str, int], str] = {}
        self._coordinate_texts: dict[int, tuple[str, str]] = {}

    def write(self, cases: list[Case], out_dir: Path, seed: int,
              start_date: dt.date) -> DemoSummary:
        summary = DemoSummary(out_dir=out_dir, seed=seed)
        last_report = max(case.report_date for case in cases)
        cluster_refs = _cluster_refs(cases)
        for case in sorted(cases, key=lambda item: (item.report_date, item.ref)):
            self._add_case(case, cluster_refs, last_report, summary)

        for (report_date, district_code), tables in self._rows.items():
            folder = out_dir / report_date.isoformat() / district_code
            folder.mkdir(parents=True, exist_ok=True)
            for stem, columns in FILES:
                if tables[stem]:
                    _write_csv(folder / f"{stem}.csv", columns, tables[stem])
                    summary.file_count += 1
        (out_dir / "README.txt").write_text(
            README.format(seed=seed, start=start_date.isoformat(), cases=len(cases)),
            encoding="utf-8")
        summary.file_count += 1

        summary.first_report_date = min(case.report_date for case in cases)
        summary.last_report_date = last_report
        summary.district_codes = sorted({case.district_code for case in cases})
        summary.cases_per_day = dict(sorted(Counter(case.report_date for case in cases).items()))
        return summary

    def _add_case(self, case: Case, cluster_refs: dict[int, str], last_report: dt.date,
                  summary: DemoSummary) -> None:
        tables = self._rows[(case.report_date, case.district_code)]
        tables["cases"].append(self._case_row(case, cluster_refs))
        summary.case_count += 1

        key_from = case.key_date - dt.timedelta(days=CONTACT_LOOKBACK_DAYS)
        for number, event in enumerate(case.events, start=1):
            event.ref = f"{case.ref}-{number:03d}"
            is_key = event.place is not None and event.place.kind not in NOT_KEY_PLACES \
                and key_from <= event.event_date <= case.isolation_date
            place_ref = self._place_ref(case, event.place, tables) if is_key else ""
            tables["events"].append(self._event_row(case, event, place_ref))
        summary.event_count += len(case.events)

        close_number = secondary_number = 0
        for contact in case.contacts:
            if contact.level == CLOSE:
                close_number += 1
                contact.ref = f"{case.ref}-MJ{close_number:03d}"
                summary.close_contact_count += 1
            else:
                secondary_number += 1
                contact.ref = f"{case.ref}-CMJ{secondary_number:03d}"
                summary.secondary_contact_count += 1
            summary.contacts_became_cases += contact.became_case is not None
            tables["close_contacts"].append(self._contact_row(contact, last_report))

    # Rows ----------------------------------------------------------------------------------

    def _case_row(self, case: Case, cluster_refs: dict[int, str]) -> list:
        person, geography = case.person, self.geography
        home = person.household.home
        district = geography.district_name(case.district_code)
        subdistrict = geography.subdistrict_name(case.subdistrict_code)
        return [
            case.ref, case.report_date, district, person.name, person.sex,
            person.age_on(case.report_date), person.id_card_number,
            _phone_of(person, case.report_date),
            subdistrict, f"{district}{subdistrict}{home.address}", case.onset_date or "",
            case.report_date if case.onset_date else "", case.case_type, case.severity,
            case.source, case.infector.ref if case.infector else "",
            cluster_refs.get(case.cluster_id, ""), case.notes,
        ]

    def _event_row(self, case: Case, event: Event, place_ref: str) -> list:
        place, rng, geography = event.place, self.rng, self.geography
        row = [event.ref, case.ref, _iso(event.event_date), clock(event.start_minute),
               clock(event.end_minute), event.event_type, place_ref]
        if place is None:
            return row + ["", event.address, "", "", "", "", event.description]
        if event.event_type == "居家" and place is case.person.household.home.place:
            address = self._residence(case)
        else:
            address = geography.full_address(place) if rng.random() < 0.85 else ""
        latitude, longitude = self._coordinates(place) if rng.random() < 0.7 else ("", "")
        return row + [
            geography.written_name(place), address, geography.district_name(place.district_code),
            geography.subdistrict_name(place.subdistrict_code) if rng.random() < 0.8 else "",
            latitude, longitude, event.description,
        ]

    def _contact_row(self, contact: Contact, last_report: dt.date) -> list:
        person, geography = contact.person, self.geography
        home = person.household.home
        if contact.became_case is not None:
            result = "阳性"
        elif contact.quarantine_start_date >= last_report - dt.timedelta(days=1):
            result = "待检"
        else:
            result = "阴性"
        return [
            contact.ref, contact.case.ref, contact.level, contact.via.ref if contact.via else "",
            person.name, person.sex, person.age_on(contact.last_contact_date),
            person.id_card_number, _phone_of(person, contact.last_contact_date), contact.relation,
            contact.contact_type,
            contact.last_contact_date, geography.district_name(home.district_code),
            geography.subdistrict_name(home.subdistrict_code), contact.quarantine_start_date,
            contact.quarantine_place, result,
            contact.became_case.ref if contact.became_case else "",
        ]

    def _place_ref(self, case: Case, place: Place, tables: dict[str, list[list]]) -> str:
        key = (case.report_date, case.district_code, id(place))
        ref = self._place_refs.get(key)
        if ref is None:
            number = len(tables["places"]) + 1
            ref = f"{case.district_code}-{case.report_date:%Y%m%d}-CS{number:03d}"
            self._place_refs[key] = ref
            geography = self.geography
            tables["places"].append([
                ref, geography.written_name(place), place.place_type,
                geography.full_address(place), geography.district_name(place.district_code),
                geography.subdistrict_name(place.subdistrict_code), *self._coordinates(place),
                case.report_date,
            ])
        return ref

    def _coordinates(self, place: Place) -> tuple[str, str]:
        """Latitude and longitude as text, formatted once per place."""
        texts = self._coordinate_texts.get(id(place))
        if texts is None:
            texts = (f"{place.latitude:.6f}", f"{place.longitude:.6f}")
            self._coordinate_texts[id(place)] = texts
        return texts

    def _residence(self, case: Case) -> str:
        geography = self.geography
        return (f"{geography.district_name(case.district_code)}"
                f"{geography.subdistrict_name(case.subdistrict_code)}"
                f"{case.person.household.home.address}")


def _phone_of(person: Person, on_date: dt.date) -> str:
    """Children under 12 have no phone of their own: the export gives an adult's number."""
    if person.age_on(on_date) >= 12 or person.household is None:
        return person.phone
    for member in person.household.members:
        if member.age_on(on_date) >= 20:
            return member.phone
    return person.phone


def _cluster_refs(cases: list[Case]) -> dict[int, str]:
    """Clusters of at least three cases get a ref, numbered by their first report date."""
    members: dict[int, list[Case]] = defaultdict(list)
    for case in cases:
        members[case.cluster_id].append(case)
    large = [group for group in members.values() if len(group) >= MIN_CLUSTER_CASES]
    large.sort(key=lambda group: min(case.report_date for case in group))
    refs = {}
    for number, group in enumerate(large, start=1):
        first = min(case.report_date for case in group)
        refs[group[0].cluster_id] = f"JJ{first:%Y}{number:03d}"
    return refs


def _write_csv(path: Path, columns: tuple[str, ...], rows: list[list]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        writer.writerows(rows)


@cache
def _iso(day: dt.date) -> str:
    """Format a date once: the same few dozen dates fill hundreds of thousands of cells."""
    return day.isoformat()
