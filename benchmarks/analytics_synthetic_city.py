"""Time and peak memory of the chain building and the place merge on a synthetic city.

The city has 100,000 cases, 1,000,000 reported links and 200,000 place mentions by default,
generated with numpy from a fixed seed. Each stage runs in a child process, so its peak
resident memory (``ru_maxrss``) covers loading its input and computing, nothing else:

    .venv/bin/python benchmarks/analytics_synthetic_city.py [--cases N] [--links N]
        [--mentions N] [--database-url URL]

With ``--database-url`` the chain tables are also written to that database through COPY, as
the asset does, and the write is timed. The figures go to docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import resource
import subprocess
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

DISTRICTS = ("440303", "440304", "440305", "440306", "440307", "440308", "440309", "440310",
             "440311", "440399")
DISTRICT_NAMES = ("罗湖区", "福田区", "南山区", "宝安区", "龙岗区", "盐田区", "龙华区", "坪山区",
                  "光明区", "大鹏新区")
SUFFIXES = ("花园", "小区", "大厦", "广场", "酒店", "市场", "公寓", "新村", "商场", "医院",
            "餐厅", "中心", "苑", "城", "超市")
# Characters whose traditional form differs, to exercise the t2s step in the variants.
TRADITIONAL = str.maketrans("华丽东门云龙凤园广场乐兴发湾岭", "華麗東門雲龍鳳園廣場樂興發灣嶺")


def generate_cases_and_links(count_cases: int, count_links: int, seed: int
                             ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Cases over 120 days and links mostly from an earlier case, with 2% problem links."""
    rng = np.random.default_rng(seed)
    onset_days = np.sort(rng.integers(0, 120, count_cases))
    start = np.datetime64("2020-01-01")
    onset = start + onset_days.astype("timedelta64[D]")
    confirmed = onset + rng.integers(1, 6, count_cases).astype("timedelta64[D]")
    refs = np.arange(count_cases).astype(str)
    cases = pd.DataFrame({
        "case_id": np.char.add("bench:", refs), "source_name": "bench", "source_case_ref": refs,
        "onset_date": pd.to_datetime(onset).where(rng.random(count_cases) > 0.1),
        "confirmed_date": pd.to_datetime(confirmed), "case_date": pd.to_datetime(confirmed),
        "report_date": pd.to_datetime(confirmed),
        "district_code": rng.choice(DISTRICTS, count_cases),
    })

    infectee = rng.integers(1, count_cases, count_links)
    infector = np.maximum(infectee - rng.integers(1, 3000, count_links), 0)
    problem = rng.random(count_links)
    infector = np.where(problem < 0.005, infectee, infector)  # self links
    infector = np.where((problem >= 0.005) & (problem < 0.01), count_cases + infector, infector)
    reverse = (problem >= 0.01) & (problem < 0.015)  # reversed pairs make cycles
    infector, infectee = np.where(reverse, infectee, infector), np.where(reverse, infector,
                                                                         infectee)
    duplicate = (problem >= 0.015) & (problem < 0.02)
    infector[duplicate] = infector[np.flatnonzero(duplicate) - 1]
    infectee[duplicate] = infectee[np.flatnonzero(duplicate) - 1]
    link_refs = np.arange(count_links).astype(str)
    links = pd.DataFrame({
        "transmission_link_id": np.char.add("bench:", link_refs), "source_name": "bench",
        "source_link_ref": link_refs,
        "infector_case_id": np.char.add("bench:", infector.astype(str)),
        "infectee_case_id": np.char.add("bench:", infectee.astype(str)),
        "infector_source_case_ref": infector.astype(str),
        "infectee_source_case_ref": infectee.astype(str),
    })
    return cases, links


def generate_mentions(count_mentions: int, seed: int) -> pd.DataFrame:
    """Mentions of about count/7 places, Zipf-distributed, 60% of them spelled differently.

    The variants: district prefix, building number, traditional characters, city prefix with
    a full-width space, the suffix dropped (花园, 小区 …), one character of the stem replaced.
    """
    rng = np.random.default_rng(seed)
    pool = np.array([chr(code) for code in range(0x4E00, 0x4E00 + 2500)])
    count_places = max(count_mentions // 7, 1)
    name_lengths = rng.integers(2, 4, count_places)
    stems = ["".join(rng.choice(pool, length)) for length in name_lengths]
    names = np.char.add(np.array(stems), rng.choice(SUFFIXES, count_places))
    place_district = rng.integers(0, len(DISTRICTS), count_places)
    has_coordinates = rng.random(count_places) < 0.5
    latitude = np.where(has_coordinates, rng.uniform(22.45, 22.85, count_places), np.nan)
    longitude = np.where(has_coordinates, rng.uniform(113.75, 114.6, count_places), np.nan)

    place = np.minimum(rng.zipf(1.3, count_mentions) - 1, count_places - 1)
    place = rng.permutation(count_places)[place]
    variant = rng.integers(0, 10, count_mentions)
    texts = []
    for number, (name, kind) in enumerate(zip(names[place], variant)):
        district_name = DISTRICT_NAMES[place_district[place[number]]]
        stem = stems[place[number]]
        typo = stem[:-1] + pool[(number * 7919) % len(pool)] + name[len(stem):]
        texts.append({0: district_name + name, 1: name + f"{number % 9 + 1}栋",
                      2: name.translate(TRADITIONAL), 3: "深圳市" + name + "　",
                      4: stem, 5: typo}.get(kind, name))
    jitter = rng.normal(0, 0.00005, (2, count_mentions))
    return pd.DataFrame({
        "place_mention_id": [f"bench:event:{number}" for number in range(count_mentions)],
        "case_id": [f"bench:{value}" for value in rng.integers(0, 100_000, count_mentions)],
        "mention_date": pd.Timestamp("2020-02-01"),
        "place_name": texts, "address": None,
        "district_code": np.array(DISTRICTS)[place_district[place]],
        "subdistrict_code": None,
        "latitude": latitude[place] + jitter[0], "longitude": longitude[place] + jitter[1],
        "normalized_name": texts, "true_place": place,
    })


def run_chains(folder: str, database_url: str | None) -> dict:
    from orchestration.analytics import io, tables
    from orchestration.analytics.chain_stats import (
        StatisticsSettings,
        chain_statistics,
        serial_intervals,
        super_spreaders,
    )
    from orchestration.analytics.chains import build_chains

    cases = pd.read_parquet(Path(folder) / "cases.parquet")
    links = pd.read_parquet(Path(folder) / "links.parquet")
    started = time.perf_counter()
    result = build_chains(links, cases)
    intervals = serial_intervals(result.graph_links)
    settings = StatisticsSettings()
    statistics = chain_statistics(intervals, result.chain_members, cases, settings)
    spreaders = super_spreaders(result.chain_members, cases, settings.min_offspring)
    figures = {"seconds": time.perf_counter() - started,
               "count_issues": len(result.link_issues),
               "count_chains": len(result.transmission_chains),
               "count_members": len(result.chain_members)}
    if database_url:
        import psycopg

        started = time.perf_counter()
        with psycopg.connect(database_url) as conn:
            for spec, frame in ((tables.LINK_ISSUES, result.link_issues),
                                (tables.CHAIN_MEMBERS, result.chain_members),
                                (tables.TRANSMISSION_CHAINS, result.transmission_chains),
                                (tables.SERIAL_INTERVALS, intervals),
                                (tables.CHAIN_STATISTICS, statistics),
                                (tables.SUPER_SPREADERS, spreaders)):
                io.replace_rows(conn, spec, frame)
        figures["write_seconds"] = time.perf_counter() - started
    return figures


def pair_quality(mentions: pd.DataFrame, key_places: pd.Series) -> dict:
    """Pairwise precision and recall of the merge against the generated places."""
    truth = mentions["true_place"].to_numpy()
    predicted = pd.factorize(key_places.to_numpy())[0]

    def pairs(labels: np.ndarray) -> float:
        _, counts = np.unique(labels, return_counts=True)
        return float((counts * (counts - 1) // 2).sum())

    both = pairs(truth.astype(np.int64) * (predicted.max() + 1) + predicted)
    return {"precision": both / pairs(predicted), "recall": both / pairs(truth)}


def run_merge(folder: str, database_url: str | None) -> dict:
    from liudiao.jurisdictions import load
    from orchestration.analytics.places.merge import merge_places

    mentions = pd.read_parquet(Path(folder) / "mentions.parquet")
    started = time.perf_counter()
    matches = merge_places(mentions, load("shenzhen"))
    seconds = time.perf_counter() - started
    key_places = matches.set_index("place_mention_id")["key_place_id"].reindex(
        mentions["place_mention_id"])
    return {"seconds": seconds, "count_key_places": int(matches["key_place_id"].nunique()),
            **pair_quality(mentions, key_places)}


def child(stage: str, folder: str, database_url: str | None, queue) -> None:
    figures = {"chains": run_chains, "merge": run_merge}[stage](folder, database_url)
    figures["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    queue.put(figures)


def measure(stage: str, folder: str, database_url: str | None) -> dict:
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=child, args=(stage, folder, database_url, queue))
    process.start()
    figures = queue.get()
    process.join()
    return figures


def uptime() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True, check=True).stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--links", type=int, default=1_000_000)
    parser.add_argument("--mentions", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--database-url")
    arguments = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        cases, links = generate_cases_and_links(arguments.cases, arguments.links, arguments.seed)
        cases.to_parquet(Path(folder) / "cases.parquet")
        links.to_parquet(Path(folder) / "links.parquet")
        generate_mentions(arguments.mentions, arguments.seed).to_parquet(
            Path(folder) / "mentions.parquet")
        generated = time.perf_counter() - started
        report = {
            "machine": f"{os.cpu_count()} cores, {os.uname().machine}",
            "load_before": uptime(),
            "sizes": vars(arguments) | {"database_url": bool(arguments.database_url)},
            "generate_seconds": round(generated, 1),
            "chains": measure("chains", folder, arguments.database_url),
            "merge": measure("merge", folder, arguments.database_url),
            "load_after": uptime(),
        }
    print(json.dumps(report, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
