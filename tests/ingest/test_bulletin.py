"""The bulletin parser against hand-checked sentences, and its date rules one by one.

bulletin_sample.csv holds bulletin sentences of the Shenzhen 2020 line list with the events a
reader finds in each (type and date), checked by hand: a random sample, a held-out random
sample annotated after the rules were last changed, and hard cases picked for their traps.
The figures asserted here are the ones docs/bulletin-parsing.md reports.
"""

import csv
import datetime as dt
from collections import Counter
from pathlib import Path

import pytest

from orchestration.ingest.bulletin import KnownDates, parse_bulletin, split_sentences

SAMPLE = Path(__file__).with_name("bulletin_sample.csv")

# (sentences checked, events expected, right, wrong, missed) per sample.
FIGURES = {
    "random": (61, 75, 75, 0, 0),
    "held_out": (44, 53, 53, 0, 0),
    "hard": (55, 66, 65, 0, 1),
}


def _date(text: str) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _sample_cases() -> dict[tuple[str, str], list[dict]]:
    with SAMPLE.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    cases: dict[tuple[str, str], list[dict]] = {}
    for row in rows:
        cases.setdefault((row["sample"], row["case_ref"]), []).append(row)
    return cases


def score_sample() -> dict[str, tuple[int, int, int, int, int]]:
    """Return (sentences, expected, right, wrong, missed) per sample."""
    totals: dict[str, Counter] = {}
    for (sample, _), rows in _sample_cases().items():
        first = rows[0]
        known = KnownDates(_date(first["known_arrival_date"]), _date(first["known_onset_date"]),
                           _date(first["known_first_visit_date"]),
                           _date(first["known_discharge_date"]))
        events = parse_bulletin("".join(row["sentence"] for row in rows), known)
        counts = totals.setdefault(sample, Counter())
        for row in rows:
            expected = Counter(tuple(item.split()) for item in row["expected_events"].split("; ")
                               if item)
            found = Counter((event.event_type, event.event_date.isoformat())
                            for event in events if event.sentence == row["sentence"])
            counts["sentences"] += 1
            counts["expected"] += sum(expected.values())
            counts["right"] += sum((expected & found).values())
            counts["wrong"] += sum((found - expected).values())
            counts["missed"] += sum((expected - found).values())
    return {sample: tuple(counts[key] for key in
                          ("sentences", "expected", "right", "wrong", "missed"))
            for sample, counts in totals.items()}


@pytest.mark.parametrize("sample", sorted(FIGURES))
def test_sample_figures(sample):
    assert score_sample()[sample] == FIGURES[sample]


def test_sample_has_forty_sentences_or_more():
    assert sum(figures[0] for figures in FIGURES.values()) >= 40


def _events(details: str, **known) -> list[tuple[str, str]]:
    known_dates = KnownDates(**{key: dt.date.fromisoformat(value)
                                for key, value in known.items()})
    return [(event.event_type, event.event_date.isoformat())
            for event in parse_bulletin(details, known_dates)]


def test_partial_dates_take_year_and_month_from_context():
    assert _events("2019年12月29日到武汉探亲，2020年1月3日在武汉出现发热等症状，4日返深。10日入院就诊。") == [
        ("travel", "2019-12-29"), ("onset", "2020-01-03"), ("arrival", "2020-01-04"),
        ("admission", "2020-01-10")]


def test_month_without_year_rolls_into_next_year():
    assert _events("2019年12月26日前往武汉旅游，1月2日返回深圳。") == [
        ("travel", "2019-12-26"), ("arrival", "2020-01-02")]


def test_next_day_and_same_evening():
    assert _events("1月18日驾车经湖南，次日抵达湖北洪湖。22日当晚返回深圳，当晚发病。") == [
        ("travel", "2020-01-19"), ("arrival", "2020-01-22"), ("onset", "2020-01-22")]


def test_range_dates_the_event_by_its_first_day():
    assert _events("1月20-27日从武汉到泰国旅行，27日抵达深圳。") == [
        ("travel", "2020-01-20"), ("arrival", "2020-01-27")]


def test_bare_day_crossing_month_end_uses_known_date():
    events = _events("2019年12月26日前往武汉旅游。丈夫8日发病。该患者23日发病，24日入院就诊。",
                     onset="2020-01-23", first_visit="2020-01-24")
    assert events == [("travel", "2019-12-26"), ("onset", "2020-01-23"),
                      ("admission", "2020-01-24")]


def test_bare_day_beyond_month_end_points_back():
    assert _events("1月23日前往贵州贵阳，2月2日返回深圳。31日发病，2月5日入院。") == [
        ("travel", "2020-01-23"), ("arrival", "2020-02-02"), ("onset", "2020-01-31"),
        ("admission", "2020-02-05")]


def test_someone_elses_events_are_left_out():
    assert _events("病例4于2020年1月4日从武汉返深后与其居住。8日出现低烧症状。") == [
        ("onset", "2020-01-08")]
    assert _events("2020年1月22日，父亲从湖北抵达深圳，24日发病。") == [("onset", "2020-01-24")]


def test_people_who_came_are_not_an_arrival():
    assert _events("1月20日曾与武汉来深人员共同就餐。2月3日发病，当日入院。") == [
        ("onset", "2020-02-03"), ("admission", "2020-02-03")]


def test_undated_clause_after_later_marker_takes_known_date():
    events = _events("2020年1月20日从武汉前往北京，25日从北京到郴州，后驾车抵达深圳并入院就诊。",
                     arrival="2020-01-25", first_visit="2020-01-26")
    assert events == [("travel", "2020-01-20"), ("travel", "2020-01-25"),
                      ("arrival", "2020-01-25"), ("admission", "2020-01-26")]


def test_negated_hospital_visit_is_no_event():
    assert _events("2020年1月20日出现咳嗽症状，未就诊处理。") == [("onset", "2020-01-20")]


def test_quarantine_hotel_is_not_an_admission():
    assert _events("2月14日返回深圳，并直接入住湖北返深人员集中隔离点，16日入院就诊。") == [
        ("arrival", "2020-02-14"), ("admission", "2020-02-16")]


def test_departure_then_bare_arrival():
    assert _events("1月25日自驾回深，26日抵达。") == [("arrival", "2020-01-26")]


def test_discharge_event():
    assert _events("2020年1月11日入院就诊。23日已痊愈出院。") == [
        ("admission", "2020-01-11"), ("discharge", "2020-01-23")]


def test_spaces_and_hao_are_read_as_dates():
    assert _events("1 月 15 日乘私家车到武汉，20号返回深圳。") == [
        ("travel", "2020-01-15"), ("arrival", "2020-01-20")]


def test_events_keep_their_source_sentence():
    details = "病例1妻子\n　　65岁女性患者。2020年1月4日返深后出现发热，10日入院就诊。目前情况稳定。"
    events = parse_bulletin(details, KnownDates())
    assert {event.sentence for event in events} == {"2020年1月4日返深后出现发热，10日入院就诊。"}


def test_split_sentences_drops_header_line():
    assert split_sentences("病例13、14儿媳\n\n　　38岁女性患者。目前情况稳定") == [
        "38岁女性患者。", "目前情况稳定"]
