"""A small city in the marts contract's shape, for cockpit tests that run without the pipeline.

Source ``demo``: 80 cases from 2020-01-20 to 2020-02-15 in four Shenzhen districts, their close
and secondary contacts, ten key places, one chain of 30 cases and one of 5, one dangling link,
an official daily summary that disagrees with the line list on one day, and three rejected
rows whose reasons quote an ID card number and a phone number.
"""

from __future__ import annotations

import datetime as dt
import random

import psycopg

from cockpit.bench_schema import QUARANTINE_DDL, partition_ddl, summary_mart_ddl, table_ddl
from liudiao import jurisdictions

SOURCE = "demo"
FIRST_DAY = dt.date(2020, 1, 20)
DISTRICTS = ["440303", "440304", "440305", "440306"]
COUNT_CASES = 80
# Reasons quote the failing value, as importers do; the cockpit must mask them.
REJECTED_ID_CARD = "440301199001011234"
REJECTED_PHONE = "13812345678"


def case_rows(rng: random.Random) -> list[tuple]:
    rows = []
    for number in range(COUNT_CASES):
        ref = f"C{number:03d}"
        case_date = FIRST_DAY + dt.timedelta(days=min(number // 3, 26))
        district = DISTRICTS[number % len(DISTRICTS)]
        onset = case_date - dt.timedelta(days=rng.randint(1, 5))
        rows.append((f"{SOURCE}:{ref}", SOURCE, ref, f"{SOURCE}:person:{number}", case_date,
                     "report", district, None, case_date, case_date, onset,
                     "confirmed" if number % 5 else "asymptomatic", "普通型", "local",
                     "男" if number % 2 else "女", 20 + number % 50))
    return rows


def link_rows() -> list[tuple]:
    """Chain of C000..C029 as a binary tree, chain of C040..C044 as a line, one dangling link."""
    pairs = [(f"C{(child - 1) // 2:03d}", f"C{child:03d}") for child in range(1, 30)]
    pairs += [(f"C{number:03d}", f"C{number + 1:03d}") for number in range(40, 44)]
    pairs.append(("X999", "C050"))
    return [(f"{SOURCE}:L{index}", SOURCE, f"{SOURCE}:{infector}", f"{SOURCE}:{infectee}",
             infector, infectee, "同住", "household", infector != "X999", True)
            for index, (infector, infectee) in enumerate(pairs)]


def load_contract_rows(url: str, with_chain_marts: bool = False) -> None:
    """Create the contract tables (partitioned) in an empty database, fill them, and build the
    summary marts from them."""
    rng = random.Random(7)
    months = [dt.date(2020, 1, 1), dt.date(2020, 2, 1)]
    cases = case_rows(rng)
    with psycopg.connect(url, autocommit=True) as conn:
        for statement in table_ddl("marts", partitioned=True, with_chains=with_chain_marts):
            conn.execute(statement)
        for statement in partition_ddl("marts", months, [*DISTRICTS, "other"]):
            conn.execute(statement)
        conn.execute(QUARANTINE_DDL)
        _insert_districts(conn)
        with conn.cursor() as cursor:
            cursor.executemany(
                "insert into marts.cases (case_id, source_name, source_case_ref, person_id,"
                " case_date, case_date_basis, district_code, subdistrict_code, report_date,"
                " confirmed_date, onset_date, case_type, severity, infection_source, sex, age)"
                " values (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
                cases)
            cursor.executemany(
                "insert into marts.transmission_links (transmission_link_id, source_name,"
                " infector_case_id, infectee_case_id, infector_source_case_ref,"
                " infectee_source_case_ref, relation, relation_type, is_infector_known,"
                " is_infectee_known) values (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
                link_rows())
            _insert_contacts(cursor, cases)
            _insert_places(cursor, cases, rng)
            _insert_official_counts(cursor, cases)
            _insert_rejected_rows(cursor)
        for statement in summary_mart_ddl("marts"):
            conn.execute(statement)
        if with_chain_marts:
            _insert_chain_marts(conn)


def _insert_districts(conn: psycopg.Connection) -> None:
    shenzhen = jurisdictions.load("shenzhen")
    rows = [(district.code, district.name, district.name_en, shenzhen.code)
            for district in shenzhen.districts]
    rows.append(("other", "其他地区", "Other", None))
    with conn.cursor() as cursor:
        cursor.executemany("insert into marts.districts (district_code, district_name,"
                           " district_name_en, jurisdiction_code) values (%s, %s, %s, %s)", rows)


def _insert_contacts(cursor: psycopg.Cursor, cases: list[tuple]) -> None:
    rows = []
    for case in cases:
        case_id, case_date, district = case[0], case[4], case[6]
        last_contact = case_date - dt.timedelta(days=1)
        for number in range(3):
            contact_id = f"{case_id}:K{number}"
            rows.append((contact_id, SOURCE, case_id, "close", None, last_contact, district,
                         last_contact, last_contact + dt.timedelta(days=14)))
        rows.append((f"{case_id}:S0", SOURCE, case_id, "secondary", f"{case_id}:K0",
                     last_contact, district, last_contact, last_contact + dt.timedelta(days=14)))
    cursor.executemany(
        "insert into marts.close_contacts (close_contact_id, source_name, case_id,"
        " contact_level, via_close_contact_id, last_contact_date, district_code,"
        " quarantine_start_date, quarantine_end_date) values (%s, %s, %s, %s, %s, %s, %s, %s, %s)",
        rows)


def _insert_places(cursor: psycopg.Cursor, cases: list[tuple], rng: random.Random) -> None:
    places = [(f"{DISTRICTS[index % 4]}:place{index}", f"测试场所{index}号", DISTRICTS[index % 4],
               22.55 + 0.01 * index, 114.0 + 0.02 * index) for index in range(10)]
    mentions = []
    for number, case in enumerate(cases):
        place = places[rng.randrange(len(places))] if number % 4 else places[0]
        mentions.append((f"{SOURCE}:M{number}", SOURCE, "event", case[0],
                         case[4] - dt.timedelta(days=2), place[1], place[2], place[3], place[4],
                         place[0]))
    cursor.executemany(
        "insert into marts.place_mentions (place_mention_id, source_name, mention_kind,"
        " case_id, mention_date, place_name, district_code, latitude, longitude, key_place_id)"
        " values (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)", mentions)
    cursor.execute(
        "insert into marts.key_places (key_place_id, canonical_name, district_code, latitude,"
        " longitude, count_mentions, count_cases, first_mention_date, last_mention_date)"
        " select key_place_id, min(place_name), min(district_code), avg(latitude),"
        " avg(longitude), count(*), count(distinct case_id), min(mention_date),"
        " max(mention_date) from marts.place_mentions group by key_place_id")


def _insert_official_counts(cursor: psycopg.Cursor, cases: list[tuple]) -> None:
    """Official totals equal the line list except on 2020-02-01, which reports two more."""
    days = sorted({case[4] for case in cases})
    rows = []
    for day in days:
        total = sum(1 for case in cases if case[4] <= day)
        rows.append((SOURCE, day, "total", total + (2 if day == dt.date(2020, 2, 1) else 0)))
    cursor.executemany("insert into marts.official_daily_counts values (%s, %s, %s, %s)", rows)


def _insert_rejected_rows(cursor: psycopg.Cursor) -> None:
    rows = [
        (SOURCE, "2020-01-21/440303/cases.csv", 4, "case", "invalid_id_card",
         f"身份证号 {REJECTED_ID_CARD} 校验位错误", '{"name": "张三"}'),
        (SOURCE, "2020-01-21/440303/cases.csv", 7, "case", "missing_required",
         "缺少必填字段 报告日期", '{}'),
        (SOURCE, "2020-01-22/440304/close_contacts.csv", 3, "close_contact", "invalid_phone",
         f"联系电话 {REJECTED_PHONE}0 不是有效号码，另一号码 {REJECTED_PHONE}", '{}'),
    ]
    cursor.executemany(
        "insert into quarantine.rejected_rows (source_name, source_file, line_number, entity,"
        " reason_code, reason, raw_record) values (%s, %s, %s, %s, %s, %s, %s)", rows)


def _insert_chain_marts(conn: psycopg.Connection) -> None:
    """Chain marts as the chain analysis writes them, computed from the contract links."""
    import pandas as pd

    from cockpit.chains import chains_from_links

    links = pd.DataFrame([(row[2], row[3]) for row in link_rows() if row[8]],
                         columns=["infector_case_id", "infectee_case_id"])
    members = chains_from_links(links).merge(
        links.rename(columns={"infectee_case_id": "case_id"}), on="case_id", how="left")
    with conn.cursor() as cursor:
        cursor.executemany(
            "insert into marts.chain_members (case_id, source_name, chain_id, generation,"
            " infector_case_id) values (%s, %s, %s, %s, %s)",
            [(row.case_id, SOURCE, row.chain_id, int(row.generation),
              None if pd.isna(row.infector_case_id) else row.infector_case_id)
             for row in members.itertuples()])
        cursor.execute(
            "insert into marts.transmission_chains (chain_id, source_name, size,"
            " count_generations, first_case_date, last_case_date, district_codes)"
            " select members.chain_id, %s, count(*), max(members.generation) + 1,"
            " min(cases.case_date), max(cases.case_date),"
            " array_agg(distinct cases.district_code)"
            " from marts.chain_members as members"
            " inner join marts.cases as cases on cases.case_id = members.case_id"
            " group by members.chain_id", (SOURCE,))
