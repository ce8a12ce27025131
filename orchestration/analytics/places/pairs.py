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

import os
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

EARTH_RADIUS_M = 6_371_000.0
# Words a name of a residential estate or building may carry or drop without naming another
# place. Facilities (小学, 医院, 店 …) are not among them.
SAME_PLACE_WORDS = frozenset({
    "花园", "小区", "社区", "新村", "村", "苑", "家园", "山庄", "公寓", "大厦", "大楼", "广场",
    "城", "园", "居", "府", "楼", "住宅区", "宿舍", "宿舍区", "购物中心", "购物广场", "商场",
})
PHASE = re.compile(r"\d+期?|[a-z]区|[a-z]座")
GRID_DEGREES = 0.001  # about 110 m of latitude


@dataclass(frozen=True)
class MergeSettings:
    """Thresholds of the place merge; the defaults are the ones docs/analytics.md explains."""

    threshold: float = 0.5  # minimum pair score for an edge, and minimum average linkage
    max_distance_m: float = 500.0  # farther apart, two mentions are different places
    same_place_distance_m: float = 25.0  # this close, coordinates agree fully
    generic_max_distance_m: float = 100.0  # generic names further apart never match
    containment_score: float = 0.8  # one name plus an estate word (see is_same_place_extension)
    sub_place_cap: float = 0.4  # one name plus anything else: a place inside the other
    min_pair_score: float = 0.25  # a scored pair below this never ends in one key place
    coordinate_bonus: float = 0.2  # added to a name score of 0.3 or more when close
    max_posting: int = 200
    reference_radius_m: float = 100.0  # this close to a district's own point: a placeholder


def bigrams(text: str) -> list[str]:
    """Return the distinct character bigrams of ``text``; a 1-character text is its own gram."""
    if len(text) < 2:
        return [text] if text else []
    return sorted({text[i:i + 2] for i in range(len(text) - 1)})


def is_same_place_extension(name_a: str, name_b: str) -> bool:
    """True when the longer name is the shorter (3 characters or more) plus a word that names
    the same place again: 红树福苑花园 for 红树福苑, 百合星城2期 for 百合星城.

    Any other addition names a place inside or beside it (沙一村小学, 万科广场喜茶), which is a
    key place of its own.
    """
    shorter, longer = sorted((name_a, name_b), key=len)
    if len(shorter) < 3 or shorter not in longer:
        return False
    extra = longer.replace(shorter, "", 1)
    return extra in SAME_PLACE_WORDS or PHASE.fullmatch(extra) is not None


def different_qualifiers(name_a: str, name_b: str) -> bool:
    """True when two names end alike (3 characters or more) but start differently.

    上沙村社区核酸采样点 and 下沙村社区核酸采样点, 湾厦路兰州牛肉拉面 and 丽山路兰州牛肉拉面, or
    宝安大道250号附近公交站 and 福海大道250号附近公交站 are different places. A start that
    contains the other (地铁 and 地铁1号线 before 车公庙站) is not a difference.
    """
    common = len(os.path.commonprefix([name_a[::-1], name_b[::-1]]))
    if common < 3:
        return False
    start_a, start_b = name_a[:-common], name_b[:-common]
    return bool(start_a and start_b and start_a not in start_b and start_b not in start_a)


def different_businesses(name_a: str, brand_a: str, name_b: str, brand_b: str) -> bool:
    """True for a branch and a place that is not the same business.

    Two branches of unrelated businesses (肯德基 and 喜茶 at 京基百纳广场) differ, and so do a
    branch and the place it is in (肯德基 at 深圳湾万象城 and 深圳湾万象城 itself): the other
    name contains the branch's location but not its business.
    """
    if brand_a and brand_b:
        if brand_a in brand_b or brand_b in brand_a:
            return False
        grams_a, grams_b = set(bigrams(brand_a)), set(bigrams(brand_b))
        return len(grams_a & grams_b) / len(grams_a | grams_b) < 0.5
    if brand_b:
        name_a, brand_a, name_b, brand_b = name_b, brand_b, name_a, brand_a
    if not brand_a or brand_a in name_b:
        return False
    location = name_a.removesuffix(brand_a)
    return len(location) >= 2 and location in name_b


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
    """Return the pairs of named nodes of one district sharing a rare bigram or the core name."""
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
    """Return the pairs of generic nodes of one name in the same or a neighbouring grid cell."""
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


def gram_weights(grams: pd.DataFrame) -> pd.Series:
    """Return each (node, gram) row's weight: log(1 + named nodes of the district / nodes with
    the gram there), so 附近公交站 or 大道 in many names counts for less than 航城."""
    nodes_in_block = grams.groupby("block")["node_id"].transform("nunique")
    nodes_with_gram = grams.groupby(["block", "gram"])["node_id"].transform("size")
    return np.log1p(nodes_in_block / nodes_with_gram)


def _name_similarity(nodes: pd.DataFrame, grams: pd.DataFrame, pairs: pd.DataFrame,
                     settings: MergeSettings) -> np.ndarray:
    """Weighted bigram Jaccard, raised to ``containment_score`` when one name is the other
    plus an estate word, capped at ``sub_place_cap`` when it is the other plus anything else."""
    grams = grams.assign(weight=gram_weights(grams))
    counts = grams.groupby("node_id").size()
    totals = grams.groupby("node_id")["weight"].sum()
    left = pairs[["node_a", "node_b"]].reset_index().rename(columns={"index": "pair"})
    shared = (left.merge(grams[["node_id", "gram", "weight"]], left_on="node_a",
                         right_on="node_id")
              .merge(grams[["node_id", "gram"]], left_on=["node_b", "gram"],
                     right_on=["node_id", "gram"]))
    by_pair = shared.groupby("pair")
    intersection = by_pair.size().reindex(pairs.index, fill_value=0).to_numpy()
    shared_weight = by_pair["weight"].sum().reindex(pairs.index, fill_value=0.0).to_numpy()
    size_a = counts.reindex(pairs["node_a"]).fillna(0).to_numpy()
    size_b = counts.reindex(pairs["node_b"]).fillna(0).to_numpy()
    union_weight = (totals.reindex(pairs["node_a"]).fillna(0).to_numpy()
                    + totals.reindex(pairs["node_b"]).fillna(0).to_numpy() - shared_weight)
    jaccard = np.divide(shared_weight, union_weight, out=np.zeros(len(pairs)),
                        where=union_weight > 0)

    core = nodes.set_index("node_id")["core_name"]
    core_a = core.reindex(pairs["node_a"]).to_numpy()
    core_b = core.reindex(pairs["node_b"]).to_numpy()
    may_contain = (intersection == np.minimum(size_a, size_b)) & (intersection > 0)
    for position in np.flatnonzero(may_contain):
        shorter, longer = sorted((core_a[position], core_b[position]), key=len)
        if shorter == longer or shorter not in longer:
            continue
        if is_same_place_extension(shorter, longer):
            jaccard[position] = max(jaccard[position], settings.containment_score)
        else:
            jaccard[position] = min(jaccard[position], settings.sub_place_cap)
    jaccard[core_a == core_b] = 1.0

    return jaccard


def _geo_similarity(distance: np.ndarray, settings: MergeSettings) -> np.ndarray:
    """1 within ``same_place_distance_m``, falling linearly to 0 at ``generic_max_distance_m``."""
    span = settings.generic_max_distance_m - settings.same_place_distance_m
    return np.clip((settings.generic_max_distance_m - distance) / span, 0.0, 1.0)


def score_pairs(nodes: pd.DataFrame, pairs: pd.DataFrame, settings: MergeSettings,
                grams: pd.DataFrame | None = None) -> pd.DataFrame:
    """Add ``name_similarity``, ``distance_m``, ``is_conflict`` and ``score`` to ``pairs``.

    A pair is in conflict, and scores 0, in any of these cases. Both subdistricts are known
    and differ. Both coordinates are known and more than ``max_distance_m`` apart. Both core
    names carry numbers and the numbers differ (万象新天2期, 万象新天3期). A branch meets
    another business or the place it is in (``different_businesses``). The names end alike
    and start differently (``different_qualifiers``). The clustering never puts the two of a
    conflict in one key place. For two generic names the score is the coordinate agreement
    (same name, within 25 m: 1, falling to 0 at 100 m) and 0 without coordinates. Otherwise
    it is the name similarity, plus 0.2 times the coordinate agreement when the name
    similarity is 0.3 or more and both have coordinates. The name similarity is the bigram
    Jaccard with bigrams weighted by rarity (``gram_weights``), raised to 0.8 when one core name is the other plus an estate word (see
    ``is_same_place_extension``) and capped at 0.4 when it is the other plus anything else.
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
    brand_conflict = np.array([
        different_businesses(name_a, brand_a, name_b, brand_b)
        for name_a, brand_a, name_b, brand_b in zip(a["core_name"].to_numpy(),
                                                    a["brand"].to_numpy(),
                                                    b["core_name"].to_numpy(),
                                                    b["brand"].to_numpy())
    ], dtype=bool)
    qualifier_conflict = np.zeros(len(pairs), dtype=bool)
    for position in np.flatnonzero(name >= 0.3):
        qualifier_conflict[position] = different_qualifiers(
            a["core_name"].iat[position], b["core_name"].iat[position])
    conflict = (subdistrict_conflict | too_far | number_conflict | brand_conflict
                | qualifier_conflict)
    return pairs.assign(name_similarity=name, distance_m=distance, is_conflict=conflict,
                        score=np.where(conflict, 0.0, score))
