"""Row accounting: every row read is in raw.records or in quarantine.rejected_rows, once."""

from __future__ import annotations

from collections.abc import Iterable

import psycopg

# For each file and entity, the latest batch against what the two tables hold now.
ACCOUNTING_SQL = """
with latest_batches as (
    select distinct on (source_file, entity)
        source_file, entity, rows_read, rows_loaded, rows_rejected
    from raw.import_batches
    where source_name = %(source_name)s and source_file = any(%(files)s)
    order by source_file, entity, batch_id desc
),

loaded as (
    select source_file, entity, count(*) as count_rows
    from raw.records
    where source_name = %(source_name)s and source_file = any(%(files)s)
    group by source_file, entity
),

rejected as (
    select source_file, entity, count(*) as count_rows
    from quarantine.rejected_rows
    where source_name = %(source_name)s and source_file = any(%(files)s)
    group by source_file, entity
)

select
    batch.source_file,
    batch.entity,
    batch.rows_read,
    batch.rows_loaded,
    batch.rows_rejected,
    coalesce(loaded.count_rows, 0) as count_loaded_now,
    coalesce(rejected.count_rows, 0) as count_rejected_now
from latest_batches as batch
left join loaded using (source_file, entity)
left join rejected using (source_file, entity)
order by batch.source_file, batch.entity
"""


def check_row_accounting(url: str, source_name: str, files: Iterable[str]) -> list[str]:
    """Return one line per file and entity whose rows do not add up; empty when all do."""
    problems = []
    with psycopg.connect(url) as conn:
        rows = conn.execute(ACCOUNTING_SQL, {"source_name": source_name,
                                             "files": sorted(set(files))}).fetchall()
    for source_file, entity, read, loaded, rejected, loaded_now, rejected_now in rows:
        if read != loaded + rejected:
            problems.append(f"{source_file} {entity}: read {read} != loaded {loaded} "
                            f"+ rejected {rejected}")
        if loaded_now != loaded:
            problems.append(f"{source_file} {entity}: batch loaded {loaded}, "
                            f"raw.records holds {loaded_now}")
        if rejected_now != rejected:
            problems.append(f"{source_file} {entity}: batch rejected {rejected}, "
                            f"quarantine holds {rejected_now}")
    return problems
