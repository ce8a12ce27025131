"""Candidate pairs of place nodes and their similarity scores, computed column-wise.

A node is one distinct (district, subdistrict, core name, coordinates) among the mentions.
Pairs are only formed inside a district (blocking), from two sources:

- names: nodes sharing a character bigram of their core name, where the bigram occurs in at
  most ``max_posting`` nodes of the district, plus every pair with the same core name. A
  bigram such as 花园 in thousands of names would pair them all for little evidence;
- coordinates: generic names (hospital, 超市) with precise coordinates, pairing the same name
  in neighbouring ~100 m grid cells.

The score of a pair (0 to 1) is described in :func:`score_pairs`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

EARTH_RADIUS_M = 6_371_000.0
GRID_DEGREES = 0.001  # about 110 m of latitude


@dataclass(frozen=True)
class MergeSettings:
    """Thresholds of the place merge; the defaults are the ones docs/analytics.md explains."""

    threshold: float = 0.5  # minimum pair score for an edge, and minimum average linkage
    max_distance_m: float = 500.0  # farther apart, two mentions are different places
    same_place_distance_m: float = 25.0  # this close, coordinates agree fully
    generic_max_distance_m: float = 100.0  # generic names further apart never match
    containment_score: float = 0.8  # one name inside the other (3 characters or more)
    coordinate_bonus: float = 0.2  # added to a name score of 0.3 or more when close
    max_posting: int = 200
    reference_radius_m: float = 100.0  # this close to a district's own point: a placeholder


def bigrams(text: str) -> list[str]:
    """Return the distinct character bigrams of ``text``; a 1-character text is its own gram."""
    if len(text) < 2:
        return [text] if text else []
    return sorted({text[i:i + 2] for i in range(len(text) - 1)})


def haversine_m(lat_a, lon_a, lat_b, lon_b):
    """Return the great-circle distance in metres (arrays or scalars, degrees in)."""
    lat_a, lon_a, lat_b, lon_b = (np.radians(np.asarray(value, dtype=float))
                                  for value in (lat_a, lon_a, lat_b, lon_b))
    half = (np.sin((lat_b - lat_a) / 2) ** 2
            + np.cos(lat_a) * np.cos(lat_b) * np.sin((lon_b - lon_a) / 2) ** 2)
    return 2 * EARTH_RADIUS_M * np.arcsin(np.sqrt(np.clip(half, 0.0, 1.0)))


def node_grams(nodes: pd.DataFrame) -> pd.DataFrame:
    """Return one row per named node and bigram: node_id, block, gram."""
    named = nodes.loc[~nodes["is_generic"], ["node_id", "block", "core_name"]]
    grams = named.assign(gram=named["core_name"].map(bigrams)).explode("gram")
    return grams.dropna(subset=["gram"])[["node_id", "block", "gram"]]


def _ordered_pairs(left: pd.Series, right: pd.Series) -> pd.DataFrame:
    pairs = pd.DataFrame({"node_a": np.minimum(left.to_numpy(), right.to_numpy()),
                          "node_b": np.maximum(left.to_numpy(), right.to_numpy())})
    return pairs[pairs["node_a"] != pairs["node_b"]]


def name_candidates(nodes: pd.DataFrame, grams: pd.DataFrame, max_posting: int) -> pd.DataFrame:
    """Pairs of named nodes in one district that share a rare bigram or the whole core name."""
    posting = grams.groupby(["block", "gram"])["node_id"].transform("size")
    rare = grams[posting <= max_posting]
    joined = rare.merge(rare, on=["block", "gram"], suffixes=("_a", "_b"))
    joined = joined[joined["node_id_a"] < joined["node_id_b"]]
    by_gram = _ordered_pairs(joined["node_id_a"], joined["node_id_b"])

    named = nodes.loc[~nodes["is_generic"], ["node_id", "block", "core_name"]]
    same = named.merge(named, on=["block", "core_name"], suffixes=("_a", "_b"))
    same = same[same["node_id_a"] < same["node_id_b"]]
    by_name = _ordered_pairs(same["node_id_a"], same["node_id_b"])
    return pd.concat([by_gram, by_name]).drop_duplicates(ignore_index=True)


def coordinate_candidates(nodes: pd.DataFrame) -> pd.DataFrame:
    """Pairs of generic-name nodes with the same name in the same or a neighbouring grid cell."""
    located = nodes[nodes["is_generic"] & nodes["latitude"].notna()].copy()
    if located.empty:
        return pd.DataFrame({"node_a": [], "node_b": []}, dtype="int64")
    located["cell_lat"] = np.floor(located["latitude"] / GRID_DEGREES).astype("int64")
    located["cell_lon"] = np.floor(located["longitude"] / GRID_DEGREES).astype("int64")
    keys = ["block", "core_name", "cell_lat", "cell_lon"]
    neighbours = []
    for shift_lat in (-1, 0, 1):
        for shift_lon in (-1, 0, 1):
            shifted = located[["node_id", *keys]].copy()
            shifted["cell_lat"] += shift_lat
            shifted["cell_lon"] += shift_lon
            neighbours.append(shifted)
    expanded = pd.concat(neighbours)
    joined = located[["node_id", *keys]].merge(expanded, on=keys, suffixes=("_a", "_b"))
    joined = joined[joined["node_id_a"] < joined["node_id_b"]]
    return _ordered_pairs(joined["node_id_a"], joined["node_id_b"]).drop_duplicates(
        ignore_index=True)


def _name_similarity(nodes: pd.DataFrame, grams: pd.DataFrame, pairs: pd.DataFrame,
                     settings: MergeSettings) -> np.ndarray:
    """Bigram Jaccard, raised to ``containment_score`` when one name contains the other."""
    counts = grams.groupby("node_id").size()
    left = pairs[["node_a", "node_b"]].reset_index().rename(columns={"index": "pair"})
    shared = (left.merge(grams[["node_id", "gram"]], left_on="node_a", right_on="node_id")
              .merge(grams[["node_id", "gram"]], left_on=["node_b", "gram"],
                     right_on=["node_id", "gram"]))
    intersection = shared.groupby("pair").size().reindex(pairs.index, fill_value=0).to_numpy()
    size_a = counts.reindex(pairs["node_a"]).fillna(0).to_numpy()
    size_b = counts.reindex(pairs["node_b"]).fillna(0).to_numpy()
    union = size_a + size_b - intersection
    jaccard = np.divide(intersection, union, out=np.zeros(len(pairs)), where=union > 0)

    core = nodes.set_index("node_id")["core_name"]
    core_a = core.reindex(pairs["node_a"]).to_numpy()
    core_b = core.reindex(pairs["node_b"]).to_numpy()
    may_contain = (intersection == np.minimum(size_a, size_b)) & (intersection > 0)
    for position in np.flatnonzero(may_contain):
        shorter, longer = sorted((core_a[position], core_b[position]), key=len)
        if len(shorter) >= 3 and shorter in longer:
            jaccard[position] = max(jaccard[position], settings.containment_score)
    jaccard[core_a == core_b] = 1.0

    return jaccard


def _geo_similarity(distance: np.ndarray, settings: MergeSettings) -> np.ndarray:
    """1 within ``same_place_distance_m``, falling linearly to 0 at ``generic_max_distance_m``."""
    span = settings.generic_max_distance_m - settings.same_place_distance_m
    return np.clip((settings.generic_max_distance_m - distance) / span, 0.0, 1.0)


def score_pairs(nodes: pd.DataFrame, pairs: pd.DataFrame, settings: MergeSettings,
                grams: pd.DataFrame | None = None) -> pd.DataFrame:
    """Add ``name_similarity``, ``distance_m``, ``is_conflict`` and ``score`` to ``pairs``.

    A pair is in conflict, and scores 0, when both subdistricts are known and differ, both
    coordinates are known and more than ``max_distance_m`` apart, or both core names carry
    numbers and the numbers differ (万象新天2期, 万象新天3期). The clustering never puts
    the two of a conflict in one key place. For two generic names the score is the coordinate agreement
    (same name, within 25 m: 1, falling to 0 at 100 m) and 0 without coordinates. Otherwise
    it is the name similarity (bigram Jaccard; 0.8 when one core name of 3 or more characters
    contains the other), plus 0.2 times the coordinate agreement when the name similarity is
    0.3 or more and both have coordinates.
    """
    grams = node_grams(nodes) if grams is None else grams
    pairs = pairs.reset_index(drop=True)
    indexed = nodes.set_index("node_id")
    a = indexed.reindex(pairs["node_a"])
    b = indexed.reindex(pairs["node_b"])

    name = _name_similarity(nodes, grams, pairs, settings)
    distance = haversine_m(a["latitude"], a["longitude"], b["latitude"], b["longitude"])
    has_distance = ~np.isnan(distance)
    geo = np.where(has_distance, _geo_similarity(np.nan_to_num(distance), settings), 0.0)

    generic = a["is_generic"].to_numpy() | b["is_generic"].to_numpy()
    same_core = a["core_name"].to_numpy() == b["core_name"].to_numpy()
    generic_score = np.where(same_core & has_distance, geo, 0.0)
    bonus = np.where(has_distance & (name >= 0.3), settings.coordinate_bonus * geo, 0.0)
    score = np.where(generic, generic_score, np.minimum(1.0, name + bonus))

    subdistrict_a = a["subdistrict_code"].to_numpy()
    subdistrict_b = b["subdistrict_code"].to_numpy()
    subdistrict_conflict = (pd.notna(subdistrict_a) & pd.notna(subdistrict_b)
                            & (subdistrict_a != subdistrict_b))
    too_far = has_distance & (np.nan_to_num(distance) > settings.max_distance_m)
    numbers_a = a["numbers"].to_numpy()
    numbers_b = b["numbers"].to_numpy()
    number_conflict = (numbers_a != "") & (numbers_b != "") & (numbers_a != numbers_b)
    conflict = subdistrict_conflict | too_far | number_conflict
    return pairs.assign(name_similarity=name, distance_m=distance, is_conflict=conflict,
                        score=np.where(conflict, 0.0, score))
