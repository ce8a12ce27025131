"""The place merge against the hand-labelled pairs drawn from the public line lists."""

from pathlib import Path

from liudiao.jurisdictions import load
from orchestration.analytics.places.evaluation import evaluate_pairs, read_pairs
from orchestration.analytics.places.pairs import MergeSettings

PAIRS = read_pairs(Path(__file__).with_name("place_pairs.csv"))


def test_labelled_set_is_large_and_mixed():
    counts = PAIRS.groupby("source_name")["is_same_place"].agg(["size", "sum"])

    assert len(PAIRS) >= 300
    assert counts.loc["shenzhen-2020", "sum"] >= 10
    assert counts.loc["ds4c", "sum"] >= 50
    assert set(PAIRS["is_same_place"]) == {0, 1}


def test_merge_precision_and_recall():
    scores, judged = evaluate_pairs(PAIRS, load("shenzhen"))

    wrong = judged[(judged["is_same_place"] == 1) != judged["is_merged"]]
    assert scores.precision >= 0.97, wrong[["pair_id", "text_a", "text_b"]].to_string()
    assert scores.recall >= 0.95, wrong[["pair_id", "text_a", "text_b"]].to_string()


def test_low_threshold_merges_different_places():
    scores, _ = evaluate_pairs(PAIRS, load("shenzhen"), MergeSettings(threshold=0.3))

    assert scores.false_positives > 0
