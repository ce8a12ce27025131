"""SQL that fills the marts with a synthetic city for the cockpit benchmark, in the database.

Source ``bench`` has COUNT_CASES cases over two years (2020-2021), numbered in date order
(1,370 a day at a million cases) and spread over Shenzhen's ten districts and ``other``. Each
case has ten close or secondary contacts on average, and each event one place mention of one of
20,000 key places. The first 60 % of cases form chains: one chain of 5,000 cases, then chains
of ten. Every statement takes the counts as bound parameters.
"""

from __future__ import annotations

import datetime as dt

FIRST_DAY = dt.date(2020, 1, 1)
DAYS = 731
DISTRICT_CODES = ["440303", "440304", "440305", "440306", "440307", "440308", "440309",
                  "440310", "440311", "440399", "other"]
COUNT_KEY_PLACES = 20_000
LARGE_CHAIN_CASES = 5_000
CHAIN_SIZE = 10
CHAINED_SHARE = 0.6
# Partitions must cover contacts and events up to 14 days before the first case.
FIRST_MONTH = dt.date(2019, 12, 1)

# The district of case n, reused by its contacts and events.
CASE_DISTRICT = "(%(districts)s::text[])[1 + ((n * 7 + n / 13) %% 11)::integer]"
CASE_DATE = "(%(first_day)s::date + ((n - 1) * %(days)s / %(cases)s)::integer)"

CASES_SQL = f"""
insert into {{schema}}.cases (case_id, source_name, source_case_ref, person_id, case_date,
    case_date_basis, district_code, report_date, confirmed_date, onset_date, case_type,
    severity, infection_source, sex, age)
select 'bench:' || n, 'bench', n::text, 'bench:person:' || n, {CASE_DATE}, 'report',
    {CASE_DISTRICT}, {CASE_DATE}, {CASE_DATE}, {CASE_DATE} - (n %% 5)::integer,
    case when n %% 5 = 0 then 'asymptomatic' else 'confirmed' end, '普通型', 'local',
    case when n %% 2 = 0 then '女' else '男' end, (n %% 80)::integer + 5
from generate_series(1, %(cases)s::bigint) as n
"""

# Contact m belongs to case (m - 1) / per_case + 1.
CONTACTS_SQL = f"""
insert into {{schema}}.close_contacts (close_contact_id, source_name, source_contact_ref,
    case_id, contact_level, last_contact_date, district_code, quarantine_start_date,
    quarantine_end_date, test_result)
select 'bench:k' || m, 'bench', 'k' || m, 'bench:' || n,
    case when m %% 5 = 0 then 'secondary' else 'close' end,
    {CASE_DATE} - (m %% 3)::integer, {CASE_DISTRICT},
    {CASE_DATE} - (m %% 3)::integer, {CASE_DATE} - (m %% 3)::integer + 14, 'negative'
from generate_series(1, %(contacts)s::bigint) as m,
    lateral (select (m - 1) / %(contacts_per_case)s + 1 as n) as owner
"""

EVENTS_SQL = f"""
insert into {{schema}}.events (event_id, source_name, source_event_ref, case_id, event_date,
    district_code, event_type, place_mention_id, place_name, place_district_code, latitude,
    longitude)
select 'bench:e' || e, 'bench', 'e' || e, 'bench:' || n, {CASE_DATE} - (e %% 14)::integer,
    {CASE_DISTRICT}, 'shopping', 'bench:pm' || e, '场所' || (e * 7919 %% %(key_places)s),
    (%(districts)s::text[])[1 + ((e * 7919 %% %(key_places)s) %% 10)::integer],
    22.5 + (e * 7919 %% %(key_places)s) %% 97 / 300.0,
    113.8 + (e * 7919 %% %(key_places)s) %% 89 / 110.0
from generate_series(1, %(events)s::bigint) as e,
    lateral (select (e - 1) / %(events_per_case)s + 1 as n) as owner
"""

PLACE_MENTIONS_SQL = """
insert into {schema}.place_mentions (place_mention_id, source_name, source_ref, mention_kind,
    case_id, mention_date, place_name, normalized_name, district_code, latitude, longitude,
    key_place_id, match_score)
select place_mention_id, source_name, source_event_ref, 'event', case_id, event_date,
    place_name, place_name, place_district_code, latitude, longitude,
    'bench:kp' || substr(place_name, 3), 1.0
from {schema}.events
"""

KEY_PLACES_SQL = """
insert into {schema}.key_places (key_place_id, canonical_name, district_code, latitude,
    longitude, count_mentions, count_cases, first_mention_date, last_mention_date)
select 'bench:kp' || k, '场所' || k, (%(districts)s::text[])[1 + (k %% 10)::integer],
    22.5 + k %% 97 / 300.0, 113.8 + k %% 89 / 110.0, %(events)s / %(key_places)s,
    %(events)s / %(key_places)s, %(first_day)s::date, %(first_day)s::date + %(days)s
from generate_series(0, %(key_places)s::bigint - 1) as k
"""

# Chain membership of case n: the first LARGE_CHAIN_CASES cases form one chain, then blocks of
# CHAIN_SIZE up to the chained share. Position i in a block; its infector is at (i - 1) / 3.
CHAIN_POSITION_SQL = """
select n,
    case when n <= %(large_chain)s then 0 else (n - %(large_chain)s - 1) / %(chain_size)s + 1
        end as block,
    case when n <= %(large_chain)s then n - 1 else (n - %(large_chain)s - 1) %% %(chain_size)s
        end as position
from generate_series(1, %(chained)s::bigint) as n
"""

CHAIN_MEMBERS_SQL = f"""
insert into {{schema}}.chain_members (case_id, source_name, chain_id, generation,
    infector_case_id, transmission_link_id, offspring_count)
select 'bench:' || n, 'bench', 'bench:chain' || block,
    floor(ln(2 * position + 1) / ln(3) + 1e-9)::integer,
    case when position > 0 then 'bench:' || (n - position + (position - 1) / 3) end,
    case when position > 0 then 'bench:link' || n end, 0
from ({CHAIN_POSITION_SQL}) as positions
"""

LINKS_SQL = """
insert into {schema}.transmission_links (transmission_link_id, source_name, source_link_ref,
    infector_case_id, infectee_case_id, infector_source_case_ref, infectee_source_case_ref,
    relation, relation_type, is_infector_known, is_infectee_known)
select transmission_link_id, 'bench', substr(transmission_link_id, 7), infector_case_id,
    case_id, substr(infector_case_id, 7), substr(case_id, 7), '同住', 'household', true, true
from {schema}.chain_members
where infector_case_id is not null
"""

CHAINS_SQL = """
insert into {schema}.transmission_chains (chain_id, source_name, root_case_id, size,
    count_generations, first_case_date, last_case_date, district_codes, count_districts)
select members.chain_id, 'bench', min(members.case_id) filter (where members.generation = 0),
    count(*), max(members.generation) + 1, min(cases.case_date), max(cases.case_date),
    array_agg(distinct cases.district_code), count(distinct cases.district_code)
from {schema}.chain_members as members
inner join {schema}.cases as cases on cases.case_id = members.case_id
group by members.chain_id
"""

DISTRICTS_SQL = """
insert into {schema}.districts (district_code, district_name, district_name_en,
    jurisdiction_code)
values ('440303', '罗湖区', 'Luohu', '440300'), ('440304', '福田区', 'Futian', '440300'),
    ('440305', '南山区', 'Nanshan', '440300'), ('440306', '宝安区', 'Baoan', '440300'),
    ('440307', '龙岗区', 'Longgang', '440300'), ('440308', '盐田区', 'Yantian', '440300'),
    ('440309', '龙华区', 'Longhua', '440300'), ('440310', '坪山区', 'Pingshan', '440300'),
    ('440311', '光明区', 'Guangming', '440300'), ('440399', '大鹏新区', 'Dapeng', '440300'),
    ('other', '其他地区', 'Other', null)
"""

# The official summary equals the line list except that every 30th day reports one case more.
OFFICIAL_COUNTS_SQL = """
insert into {schema}.official_daily_counts (source_name, report_date, district_code,
    cumulative_cases)
select 'bench', case_date, 'total',
    sum(count(*)) over (order by case_date)::integer
        + case when (case_date - %(first_day)s::date) %% 30 = 0 then 1 else 0 end
from {schema}.cases
group by case_date
"""

REJECTED_ROWS_SQL = """
insert into quarantine.rejected_rows (source_name, source_file, line_number, entity,
    reason_code, reason, raw_record)
select 'bench', 'bench/cases.csv', r, 'case', 'missing_required', '缺少必填字段 报告日期',
    '{{}}'
from generate_series(1, 10000) as r
"""

STEPS = [
    ("districts", DISTRICTS_SQL),
    ("cases", CASES_SQL),
    ("close_contacts", CONTACTS_SQL),
    ("events", EVENTS_SQL),
    ("place_mentions", PLACE_MENTIONS_SQL),
    ("key_places", KEY_PLACES_SQL),
    ("chain_members", CHAIN_MEMBERS_SQL),
    ("transmission_links", LINKS_SQL),
    ("transmission_chains", CHAINS_SQL),
    ("official_daily_counts", OFFICIAL_COUNTS_SQL),
]


def parameters(count_cases: int, count_contacts: int, count_events: int) -> dict:
    chained = int(count_cases * CHAINED_SHARE)
    return {
        "cases": count_cases,
        "contacts": count_contacts,
        "events": count_events,
        "contacts_per_case": max(count_contacts // count_cases, 1),
        "events_per_case": max(count_events // count_cases, 1),
        "days": DAYS,
        "first_day": FIRST_DAY,
        "districts": DISTRICT_CODES,
        "key_places": COUNT_KEY_PLACES,
        "large_chain": min(LARGE_CHAIN_CASES, chained),
        "chain_size": CHAIN_SIZE,
        "chained": chained,
    }


def months() -> list[dt.date]:
    """First days of every month from FIRST_MONTH to the month of the last case."""
    last = FIRST_DAY + dt.timedelta(days=DAYS - 1)
    result, month = [], FIRST_MONTH
    while month <= last:
        result.append(month)
        month = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return result
