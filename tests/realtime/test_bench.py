"""The relay benchmark: merging driver results, the default driver count, a tiny real run."""

from __future__ import annotations

from realtime.bench import run_relay_bench
from realtime.bench.driver import default_driver_count
from realtime.bench.load import LoadResult


def test_merge_adds_counts_and_latencies():
    first = LoadResult(sent=4, delivered=3, lost=1, reconnects=2, latencies_ms=[1.0, 2.0, 3.0])
    second = LoadResult(sent=2, delivered=2, duplicated_after_dedupe=1, latencies_ms=[5.0, 6.0])
    first.merge(second)
    assert first.sent == 6
    assert first.delivered == 5
    assert first.lost == 1
    assert first.duplicated_after_dedupe == 1
    assert first.reconnects == 2
    assert sorted(first.latencies_ms) == [1.0, 2.0, 3.0, 5.0, 6.0]


def test_default_driver_count():
    assert default_driver_count(1) == 1
    assert default_driver_count(200) == 1
    assert default_driver_count(1000) == 4
    assert default_driver_count(100000) == 8


def test_small_run_delivers_every_version_once():
    figures = run_relay_bench(nodes=2, calls=4, rate=4, duration_s=1, drivers=2)
    assert figures["drivers"] == 2
    assert figures["sent"] == 16
    assert figures["delivered"] == 16
    assert figures["lost"] == 0
    assert figures["duplicated_after_dedupe"] == 0
    assert len(figures["peak_rss_mb_per_node"]) == 2
