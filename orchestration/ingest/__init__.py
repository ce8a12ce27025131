"""Importers: every input row lands in raw.records or in quarantine.rejected_rows.

``import_source(url, source_name, path)`` is the entry point; see importer.py.
"""

from orchestration.ingest.importer import import_source
from orchestration.ingest.summary import BatchCounts, ImportSummary

__all__ = ["BatchCounts", "ImportSummary", "import_source"]
