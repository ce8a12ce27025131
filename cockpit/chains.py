"""Transmission chains for display: chains from reported links, generations and the network
layout by generation. Plain functions on DataFrames, without Streamlit."""

from __future__ import annotations

import networkx as nx
import pandas as pd

# Above this many cases a chain is drawn as one node per generation and district: plotly's SVG
# scatter stays responsive to clicks up to about this many points and their links.
MAX_DRAWN_CASES = 1_000


def chains_from_links(links: pd.DataFrame) -> pd.DataFrame:
    """Group the cases of infector → infectee links into chains and number their generations.

    A chain is a weakly connected component of the link graph. Its roots are the cases without
    a reported infector (the smallest case id when a cycle leaves none), generation 0; every
    other case's generation is its shortest distance from a root. The chain id is the id of
    the chain's smallest case. Returns one row per case: case_id, chain_id, generation.
    """
    graph = nx.DiGraph()
    graph.add_edges_from(zip(links["infector_case_id"], links["infectee_case_id"], strict=True))
    graph.remove_edges_from(nx.selfloop_edges(graph))

    rows = []
    for component in nx.weakly_connected_components(graph):
        roots = sorted(node for node in component if graph.in_degree(node) == 0)
        roots = roots or [min(component)]
        depths = nx.multi_source_dijkstra_path_length(graph, roots, weight=None)
        chain_id = min(component)
        rows.extend((case_id, chain_id, depths.get(case_id, 0)) for case_id in component)
    return pd.DataFrame(rows, columns=["case_id", "chain_id", "generation"])


def layout_cases(members: pd.DataFrame) -> pd.DataFrame:
    """Add x (the generation) and y (spread around 0 within the generation, grouped by
    district, then by case date) to one row per case."""
    ordered = members.sort_values(["generation", "district_code", "case_date", "case_id"],
                                  na_position="last").copy()
    ordered["x"] = ordered["generation"]
    rank = ordered.groupby("generation").cumcount()
    size = ordered.groupby("generation")["case_id"].transform("size")
    ordered["y"] = rank - (size - 1) / 2
    return ordered.reset_index(drop=True)


def case_edges(placed: pd.DataFrame, links: pd.DataFrame) -> pd.DataFrame:
    """Coordinates of each link whose two cases are both placed: x0, y0, x1, y1."""
    edges = _attach_positions(links, placed.set_index("case_id")[["x", "y"]],
                              "infector_case_id", "infectee_case_id")
    return edges.dropna(subset=["x0", "x1"])[["x0", "y0", "x1", "y1"]]


def _attach_positions(pairs: pd.DataFrame, positions: pd.DataFrame, start_column: str,
                      end_column: str) -> pd.DataFrame:
    """Add x0, y0 (the start's position) and x1, y1 (the end's) to each pair."""
    starts = positions.rename(columns={"x": "x0", "y": "y0"})
    ends = positions.rename(columns={"x": "x1", "y": "y1"})
    return pairs.join(starts, on=start_column).join(ends, on=end_column)


def aggregate_groups(members: pd.DataFrame) -> pd.DataFrame:
    """Group cases into one node per generation × district, with count_cases and x, y laid out
    like cases."""
    groups = (members.groupby(["generation", "district_code"], dropna=False)
              .agg(count_cases=("case_id", "size"), first_case_date=("case_date", "min"))
              .reset_index())
    groups["group_id"] = groups["generation"].astype(str) + "|" + groups["district_code"].fillna("")
    groups["x"] = groups["generation"]
    rank = groups.groupby("generation").cumcount()
    size = groups.groupby("generation")["group_id"].transform("size")
    groups["y"] = rank - (size - 1) / 2
    return groups


def group_edges(members: pd.DataFrame, links: pd.DataFrame,
                groups: pd.DataFrame) -> pd.DataFrame:
    """Links counted between generation × district groups: x0, y0, x1, y1, count_links."""
    membership = members.assign(
        group_id=members["generation"].astype(str) + "|" + members["district_code"].fillna("")
    ).set_index("case_id")["group_id"]
    pairs = pd.DataFrame({
        "source_group": links["infector_case_id"].map(membership),
        "target_group": links["infectee_case_id"].map(membership),
    }).dropna()
    counted = pairs.value_counts().rename("count_links").reset_index()
    counted = _attach_positions(counted, groups.set_index("group_id")[["x", "y"]],
                                "source_group", "target_group")
    return counted[["x0", "y0", "x1", "y1", "count_links"]]
