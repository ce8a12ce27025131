"""Read the inputs, compute, write the tables: one function per analytics asset.

Each function skips the work when the inputs' fingerprint (``io.input_version``) equals the one
its outputs were last built from, unless ``force`` is set. The fingerprint covers the input
rows, the settings and ``RULES_VERSION``, which changes whenever a rule in this package does.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import time
from dataclasses import dataclass, field
from pathlib import Path

import psycopg

from liudiao.jurisdictions import Jurisdiction
from orchestration.analytics import io, tables
from orchestration.analytics.chain_stats import (
    StatisticsSettings,
    chain_statistics,
    serial_intervals,
    super_spreaders,
)
from orchestration.analytics.chains import build_chains
from orchestration.analytics.copresence import (
    CopresenceSettings,
    close_contact_candidates,
    place_visits,
    source_candidates,
)
from orchestration.analytics.places.merge import merge_places
from orchestration.analytics.places.overrides import read_overrides
from orchestration.analytics.places.pairs import MergeSettings

log = logging.getLogger(__name__)

RULES_VERSION = "2026-12-04.2"

CHAIN_OUTPUTS = (tables.LINK_ISSUES, tables.CHAIN_MEMBERS, tables.TRANSMISSION_CHAINS,
                 tables.SERIAL_INTERVALS, tables.CHAIN_STATISTICS, tables.SUPER_SPREADERS)
PLACE_OUTPUTS = (tables.PLACE_MATCHES,)
COPRESENCE_OUTPUTS = (tables.SOURCE_CANDIDATES, tables.CLOSE_CONTACT_CANDIDATES)


@dataclass
class BuildReport:
    """Outcome of one build: skipped or not, the input fingerprint, rows written per table."""

    name: str
    input_version: str
    is_skipped: bool = False
    row_counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0


def _fingerprint(conn: psycopg.Connection, relations: list[str], *extras: object) -> str:
    missing = [relation for relation in relations if not io.relation_exists(conn, relation)]
    if missing:
        raise RuntimeError(
            f"input relations {', '.join(missing)} do not exist: build the dbt models first "
            "(liudiao run or the transform job)")
    return io.input_version(conn, relations, ";".join([RULES_VERSION, *map(repr, extras)]))


def _write(conn: psycopg.Connection, report: BuildReport, frames: dict) -> None:
    for spec, frame in frames.items():
        report.row_counts[spec.qualified_name] = io.replace_rows(conn, spec, frame)
    io.store_version(conn, report.name, report.input_version)


def build_chain_tables(url: str, settings: StatisticsSettings | None = None,
                       force: bool = False) -> BuildReport:
    """Build link_issues, chain_members, transmission_chains and the chain statistics."""
    settings = settings or StatisticsSettings()
    started = time.perf_counter()
    with psycopg.connect(url) as conn:
        version = _fingerprint(conn, [io.TRANSMISSION_LINKS, io.CASES], settings)
        report = BuildReport("chains", version)
        if not force and io.is_up_to_date(conn, report.name, version, CHAIN_OUTPUTS):
            report.is_skipped = True
            return report

        cases = io.read_cases(conn)
        result = build_chains(io.read_links(conn), cases)
        intervals = serial_intervals(result.graph_links)
        _write(conn, report, {
            tables.LINK_ISSUES: result.link_issues,
            tables.CHAIN_MEMBERS: result.chain_members,
            tables.TRANSMISSION_CHAINS: result.transmission_chains,
            tables.SERIAL_INTERVALS: intervals,
            tables.CHAIN_STATISTICS: chain_statistics(intervals, result.chain_members, cases,
                                                      settings),
            tables.SUPER_SPREADERS: super_spreaders(result.chain_members, cases,
                                                    settings.min_offspring),
        })
    report.seconds = time.perf_counter() - started
    return report


def _file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else "absent"


def build_place_matches(url: str, jurisdiction: Jurisdiction, overrides_path: Path,
                        settings: MergeSettings | None = None, force: bool = False
                        ) -> BuildReport:
    """Build analytics.place_matches from the place mentions and the analyst's overrides."""
    settings = settings or MergeSettings()
    started = time.perf_counter()
    rules = read_overrides(overrides_path)
    with psycopg.connect(url) as conn:
        inputs = [io.PLACE_MENTIONS_UNIONED, io.EVENTS, io.DISTRICTS, io.SUBDISTRICTS]
        version = _fingerprint(conn, inputs, settings, jurisdiction.code,
                               _file_digest(overrides_path))
        report = BuildReport("place_matches", version)
        if not force and io.is_up_to_date(conn, report.name, version, PLACE_OUTPUTS):
            report.is_skipped = True
            return report

        matches = merge_places(io.read_place_mentions(conn), jurisdiction, rules, settings,
                               io.read_reference_points(conn))
        _write(conn, report, {tables.PLACE_MATCHES: matches})
    report.seconds = time.perf_counter() - started
    return report


def build_copresence(url: str, settings: CopresenceSettings | None = None,
                     force: bool = False) -> BuildReport:
    """Build source_candidates and close_contact_candidates."""
    settings = settings or CopresenceSettings()
    started = time.perf_counter()
    with psycopg.connect(url) as conn:
        inputs = [io.EVENTS, io.CASES, io.CLOSE_CONTACTS, io.TRANSMISSION_LINKS,
                  tables.PLACE_MATCHES.qualified_name]
        version = _fingerprint(conn, inputs, dataclasses.astuple(settings))
        report = BuildReport("copresence", version)
        if not force and io.is_up_to_date(conn, report.name, version, COPRESENCE_OUTPUTS):
            report.is_skipped = True
            return report

        matches = io.read_frame(conn, "select place_mention_id, key_place_id "
                                      f"from {tables.PLACE_MATCHES.qualified_name}")
        visits = place_visits(io.read_events(conn), matches)
        cases = io.read_cases(conn)
        _write(conn, report, {
            tables.SOURCE_CANDIDATES: source_candidates(visits, cases, io.read_links(conn),
                                                        settings),
            tables.CLOSE_CONTACT_CANDIDATES: close_contact_candidates(
                visits, cases, io.read_close_contacts(conn), settings),
        })
    report.seconds = time.perf_counter() - started
    return report
