-- Landing zone of every importer. Idempotent: safe to run before every import.
-- One row of raw.records per source row that passed validation; one row of
-- quarantine.rejected_rows per source row that did not. The record's JSON keys per entity
-- are listed in docs/raw-contract.md.

create schema if not exists raw;
create schema if not exists quarantine;

create table if not exists raw.records (
    source_name    text        not null,  -- canonical | demo | shenzhen-2020 | ds4c
    entity         text        not null,  -- case | event | close_contact | place | case_link | daily_summary | cluster | region
    record_key     text        not null,  -- the source's own id of the row, unique per source and entity
    source_file    text        not null,  -- absolute path of the imported file
    line_number    integer     not null,  -- 1-based physical line (CSV) or row (XLSX) of the row
    record         jsonb       not null,  -- normalised fields, keys per entity in docs/raw-contract.md
    record_sha256  text        not null,  -- hash of record, to skip unchanged rows on re-import
    loaded_at      timestamptz not null default now(),
    primary key (source_name, entity, record_key)
);

create index if not exists records_source_file_idx on raw.records (source_name, source_file);

create table if not exists raw.import_batches (
    batch_id        bigserial   primary key,
    source_name     text        not null,
    source_file     text        not null,
    content_sha256  text        not null,
    entity          text        not null,
    rows_read       integer     not null,
    rows_loaded     integer     not null,  -- inserted + updated + unchanged
    rows_rejected   integer     not null,
    rows_inserted   integer     not null,
    rows_updated    integer     not null,
    rows_unchanged  integer     not null,
    rows_removed    integer     not null,  -- rows of an earlier version of the file that are gone
    started_at      timestamptz not null,
    finished_at     timestamptz not null default now()
);

create table if not exists quarantine.rejected_rows (
    rejected_row_id bigserial   primary key,
    source_name     text        not null,
    source_file     text        not null,
    line_number     integer     not null,
    entity          text        not null,
    reason_code     text        not null,  -- stable English code, e.g. missing_required, invalid_date
    reason          text        not null,  -- the same in Chinese, naming the field and the value
    raw_record      jsonb       not null,  -- the row as read, every column kept as text
    rejected_at     timestamptz not null default now()
);

create index if not exists rejected_rows_file_idx
    on quarantine.rejected_rows (source_name, source_file);

-- One row per input file that could not be read at all (binary, unclosed quote, broken
-- workbook, wrong encoding). The file's rows from an earlier import stay loaded. The row is
-- deleted when a readable version of the file is imported or the file leaves its folder.
create table if not exists quarantine.rejected_files (
    source_name     text        not null,
    source_file     text        not null,  -- absolute path of the imported file
    content_sha256  text        not null,
    reason_code     text        not null,  -- stable English code, e.g. binary_file, unclosed_quote
    reason          text        not null,  -- the same in Chinese, with what to do next
    rejected_at     timestamptz not null default now(),
    primary key (source_name, source_file)
);

-- The jurisdiction's districts (``other`` included) and subdistricts, upserted by every
-- import: the configured jurisdiction file for canonical, demo and shenzhen-2020, the
-- Region file for ds4c.
create table if not exists raw.jurisdiction_districts (
    jurisdiction_code  text not null,  -- 440300 for Shenzhen, KR for DS4C
    district_code      text not null,
    district_name      text not null,
    district_name_en   text,
    latitude           double precision,
    longitude          double precision,
    primary key (jurisdiction_code, district_code)
);

create table if not exists raw.jurisdiction_subdistricts (
    jurisdiction_code  text not null,
    subdistrict_code   text not null,
    subdistrict_name   text not null,
    district_code      text not null,
    latitude           double precision,
    longitude          double precision,
    primary key (jurisdiction_code, subdistrict_code)
);
