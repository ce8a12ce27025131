"""Chain building: issue kinds, cycle breaking, generations and offspring."""

import pandas as pd

from orchestration.analytics.chains import build_chains, case_order
from tests.analytics.conftest import case_row, link_row


def cases_frame(*rows: dict) -> pd.DataFrame:
    frame = pd.DataFrame(rows)
    for column in ("onset_date", "confirmed_date", "case_date", "report_date"):
        frame[column] = pd.to_datetime(frame[column])
    return frame


def links_frame(*rows: dict) -> pd.DataFrame:
    return pd.DataFrame(rows)


def issues_of(result, kind: str) -> pd.DataFrame:
    return result.link_issues[result.link_issues["kind"] == kind]


def member(result, ref: str) -> pd.Series:
    members = result.chain_members.set_index("case_id")
    return members.loc[f"test:{ref}"]


def test_self_link_is_dropped():
    result = build_chains(links_frame(link_row("1", "1", "1")), cases_frame(case_row("1")))

    issues = issues_of(result, "self_link")
    assert list(issues["transmission_link_id"]) == ["test:1"]
    assert list(issues["action"]) == ["dropped_from_graph"]
    assert result.chain_members.empty


def test_unknown_infector_is_dropped():
    result = build_chains(links_frame(link_row("1", "99", "1"), link_row("2", "1", "2")),
                          cases_frame(case_row("1"), case_row("2")))

    issues = issues_of(result, "unknown_case")
    assert list(issues["transmission_link_id"]) == ["test:1"]
    assert list(issues["infector_source_case_ref"]) == ["99"]
    assert set(result.chain_members["case_id"]) == {"test:1", "test:2"}


def test_duplicate_link_keeps_lowest_ref():
    links = links_frame(link_row("10", "1", "2"), link_row("9", "1", "2"))
    result = build_chains(links, cases_frame(case_row("1"), case_row("2")))

    assert list(issues_of(result, "duplicate_link")["transmission_link_id"]) == ["test:10"]
    assert member(result, "2")["transmission_link_id"] == "test:9"


def test_multiple_infectors_keep_earliest_onset():
    cases = cases_frame(case_row("1", onset="2020-01-05"), case_row("2", onset="2020-01-02"),
                        case_row("3", onset="2020-01-09"))
    links = links_frame(link_row("1", "1", "3"), link_row("2", "2", "3"))

    result = build_chains(links, cases)

    issues = issues_of(result, "multiple_infectors")
    assert list(issues["transmission_link_id"]) == ["test:1"]
    assert list(issues["kept_infector_case_id"]) == ["test:2"]
    assert member(result, "3")["infector_case_id"] == "test:2"
    assert "test:1" not in set(result.chain_members["case_id"])


def test_cycle_broken_at_earlier_onset():
    cases = cases_frame(case_row("1", onset="2020-01-08"), case_row("2", onset="2020-01-03"),
                        case_row("3", onset="2020-01-06"))
    links = links_frame(link_row("1", "1", "2"), link_row("2", "2", "3"),
                        link_row("3", "3", "1"))

    result = build_chains(links, cases)

    issues = issues_of(result, "cycle")
    assert list(issues["transmission_link_id"]) == ["test:1"]
    assert list(issues["action"]) == ["broken_by_onset_rule"]
    assert result.transmission_chains["root_case_id"].tolist() == ["test:2"]
    assert member(result, "1")["generation"] == 2


def test_cycle_tie_broken_by_confirmation_then_ref():
    by_confirmation = cases_frame(
        case_row("1", onset="2020-01-03", confirmed="2020-01-09"),
        case_row("2", onset="2020-01-03", confirmed="2020-01-07"))
    by_ref = cases_frame(case_row("10", onset="2020-01-03"), case_row("9", onset="2020-01-03"))
    two_cycle = links_frame(link_row("1", "1", "2"), link_row("2", "2", "1"))
    two_cycle_refs = links_frame(link_row("1", "10", "9"), link_row("2", "9", "10"))

    confirmed_first = build_chains(two_cycle, by_confirmation)
    lower_ref = build_chains(two_cycle_refs, by_ref)

    assert confirmed_first.transmission_chains["root_case_id"].tolist() == ["test:2"]
    assert lower_ref.transmission_chains["root_case_id"].tolist() == ["test:9"]


def test_onset_after_infectee_is_kept():
    cases = cases_frame(case_row("1", onset="2020-01-10"), case_row("2", onset="2020-01-04"))

    result = build_chains(links_frame(link_row("1", "1", "2")), cases)

    issues = issues_of(result, "onset_after_infectee")
    assert list(issues["action"]) == ["kept"]
    assert member(result, "2")["infector_case_id"] == "test:1"


def test_generations_and_offspring():
    cases = cases_frame(*(case_row(str(ref), onset=f"2020-01-{ref:02d}") for ref in range(1, 7)))
    links = links_frame(link_row("a", "1", "2"), link_row("b", "1", "3"), link_row("c", "2", "4"),
                        link_row("d", "4", "5"), link_row("e", "1", "6"))

    result = build_chains(links, cases)

    generations = {ref: member(result, ref)["generation"] for ref in "123456"}
    offspring = {ref: member(result, ref)["offspring_count"] for ref in "123456"}
    assert generations == {"1": 0, "2": 1, "3": 1, "4": 2, "5": 3, "6": 1}
    assert offspring == {"1": 3, "2": 1, "3": 0, "4": 1, "5": 0, "6": 0}
    assert pd.isna(member(result, "1")["infector_case_id"])


def test_chain_summary_columns():
    cases = cases_frame(
        case_row("1", onset="2020-01-01", case_date="2020-01-05", district_code="440303"),
        case_row("2", onset="2020-01-06", case_date="2020-01-20", district_code="440304"),
        case_row("3", onset="2020-01-07", case_date="2020-01-25", district_code="440304"),
        case_row("4", case_date="2020-01-30"))
    links = links_frame(link_row("1", "1", "2"), link_row("2", "2", "3"))

    chain = build_chains(links, cases).transmission_chains.iloc[0]

    assert chain["chain_id"] == "test:chain:1"
    assert chain["size"] == 3
    assert chain["count_generations"] == 3
    assert chain["first_onset_date"] == pd.Timestamp("2020-01-01")
    assert chain["last_case_date"] == pd.Timestamp("2020-01-25")
    assert chain["district_codes"] == ["440303", "440304"]
    assert chain["count_districts"] == 2
    assert chain["growth_reference_date"] == pd.Timestamp("2020-01-30")
    assert chain["growth_last_7_days"] == 1


def test_every_link_accounted_for():
    cases = cases_frame(*(case_row(str(ref), onset=f"2020-01-{ref:02d}") for ref in range(1, 6)))
    links = links_frame(link_row("1", "1", "2"), link_row("2", "2", "2"), link_row("3", "1", "2"),
                        link_row("4", "3", "2"), link_row("5", "4", "5"), link_row("6", "5", "4"),
                        link_row("7", "8", "1"))

    result = build_chains(links, cases)

    in_tree = set(result.chain_members["transmission_link_id"].dropna())
    with_issue = set(result.link_issues["transmission_link_id"])
    assert in_tree | with_issue == set(links["transmission_link_id"])
    assert result.chain_members["case_id"].is_unique


def test_case_order_puts_unknown_onset_last():
    cases = cases_frame(case_row("1"), case_row("2", onset="2020-01-09"),
                        case_row("3", onset="2020-01-02"))

    order = case_order(cases)

    assert order.sort_values().index.tolist() == ["test:3", "test:2", "test:1"]
