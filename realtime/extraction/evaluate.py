"""Precision, recall and F1 per entity type on the labelled transcript set.

Run ``python -m realtime.extraction.evaluate`` from the repository root. Each call of the set is
fed segment by segment through one :class:`CallExtractor`, and every segment's returned entities
are compared with its expected ones. A true positive needs the same type and value, and the
``strict`` columns also need the same start and end. Partial segments count like finals, so an
entity repeated in three partials and the final counts four times.

Calls c001–c090 and the extra calls d001, d002, … are the ``dev`` split: tuning reads their
errors, and ``--errors`` lists only those. Every call after c090 is ``held_out``: written apart
from tuning, it gives the figures for unseen transcripts.

Round history: the first tuning round read c001–c060 and held out c061–c090. The second round
tuned on c061–c090 as well, so only c091 onward measure unseen transcripts.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from realtime.extraction.extractor import CallExtractor
from realtime.extraction.labelled_set import load_records
from realtime.extraction.model import ENTITY_TYPES, Segment, mask_value

DEFAULT_SET = Path(__file__).resolve().parents[2] / "tests" / "realtime" / "extraction_set.jsonl"

# Key places the evaluation passes to every call, as the platform would from its register.
KNOWN_PLACES = (
    "海岸城", "万象天地", "海上世界", "欢乐谷", "世界之窗", "东门老街", "欢乐海岸", "COCO Park",
    "星河COCO City", "壹方城", "卓悦中心", "大梅沙", "海雅缤纷城", "华南城", "茂业百货", "宝能城",
)
SPLITS = ("all", "dev", "held_out")


@dataclass
class Tally:
    """True positives, false positives and false negatives of one entity type."""

    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        expected = self.true_positives + self.false_negatives
        return self.true_positives / expected if expected else 1.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


@dataclass
class Report:
    """Tallies per split and entity type, plain and strict, and the errors of the dev split."""

    tallies: dict[tuple[str, str, bool], Tally] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    feed_seconds: list[float] = field(default_factory=list)

    def tally(self, split: str, entity_type: str, strict: bool = False) -> Tally:
        return self.tallies.setdefault((split, entity_type, strict), Tally())


def evaluate(records: list[dict], known_places: tuple[str, ...] = KNOWN_PLACES) -> Report:
    """Feed every call of ``records`` through its own extractor and tally the results."""
    report = Report()
    extractors: dict[str, CallExtractor] = {}
    for record in records:
        if record["call_id"] not in extractors:
            extractors[record["call_id"]] = CallExtractor(known_places)
        extractor = extractors[record["call_id"]]
        segment = Segment(record["call_id"], record["segment_index"], record["is_final"],
                          0, 0, record["text"])
        started = time.perf_counter()
        found = extractor.feed(segment)
        report.feed_seconds.append(time.perf_counter() - started)
        for strict in (False, True):
            _compare(report, record, [_key(entity, strict) for entity in found], strict)
    return report


def _key(entity, strict: bool) -> tuple:
    if isinstance(entity, dict):
        base = (entity["type"], entity["value"])
        return (*base, entity["start"], entity["end"]) if strict else base
    base = (entity.type, entity.value)
    return (*base, entity.start, entity.end) if strict else base


def _compare(report: Report, record: dict, found: list[tuple], strict: bool) -> None:
    expected = Counter(_key(entity, strict) for entity in record["expected"])
    returned = Counter(found)
    for split in ("all", record["split"]):
        for key in set(expected) | set(returned):
            tally = report.tally(split, key[0], strict)
            matched = min(expected[key], returned[key])
            tally.true_positives += matched
            tally.false_positives += returned[key] - matched
            tally.false_negatives += expected[key] - matched
    if not strict and record["split"] == "dev" and expected != returned:
        missing = sorted(_masked(key) for key in (expected - returned).elements())
        extra = sorted(_masked(key) for key in (returned - expected).elements())
        report.errors.append(
            f"{record['call_id']}#{record['segment_index']}{'' if record['is_final'] else 'P'} "
            f"{record['text']}\n    missing {missing}\n    extra   {extra}"
        )


def _masked(key: tuple) -> str:
    return f"{key[0]}:{mask_value(key[0], key[1])}"


def format_table(report: Report) -> str:
    """Render the per-type figures of every split as a Markdown table."""
    lines = [
        "| split | type | precision | recall | F1 | strict F1 | expected |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for split in SPLITS:
        for entity_type in ENTITY_TYPES:
            tally = report.tally(split, entity_type)
            strict = report.tally(split, entity_type, strict=True)
            expected = tally.true_positives + tally.false_negatives
            if expected + tally.false_positives == 0:
                lines.append(f"| {split} | {entity_type} | – | – | – | – | 0 |")
                continue
            lines.append(
                f"| {split} | {entity_type} | {tally.precision:.3f} | {tally.recall:.3f} | "
                f"{tally.f1:.3f} | {strict.f1:.3f} | {expected} |"
            )
    return "\n".join(lines)


def format_timing(report: Report) -> str:
    """Summarise how long each ``feed`` call took, in milliseconds."""
    milliseconds = sorted(seconds * 1000 for seconds in report.feed_seconds)
    p99 = milliseconds[min(len(milliseconds) - 1, int(len(milliseconds) * 0.99))]
    return (
        f"{len(milliseconds)} feed calls: mean {statistics.mean(milliseconds):.2f} ms, "
        f"median {statistics.median(milliseconds):.2f} ms, p99 {p99:.2f} ms, "
        f"max {milliseconds[-1]:.2f} ms"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="按实体类型计算标注集上的精确率、召回率和 F1。")
    parser.add_argument("--set", type=Path, default=DEFAULT_SET, help="标注集 JSONL 文件路径。")
    parser.add_argument("--errors", action="store_true",
                        help="列出开发集（非留出集）上的错误，号码已脱敏。")
    arguments = parser.parse_args(argv)
    report = evaluate(load_records(arguments.set))
    print(format_table(report))
    print()
    print(format_timing(report))
    if arguments.errors:
        print("\n".join(report.errors))


if __name__ == "__main__":
    main()
