"""The jurisdiction's districts and subdistricts as reference tables, upserted on each import."""

from __future__ import annotations

import psycopg

from liudiao.jurisdictions import Jurisdiction

DISTRICT_SQL = """
insert into raw.jurisdiction_districts as districts (jurisdiction_code, district_code,
    district_name, district_name_en, latitude, longitude)
values (%s, %s, %s, %s, %s, %s)
on conflict (jurisdiction_code, district_code) do update
set district_name = excluded.district_name, district_name_en = excluded.district_name_en,
    latitude = excluded.latitude, longitude = excluded.longitude
where (districts.district_name, districts.district_name_en, districts.latitude,
       districts.longitude) is distinct from
      (excluded.district_name, excluded.district_name_en, excluded.latitude,
       excluded.longitude)
"""

SUBDISTRICT_SQL = """
insert into raw.jurisdiction_subdistricts as subdistricts (jurisdiction_code, subdistrict_code,
    subdistrict_name, district_code, latitude, longitude)
values (%s, %s, %s, %s, %s, %s)
on conflict (jurisdiction_code, subdistrict_code) do update
set subdistrict_name = excluded.subdistrict_name, district_code = excluded.district_code,
    latitude = excluded.latitude, longitude = excluded.longitude
where (subdistricts.subdistrict_name, subdistricts.district_code, subdistricts.latitude,
       subdistricts.longitude) is distinct from
      (excluded.subdistrict_name, excluded.district_code, excluded.latitude,
       excluded.longitude)
"""


def write_jurisdiction(conn: psycopg.Connection, jurisdiction: Jurisdiction) -> None:
    """Upsert every district (``other`` included) and subdistrict; rewrite only changed rows."""
    districts = [*jurisdiction.districts, jurisdiction.other]
    with conn.transaction(), conn.cursor() as cursor:
        cursor.executemany(DISTRICT_SQL, [
            (jurisdiction.code, district.code, district.name, district.name_en or None,
             district.latitude, district.longitude)
            for district in districts])
        cursor.executemany(SUBDISTRICT_SQL, [
            (jurisdiction.code, subdistrict.code, subdistrict.name, district.code,
             subdistrict.latitude, subdistrict.longitude)
            for district in districts for subdistrict in district.subdistricts])
