"""Merge place mentions into key places: normalise, block by district, score, cluster.

Steps (docs/analytics.md explains the rules and thresholds):

1. Normalise each mention's text (``normalize.normalize_place``); the district is the
   mention's own, else the one its prefix names, else ``unknown``.
2. Collapse mentions into nodes: one per distinct district, subdistrict, core name and
   coordinates. A generic name (hospital, 超市) without precise coordinates is a node per case,
   because "the hospital" of two cases is not known to be one place.
3. Score candidate pairs of nodes inside each district (``pairs``), keep pairs scoring at
   least the threshold as edges of a networkx graph, and cluster each connected component by
   average linkage (``linkage``), which keeps A~B~C apart when A≁C.
4. Apply the analyst's overrides (``overrides``): ``assign`` groups are fixed key places,
   ``never_merge`` pairs are constraints of the clustering.
5. Name each key place by its most frequent spelling and give every mention its key place
   and the score of its node against the key place's canonical node.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections import defaultdict

import networkx as nx
import numpy as np
import pandas as pd

from liudiao.jurisdictions import Jurisdiction
from orchestration.analytics.places.linkage import Tag, average_linkage
from orchestration.analytics.places.normalize import normalize_place
from orchestration.analytics.places.overrides import OverrideRule
from orchestration.analytics.places.pairs import (
    MergeSettings,
    coordinate_candidates,
    haversine_m,
    name_candidates,
    node_grams,
    score_pairs,
)

log = logging.getLogger(__name__)

UNKNOWN_DISTRICT = "unknown"
MENTION_COLUMNS = ("place_mention_id", "case_id", "mention_date", "place_name", "address",
                   "district_code", "subdistrict_code", "latitude", "longitude",
                   "normalized_name")
MATCH_COLUMNS = ("place_mention_id", "key_place_id", "match_score", "match_rule",
                 "canonical_name", "district_code", "subdistrict_code", "latitude",
                 "longitude", "core_name")
# Coordinates shared by this many different generic names are a district or city centroid
# that stood in for an unknown address, not the place itself.
CENTROID_MIN_GENERIC_NAMES = 3


def prepare_mentions(mentions: pd.DataFrame, jurisdiction: Jurisdiction,
                     reference_points: pd.DataFrame | None = None,
                     settings: MergeSettings | None = None) -> pd.DataFrame:
    """Add folded_text, core_name, block, subdistrict, is_generic, numbers and
    has_precise_coordinates columns.

    ``reference_points`` (latitude, longitude) are the districts' and subdistricts' own
    coordinates, which geocoders return for an address they could not resolve.
    """
    prepared = mentions.loc[:, list(MENTION_COLUMNS)].copy()
    for column in ("latitude", "longitude"):
        prepared[column] = pd.to_numeric(prepared[column]).astype(float)
    # A mention without name or address (a DS4C route: coordinates and a place type) is
    # known by its event's description.
    description = mentions.get("event_description", pd.Series(None, index=mentions.index))
    prepared["text"] = (prepared["place_name"].fillna(prepared["address"])
                        .fillna(description).fillna(""))
    keys = prepared[["text", "district_code"]].drop_duplicates()
    normalized = [normalize_place(text, jurisdiction, district)
                  for text, district in zip(keys["text"], keys["district_code"].where(
                      keys["district_code"].notna(), None))]
    keys = keys.assign(
        folded_text=[place.folded_text for place in normalized],
        core_name=[place.core_name for place in normalized],
        prefix_district=[place.district_code for place in normalized],
        prefix_subdistrict=[place.subdistrict_code for place in normalized],
        is_generic=[place.is_generic for place in normalized],
        brand=[place.brand for place in normalized],
    )
    prepared = prepared.merge(keys, on=["text", "district_code"], how="left")
    prepared["block"] = (prepared["district_code"].fillna(prepared["prefix_district"])
                         .fillna(UNKNOWN_DISTRICT))
    prepared["subdistrict"] = prepared["subdistrict_code"].fillna(prepared["prefix_subdistrict"])
    prepared["numbers"] = prepared["core_name"].str.findall(r"\d+").str.join(",")
    settings = settings or MergeSettings()
    prepared["has_precise_coordinates"] = (
        _precise_coordinates(prepared)
        & ~_near_reference_points(prepared, reference_points, settings.reference_radius_m))
    return prepared


def _near_reference_points(prepared: pd.DataFrame, reference_points: pd.DataFrame | None,
                           radius_m: float) -> pd.Series:
    """True for mentions within ``radius_m`` of a district's or subdistrict's reference point."""
    if reference_points is None or reference_points.empty:
        return pd.Series(False, index=prepared.index)
    points = reference_points[["latitude", "longitude"]].dropna().to_numpy(dtype=float)
    spots = prepared[["latitude", "longitude"]].dropna().drop_duplicates()
    flagged = []
    for start in range(0, len(spots), 2000):
        chunk = spots.iloc[start:start + 2000]
        distance = haversine_m(chunk["latitude"].to_numpy()[:, None],
                               chunk["longitude"].to_numpy()[:, None],
                               points[None, :, 0], points[None, :, 1])
        flagged.append(chunk[(distance <= radius_m).any(axis=1)])
    placeholders = pd.MultiIndex.from_frame(pd.concat(flagged)) if flagged else None
    if placeholders is None or placeholders.empty:
        return pd.Series(False, index=prepared.index)
    located = pd.MultiIndex.from_frame(prepared[["latitude", "longitude"]])
    return pd.Series(located.isin(placeholders), index=prepared.index)


def _precise_coordinates(prepared: pd.DataFrame) -> pd.Series:
    located = prepared["latitude"].notna() & prepared["longitude"].notna()
    spot = prepared["latitude"].round(6).astype(str) + "," + prepared["longitude"].round(6).astype(
        str)
    generic = prepared[located & prepared["is_generic"]]
    names_per_spot = generic.groupby(spot[generic.index])["core_name"].nunique()
    centroids = set(names_per_spot[names_per_spot >= CENTROID_MIN_GENERIC_NAMES].index)
    return located & ~spot.isin(centroids)


def _searches(texts: pd.Series, pattern: re.Pattern[str]) -> pd.Series:
    return texts.map(lambda text: pattern.search(text) is not None).astype(bool)


def _never_merge_tags(prepared: pd.DataFrame, rules: list[OverrideRule]) -> pd.Series:
    """Return, per mention, the never-merge sides it is on, as a sorted string ('' for none)."""
    tags: dict[int, list[str]] = defaultdict(list)
    for number, rule in enumerate(rules):
        if rule.rule != "never_merge":
            continue
        in_district = prepared["block"].map(rule.applies_to_district)
        for side, pattern in enumerate((rule.pattern, rule.other_pattern)):
            matches = in_district & _searches(prepared["folded_text"], pattern)
            for index in prepared.index[matches]:
                tags[index].append(f"{number}:{side}")
    return pd.Series({index: ";".join(sorted(values)) for index, values in tags.items()},
                     index=prepared.index, dtype=object).fillna("")


def _assigned_groups(prepared: pd.DataFrame, rules: list[OverrideRule]) -> pd.Series:
    """Return, per mention, the number of the first ``assign`` rule it matches, else -1."""
    assigned = pd.Series(-1, index=prepared.index)
    for number, rule in enumerate(rules):
        if rule.rule != "assign":
            continue
        free = assigned == -1
        in_district = prepared["block"].map(rule.applies_to_district)
        matches = free & in_district & _searches(prepared["folded_text"], rule.pattern)
        assigned[matches] = number
    return assigned


def build_nodes(prepared: pd.DataFrame) -> tuple[pd.DataFrame, pd.Series]:
    """Return the nodes and, per mention, its node_id.

    Mentions share a node when district, subdistrict, core name and never-merge tags agree and
    their coordinates fall in one grid cell. The cell is about 100 m (3 decimals) for names
    and about 10 m (4 decimals) for generic names, which only coordinates tell apart. A node's
    coordinates are the mean of its mentions'.
    """
    precise = prepared["has_precise_coordinates"]
    owner = np.where(prepared["is_generic"] & ~precise,
                     prepared["case_id"].fillna(prepared["place_mention_id"]), "")
    decimals = np.where(prepared["is_generic"], 4, 3)
    scale = 10.0 ** decimals
    keyed = prepared.assign(
        node_subdistrict=prepared["subdistrict"].fillna(""),
        node_lat=(np.round(prepared["latitude"].where(precise) * scale) / scale).fillna(999.0),
        node_lon=(np.round(prepared["longitude"].where(precise) * scale) / scale).fillna(999.0),
        owner=owner,
        precise_latitude=prepared["latitude"].where(precise),
        precise_longitude=prepared["longitude"].where(precise),
    )
    key = ["block", "node_subdistrict", "core_name", "node_lat", "node_lon", "owner", "tags"]
    node_id = keyed.groupby(key, sort=True, dropna=False).ngroup()
    keyed["node_id"] = node_id
    grouped = keyed.groupby("node_id", sort=True)
    first = grouped[["block", "subdistrict", "core_name", "is_generic", "numbers", "brand",
                     "tags"]].first()
    nodes = pd.DataFrame({
        "node_id": first.index.to_numpy(),
        "block": first["block"].to_numpy(),
        "subdistrict_code": first["subdistrict"].to_numpy(),
        "core_name": first["core_name"].to_numpy(),
        "is_generic": first["is_generic"].to_numpy(dtype=bool),
        "numbers": first["numbers"].to_numpy(),
        "brand": first["brand"].to_numpy(),
        "latitude": grouped["precise_latitude"].mean().to_numpy(),
        "longitude": grouped["precise_longitude"].mean().to_numpy(),
        "tags": first["tags"].to_numpy(),
    })
    return nodes, node_id


def cluster_nodes(nodes: pd.DataFrame, settings: MergeSettings) -> tuple[pd.Series, pd.DataFrame]:
    """Return each node's cluster (the smallest node_id in it) and the scored pairs."""
    grams = node_grams(nodes)
    pairs = pd.concat([name_candidates(nodes, grams, settings.max_posting),
                       coordinate_candidates(nodes)]).drop_duplicates(ignore_index=True)
    scored = score_pairs(nodes, pairs, settings, grams)
    edges = scored[scored["score"] >= settings.threshold]

    graph = nx.Graph()
    graph.add_edges_from(zip(edges["node_a"].tolist(), edges["node_b"].tolist()))
    component_of = {node: number for number, component in
                    enumerate(nx.connected_components(graph)) for node in component}
    tags = {row.node_id: _parse_tags(row.tags) for row in nodes.itertuples() if row.tags}

    cluster = pd.Series(nodes["node_id"].to_numpy(), index=nodes["node_id"].to_numpy())
    inside = scored.assign(component=scored["node_a"].map(component_of),
                           component_b=scored["node_b"].map(component_of))
    inside = inside[(inside["component"] == inside["component_b"])
                    & ((inside["score"] > 0) | inside["is_conflict"])]
    # A scored pair below min_pair_score is kept apart like a conflict: 碧海湾 (0.8 with both)
    # must not join 碧海湾广场 and 碧海湾花园 (0.2) into one key place.
    apart = inside["is_conflict"] | (inside["score"] < settings.min_pair_score)
    for _, group in inside.assign(is_apart=apart).groupby("component"):
        positive = group[~group["is_apart"]]
        conflicts = group[group["is_apart"]]
        similarities = dict(zip(zip(positive["node_a"], positive["node_b"]), positive["score"]))
        members = set(group["node_a"]) | set(group["node_b"])
        for members_of_cluster in average_linkage(
                members, similarities, settings.threshold, tags,
                cannot_link=zip(conflicts["node_a"], conflicts["node_b"])):
            cluster[members_of_cluster] = min(members_of_cluster)
    return cluster, scored


def _parse_tags(text: str) -> frozenset[Tag]:
    return frozenset(tuple(int(part) for part in tag.split(":")) for tag in text.split(";"))


def _key_place_id(block: str, normalized_name: str | None, folded_text: str) -> str:
    name = normalized_name or folded_text
    return f"{block}:{hashlib.md5(name.encode('utf-8')).hexdigest()[:16]}"


def _unique_ids(ids: pd.Series, order: pd.Series) -> pd.Series:
    """Suffix repeated key place ids with -2, -3 … in the order of ``order``.

    NOTE: the order is the clusters' smallest place_mention_id, so a suffixed id can move to
    another key place when mentions are added; only unsuffixed ids are stable across runs.
    """
    ranked = ids.to_frame("key_place_id").assign(order=order).sort_values("order")
    repeat = ranked.groupby("key_place_id").cumcount()
    ranked["key_place_id"] = ranked["key_place_id"].where(
        repeat == 0, ranked["key_place_id"] + "-" + (repeat + 1).astype(str))
    return ranked["key_place_id"].reindex(ids.index)


def merge_places(mentions: pd.DataFrame, jurisdiction: Jurisdiction,
                 rules: list[OverrideRule] | None = None,
                 settings: MergeSettings | None = None,
                 reference_points: pd.DataFrame | None = None) -> pd.DataFrame:
    """Return one row per mention with its key place (columns ``MATCH_COLUMNS``).

    ``reference_points`` are the districts' and subdistricts' coordinates (see
    ``prepare_mentions``); mentions placed on one of them count as having no coordinates.
    """
    rules = rules or []
    settings = settings or MergeSettings()
    if mentions.empty:
        return pd.DataFrame(columns=list(MATCH_COLUMNS))

    prepared = prepare_mentions(mentions, jurisdiction, reference_points, settings)
    prepared["tags"] = _never_merge_tags(prepared, rules)
    assigned = _assigned_groups(prepared, rules)
    free = prepared[assigned == -1]
    nodes, node_id = build_nodes(free)
    cluster, _ = cluster_nodes(nodes, settings)

    prepared["node_id"] = node_id.reindex(prepared.index).fillna(-1).astype("int64")
    prepared["cluster"] = ("o" + assigned.astype(str)).where(
        assigned >= 0, "n" + prepared["node_id"].map(cluster).astype("Int64").astype(str))
    log.info("merged %d place mentions into %d nodes and %d key places",
             len(prepared), len(nodes), prepared["cluster"].nunique())
    return _assemble_matches(prepared, nodes, rules, settings)


def _canonical_mentions(prepared: pd.DataFrame) -> pd.DataFrame:
    """Per cluster, the first mention of its most frequent spelling (earliest date on a tie)."""
    spellings = (prepared.groupby(["cluster", "text"], sort=False)
                 .agg(count_spelling=("place_mention_id", "size"),
                      first_date=("mention_date", "min"))
                 .reset_index()
                 .sort_values(["cluster", "count_spelling", "first_date", "text"],
                              ascending=[True, False, True, True], na_position="last")
                 .drop_duplicates("cluster"))
    firsts = (prepared.sort_values("place_mention_id")
              .drop_duplicates(["cluster", "text"])
              [["cluster", "text", "node_id", "block", "normalized_name", "folded_text"]])
    return spellings.merge(firsts, on=["cluster", "text"]).set_index("cluster")


def _key_place_attributes(prepared: pd.DataFrame, canonical: pd.DataFrame,
                          rules: list[OverrideRule]) -> pd.DataFrame:
    """Per cluster: key_place_id, canonical_name, district, subdistrict and coordinates."""
    grouped = prepared.groupby("cluster")
    # NOTE: a generic name's key place is named by its type alone ("hospital"); its district,
    # subdistrict and coordinates tell such key places apart.
    places = canonical[["text", "block", "normalized_name", "folded_text"]].rename(
        columns={"text": "canonical_name", "block": "district_code"})
    subdistricts = (prepared.dropna(subset=["subdistrict"])
                    .groupby(["cluster", "subdistrict"]).size().rename("count").reset_index()
                    .sort_values(["cluster", "count", "subdistrict"],
                                 ascending=[True, False, True])
                    .drop_duplicates("cluster").set_index("cluster")["subdistrict"])
    places["subdistrict_code"] = subdistricts.reindex(places.index)
    precise = prepared[prepared["has_precise_coordinates"]].groupby("cluster")
    located = prepared[prepared["latitude"].notna()].groupby("cluster")
    for column in ("latitude", "longitude"):
        places[column] = precise[column].median().reindex(places.index).fillna(
            located[column].median().reindex(places.index))

    for cluster in places.index[places.index.str.startswith("o")]:
        rule = rules[int(cluster[1:])]
        places.loc[cluster, "canonical_name"] = rule.canonical_name
        places.loc[cluster, "district_code"] = (rule.district_code
                                                or grouped.get_group(cluster)["block"].mode()[0])
        places.loc[cluster, "normalized_name"] = "override:" + rule.canonical_name

    ids = pd.Series([_key_place_id(block, name, folded) for block, name, folded in zip(
        places["district_code"], places["normalized_name"], places["folded_text"])],
        index=places.index)
    places["key_place_id"] = _unique_ids(ids, grouped["place_mention_id"].min())
    return places


def _assemble_matches(prepared: pd.DataFrame, nodes: pd.DataFrame, rules: list[OverrideRule],
                      settings: MergeSettings) -> pd.DataFrame:
    canonical = _canonical_mentions(prepared)
    places = _key_place_attributes(prepared, canonical, rules)

    matches = prepared[["place_mention_id", "cluster", "node_id", "core_name"]].copy()
    matches["canonical_node"] = matches["cluster"].map(canonical["node_id"])
    is_override = matches["cluster"].str.startswith("o")
    is_canonical = matches["node_id"] == matches["canonical_node"]
    to_score = matches[~is_override & ~is_canonical][["node_id", "canonical_node"]]
    pairs = pd.DataFrame({"node_a": to_score["node_id"].to_numpy(),
                          "node_b": to_score["canonical_node"].to_numpy()})
    scored = score_pairs(nodes, pairs, settings) if len(pairs) else pairs.assign(score=[])
    matches["match_score"] = 1.0
    matches.loc[to_score.index, "match_score"] = np.round(scored["score"].to_numpy(), 3)
    matches["match_rule"] = np.select([is_override, is_canonical], ["override", "identical"],
                                      "similarity")

    attributes = places[["key_place_id", "canonical_name", "district_code", "subdistrict_code",
                         "latitude", "longitude"]]
    matches = matches.join(attributes, on="cluster")
    return matches[list(MATCH_COLUMNS)].reset_index(drop=True)
