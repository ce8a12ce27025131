"""Reading marts into pandas and writing analytics tables, both through COPY.

Each table is replaced whole inside the caller's transaction, so readers see either the old
or the new rows. ``input_version`` fingerprints the input relations so an asset can skip a
rerun when nothing it reads has changed.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterable, Sequence

import pandas as pd
import psycopg
from psycopg import sql

from orchestration.analytics.tables import INPUT_VERSIONS, TableSpec

NULL_MARKER = r"\N"


def read_frame(conn: psycopg.Connection, query: str, date_columns: Sequence[str] = (),
               float_columns: Sequence[str] = ()) -> pd.DataFrame:
    """Run ``query`` (no parameters) through COPY and return its rows.

    Text columns come back as str or NaN, ``date_columns`` as datetime64 and
    ``float_columns`` as float; booleans as the strings ``t``/``f``.
    """
    buffer = io.BytesIO()
    copy_sql = f"copy ({query}) to stdout with (format csv, header true, null '{NULL_MARKER}')"
    with conn.cursor().copy(copy_sql) as copy:
        for chunk in copy:
            buffer.write(chunk)
    buffer.seek(0)
    frame = pd.read_csv(buffer, dtype=str, keep_default_na=False, na_values=[NULL_MARKER],
                        encoding="utf-8")
    for column in frame.columns:
        if column in date_columns:
            frame[column] = pd.to_datetime(frame[column], format="%Y-%m-%d")
        elif column in float_columns:
            frame[column] = pd.to_numeric(frame[column])
        else:
            frame[column] = frame[column].astype(object).where(frame[column].notna(), None)
    return frame


def _array_literal(values) -> str | None:
    if values is None or (not isinstance(values, list | tuple) and pd.isna(values)):
        return None
    quoted = ('"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'
              for value in values)
    return "{" + ",".join(quoted) + "}"


def _csv_frame(spec: TableSpec, frame: pd.DataFrame) -> pd.DataFrame:
    """Return ``frame``'s columns of ``spec`` converted to text PostgreSQL reads as CSV."""
    out = pd.DataFrame(index=frame.index)
    for name, column_type in spec.columns:
        values = frame[name] if name in frame.columns else pd.Series(None, index=frame.index)
        if column_type == "date":
            values = pd.to_datetime(values).dt.strftime("%Y-%m-%d")
        elif column_type in ("integer", "bigint"):
            values = pd.to_numeric(values).round().astype("Int64")
        elif column_type == "text[]":
            values = values.map(_array_literal)
        elif column_type == "boolean":
            values = values.map({True: "t", False: "f"}, na_action="ignore")
        out[name] = values
    return out


def create_table(conn: psycopg.Connection, spec: TableSpec) -> None:
    """Create ``spec``'s table; a table of the same name with other columns is replaced.

    Replacing drops the views on the old table too (``cascade``): dbt's
    stg_analytics__place_matches, which the next dbt run of analytics_job recreates.
    """
    conn.execute(sql.SQL("create schema if not exists {}").format(sql.Identifier(spec.schema)))
    existing = [row[0] for row in conn.execute(
        "select column_name from information_schema.columns "
        "where table_schema = %s and table_name = %s order by ordinal_position",
        (spec.schema, spec.name))]
    table = sql.Identifier(spec.schema, spec.name)
    if existing == spec.column_names:
        return
    if existing:
        conn.execute(sql.SQL("drop table {} cascade").format(table))
    columns = [sql.SQL("{} {}").format(sql.Identifier(name), sql.SQL(column_type))
               for name, column_type in spec.columns]
    if spec.primary_key:
        columns.append(sql.SQL("primary key ({})").format(
            sql.SQL(", ").join(map(sql.Identifier, spec.primary_key))))
    conn.execute(sql.SQL("create table {} ({})").format(table, sql.SQL(", ").join(columns)))
    conn.execute(sql.SQL("comment on table {} is {}").format(table, sql.Literal(spec.grain)))


def replace_rows(conn: psycopg.Connection, spec: TableSpec, frame: pd.DataFrame) -> int:
    """Replace every row of ``spec``'s table with ``frame``'s rows; return the row count."""
    create_table(conn, spec)
    table = sql.Identifier(spec.schema, spec.name)
    conn.execute(sql.SQL("truncate {}").format(table))
    if frame.empty:
        return 0
    buffer = _csv_frame(spec, frame).to_csv(index=False, header=False, na_rep="").encode()
    columns = sql.SQL(", ").join(map(sql.Identifier, spec.column_names))
    statement = sql.SQL("copy {} ({}) from stdin with (format csv)").format(table, columns)
    with conn.cursor().copy(statement) as copy:
        copy.write(buffer)
    return len(frame)


def relation_exists(conn: psycopg.Connection, qualified_name: str) -> bool:
    return conn.execute("select to_regclass(%s) is not null", (qualified_name,)).fetchone()[0]


def input_version(conn: psycopg.Connection, relations: Iterable[str], extra: str = "") -> str:
    """Fingerprint the rows of ``relations`` (and ``extra``: settings, code version).

    Per relation: the row count and the sum of a 64-bit hash of each row's text, which does
    not depend on row order. A change to any value of any row changes the fingerprint
    (barring a 64-bit hash collision).
    """
    digest = hashlib.sha256(extra.encode())
    for relation in sorted(relations):
        query = sql.SQL(
            "select count(*), coalesce(sum(hashtextextended(rows::text, 0)::numeric), 0) "
            "from {} as rows").format(sql.Identifier(*relation.split(".")))
        count, total = conn.execute(query).fetchone()
        digest.update(f"{relation}:{count}:{total};".encode())
    return digest.hexdigest()


def stored_version(conn: psycopg.Connection, asset_name: str) -> str | None:
    if not relation_exists(conn, INPUT_VERSIONS.qualified_name):
        return None
    row = conn.execute("select input_version from analytics.input_versions where asset_name = %s",
                       (asset_name,)).fetchone()
    return row[0] if row else None


def store_version(conn: psycopg.Connection, asset_name: str, version: str) -> None:
    create_table(conn, INPUT_VERSIONS)
    conn.execute(
        "insert into analytics.input_versions (asset_name, input_version, built_at) "
        "values (%s, %s, now()) on conflict (asset_name) do update "
        "set input_version = excluded.input_version, built_at = excluded.built_at",
        (asset_name, version))


def is_up_to_date(conn: psycopg.Connection, asset_name: str, version: str,
                  outputs: Iterable[TableSpec]) -> bool:
    """True when the outputs exist and were built from inputs of this ``version``."""
    if not all(relation_exists(conn, spec.qualified_name) for spec in outputs):
        return False
    return stored_version(conn, asset_name) == version


# The marts and the dbt intermediate model the analytics read.
TRANSMISSION_LINKS = "marts.transmission_links"
CASES = "marts.cases"
EVENTS = "marts.events"
CLOSE_CONTACTS = "marts.close_contacts"
# The place merge reads the mentions before dbt attaches key places to them (marts.place_mentions
# reads the merge's output, so reading it here would be a cycle).
PLACE_MENTIONS_UNIONED = "intermediate.int_place_mentions_unioned"

DISTRICTS = "marts.districts"
SUBDISTRICTS = "staging.stg_raw__jurisdiction_subdistricts"

CASE_DATES = ("onset_date", "confirmed_date", "case_date", "report_date")


def read_links(conn: psycopg.Connection) -> pd.DataFrame:
    return read_frame(conn, f"""
        select transmission_link_id, source_name, source_link_ref, infector_case_id,
               infectee_case_id, infector_source_case_ref, infectee_source_case_ref
        from {TRANSMISSION_LINKS}""")


def read_cases(conn: psycopg.Connection) -> pd.DataFrame:
    return read_frame(conn, f"""
        select case_id, source_name, source_case_ref, person_id, onset_date, confirmed_date,
               case_date, report_date, district_code
        from {CASES}""", date_columns=CASE_DATES)


def read_place_mentions(conn: psycopg.Connection) -> pd.DataFrame:
    """Read every place mention, with its event's description (a DS4C route's place type)."""
    return read_frame(conn, f"""
        select mentions.place_mention_id, mentions.source_name, mentions.case_id,
               mentions.mention_date, mentions.place_name, mentions.address,
               mentions.district_code, mentions.subdistrict_code, mentions.latitude,
               mentions.longitude, mentions.normalized_name,
               events.description as event_description
        from {PLACE_MENTIONS_UNIONED} as mentions
        left join {EVENTS} as events on events.place_mention_id = mentions.place_mention_id""",
        date_columns=("mention_date",), float_columns=("latitude", "longitude"))


def read_reference_points(conn: psycopg.Connection) -> pd.DataFrame:
    """Read the coordinates of every district and subdistrict of the loaded jurisdictions."""
    return read_frame(conn, f"""
        select latitude, longitude from {DISTRICTS} where latitude is not null
        union all
        select latitude, longitude from {SUBDISTRICTS} where latitude is not null""",
        float_columns=("latitude", "longitude"))


def read_events(conn: psycopg.Connection) -> pd.DataFrame:
    return read_frame(conn, f"""
        select event_id, source_name, case_id, event_date, event_type,
               to_char(start_time, 'HH24:MI') as start_time,
               to_char(end_time, 'HH24:MI') as end_time, place_mention_id
        from {EVENTS}
        where place_mention_id is not null""", date_columns=("event_date",))


def read_close_contacts(conn: psycopg.Connection) -> pd.DataFrame:
    return read_frame(conn, f"""
        select close_contact_id, source_name, person_id, case_id, contact_level, contact_type,
               last_contact_date, became_case_id
        from {CLOSE_CONTACTS}""", date_columns=("last_contact_date",))
