"""Transmission chains from the reported infector → infectee links.

Every link ends up either in the chain tree (``chain_members.infector_case_id``) or in
``link_issues`` with the action taken; ``onset_after_infectee`` links are in both. The rules,
applied in this order:

1. ``self_link``: infector and infectee are the same case; dropped.
2. ``unknown_case``: the infector or the infectee is not a case of the marts; dropped.
3. ``duplicate_link``: the same infector → infectee pair again; the first link (lowest
   source link ref) is kept, the others dropped.
4. ``multiple_infectors``: an infectee with several infectors keeps the one that comes first
   in the case order below. The other links are dropped from the tree, but the serial
   intervals still use them.
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


# Link status codes while the rules run.
(SELF_LINK, UNKNOWN_CASE, DUPLICATE_LINK, MULTIPLE_INFECTORS, CYCLE, TREE) = range(6)
STATUS_NAMES = {TREE: "tree", MULTIPLE_INFECTORS: "multiple_infectors", CYCLE: "cycle"}


@dataclass
class ChainResult:
    """The chain tables, and every link that passed rules 1–3 with its fate."""

    link_issues: pd.DataFrame
    chain_members: pd.DataFrame
    transmission_chains: pd.DataFrame
    # LINK_COLUMNS, status (tree, multiple_infectors, cycle) and both onset dates.
    graph_links: pd.DataFrame


def natural_order(refs: pd.Series) -> np.ndarray:
    """Return the positions of ``refs`` sorted naturally: numeric refs by value, then text."""
    numbers = pd.to_numeric(refs, errors="coerce").to_numpy(dtype=float)
    is_text = np.isnan(numbers)
    text_rank = np.zeros(len(refs), dtype=np.int64)
    if is_text.any():
        text_rank[is_text] = pd.factorize(refs[is_text].astype(str), sort=True)[0]
    return np.lexsort((text_rank, np.nan_to_num(numbers), is_text))


def case_ranks(cases: pd.DataFrame) -> np.ndarray:
    """Return each case's position in the case order (0 first), in the frame's row order."""
    second_date = cases["confirmed_date"].fillna(cases["case_date"])
    refs = cases["source_case_ref"].reset_index(drop=True)
    ref_position = np.empty(len(cases), dtype=np.int64)
    ref_position[natural_order(refs)] = np.arange(len(cases))
    never = np.iinfo(np.int64).max  # unknown dates sort last
    onset_key = cases["onset_date"].to_numpy(dtype="datetime64[s]").astype(np.int64)
    second_key = second_date.to_numpy(dtype="datetime64[s]").astype(np.int64)
    onset_key = np.where(cases["onset_date"].isna().to_numpy(), never, onset_key)
    second_key = np.where(second_date.isna().to_numpy(), never, second_key)
    ranks = np.empty(len(cases), dtype=np.int64)
    ranks[np.lexsort((ref_position, second_key, onset_key))] = np.arange(len(cases))
    return ranks


def case_order(cases: pd.DataFrame) -> pd.Series:
    """Return each case's position in the case order (0 first), indexed by case_id."""
    return pd.Series(case_ranks(cases), index=cases["case_id"].to_numpy(dtype=object))


@dataclass
class _Graph:
    """The links as integer case codes (positions in ``case_ids``; -1 for an unknown case)."""

    case_ids: np.ndarray
    rank: np.ndarray  # position of each case in the case order
    infector: np.ndarray
    infectee: np.ndarray
    status: np.ndarray
    kept_infector: np.ndarray  # for multiple_infectors: the infector kept, else -1


def _encode(links: dict[str, np.ndarray], cases: pd.DataFrame) -> _Graph:
    """Code the cases 0…n−1 in their frame order and the links' cases by those codes.

    One factorize over case ids then link ends: the case ids come first, so they keep codes
    0…n−1, and a link end with a higher code names no case.
    """
    case_ids = cases["case_id"].to_numpy(dtype=object)
    count_links = len(links["infector_case_id"])
    codes, _ = pd.factorize(np.concatenate([case_ids, links["infector_case_id"],
                                            links["infectee_case_id"]]))
    infector = codes[len(case_ids):len(case_ids) + count_links]
    infectee = codes[len(case_ids) + count_links:]
    return _Graph(
        case_ids=case_ids,
        rank=case_ranks(cases),
        infector=np.where(infector < len(case_ids), infector, -1),
        infectee=np.where(infectee < len(case_ids), infectee, -1),
        status=np.full(count_links, TREE, dtype=np.int8),
        kept_infector=np.full(count_links, -1, dtype=np.int64),
    )


def _apply_link_rules(graph: _Graph, links: dict[str, np.ndarray]) -> None:
    """Apply rules 1–4: set the status of self, unknown, duplicate and extra-infector links."""
    is_self = links["infector_case_id"] == links["infectee_case_id"]
    graph.status[is_self] = SELF_LINK
    is_unknown = ~is_self & ((graph.infector < 0) | (graph.infectee < 0))
    graph.status[is_unknown] = UNKNOWN_CASE

    remaining = np.flatnonzero(graph.status == TREE)
    pair = graph.infector[remaining] * len(graph.case_ids) + graph.infectee[remaining]
    _, pair_code, pair_count = np.unique(pair, return_inverse=True, return_counts=True)
    repeated = remaining[pair_count[pair_code] > 1]
    in_ref_order = repeated[natural_order(pd.Series(links["source_link_ref"][repeated]))]
    pair = graph.infector[in_ref_order] * len(graph.case_ids) + graph.infectee[in_ref_order]
    _, first = np.unique(pair, return_index=True)
    is_later = np.ones(len(in_ref_order), dtype=bool)
    is_later[first] = False
    graph.status[in_ref_order[is_later]] = DUPLICATE_LINK

    remaining = np.flatnonzero(graph.status == TREE)
    ranked = remaining[np.lexsort((graph.rank[graph.infector[remaining]],
                                   graph.infectee[remaining]))]
    _, first = np.unique(graph.infectee[ranked], return_index=True)
    extra = np.ones(len(ranked), dtype=bool)
    extra[first] = False
    kept_of_infectee = np.full(len(graph.case_ids), -1, dtype=np.int64)
    kept_of_infectee[graph.infectee[ranked[first]]] = graph.infector[ranked[first]]
    graph.status[ranked[extra]] = MULTIPLE_INFECTORS
    graph.kept_infector[ranked[extra]] = kept_of_infectee[graph.infectee[ranked[extra]]]


def _break_cycles(graph: _Graph) -> None:
    """Apply rule 5 to the links still in the tree, where every case has one infector.

    Following infector pointers from each case either ends at a case without an infector or
    returns to a case on the current path: the path from there is a cycle. This walk is
    linear, unlike a general cycle search, because each case has at most one infector.
    """
    tree = np.flatnonzero(graph.status == TREE)
    infector_of = np.full(len(graph.case_ids), -1, dtype=np.int64)
    infector_of[graph.infectee[tree]] = graph.infector[tree]
    link_into = np.full(len(graph.case_ids), -1, dtype=np.int64)
    link_into[graph.infectee[tree]] = tree
    infector_list, rank = infector_of.tolist(), graph.rank.tolist()

    state = [0] * len(infector_list)  # 0 unseen, 1 on the current path, 2 done
    for start in range(len(infector_list)):
        path = []
        case = start
        while case >= 0 and state[case] == 0:
            state[case] = 1
            path.append(case)
            case = infector_list[case]
        if case >= 0 and state[case] == 1:
            cycle = path[path.index(case):]
            # The cycle's first case in the case order becomes the others' infector.
            first_case = min(cycle, key=rank.__getitem__)
            graph.status[link_into[first_case]] = CYCLE
        for case in path:
            state[case] = 2


def _generations(graph: _Graph) -> pd.DataFrame:
    """Return code, root code and generation of every case in the forest of tree links."""
    tree = np.flatnonzero(graph.status == TREE)
    digraph = nx.DiGraph()
    digraph.add_edges_from(zip(graph.infector[tree].tolist(), graph.infectee[tree].tolist()))
    roots = sorted(node for node, degree in digraph.in_degree() if degree == 0)
    codes, root_codes, generations = [], [], []
    for root in roots:
        for generation, layer in enumerate(nx.bfs_layers(digraph, [root])):
            codes.extend(layer)
            root_codes.extend([root] * len(layer))
            generations.extend([generation] * len(layer))
    return pd.DataFrame({"code": codes, "root_code": root_codes, "generation": generations},
                        dtype=np.int64)


def _issues(links: dict[str, np.ndarray], graph: _Graph, positions: np.ndarray, kind: str,
            action: str) -> pd.DataFrame:
    issues = pd.DataFrame({name: values[positions] for name, values in links.items()})
    issues["issue_id"] = issues["transmission_link_id"] + ":" + kind
    issues["kind"] = kind
    issues["action"] = action
    kept = graph.kept_infector[positions]
    issues["kept_infector_case_id"] = np.where(kept >= 0, graph.case_ids[np.maximum(kept, 0)],
                                               None)
    return issues[list(ISSUE_COLUMNS)]


def _onset_days(cases: pd.DataFrame) -> np.ndarray:
    onset = cases["onset_date"].to_numpy(dtype="datetime64[D]").astype("float64")
    return np.where(cases["onset_date"].isna().to_numpy(), np.nan, onset)


def build_chains(links: pd.DataFrame, cases: pd.DataFrame) -> ChainResult:
    """Build the chain tables from ``links`` (LINK_COLUMNS) and ``cases`` (CASE_COLUMNS).

    Date columns of ``cases`` are datetime64. Chains and statistics never cross sources:
    case ids carry their source's name, so a link between sources is an unknown case. The
    rules work on integer case codes and numpy arrays, and networkx on the tree alone (one
    infector per case), which keeps a city of a million links within a minute.
    """
    links = {name: links[name].to_numpy(dtype=object) for name in LINK_COLUMNS}
    graph = _encode(links, cases)
    _apply_link_rules(graph, links)
    _break_cycles(graph)

    onset = _onset_days(cases)
    tree = graph.status == TREE
    known = (graph.infector >= 0) & (graph.infectee >= 0)
    infector_onset = np.where(known, onset[np.maximum(graph.infector, 0)], np.nan)
    infectee_onset = np.where(known, onset[np.maximum(graph.infectee, 0)], np.nan)
    late = tree & (infector_onset > infectee_onset)

    issues = [
        _issues(links, graph, np.flatnonzero(graph.status == status), kind, action)
        for status, kind, action in (
            (SELF_LINK, "self_link", "dropped_from_graph"),
            (UNKNOWN_CASE, "unknown_case", "dropped_from_graph"),
            (DUPLICATE_LINK, "duplicate_link", "dropped_from_graph"),
            (MULTIPLE_INFECTORS, "multiple_infectors", "dropped_from_graph"),
            (CYCLE, "cycle", "broken_by_onset_rule"),
        )
    ]
    issues.append(_issues(links, graph, np.flatnonzero(late), "onset_after_infectee", "kept"))

    in_graph = np.flatnonzero(np.isin(graph.status, list(STATUS_NAMES)))
    graph_links = pd.DataFrame({name: values[in_graph] for name, values in links.items()})
    graph_links["status"] = [STATUS_NAMES[status] for status in graph.status[in_graph]]
    graph_links["infector_onset_date"] = pd.to_datetime(infector_onset[in_graph], unit="D")
    graph_links["infectee_onset_date"] = pd.to_datetime(infectee_onset[in_graph], unit="D")

    members = _chain_members(graph, links, cases)
    return ChainResult(
        link_issues=pd.concat(issues, ignore_index=True),
        chain_members=members,
        transmission_chains=_chains(members, cases),
        graph_links=graph_links,
    )


def _chain_members(graph: _Graph, links: dict[str, np.ndarray], cases: pd.DataFrame
                   ) -> pd.DataFrame:
    layers = _generations(graph)
    if layers.empty:
        return pd.DataFrame(columns=list(MEMBER_COLUMNS))
    tree = np.flatnonzero(graph.status == TREE)
    link_into = np.full(len(graph.case_ids), -1, dtype=np.int64)
    link_into[graph.infectee[tree]] = tree
    offspring = np.bincount(graph.infector[tree], minlength=len(graph.case_ids))

    codes = layers["code"].to_numpy()
    link_positions = link_into[codes]
    has_link = link_positions >= 0
    link_ids = links["transmission_link_id"]
    infector_codes = graph.infector[np.maximum(link_positions, 0)]
    source_names = cases["source_name"].to_numpy(dtype=object)
    refs = cases["source_case_ref"].astype(str).to_numpy(dtype=object)
    root_codes = layers["root_code"].to_numpy()
    return pd.DataFrame({
        "case_id": graph.case_ids[codes],
        "source_name": source_names[codes],
        "chain_id": source_names[root_codes] + ":chain:" + refs[root_codes],
        "generation": layers["generation"].to_numpy(),
        "infector_case_id": np.where(has_link, graph.case_ids[infector_codes], None),
        "transmission_link_id": np.where(has_link, link_ids[np.maximum(link_positions, 0)],
                                         None),
        "offspring_count": offspring[codes],
    })


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
    districts = (joined[["chain_id", "district_code"]].dropna().drop_duplicates()
                 .sort_values(["chain_id", "district_code"]))
    chains["district_codes"] = districts.groupby("chain_id")["district_code"].agg(list)
    chains["district_codes"] = chains["district_codes"].map(
        lambda codes: codes if isinstance(codes, list) else [])
    chains["count_districts"] = chains["district_codes"].map(len)
    return chains.reset_index()[list(CHAIN_COLUMNS)]

