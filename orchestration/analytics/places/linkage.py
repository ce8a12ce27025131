"""Average-linkage clustering on a sparse similarity graph, with never-merge constraints.

This is the guard against chaining: in a connected component A~B~C where A and C are not
similar, single linkage (plain connected components) would make one place of all three.
Average linkage merges two clusters only while the mean similarity over all their cross
pairs, with 0 for pairs never scored, stays at or above the threshold. After A+B, C joins
only if (sim(A,C) + sim(B,C)) / 2 >= threshold, which fails when A≁C unless B~C is very
strong. The caller passes dissimilar scored pairs as ``cannot_link`` too, which closes that
gap.
"""

from __future__ import annotations

import heapq
from collections.abc import Hashable, Iterable, Mapping

Tag = tuple[int, int]  # (never-merge rule number, side 0 or 1)
Pair = tuple[Hashable, Hashable]


def _conflicts(tags_a: frozenset[Tag], tags_b: frozenset[Tag]) -> bool:
    return any((rule, 1 - side) in tags_b for rule, side in tags_a)


def average_linkage(
    nodes: Iterable[Hashable],
    similarities: Mapping[tuple[Hashable, Hashable], float],
    threshold: float,
    tags: Mapping[Hashable, frozenset[Tag]] | None = None,
    cannot_link: Iterable[Pair] = (),
) -> list[list[Hashable]]:
    """Cluster ``nodes`` by average linkage; return the clusters, each a list of nodes.

    ``similarities`` contains one score per unordered pair (either order), and absent pairs
    count as 0. Two clusters never merge when one contains a node of a ``cannot_link`` pair and the
    other the pair's other node (evidence of two places: different subdistricts, numbers or
    far-apart coordinates), or when one carries a tag ``(rule, 0)`` and the other
    ``(rule, 1)`` (an analyst's never-merge rule). Ties merge in a fixed order, so the result
    does not depend on dict order.
    """
    tags = tags or {}
    members: dict[int, list[Hashable]] = {}
    cluster_tags: dict[int, frozenset[Tag]] = {}
    index_of: dict[Hashable, int] = {}
    for index, node in enumerate(sorted(set(nodes), key=repr)):
        members[index] = [node]
        cluster_tags[index] = tags.get(node, frozenset())
        index_of[node] = index

    forbidden: dict[int, set[int]] = {index: set() for index in members}
    for node_a, node_b in cannot_link:
        forbidden[index_of[node_a]].add(index_of[node_b])
        forbidden[index_of[node_b]].add(index_of[node_a])
    node_indexes: dict[int, set[int]] = {index: {index} for index in members}

    sums: dict[int, dict[int, float]] = {index: {} for index in members}
    for (node_a, node_b), score in similarities.items():
        a, b = index_of[node_a], index_of[node_b]
        if a != b and score > 0:
            sums[a][b] = sums[a].get(b, 0.0) + score
            sums[b][a] = sums[a][b]

    def average(a: int, b: int, total: float) -> float:
        return total / (len(members[a]) * len(members[b]))

    heap = [(-average(a, b, total), a, b)
            for a, row in sums.items() for b, total in row.items() if a < b]
    heapq.heapify(heap)
    next_index = len(members)
    while heap:
        negative_average, a, b = heapq.heappop(heap)
        if a not in members or b not in members:
            continue
        if -negative_average < threshold:
            break
        if (_conflicts(cluster_tags[a], cluster_tags[b])
                or not forbidden[a].isdisjoint(node_indexes[b])):
            continue
        merged = next_index
        next_index += 1
        members[merged] = members.pop(a) + members.pop(b)
        cluster_tags[merged] = cluster_tags.pop(a) | cluster_tags.pop(b)
        forbidden[merged] = forbidden.pop(a) | forbidden.pop(b)
        node_indexes[merged] = node_indexes.pop(a) | node_indexes.pop(b)
        row_a, row_b = sums.pop(a), sums.pop(b)
        merged_row: dict[int, float] = {}
        for other in (row_a.keys() | row_b.keys()) - {a, b}:
            total = row_a.get(other, 0.0) + row_b.get(other, 0.0)
            merged_row[other] = total
            other_row = sums[other]
            other_row.pop(a, None)
            other_row.pop(b, None)
            other_row[merged] = total
            heapq.heappush(heap, (-average(other, merged, total), other, merged))
        sums[merged] = merged_row
    return [sorted(cluster, key=repr) for cluster in members.values()]
