"""Co-presence: candidate sources and proposed close contacts, ranked by score."""

import pandas as pd
import pytest

from orchestration.analytics.copresence import (
    CopresenceSettings,
    close_contact_candidates,
    incubation_weight,
    place_visits,
    source_candidates,
)
from tests.analytics.conftest import case_row
from tests.analytics.test_chains import cases_frame

SETTINGS = CopresenceSettings()
NO_LINKS = pd.DataFrame({"infector_case_id": [], "infectee_case_id": []})


def event(case: str, date: str, place: str, start: str | None = None, end: str | None = None,
          event_type: str = "shopping") -> dict:
    return {"source_name": "test", "case_id": f"test:{case}", "event_date": date,
            "event_type": event_type, "start_time": start, "end_time": end,
            "place_mention_id": f"{case}-{date}-{place}", "key_place_id": place}


def visits_of(*events: dict) -> pd.DataFrame:
    frame = pd.DataFrame(events)
    frame["event_date"] = pd.to_datetime(frame["event_date"])
    return place_visits(frame.drop(columns="key_place_id"),
                        frame[["place_mention_id", "key_place_id"]])


def candidates_of(case: str, table: pd.DataFrame) -> list[str]:
    rows = table[table["case_id"] == f"test:{case}"].sort_values("rank")
    return [candidate.removeprefix("test:") for candidate in rows["candidate_case_id"]]


def test_overlap_outranks_same_day():
    cases = cases_frame(case_row("x", onset="2020-02-06"), case_row("a", onset="2020-02-03"),
                        case_row("b", onset="2020-02-03"))
    visits = visits_of(event("x", "2020-02-01", "mall", "10:00", "11:00"),
                       event("a", "2020-02-01", "mall", "10:30", "12:00"),
                       event("b", "2020-02-01", "mall"))

    table = source_candidates(visits, cases, NO_LINKS, SETTINGS)

    assert candidates_of("x", table) == ["a", "b"]
    row = table[(table["case_id"] == "test:x") & (table["candidate_case_id"] == "test:a")]
    assert row["overlap_minutes"].item() == 30
    assert not row["is_same_day"].item()


def test_disjoint_times_are_not_copresent():
    cases = cases_frame(case_row("x", onset="2020-02-06"), case_row("a", onset="2020-02-03"))
    visits = visits_of(event("x", "2020-02-01", "mall", "10:00", "11:00"),
                       event("a", "2020-02-01", "mall", "14:00", "15:00"))

    assert source_candidates(visits, cases, NO_LINKS, SETTINGS).empty


def test_incubation_window_limits_candidates():
    cases = cases_frame(case_row("x", onset="2020-02-20"), case_row("a", onset="2020-01-30"))
    visits = visits_of(event("x", "2020-02-01", "mall"), event("a", "2020-02-01", "mall"))

    table = source_candidates(visits, cases, NO_LINKS, SETTINGS)
    wider = source_candidates(visits, cases, NO_LINKS, CopresenceSettings(incubation_days=21))

    assert candidates_of("x", table) == []
    assert candidates_of("x", wider) == ["a"]


def test_infectious_candidate_outranks_later_onset():
    cases = cases_frame(case_row("x", onset="2020-02-06"), case_row("early", onset="2020-02-01"),
                        case_row("late", onset="2020-02-15"))
    visits = visits_of(event("x", "2020-02-02", "gym"), event("early", "2020-02-02", "gym"),
                       event("late", "2020-02-02", "gym"))

    table = source_candidates(visits, cases, NO_LINKS, SETTINGS)

    assert candidates_of("x", table) == ["early", "late"]


def test_repeated_copresence_raises_score():
    cases = cases_frame(case_row("x", onset="2020-02-08"), case_row("a", onset="2020-02-03"),
                        case_row("b", onset="2020-02-03"))
    visits = visits_of(event("x", "2020-02-03", "gym"), event("x", "2020-02-04", "bar"),
                       event("a", "2020-02-03", "gym"), event("a", "2020-02-04", "bar"),
                       event("b", "2020-02-03", "gym"))

    table = source_candidates(visits, cases, NO_LINKS, SETTINGS)

    assert candidates_of("x", table) == ["a", "b"]
    assert table.set_index("candidate_case_id").loc["test:a", "count_copresences"].max() == 2


def test_reported_infector_flagged():
    cases = cases_frame(case_row("x", onset="2020-02-06"), case_row("a", onset="2020-02-01"),
                        case_row("b", onset="2020-02-01"))
    visits = visits_of(event("x", "2020-02-02", "gym"), event("a", "2020-02-02", "gym"),
                       event("b", "2020-02-02", "gym"))
    links = pd.DataFrame({"infector_case_id": ["test:a"], "infectee_case_id": ["test:x"]})

    table = source_candidates(visits, cases, links, SETTINGS).set_index("candidate_case_id")

    assert table.loc["test:a", "is_reported_infector"]
    assert not table.loc["test:b", "is_reported_infector"]


def test_incubation_weight_peaks_near_five_days():
    weights = incubation_weight([0, 2, 4, 5, 10, 14])

    assert weights.argmax() == 2
    assert weights[0] < 0.01
    assert weights[3] == pytest.approx(weights.max(), rel=0.1)


def contact(contact_id: str, via: str, date: str, person: str, case_of_record: str | None = None,
            became_case: str | None = None) -> dict:
    return {"close_contact_id": f"test:{contact_id}", "source_name": "test",
            "person_id": person, "case_id": f"test:{case_of_record or via}",
            "contact_level": "close", "contact_type": "household",
            "last_contact_date": pd.Timestamp(date), "became_case_id": became_case}


def test_close_contact_proposed_from_shared_place():
    cases = cases_frame(case_row("x", onset="2020-02-05"), case_row("z", onset="2020-02-10"))
    visits = visits_of(event("x", "2020-02-04", "bus", "08:00", "08:30", event_type="transport"),
                       event("z", "2020-02-04", "bus", "08:10", "08:40"))
    contacts = pd.DataFrame([contact("c1", "z", "2020-02-04", "p1"),
                             contact("c2", "z", "2020-01-20", "p2")])

    table = close_contact_candidates(visits, cases, contacts, SETTINGS)

    assert table["close_contact_id"].tolist() == ["test:c1"]
    row = table.iloc[0]
    assert row["case_id"] == "test:x"
    assert row["contact_type"] == "transport"
    assert row["overlap_minutes"] == 20
    assert not row["is_listed_contact"]


def test_close_contact_outside_infectious_period_skipped():
    cases = cases_frame(case_row("x", onset="2020-02-10"), case_row("z", onset="2020-02-10"))
    visits = visits_of(event("x", "2020-02-04", "bus"), event("z", "2020-02-04", "bus"))
    contacts = pd.DataFrame([contact("c1", "z", "2020-02-04", "p1")])

    assert close_contact_candidates(visits, cases, contacts, SETTINGS).empty


def test_listed_contact_and_cases_not_proposed_twice():
    cases = cases_frame(case_row("x", onset="2020-02-05"), case_row("z", onset="2020-02-10"))
    visits = visits_of(event("x", "2020-02-04", "gym"), event("z", "2020-02-04", "gym"))
    contacts = pd.DataFrame([contact("c1", "z", "2020-02-04", "p1"),
                             contact("c2", "z", "2020-02-04", "p2", became_case="test:q"),
                             contact("c3", "z", "2020-02-04", "p3"),
                             contact("c4", "z", "2020-02-04", "p3", case_of_record="x")])

    table = close_contact_candidates(visits, cases, contacts, SETTINGS).set_index(
        "close_contact_id")

    assert set(table.index) == {"test:c1", "test:c3"}
    assert table.loc["test:c3", "is_listed_contact"]
    assert not table.loc["test:c1", "is_listed_contact"]
