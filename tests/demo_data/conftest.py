"""One generated dataset of 200 cases, shared by the tests that only read it."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from orchestration.demo_data import write_demo_data

SEED = 7
CASES = 200


@dataclass
class Dataset:
    """Rows of every file, each with the folder it was found in (report date, district)."""

    root: Path
    headers: dict[Path, list[str]] = field(default_factory=dict)
    rows: dict[str, list[dict]] = field(default_factory=dict)


def read_dataset(root: Path) -> Dataset:
    dataset = Dataset(root)
    for path in sorted(root.glob("*/*/*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            dataset.headers[path] = list(reader.fieldnames or [])
            for row in reader:
                row["_folder_date"] = path.parent.parent.name
                row["_folder_district"] = path.parent.name
                dataset.rows.setdefault(path.stem, []).append(row)
    return dataset


@pytest.fixture(scope="session")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out_dir = tmp_path_factory.mktemp("demo-data") / "outbreak"
    write_demo_data(out_dir, seed=SEED, cases=CASES)
    return out_dir


@pytest.fixture(scope="session")
def dataset(demo_dir: Path) -> Dataset:
    return read_dataset(demo_dir)
