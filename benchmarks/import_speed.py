"""Time import_source on the public line lists and a demo dataset: first import and re-import.

Each run drops the raw and quarantine schemas of the scratch database first, so the first
import inserts everything and the second finds every row unchanged.

Run: .venv/bin/python benchmarks/import_speed.py --url postgresql://…/scratch --repeat 3
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import psycopg

from liudiao.config import load_settings
from orchestration.demo_data import write_demo_data
from orchestration.ingest import import_source


def time_source(url: str, source_name: str, path: Path, repeat: int
                ) -> tuple[float, float, int, int]:
    """Return (median seconds of a first import, of a re-import, files, rows read)."""
    first, again, files, rows = [], [], 0, 0
    for _ in range(repeat):
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute("drop schema if exists raw cascade")
            conn.execute("drop schema if exists quarantine cascade")
        start = time.perf_counter()
        summary = import_source(url, source_name, path)
        first.append(time.perf_counter() - start)
        start = time.perf_counter()
        import_source(url, source_name, path)
        again.append(time.perf_counter() - start)
        files = len({batch.source_file for batch in summary.batches})
        rows = sum(read for read, _, _ in summary.totals_by_entity().values())
    return statistics.median(first), statistics.median(again), files, rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True, help="scratch database URL (schemas are dropped)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per source")
    parser.add_argument("--demo-cases", type=int, default=300, help="cases in the demo dataset")
    args = parser.parse_args()

    shared = load_settings().shared_data
    with tempfile.TemporaryDirectory() as folder:
        demo = Path(folder) / "demo"
        write_demo_data(demo, seed=1, cases=args.demo_cases)
        for source_name, path in (("shenzhen-2020", shared / "shenzhen-2020"),
                                  ("ds4c", shared / "ds4c-korea"), ("demo", demo)):
            first, again, files, rows = time_source(args.url, source_name, path, args.repeat)
            print(f"| {source_name} | {files} | {rows} | {first:.1f} | {again:.1f} |")


if __name__ == "__main__":
    main()
