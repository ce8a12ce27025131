"""The raw records the dbt tests build the marts from.

They span three sources, two jurisdictions, five districts (one of them `other`) and two
months. They include a case whose events land in another district, an event of an unloaded
case and a dangling transmission link."""

from __future__ import annotations

from liudiao.jurisdictions import District, Jurisdiction
from tests.dbt.raw_fixture import RawRecords

DEMO = "demo"
SHENZHEN = "shenzhen-2020"
DS4C = "ds4c"

LUOHU = "440303"
FUTIAN = "440304"
NANSHAN = "440305"
OTHER = "other"
SEOUL = "10000"

# A second jurisdiction, as the DS4C import writes it: it lists `other` too.
KOREA = Jurisdiction(
    code="KR", name="Korea",
    districts=[District(code=SEOUL, name="Seoul", name_en="Seoul")],
    other=District(code=OTHER, name="其他地区", name_en="Other"),
)

VALID_ID_CARD = "440303199003071234"
CONTACT_ID_CARD = "440304198512120021"


def build_records() -> RawRecords:
    records = RawRecords()
    _add_demo_cases(records)
    _add_demo_events(records)
    _add_demo_contacts(records)
    _add_demo_links_and_counts(records)
    _add_shenzhen_records(records)
    _add_ds4c_records(records)
    return records


def _add_demo_cases(records: RawRecords) -> None:
    records.case(DEMO, "C1", name="张三", sex="男", age=30, id_card_number=VALID_ID_CARD,
                 phone="13800138000", district_code=LUOHU, subdistrict_code="440303003",
                 report_date="2020-02-10", onset_date="2020-02-05", severity="普通型",
                 infection_source="local", travel_history="无")
    records.case(DEMO, "C2", name="李四", sex="女", age=41, district_code=FUTIAN,
                 confirmed_date="2020-02-12", case_type="asymptomatic",
                 infection_source="imported_domestic")
    records.case(DEMO, "C3", name="王五", sex="男", age=25, district_code=OTHER,
                 report_date="2020-03-02", onset_date="2020-02-28",
                 infection_source="imported_abroad")


def _add_demo_events(records: RawRecords) -> None:
    records.event(DEMO, "C1-1", "C1", "2020-02-01", event_type="dining",
                  place_name="东门 步行街（老街）", district_code=LUOHU,
                  start_time="12:00", end_time="13:30", description="午餐")
    records.event(DEMO, "C1-2", "C1", "2020-02-01", event_type="shopping",
                  place_name="东门步行街(老街)", district_code=LUOHU, description="购物")
    records.event(DEMO, "C1-3", "C1", "2020-02-03", event_type="travel",
                  description="乘高铁往返广州")
    # C2 lives in Futian; the event links to a place record for its name and coordinates.
    records.event(DEMO, "C2-1", "C2", "2020-02-05", event_type="work", place_ref="P1",
                  description="上班")
    records.event(DEMO, "C3-1", "C3", "2020-02-25", event_type="arrival",
                  place_name="深圳北站", district_code="440309", description="抵深")
    # The case of this event was never loaded: the event is left out of marts.events.
    records.event(DEMO, "C9-1", "C9", "2020-02-01", event_type="dining", place_name="某餐厅")
    records.add(DEMO, "place", place_ref="P1", place_name="华强北赛格广场", place_type="商场",
                district_code=FUTIAN, latitude=22.5431, longitude=114.0880,
                report_date="2020-02-06")


def _add_demo_contacts(records: RawRecords) -> None:
    records.close_contact(DEMO, "K1", "C1", "2020-02-04", name="赵六",
                          id_card_number=CONTACT_ID_CARD, relation="同事", contact_type="work",
                          district_code=LUOHU, quarantine_start_date="2020-02-10",
                          test_result="negative")
    # A secondary contact without a district of its own: it is managed by the case's.
    records.close_contact(DEMO, "K2", "C1", "2020-02-06", contact_level="secondary",
                          via_contact_ref="K1", relation="家人", contact_type="household",
                          test_result="pending")
    # The same person as case C1 (same ID card number): one person, case and contact.
    records.close_contact(DEMO, "K3", "C2", "2020-02-08", id_card_number=VALID_ID_CARD,
                          relation="朋友", contact_type="social", district_code=LUOHU,
                          test_result="positive", became_case_ref="C1")


def _add_demo_links_and_counts(records: RawRecords) -> None:
    records.add(DEMO, "case_link", link_ref="L1", infector_case_ref="C1",
                infectee_case_ref="C2", relation="同事", relation_type="work")
    # A dangling link: C404 was never loaded.
    records.add(DEMO, "case_link", link_ref="L2", infector_case_ref="C1",
                infectee_case_ref="C404", relation="朋友", relation_type="social")
    records.add(DEMO, "daily_summary", report_date="2020-02-10", district_code=LUOHU,
                cumulative_cases=1)
    records.add(DEMO, "daily_summary", report_date="2020-02-10", district_code="total",
                cumulative_cases=2)


def _add_shenzhen_records(records: RawRecords) -> None:
    # Same case_ref as a demo case: ids stay apart because they carry the source name.
    records.case(SHENZHEN, "C1", sex="女", age=62, district_code=NANSHAN,
                 report_date="2020-02-10", details="南山区新增确诊病例")
    records.event(SHENZHEN, "C1-1", "C1", "2020-02-08", event_type="hospital_visit",
                  place_name="南山医院", district_code=NANSHAN,
                  source_sentence="2月8日到南山医院就诊。")


def _add_ds4c_records(records: RawRecords) -> None:
    records.case(DS4C, "1000000001", sex="男", age=50, district_code=SEOUL,
                 confirmed_date="2020-02-20", infection_source="imported_abroad")
    records.event(DS4C, "1000000001-1", "1000000001", "2020-02-19", event_type="arrival",
                  place_name="Incheon Airport", district_code=OTHER)
