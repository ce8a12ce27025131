"""Content of a generated 200-case dataset: identities, geography, links, timelines, layout."""

import datetime as dt
from collections import Counter

from liudiao import idcard, phone
from liudiao.jurisdictions import load as load_jurisdiction
from orchestration.demo_data.people import load_provinces
from orchestration.demo_data.writers import (
    CASE_COLUMNS,
    CONTACT_COLUMNS,
    EVENT_COLUMNS,
    PLACE_COLUMNS,
)
from tests.demo_data.conftest import CASES

SHENZHEN = load_jurisdiction("shenzhen")
EXPECTED_HEADERS = {"cases": list(CASE_COLUMNS), "events": list(EVENT_COLUMNS),
                    "close_contacts": list(CONTACT_COLUMNS), "places": list(PLACE_COLUMNS)}


def _date(text):
    return dt.date.fromisoformat(text)


def _age_on(birth, day):
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def _people(dataset):
    """(row, reference date for its age) of every case and contact."""
    for row in dataset.rows["cases"]:
        yield row, _date(row["report_date"])
    for row in dataset.rows["close_contacts"]:
        yield row, _date(row["last_contact_date"])


# Layout ------------------------------------------------------------------------------------

def test_headers_are_canonical(dataset):
    assert dataset.headers
    for path, header in dataset.headers.items():
        assert header == EXPECTED_HEADERS[path.stem], path


def test_folders_are_report_date_and_district(dataset):
    district_codes = {district.code for district in SHENZHEN.districts}
    for path in dataset.headers:
        assert _date(path.parent.parent.name)
        assert path.parent.name in district_codes, path


def test_readme_says_synthetic(demo_dir):
    text = (demo_dir / "README.txt").read_text(encoding="utf-8")
    assert "模拟数据" in text
    assert "虚构" in text


def test_case_count_is_near_requested(dataset):
    count = len(dataset.rows["cases"])
    assert CASES * 0.8 <= count <= CASES


def test_refs_are_unique(dataset):
    for stem, column in (("cases", "case_ref"), ("events", "event_ref"),
                         ("close_contacts", "contact_ref"), ("places", "place_ref")):
        refs = [row[column] for row in dataset.rows[stem]]
        assert len(refs) == len(set(refs)), stem


# Identities ----------------------------------------------------------------------------------

def test_id_cards_are_valid(dataset):
    for row, _day in _people(dataset):
        check = idcard.validate(row["id_card_number"])
        assert check.is_valid, (row["id_card_number"], check.problems)


def test_id_cards_match_sex_and_age(dataset):
    for row, day in _people(dataset):
        check = idcard.validate(row["id_card_number"])
        assert check.sex == row["sex"]
        assert _age_on(check.birth_date, day) == int(row["age"])


def test_id_card_regions_are_known_birthplaces(dataset):
    regions = {code for province in load_provinces() for code in province.region_codes}
    for row, _day in _people(dataset):
        assert row["id_card_number"][:6] in regions


def test_phones_are_mobiles(dataset):
    for row, _day in _people(dataset):
        assert phone.is_mobile(row["phone"]), row["phone"]


def test_names_look_chinese(dataset):
    for row, _day in _people(dataset):
        name = row["name"]
        assert 2 <= len(name) <= 4
        assert all("\u4e00" <= character <= "\u9fff" for character in name)


def test_surnames_follow_frequencies(dataset):
    surnames = Counter(row["name"][0] for row, _day in _people(dataset))
    most_common = [surname for surname, _count in surnames.most_common(10)]
    assert "陈" in most_common
    assert "李" in most_common


# Geography -----------------------------------------------------------------------------------

def test_districts_and_subdistricts_exist(dataset):
    for stem in ("cases", "close_contacts", "places"):
        for row in dataset.rows[stem]:
            district = SHENZHEN.find_district(row["district"])
            assert district is not None, row["district"]
            subdistrict = SHENZHEN.find_subdistrict(row["subdistrict"])
            assert subdistrict is not None, row["subdistrict"]
            assert subdistrict.district_code == district.code


def test_event_districts_exist(dataset):
    for row in dataset.rows["events"]:
        if row["district"]:
            district = SHENZHEN.find_district(row["district"])
            assert district is not None, row["district"]
        if row["subdistrict"]:
            subdistrict = SHENZHEN.find_subdistrict(row["subdistrict"])
            assert subdistrict.district_code == district.code


def test_case_folder_is_residence_district(dataset):
    for row in dataset.rows["cases"]:
        assert SHENZHEN.find_district(row["district"]).code == row["_folder_district"]
        assert row["residence_address"].startswith(row["district"] + row["subdistrict"])


def test_coordinates_are_in_shenzhen(dataset):
    for stem in ("events", "places"):
        for row in dataset.rows[stem]:
            if row["latitude"]:
                assert 22.4 < float(row["latitude"]) < 22.9
                assert 113.7 < float(row["longitude"]) < 114.7


def test_cases_live_in_several_districts(dataset):
    assert len({row["district"] for row in dataset.rows["cases"]}) >= 5


# Links ---------------------------------------------------------------------------------------

def test_events_belong_to_cases_of_their_folder(dataset):
    folders = {row["case_ref"]: (row["_folder_date"], row["_folder_district"])
               for row in dataset.rows["cases"]}
    for stem in ("events", "close_contacts"):
        for row in dataset.rows[stem]:
            assert row["case_ref"] in folders, row["case_ref"]
            assert folders[row["case_ref"]] == (row["_folder_date"], row["_folder_district"])


def test_event_place_refs_exist_in_folder(dataset):
    places = {(row["_folder_date"], row["_folder_district"], row["place_ref"])
              for row in dataset.rows["places"]}
    for row in dataset.rows["events"]:
        if row["place_ref"]:
            assert (row["_folder_date"], row["_folder_district"], row["place_ref"]) in places


def test_secondary_contacts_come_via_close_contacts(dataset):
    close = {row["contact_ref"]: row for row in dataset.rows["close_contacts"]
             if row["contact_level"] == "密接"}
    secondary = [row for row in dataset.rows["close_contacts"] if row["contact_level"] == "次密接"]
    assert secondary
    for row in secondary:
        assert row["via_contact_ref"] in close, row["via_contact_ref"]
        assert close[row["via_contact_ref"]]["case_ref"] == row["case_ref"]


def test_infectors_have_earlier_onset(dataset):
    cases = {row["case_ref"]: row for row in dataset.rows["cases"]}
    linked = [row for row in cases.values() if row["infector_case_ref"]]
    assert len(linked) > len(cases) / 3
    for row in linked:
        infector = cases[row["infector_case_ref"]]
        infector_key = infector["onset_date"] or infector["report_date"]
        case_key = row["onset_date"] or row["report_date"]
        assert infector_key < case_key, (infector["case_ref"], row["case_ref"])


def test_contacts_that_became_cases_are_cases(dataset):
    cases = {row["case_ref"]: row for row in dataset.rows["cases"]}
    became = [row for row in dataset.rows["close_contacts"] if row["became_case_ref"]]
    assert became
    for row in became:
        case = cases[row["became_case_ref"]]
        assert case["id_card_number"] == row["id_card_number"]
        assert row["test_result"] == "阳性"


def test_infected_contact_names_infector(dataset):
    """A case infected by a traced contact appears among its infector's close contacts."""
    contacts = {(row["case_ref"], row["became_case_ref"]) for row in dataset.rows["close_contacts"]}
    linked = [row for row in dataset.rows["cases"] if row["infector_case_ref"]]
    for row in linked:
        assert (row["infector_case_ref"], row["case_ref"]) in contacts


# Timelines -----------------------------------------------------------------------------------

def test_events_fall_within_history_window(dataset):
    cases = {row["case_ref"]: row for row in dataset.rows["cases"]}
    for row in dataset.rows["events"]:
        case = cases[row["case_ref"]]
        key_date = _date(case["onset_date"] or case["report_date"])
        event_date = _date(row["event_date"])
        assert key_date - dt.timedelta(days=14) <= event_date <= _date(case["report_date"])


def test_symptomatic_cases_report_after_onset(dataset):
    for row in dataset.rows["cases"]:
        if row["case_type"] == "确诊病例":
            assert _date(row["onset_date"]) < _date(row["report_date"])
            assert row["severity"]
        else:
            assert row["onset_date"] == ""


def test_seed_cases_are_imported_on_first_day(dataset):
    first_day = min(row["report_date"] for row in dataset.rows["cases"])
    seeds = [row for row in dataset.rows["cases"] if row["report_date"] == first_day]
    assert seeds
    for row in seeds:
        assert row["infection_source"] in ("外省输入", "境外输入")


def test_events_have_plausible_times(dataset):
    for row in dataset.rows["events"]:
        assert row["start_time"] <= row["end_time"], row["event_ref"]


def test_working_days_have_several_events(dataset):
    per_case_day = Counter((row["case_ref"], row["event_date"]) for row in dataset.rows["events"])
    assert max(per_case_day.values()) >= 4
    assert sum(per_case_day.values()) / len(per_case_day) > 1.5


def test_quarantine_starts_after_last_contact(dataset):
    for row in dataset.rows["close_contacts"]:
        assert row["quarantine_start_date"] >= row["last_contact_date"]


def test_reports_span_weeks_and_peak_inside(dataset):
    per_week = Counter((_date(row["report_date"]) - _date(min(
        case["report_date"] for case in dataset.rows["cases"]))).days // 7
        for row in dataset.rows["cases"])
    weeks = sorted(per_week)
    assert len(weeks) >= 3
    peak = max(weeks, key=per_week.get)
    assert per_week[peak] > per_week[weeks[0]]
    assert per_week[peak] > per_week[weeks[-1]]


def test_place_names_vary_between_events(dataset):
    names_by_ref = {}
    for row in dataset.rows["events"]:
        if row["place_ref"]:
            key = (row["_folder_date"], row["_folder_district"], row["place_ref"])
            names_by_ref.setdefault(key, set()).add(row["place_name"])
    assert any(len(names) > 1 for names in names_by_ref.values())


def test_secondary_relation_names_close_contact(dataset):
    for row in dataset.rows["close_contacts"]:
        if row["contact_level"] == "次密接":
            assert row["relation"].startswith("密接者"), row["relation"]
