"""The counts an import returns: per file and entity, and the partitions it changed."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class BatchCounts:
    """Counts of one file and entity in one import, stored as one row of raw.import_batches."""

    source_file: str
    entity: str
    rows_read: int = 0
    rows_loaded: int = 0  # inserted + updated + unchanged
    rows_rejected: int = 0
    rows_inserted: int = 0
    rows_updated: int = 0
    rows_unchanged: int = 0
    rows_removed: int = 0  # rows of an earlier version of the file that are gone

    def check(self) -> None:
        """Raise AssertionError unless read = loaded + rejected and loaded = inserted + updated +
        unchanged."""
        if self.rows_read != self.rows_loaded + self.rows_rejected:
            raise AssertionError(
                f"{self.source_file} {self.entity}: read {self.rows_read} != loaded "
                f"{self.rows_loaded} + rejected {self.rows_rejected}")
        if self.rows_loaded != self.rows_inserted + self.rows_updated + self.rows_unchanged:
            raise AssertionError(
                f"{self.source_file} {self.entity}: loaded {self.rows_loaded} != inserted "
                f"{self.rows_inserted} + updated {self.rows_updated} + unchanged "
                f"{self.rows_unchanged}")


@dataclass
class ImportSummary:
    source_name: str
    batches: list[BatchCounts] = field(default_factory=list)
    # (ISO date, district_code) of every case, event or close-contact partition whose rows
    # were inserted, updated or removed.
    touched_partitions: set[tuple[str, str]] = field(default_factory=set)
    # (source_file, Chinese reason) of every file that could not be read and was not imported.
    rejected_files: list[tuple[str, str]] = field(default_factory=list)
    # Input files the parser found under the import path, readable or not.
    count_input_files: int = 0
    # Files that were read but held no data row: empty, or a header only.
    empty_files: list[str] = field(default_factory=list)

    def totals_by_entity(self) -> dict[str, tuple[int, int, int]]:
        """Return {entity: (rows read, loaded, rejected)} summed over the files."""
        totals: dict[str, tuple[int, int, int]] = {}
        for batch in self.batches:
            read, loaded, rejected = totals.get(batch.entity, (0, 0, 0))
            totals[batch.entity] = (read + batch.rows_read, loaded + batch.rows_loaded,
                                    rejected + batch.rows_rejected)
        return totals

    def counts_by_entity(self) -> dict[str, dict[str, int]]:
        """Return {entity: {read, loaded, inserted, updated, unchanged, removed, rejected}}."""
        counts: dict[str, dict[str, int]] = {}
        for batch in self.batches:
            entity = counts.setdefault(batch.entity, dict.fromkeys(COUNT_NAMES, 0))
            for name in COUNT_NAMES:
                entity[name] += getattr(batch, f"rows_{name}")
        return counts


COUNT_NAMES = ("read", "loaded", "inserted", "updated", "unchanged", "removed", "rejected")
