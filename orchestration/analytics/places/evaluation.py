"""Precision and recall of the place merge on hand-labelled mention pairs.

The pairs file (tests/analytics/place_pairs.csv) has one row per pair: both mentions' text,
district code, coordinates and whether the coordinates are a district's or subdistrict's own
point, and ``is_same_place`` (1 or 0) as labelled by hand. Every side of every pair becomes
one mention, and the merge runs on all of them at once. A pair counts as merged when both
sides end up in one key place.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from liudiao.jurisdictions import Jurisdiction
from orchestration.analytics.places.merge import merge_places
from orchestration.analytics.places.pairs import MergeSettings


@dataclass(frozen=True)
class PairScores:
    true_positives: int
    false_positives: int
    false_negatives: int
    true_negatives: int

    @property
    def precision(self) -> float:
        merged = self.true_positives + self.false_positives
        return self.true_positives / merged if merged else 1.0

    @property
    def recall(self) -> float:
        same = self.true_positives + self.false_negatives
        return self.true_positives / same if same else 1.0


def read_pairs(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype={"district_a": str, "district_b": str}, keep_default_na=False,
                       na_values={"latitude_a": [""], "longitude_a": [""],
                                  "latitude_b": [""], "longitude_b": [""]})


def pair_mentions(pairs: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return one mention per side of each pair, and the reference points among them."""
    sides = []
    for side in ("a", "b"):
        sides.append(pd.DataFrame({
            "place_mention_id": pairs["pair_id"].astype(str) + ":" + side,
            "case_id": pairs["pair_id"].astype(str) + ":" + side,
            "mention_date": pd.Timestamp("2020-02-01"),
            "place_name": pairs[f"text_{side}"],
            "address": None,
            "district_code": pairs[f"district_{side}"],
            "subdistrict_code": None,
            "latitude": pairs[f"latitude_{side}"],
            "longitude": pairs[f"longitude_{side}"],
            "normalized_name": pairs[f"text_{side}"],
            "at_reference_point": pairs[f"at_reference_point_{side}"] == 1,
        }))
    mentions = pd.concat(sides, ignore_index=True)
    reference_points = mentions.loc[mentions["at_reference_point"], ["latitude", "longitude"]]
    return mentions.drop(columns="at_reference_point"), reference_points


def evaluate_pairs(pairs: pd.DataFrame, jurisdiction: Jurisdiction,
                   settings: MergeSettings | None = None) -> tuple[PairScores, pd.DataFrame]:
    """Merge the pairs' mentions; return the scores and the pairs with an ``is_merged`` column."""
    mentions, reference_points = pair_mentions(pairs)
    matches = merge_places(mentions, jurisdiction, settings=settings,
                           reference_points=reference_points)
    key_place = matches.set_index("place_mention_id")["key_place_id"]
    ids = pairs["pair_id"].astype(str)
    judged = pairs.assign(is_merged=(key_place.reindex(ids + ":a").to_numpy()
                                     == key_place.reindex(ids + ":b").to_numpy()))
    same = judged["is_same_place"] == 1
    merged = judged["is_merged"]
    scores = PairScores(
        true_positives=int((same & merged).sum()),
        false_positives=int((~same & merged).sum()),
        false_negatives=int((same & ~merged).sum()),
        true_negatives=int((~same & ~merged).sum()),
    )
    return scores, judged
