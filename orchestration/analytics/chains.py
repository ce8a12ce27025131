"""Transmission chains from the reported infector → infectee links.

Every link ends up either in the chain tree (``chain_members.infector_case_id``) or in
``link_issues`` with the action taken; ``onset_after_infectee`` links are in both. The rules,
applied in this order:

1. ``self_link``: infector and infectee are the same case; dropped.
2. ``unknown_case``: the infector or the infectee is not a case of the marts; dropped.
3. ``duplicate_link``: the same infector → infectee pair again; the first link (lowest
   source link ref) is kept, the others dropped.
4. ``multiple_infectors``: an infectee with several infectors keeps the one that comes first
   in the case order below; the other links are dropped from the tree (the serial intervals
   still use them).
5. ``cycle``: each remaining cycle (A→B→…→A) is broken at the case that comes first in the
   case order: that case is the infector, and the link into it is dropped
   (``broken_by_onset_rule``).
6. ``onset_after_infectee``: a tree link whose infector fell ill after the infectee; kept,
   because presymptomatic transmission makes negative serial intervals real.

Case order: earlier onset date, then earlier confirmed date (else case date), then lower
source case ref (numeric refs compared as numbers); unknown dates sort last.

The remaining links form a forest (every case has at most one infector and there is no
cycle): each weakly connected component of two or more cases is a chain whose root is the
one case without an infector.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import networkx as nx
import numpy as np
import pandas as pd

ISSUE_KINDS = ("self_link", "unknown_case", "duplicate_link", "multiple_infectors", "cycle",
               "onset_after_infectee")
GROWTH_WINDOW_DAYS = 7

LINK_COLUMNS = ("transmission_link_id", "source_name", "source_link_ref", "infector_case_id",
                "infectee_case_id", "infector_source_case_ref", "infectee_source_case_ref")
CASE_COLUMNS = ("case_id", "source_name", "source_case_ref", "onset_date", "confirmed_date",
                "case_date", "district_code")
ISSUE_COLUMNS = ("issue_id", "kind", "source_name", "transmission_link_id", "source_link_ref",
                 "infector_case_id", "infectee_case_id", "infector_source_case_ref",
                 "infectee_source_case_ref", "action", "kept_infector_case_id")
MEMBER_COLUMNS = ("case_id", "source_name", "chain_id", "generation", "infector_case_id",
                  "transmission_link_id", "offspring_count")
CHAIN_COLUMNS = ("chain_id", "source_name", "root_case_id", "size", "count_generations",
                 "first_onset_date", "last_onset_date", "first_case_date", "last_case_date",
                 "district_codes", "count_districts", "growth_last_7_days",
                 "growth_reference_date")


@dataclass
class ChainResult:
    """The chain tables, and every link that passed rules 1–3 with its fate."""

    link_issues: pd.DataFrame
    chain_members: pd.DataFrame
    transmission_chains: pd.DataFrame
    graph_links: pd.DataFrame  # columns of LINK_COLUMNS plus status: tree, multiple_infectors, cycle


def natural_ref_key(refs: pd.Series) -> pd.DataFrame:
    """Sort columns for source refs: numeric refs first, by value, then the others as text."""
    numbers = pd.to_numeric(refs, errors="coerce")
    return pd.DataFrame({"ref_is_text": numbers.isna().astype(int), "ref_number": numbers,
                         "ref_text": refs.astype(str)}, index=refs.index)


def case_order(cases: pd.DataFrame) -> pd.Series:
    """Return each case's position in the case order (0 first), indexed by case_id."""
    keys = pd.concat([
        cases[["case_id", "onset_date"]],
        cases["confirmed_date"].fillna(cases["case_date"]).rename("second_date"),
        natural_ref_key(cases["source_case_ref"]),
    ], axis=1)
    ordered = keys.sort_values(["onset_date", "second_date", "ref_is_text", "ref_number",
                                "ref_text"], na_position="last", kind="stable")
    return pd.Series(np.arange(len(ordered)), index=ordered["case_id"].to_numpy())


def _issues(links: pd.DataFrame, kind: str, action: str,
            kept_infector: pd.Series | None = None) -> pd.DataFrame:
    issues = links.loc[:, list(LINK_COLUMNS)].copy()
    issues["issue_id"] = issues["transmission_link_id"] + ":" + kind
    issues["kind"] = kind
    issues["action"] = action
    issues["kept_infector_case_id"] = kept_infector if kept_infector is not None else None
    return issues[list(ISSUE_COLUMNS)]


def _drop_invalid(links: pd.DataFrame, known_cases: pd.Index
                  ) -> tuple[pd.DataFrame, list[pd.DataFrame]]:
    """Apply rules 1–3; return the remaining links and the issues."""
    issues = []
    is_self = links["infector_case_id"] == links["infectee_case_id"]
    issues.append(_issues(links[is_self], "self_link", "dropped_from_graph"))
    links = links[~is_self]

    is_known = (links["infector_case_id"].isin(known_cases)
                & links["infectee_case_id"].isin(known_cases))
    issues.append(_issues(links[~is_known], "unknown_case", "dropped_from_graph"))
    links = links[is_known]

    ordered = pd.concat([links, natural_ref_key(links["source_link_ref"])], axis=1).sort_values(
        ["ref_is_text", "ref_number", "ref_text"], kind="stable")
    repeated = ordered.duplicated(["infector_case_id", "infectee_case_id"], keep="first")
    issues.append(_issues(ordered[repeated], "duplicate_link", "dropped_from_graph"))
    return ordered[~repeated][list(LINK_COLUMNS)], issues


def _choose_infectors(links: pd.DataFrame, order: pd.Series
                      ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Apply rule 4; return the links with one infector per infectee and the dropped links."""
    ranked = links.assign(infector_rank=links["infector_case_id"].map(order)).sort_values(
        ["infectee_case_id", "infector_rank"], kind="stable")
    is_first = ~ranked.duplicated("infectee_case_id", keep="first")
    kept = ranked[is_first]
    dropped = ranked[~is_first].copy()
    dropped["kept_infector_case_id"] = dropped["infectee_case_id"].map(
        kept.set_index("infectee_case_id")["infector_case_id"])
    return kept.drop(columns="infector_rank"), dropped


def _break_cycles(links: pd.DataFrame, order: pd.Series) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Apply rule 5 to a graph where every case has at most one infector."""
    graph = nx.DiGraph()
    graph.add_edges_from(zip(links["infector_case_id"], links["infectee_case_id"]))
    broken_infectees = []
    for component in nx.strongly_connected_components(graph):
        if len(component) > 1:
            # With one infector per case, a strongly connected component is a single cycle.
            broken_infectees.append(min(component, key=order.__getitem__))
    is_broken = links["infectee_case_id"].isin(broken_infectees)
    broken = links[is_broken].copy()
    broken["kept_infector_case_id"] = None
    return links[~is_broken], broken


def _generations(tree: pd.DataFrame) -> pd.DataFrame:
    """Return chain root and generation for every case in the forest of ``tree`` links."""
    graph = nx.DiGraph()
    graph.add_edges_from(zip(tree["infector_case_id"], tree["infectee_case_id"]))
    roots = sorted(node for node, degree in graph.in_degree() if degree == 0)
    rows = []
    for root in roots:
        for generation, layer in enumerate(nx.bfs_layers(graph, [root])):
            rows.extend((case_id, root, generation) for case_id in layer)
    return pd.DataFrame(rows, columns=["case_id", "root_case_id", "generation"])


def build_chains(links: pd.DataFrame, cases: pd.DataFrame) -> ChainResult:
    """Build the chain tables from ``links`` (LINK_COLUMNS) and ``cases`` (CASE_COLUMNS).

    Date columns of ``cases`` are datetime64. Chains and statistics never cross sources:
    case ids carry their source's name, so a link between sources is an unknown case.
    """
    links = links.loc[:, list(LINK_COLUMNS)]
    order = case_order(cases)
    valid, issues = _drop_invalid(links, pd.Index(cases["case_id"]))
    chosen, second_infectors = _choose_infectors(valid, order)
    tree, broken = _break_cycles(chosen, order)
    issues.append(_issues(second_infectors, "multiple_infectors", "dropped_from_graph",
                          second_infectors["kept_infector_case_id"]))
    issues.append(_issues(broken, "cycle", "broken_by_onset_rule"))

    onset = cases.set_index("case_id")["onset_date"]
    late = (tree["infector_case_id"].map(onset) > tree["infectee_case_id"].map(onset))
    issues.append(_issues(tree[late], "onset_after_infectee", "kept"))

    members = _chain_members(tree, cases)
    graph_links = pd.concat([
        tree.assign(status="tree"),
        second_infectors[list(LINK_COLUMNS)].assign(status="multiple_infectors"),
        broken[list(LINK_COLUMNS)].assign(status="cycle"),
    ], ignore_index=True)
    return ChainResult(
        link_issues=pd.concat([frame for frame in issues if not frame.empty] or [issues[0]],
                              ignore_index=True),
        chain_members=members,
        transmission_chains=_chains(members, cases),
        graph_links=graph_links,
    )


def _chain_members(tree: pd.DataFrame, cases: pd.DataFrame) -> pd.DataFrame:
    if tree.empty:
        return pd.DataFrame(columns=list(MEMBER_COLUMNS))
    members = _generations(tree)
    by_infectee = tree.set_index("infectee_case_id")
    case_rows = cases.set_index("case_id")
    members["infector_case_id"] = members["case_id"].map(by_infectee["infector_case_id"])
    members["transmission_link_id"] = members["case_id"].map(by_infectee["transmission_link_id"])
    members["offspring_count"] = members["case_id"].map(
        tree.groupby("infector_case_id").size()).fillna(0).astype("int64")
    members["source_name"] = members["case_id"].map(case_rows["source_name"])
    root_refs = members["root_case_id"].map(case_rows["source_case_ref"])
    members["chain_id"] = members["source_name"] + ":chain:" + root_refs.astype(str)
    return members[list(MEMBER_COLUMNS)]


def _chains(members: pd.DataFrame, cases: pd.DataFrame) -> pd.DataFrame:
    if members.empty:
        return pd.DataFrame(columns=list(CHAIN_COLUMNS))
    joined = members.merge(cases[["case_id", "onset_date", "case_date", "district_code"]],
                           on="case_id")
    reference = cases.groupby("source_name")["case_date"].max()
    joined["growth_reference_date"] = joined["source_name"].map(reference)
    window_start = joined["growth_reference_date"] - pd.Timedelta(days=GROWTH_WINDOW_DAYS - 1)
    joined["is_recent"] = ((joined["case_date"] >= window_start)
                           & (joined["case_date"] <= joined["growth_reference_date"]))
    grouped = joined.groupby("chain_id", sort=True)
    chains = grouped.agg(
        source_name=("source_name", "first"),
        size=("case_id", "size"),
        count_generations=("generation", "max"),
        first_onset_date=("onset_date", "min"),
        last_onset_date=("onset_date", "max"),
        first_case_date=("case_date", "min"),
        last_case_date=("case_date", "max"),
        growth_last_7_days=("is_recent", "sum"),
        growth_reference_date=("growth_reference_date", "first"),
    )
    chains["count_generations"] += 1
    chains["root_case_id"] = joined[joined["generation"] == 0].set_index("chain_id")["case_id"]
    chains["district_codes"] = grouped["district_code"].agg(
        lambda codes: sorted(set(codes.dropna())))
    chains["count_districts"] = chains["district_codes"].map(len)
    return chains.reset_index()[list(CHAIN_COLUMNS)]


def reference_date(cases: pd.DataFrame) -> dt.date | None:
    """Return the last case date over all cases, the default growth reference."""
    last = cases["case_date"].max()
    return None if pd.isna(last) else last.date()
