"""The generated dataset goes through the canonical importer without a rejected row."""

import psycopg

from orchestration.ingest import import_source


def test_importer_loads_every_row(demo_dir, fresh_database):
    summary = import_source(fresh_database, "demo", demo_dir)

    totals = summary.totals_by_entity()
    assert set(totals) >= {"case", "event", "close_contact", "place"}
    for entity, (read, loaded, rejected) in totals.items():
        assert rejected == 0, entity
        assert loaded == read, entity
    with psycopg.connect(fresh_database) as conn:
        rejected_rows = conn.execute("select count(*) from quarantine.rejected_rows").fetchone()
        unresolved = conn.execute(
            "select entity, count(*) from raw.records"
            " where entity in ('case', 'close_contact', 'place')"
            " and (record->>'district_code' is null or record->>'district_code' = 'other'"
            "      or record->>'subdistrict_code' is null)"
            " group by 1").fetchall()
        id_problems = conn.execute(
            "select count(*) from raw.records where entity in ('case', 'close_contact')"
            " and record->'id_card_problems' <> '[]'::jsonb").fetchone()
    assert rejected_rows == (0,)
    assert unresolved == []
    assert id_problems == (0,)
