"""Chain statistics per source: serial intervals, offspring, reproduction number by generation.

- Serial interval: infectee onset − infector onset, in days, over every distinct reported pair
  that passed the link rules (self, unknown and duplicate links excluded) and was not dropped
  to break a cycle, with both onset dates known. A case with two reported infectors gives
  two pairs. Negative intervals are kept (presymptomatic transmission).
- Offspring: infectees of each case in the chain tree, over all cases of the source (a case in
  no chain has 0). Mean, variance and the negative binomial dispersion k by moments
  (k = mean² / (variance − mean), only when variance > mean).
- Reproduction number by generation g: cases of generation g+1 / cases of generation g, over
  chains of two or more. Generation 0 is biased upwards: a root is only in a chain when it
  infected someone.
- Super-spreaders: cases with at least ``min_offspring`` infectees (default 5).

Confidence intervals of the serial interval's mean, median and standard deviation are 95%
percentile bootstrap intervals (``resamples`` resamples, fixed seed, so reruns agree). Above
``MAX_BOOTSTRAP_DRAWS`` draws (a synthetic city's hundreds of thousands of pairs) they are
normal-theory intervals instead: mean ± 1.96·sd/√n, sd ± 1.96·sd/√(2(n−1)), and the median
between the order statistics n/2 ± 1.96·√n/2.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

MAX_BOOTSTRAP_DRAWS = 20_000_000
Z_95 = 1.959964

SERIAL_INTERVAL_COLUMNS = ("source_name", "transmission_link_id", "infector_case_id",
                           "infectee_case_id", "infector_onset_date", "infectee_onset_date",
                           "serial_interval_days", "is_chain_link")
STATISTIC_COLUMNS = ("source_name", "statistic", "parameter", "value", "ci_lower", "ci_upper",
                     "count_observations", "method")
SUPER_SPREADER_COLUMNS = ("case_id", "source_name", "chain_id", "generation", "offspring_count",
                          "onset_date", "case_date", "district_code", "min_offspring")


@dataclass(frozen=True)
class StatisticsSettings:
    min_offspring: int = 5  # a super-spreader infected at least this many cases
    resamples: int = 2000  # bootstrap resamples for the serial interval intervals
    seed: int = 20200101


def serial_intervals(graph_links: pd.DataFrame) -> pd.DataFrame:
    """Return one row per reported infector → infectee pair with both onset dates."""
    pairs = graph_links[(graph_links["status"] != "cycle")
                        & graph_links["infector_onset_date"].notna()
                        & graph_links["infectee_onset_date"].notna()]
    frame = pairs.assign(
        is_chain_link=pairs["status"] == "tree",
        serial_interval_days=(pairs["infectee_onset_date"]
                              - pairs["infector_onset_date"]).dt.days.astype("int64"),
    )
    return frame[list(SERIAL_INTERVAL_COLUMNS)].sort_values("transmission_link_id",
                                                             ignore_index=True)


def _row(source_name: str, statistic: str, value: float, count: int, method: str,
         parameter: int | None = None, ci: tuple[float, float] | None = None) -> dict:
    return {"source_name": source_name, "statistic": statistic, "parameter": parameter,
            "value": float(value), "ci_lower": ci[0] if ci else None,
            "ci_upper": ci[1] if ci else None, "count_observations": int(count),
            "method": method}


def bootstrap_interval(values: np.ndarray, statistic, resamples: int, seed: int
                       ) -> tuple[float, float]:
    """Return the 95% percentile bootstrap interval of ``statistic`` (a numpy reducer)."""
    generator = np.random.default_rng(seed)
    samples = generator.choice(values, size=(resamples, len(values)), replace=True)
    estimates = statistic(samples, axis=1)
    low, high = np.percentile(estimates, [2.5, 97.5])
    return float(low), float(high)


def normal_intervals(values: np.ndarray) -> dict[str, tuple[float, float]]:
    """Return large-sample 95% intervals of the mean, median and standard deviation."""
    count = len(values)
    mean, sd = values.mean(), values.std(ddof=1)
    ordered = np.sort(values)
    half_width = Z_95 * np.sqrt(count) / 2
    low_rank = int(max(0, np.floor(count / 2 - half_width)))
    high_rank = int(min(count - 1, np.ceil(count / 2 + half_width)))
    sd_error = Z_95 * sd / np.sqrt(2 * (count - 1))
    return {
        "mean": (mean - Z_95 * sd / np.sqrt(count), mean + Z_95 * sd / np.sqrt(count)),
        "median": (float(ordered[low_rank]), float(ordered[high_rank])),
        "sd": (sd - sd_error, sd + sd_error),
    }


def _sample_sd(values, axis=None):
    return np.std(values, axis=axis, ddof=1)


def _serial_interval_rows(source_name: str, days: np.ndarray,
                          settings: StatisticsSettings) -> list[dict]:
    count = len(days)
    if count == 0:
        return []
    reducers = {"mean": np.mean, "median": np.median, "sd": _sample_sd}
    if count < 2:
        intervals = {name: None for name in reducers}
        method = "single pair"
    elif count * settings.resamples > MAX_BOOTSTRAP_DRAWS:
        intervals = normal_intervals(days)
        method = "95% normal-theory interval (sample too large to bootstrap)"
    else:
        intervals = {name: bootstrap_interval(days, reducer, settings.resamples, settings.seed)
                     for name, reducer in reducers.items()}
        method = f"95% percentile bootstrap, {settings.resamples} resamples"

    rows = [
        _row(source_name, "serial_interval_mean", days.mean(), count, method,
             ci=intervals["mean"]),
        _row(source_name, "serial_interval_median", np.median(days), count, method,
             ci=intervals["median"]),
    ]
    if count >= 2:
        rows.append(_row(source_name, "serial_interval_sd", _sample_sd(days), count, method,
                         ci=intervals["sd"]))
    return rows


def _offspring_rows(source_name: str, offspring: np.ndarray, min_offspring: int) -> list[dict]:
    count = len(offspring)
    mean = offspring.mean()
    variance = offspring.var(ddof=1) if count > 1 else 0.0
    rows = [
        _row(source_name, "offspring_mean", mean, count, "all cases of the source"),
        _row(source_name, "offspring_variance", variance, count, "all cases of the source"),
    ]
    if variance > mean > 0:
        rows.append(_row(source_name, "offspring_dispersion_k", mean ** 2 / (variance - mean),
                         count, "negative binomial, method of moments"))
    values, counts = np.unique(offspring, return_counts=True)
    rows += [_row(source_name, "offspring_distribution", number_of_cases, count,
                  "cases with this many infectees", parameter=int(offspring_count))
             for offspring_count, number_of_cases in zip(values, counts)]
    rows.append(_row(source_name, "count_super_spreaders", (offspring >= min_offspring).sum(),
                     count, "cases with at least this many infectees", parameter=min_offspring))
    return rows


def _reproduction_rows(source_name: str, generations: pd.Series) -> list[dict]:
    sizes = generations.value_counts().sort_index()
    return [
        _row(source_name, "reproduction_number", sizes.get(generation + 1, 0) / size, size,
             "cases of the next generation / cases of this one, chains of two or more",
             parameter=int(generation))
        for generation, size in sizes.items() if generation + 1 in sizes.index
    ]


def chain_statistics(intervals: pd.DataFrame, members: pd.DataFrame, cases: pd.DataFrame,
                     settings: StatisticsSettings) -> pd.DataFrame:
    """Return one row per source, statistic and parameter (STATISTIC_COLUMNS)."""
    offspring_by_case = members.set_index("case_id")["offspring_count"]
    rows: list[dict] = []
    for source_name, source_cases in cases.groupby("source_name", sort=True):
        days = intervals.loc[intervals["source_name"] == source_name,
                             "serial_interval_days"].to_numpy(dtype=float)
        rows += _serial_interval_rows(source_name, days, settings)
        offspring = source_cases["case_id"].map(offspring_by_case).fillna(0).to_numpy(
            dtype=float)
        rows += _offspring_rows(source_name, offspring, settings.min_offspring)
        rows += _reproduction_rows(
            source_name, members.loc[members["source_name"] == source_name, "generation"])
    return pd.DataFrame(rows, columns=list(STATISTIC_COLUMNS))


def super_spreaders(members: pd.DataFrame, cases: pd.DataFrame, min_offspring: int
                    ) -> pd.DataFrame:
    """Return one row per case with at least ``min_offspring`` infectees, most first."""
    spreaders = members[members["offspring_count"] >= min_offspring].merge(
        cases[["case_id", "onset_date", "case_date", "district_code"]], on="case_id")
    spreaders = spreaders.assign(min_offspring=min_offspring).sort_values(
        ["offspring_count", "case_id"], ascending=[False, True], ignore_index=True)
    return spreaders[list(SUPER_SPREADER_COLUMNS)]
