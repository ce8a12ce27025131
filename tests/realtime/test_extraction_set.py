"""The labelled transcript set: it is built from its source, and the extractor meets its targets."""

from pathlib import Path

import pytest

from realtime.extraction.evaluate import DEFAULT_SET, evaluate
from realtime.extraction.labelled_set import build_records, load_records, split_of

SOURCE_DIR = Path(__file__).parent / "extraction_set"
# Floors on the dev calls (c001–c090 and d…), just under the figures reached there.
DEV_FLOORS = {"phone": 0.98, "id_card": 0.98, "name": 0.98, "place": 0.98}
# Floors on the calls held out in round two (c091 on), just under the figures they reached when
# first scored: name 0.957, place 0.921 (docs/benchmarks.md).
HELD_OUT_FLOORS = {"phone": 0.98, "id_card": 0.98, "name": 0.95, "place": 0.91}


@pytest.fixture(scope="module")
def records():
    return load_records(DEFAULT_SET)


@pytest.fixture(scope="module")
def report(records):
    return evaluate(records)


def test_set_is_built_from_source(records):
    sources = sorted(SOURCE_DIR.glob("*.txt"))
    built = [record for source in sources
             for record in build_records(source.read_text(encoding="utf-8"))]
    assert records == built


def test_set_size(records):
    assert len(records) >= 300


@pytest.mark.parametrize(("call_id", "split"), [
    ("c001", "dev"), ("c005", "dev"), ("c060", "dev"), ("c061", "dev"), ("c090", "dev"),
    ("d001", "dev"), ("d017", "dev"), ("c091", "held_out"), ("c120", "held_out"),
])
def test_split_of_call(call_id, split):
    assert split_of(call_id) == split


def test_label_must_spell_its_value():
    source = "# call c001\nF 电话[一三八零零一三八零零零|phone=13800138001]\n"
    with pytest.raises(ValueError, match="spoken digits 13800138000 do not spell 13800138001"):
        build_records(source)


def test_unlabelled_number_rejected():
    source = "# call c001\nF 电话一三八零零一三八零零零\n"
    with pytest.raises(ValueError, match="unmarked number"):
        build_records(source)


def test_split_label_spans_both_segments():
    source = "# call c001\nF 号码[一三八|phone=13800138000>\nF <零零一三八零零零]。\n"
    first, second = build_records(source)
    assert first["expected"] == []
    assert second["expected"] == [{"type": "phone", "value": "13800138000", "start": 2, "end": 13}]


@pytest.mark.parametrize("entity_type", sorted(DEV_FLOORS))
def test_f1_on_dev_calls(report, entity_type):
    assert report.tally("dev", entity_type).f1 >= DEV_FLOORS[entity_type]


@pytest.mark.parametrize("entity_type", sorted(HELD_OUT_FLOORS))
def test_f1_on_held_out_calls(records, report, entity_type):
    if not any(record["split"] == "held_out" for record in records):
        pytest.skip("no held-out calls in the set yet (every call so far is up to c090)")
    assert report.tally("held_out", entity_type).f1 >= HELD_OUT_FLOORS[entity_type]
