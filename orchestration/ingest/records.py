"""Parser output for one input file: records to load and rejected rows, per entity."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field

from orchestration.ingest.redaction import mask_personal_numbers

# The Chinese name of each entity's key, for duplicate-key reasons.
KEY_NAMES = {
    "case": "病例编号",
    "event": "轨迹编号",
    "close_contact": "接触者编号",
    "place": "场所编号",
    "case_link": "传播关系",
    "daily_summary": "日期和辖区",
    "cluster": "聚集性疫情编号",
    "region": "地区编码",
}


def duplicate_key_reason(entity: str, key: str, first_file: str | None, first_line: int) -> str:
    """Return the Chinese reason for a repeated key; ``first_file`` None means this file."""
    where = "本文件" if first_file is None else f"文件 {first_file} "
    return f"{KEY_NAMES[entity]}「{key}」重复：已由{where}第 {first_line} 行导入"


@dataclass
class Record:
    """One valid row, normalised into the JSON keys of docs/raw-contract.md."""

    entity: str
    key: str
    line_number: int
    record: dict
    # Set on records derived from another row of the same file (a case's links and bulletin
    # events): (entity, line_number) of that row. They go when that row is rejected.
    parent: tuple[str, int] | None = None

    def canonical_json(self) -> str:
        return json.dumps(self.record, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def sha256_of(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class Rejection:
    entity: str
    line_number: int
    reason_code: str
    reason: str
    raw_record: dict[str, str | None]


@dataclass
class FileResult:
    """Everything parsed from one input file, in file order.

    ``rows_read`` is counted apart from the outcomes: a parser counts each row it reads with
    :meth:`count_read`, and each derived record counts as read when it is added. The store
    then checks that every row read was loaded or rejected.
    """

    source_file: str
    content_sha256: str
    records: list[Record] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)
    rows_read: Counter[str] = field(default_factory=Counter)
    # Raw rows by (entity, line), so a record rejected later still stores the row as read.
    raw_rows: dict[tuple[str, int], dict[str, str | None]] = field(default_factory=dict)
    # Entities the file can hold even when it has no rows of them, so that a newer version
    # of a file that lost all its rows of an entity still records a batch for it.
    entities: set[str] = field(default_factory=set)
    # Set when the whole file could not be read: (reason_code, Chinese reason). Such a file
    # has no records; it goes to quarantine.rejected_files and its earlier rows stay loaded.
    file_rejection: tuple[str, str] | None = None

    def count_read(self, entity: str) -> None:
        self.rows_read[entity] += 1
        self.entities.add(entity)

    def add(self, record: Record, raw_row: dict[str, str | None]) -> None:
        if record.parent is not None:
            self.count_read(record.entity)
        self.records.append(record)
        self.entities.add(record.entity)
        self.raw_rows[(record.entity, record.line_number)] = raw_row

    def reject(self, entity: str, line_number: int, reason_code: str, reason: str,
               raw_row: dict[str, str | None]) -> None:
        """Add a rejected row; ID card and phone numbers quoted in ``reason`` are masked."""
        self.rejections.append(Rejection(entity, line_number, reason_code,
                                         mask_personal_numbers(reason), raw_row))
        self.entities.add(entity)

    def reject_records(self, rejected: dict[int, tuple[str, str]]) -> None:
        """Move records (by index into ``records``) to the rejections, with their derived records.

        ``rejected`` maps a record index to (reason_code, reason). A record derived from a
        rejected row is rejected too, as ``parent_rejected``.
        """
        if not rejected:
            return
        parent_reasons = {(self.records[index].entity, self.records[index].line_number): reason
                          for index, (_, reason) in rejected.items()}
        kept = []
        for index, record in enumerate(self.records):
            raw_row = self.raw_rows.get((record.entity, record.line_number), {})
            if index in rejected:
                reason_code, reason = rejected[index]
                self.reject(record.entity, record.line_number, reason_code, reason, raw_row)
            elif record.parent in parent_reasons:
                parent_entity = record.parent[0]
                self.reject(record.entity, record.line_number, "parent_rejected",
                            f"所在行的{KEY_NAMES[parent_entity]}被拒收："
                            f"{parent_reasons[record.parent]}", raw_row)
            else:
                kept.append(record)
        self.records = kept
        self.rejections.sort(key=lambda rejection: rejection.line_number)
