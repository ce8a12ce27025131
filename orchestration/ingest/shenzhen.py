"""Shenzhen 2020 bulletin line list: a folder with the cases, places and daily summary files.

The places file lists places named in the bulletins (not linked to cases). The daily summary
has one row per day with each district's cumulative count in a column named by the
district's English name (``Nanshan``), ``Other`` and ``Total``. Each row yields one
daily_summary record per district column, with the city total under district code ``total``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

from orchestration.ingest.entities import build_record
from orchestration.ingest.fixed_format import data_rows, open_file, parse_or_reject
from orchestration.ingest.locations import Locations
from orchestration.ingest.reading import SourceTable
from orchestration.ingest.records import FileResult, Record
from orchestration.ingest.shenzhen_cases import CASES_FILE, SOURCE_NAME, parse_cases
from orchestration.ingest.values import RowRejected, parse_date, parse_int, require

log = logging.getLogger(__name__)

PLACES_FILE = "shenzhen_places.csv"
SUMMARY_FILE = "shenzhen_daily_summary.csv"
TOTAL_CODE = "total"
# City-wide columns of the daily summary, kept on the ``total`` record.
CITY_COLUMNS = {
    "New": "count_new_cases",
    "Severe": "count_severe",
    "Critical": "count_critical",
    "Total_Recovery": "cumulative_recovered",
    "Total_Death": "cumulative_deaths",
    "Quarantine": "count_in_hospital",
    "Observatiton": "count_under_observation",  # sic, as the file spells it
    "Observation": "count_under_observation",
}


def parse_shenzhen(folder: Path, locations: Locations) -> Iterator[FileResult]:
    yield parse_or_reject(folder, CASES_FILE, lambda: parse_cases(folder, locations))
    yield parse_or_reject(folder, PLACES_FILE, lambda: parse_places(folder, locations))
    yield parse_or_reject(folder, SUMMARY_FILE, lambda: parse_daily_summary(folder, locations))


def parse_places(folder: Path, locations: Locations) -> FileResult:
    table, result = open_file(folder, PLACES_FILE, SOURCE_NAME)
    result.entities.add("place")
    district_column = "Disctrict" if "Disctrict" in table.headers else "District"  # sic
    for row, raw, values in data_rows(table, "place", result,
                                      ("ID", district_column, "Address")):
        try:
            district = locations.require_district(values.get(district_column), district_column)
            address = require(values.get("Address"), "Address")
            subdistrict = locations.jurisdiction.find_subdistrict_in(address, district.code)
            place = build_record(
                "place", place_ref=require(values.get("ID"), "ID"), place_name=address,
                address=address, district_code=district.code,
                subdistrict_code=subdistrict.code if subdistrict else None,
                report_date=parse_date(values.get("Report_Time"), "Report_Time"))
        except RowRejected as error:
            result.reject("place", row.line_number, error.reason_code, error.reason, raw)
            continue
        result.add(Record("place", place["place_ref"], row.line_number, place), raw)
    return result


def parse_daily_summary(folder: Path, locations: Locations) -> FileResult:
    table, result = open_file(folder, SUMMARY_FILE, SOURCE_NAME)
    result.entities.add("daily_summary")
    district_columns = _district_columns(table, locations)
    for row, raw, values in data_rows(table, "daily_summary", result, ("Report_Date",)):
        # The row was counted once as read; each district column is one record.
        result.rows_read["daily_summary"] += len(district_columns) - 1
        try:
            report_date = parse_date(require(values.get("Report_Date"), "Report_Date"),
                                     "Report_Date")
        except RowRejected as error:
            for _ in district_columns:
                result.reject("daily_summary", row.line_number, error.reason_code,
                              error.reason, raw)
            continue
        for column, district_code in district_columns.items():
            try:
                record = _summary_record(values, column, district_code, report_date)
            except RowRejected as error:
                result.reject("daily_summary", row.line_number, error.reason_code,
                              error.reason, raw)
                continue
            result.add(Record("daily_summary", f"{report_date.isoformat()}|{district_code}",
                              row.line_number, record), raw)
    return result


def _district_columns(table: SourceTable, locations: Locations) -> dict[str, str]:
    """Return {column: district code} for the district, Other and Total columns."""
    columns = {}
    for header in table.headers:
        if header == "Report_Date" or header in CITY_COLUMNS:
            continue
        district = locations.district(header)
        if header.casefold() == TOTAL_CODE:
            columns[header] = TOTAL_CODE
        elif district is not None:
            columns[header] = district.code
        else:
            log.warning("%s: column %s names no district of %s, ignored", table.source_file,
                        header, locations.jurisdiction.code)
    return columns


def _summary_record(values: dict, column: str, district_code: str, report_date) -> dict:
    city_counts = {}
    if district_code == TOTAL_CODE:
        city_counts = {key: parse_int(values.get(name), name)
                       for name, key in CITY_COLUMNS.items() if name in values}
    return build_record("daily_summary", report_date=report_date, district_code=district_code,
                        cumulative_cases=parse_int(values.get(column), column), **city_counts)
