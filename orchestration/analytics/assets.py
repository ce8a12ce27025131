"""The analytics assets: transmission chains, key place matching, co-presence.

Each asset reads the dbt marts, computes with the plain functions of this package and replaces
its tables. A run whose inputs (rows, settings, rules version, overrides file) are unchanged
since the last build skips the work and records the same data version.

NOTE: this module has no ``from __future__ import annotations``: dagster 1.13.27 cannot resolve
a ``dg.Config`` parameter annotated as a string.
"""

from pathlib import Path

import dagster as dg

from liudiao.config import PROJECT_ROOT, load_settings
from liudiao.jurisdictions import load as load_jurisdiction
from orchestration.analytics import tables
from orchestration.analytics.build import (
    CHAIN_OUTPUTS,
    COPRESENCE_OUTPUTS,
    BuildReport,
    build_chain_tables,
    build_copresence,
    build_place_matches,
)
from orchestration.analytics.chain_stats import StatisticsSettings
from orchestration.analytics.copresence import CopresenceSettings
from orchestration.analytics.places.pairs import MergeSettings
from orchestration.resources import DatabaseResource

GROUP_NAME = "analytics"
DEFAULT_OVERRIDES_PATH = PROJECT_ROOT / "config" / "key_place_overrides.csv"


def dbt_model_key(layer: str, model_name: str) -> dg.AssetKey:
    """Return the key dagster-dbt gives a dbt model: its schema (layer folder), then its name."""
    return dg.AssetKey([layer, model_name])


TRANSMISSION_LINKS_KEY = dbt_model_key("marts", "transmission_links")
CASES_KEY = dbt_model_key("marts", "cases")
EVENTS_KEY = dbt_model_key("marts", "events")
CLOSE_CONTACTS_KEY = dbt_model_key("marts", "close_contacts")
PLACE_MENTIONS_UNIONED_KEY = dbt_model_key("intermediate", "int_place_mentions_unioned")
DISTRICTS_KEY = dbt_model_key("marts", "districts")
SUBDISTRICTS_KEY = dbt_model_key("staging", "stg_raw__jurisdiction_subdistricts")
PLACE_MATCHES_KEY = dg.AssetKey([tables.PLACE_MATCHES.schema, tables.PLACE_MATCHES.name])


def table_key(spec: tables.TableSpec) -> dg.AssetKey:
    return dg.AssetKey([spec.schema, spec.name])


def table_spec(spec: tables.TableSpec, deps: list[dg.AssetKey]) -> dg.AssetSpec:
    return dg.AssetSpec(table_key(spec), description=spec.grain, group_name=GROUP_NAME,
                        kinds={"postgres", "python"}, deps=deps)


def materialize_results(context: dg.AssetExecutionContext, report: BuildReport,
                        outputs: tuple[tables.TableSpec, ...]):
    """Log what the build did and yield one MaterializeResult per output table."""
    if report.is_skipped:
        context.log.info(f"{report.name}: inputs unchanged since the last build "
                         f"(version {report.input_version[:12]}), tables kept")
    else:
        counts = ", ".join(f"{name} {count}" for name, count in report.row_counts.items())
        context.log.info(f"{report.name}: built in {report.seconds:.1f} s: {counts}")
    for spec in outputs:
        metadata = {"is_skipped": report.is_skipped,
                    "input_version": report.input_version[:12]}
        if not report.is_skipped:
            metadata["dagster/row_count"] = report.row_counts[spec.qualified_name]
        yield dg.MaterializeResult(asset_key=table_key(spec), metadata=metadata,
                                   data_version=dg.DataVersion(report.input_version))


class ChainConfig(dg.Config):
    """Chain statistics settings; ``force`` rebuilds even when the inputs are unchanged."""

    min_offspring: int = StatisticsSettings.min_offspring
    bootstrap_resamples: int = StatisticsSettings.resamples
    force: bool = False


@dg.multi_asset(
    name="transmission_chains",
    specs=[table_spec(spec, [TRANSMISSION_LINKS_KEY, CASES_KEY]) for spec in CHAIN_OUTPUTS],
    description="Transmission chains from the reported links with networkx: problem links, "
    "chain members and chains, serial intervals, chain statistics and super-spreaders.",
)
def transmission_chains(context: dg.AssetExecutionContext, config: ChainConfig,
                        database: DatabaseResource):
    settings = StatisticsSettings(min_offspring=config.min_offspring,
                                  resamples=config.bootstrap_resamples)
    report = build_chain_tables(database.url, settings, force=config.force)
    yield from materialize_results(context, report, CHAIN_OUTPUTS)


class PlaceMatchConfig(dg.Config):
    """Merge threshold and the analyst's overrides file (docs/analytics.md)."""

    threshold: float = MergeSettings.threshold
    max_distance_m: float = MergeSettings.max_distance_m
    overrides_path: str = str(DEFAULT_OVERRIDES_PATH)
    force: bool = False


@dg.asset(
    key=PLACE_MATCHES_KEY,
    deps=[PLACE_MENTIONS_UNIONED_KEY, EVENTS_KEY, DISTRICTS_KEY, SUBDISTRICTS_KEY],
    description=tables.PLACE_MATCHES.grain,
    group_name=GROUP_NAME,
    kinds={"postgres", "python"},
)
def place_matches(context: dg.AssetExecutionContext, config: PlaceMatchConfig,
                  database: DatabaseResource) -> dg.MaterializeResult:
    jurisdiction = load_jurisdiction(load_settings().jurisdiction)
    settings = MergeSettings(threshold=config.threshold, max_distance_m=config.max_distance_m)
    report = build_place_matches(database.url, jurisdiction, Path(config.overrides_path),
                                 settings, force=config.force)
    [result] = materialize_results(context, report, (tables.PLACE_MATCHES,))
    return result


class CopresenceConfig(dg.Config):
    """Incubation window and infectious period, in days (docs/analytics.md)."""

    incubation_days: int = CopresenceSettings.incubation_days
    infectious_days_before_onset: int = CopresenceSettings.infectious_days_before_onset
    infectious_days_after_onset: int = CopresenceSettings.infectious_days_after_onset
    force: bool = False


@dg.multi_asset(
    name="copresence",
    specs=[table_spec(spec, [PLACE_MATCHES_KEY, EVENTS_KEY, CASES_KEY, CLOSE_CONTACTS_KEY,
                             TRANSMISSION_LINKS_KEY]) for spec in COPRESENCE_OUTPUTS],
    description="Co-presence (时空伴随) at key places: candidate sources of each case and "
    "proposed close contacts.",
)
def copresence(context: dg.AssetExecutionContext, config: CopresenceConfig,
               database: DatabaseResource):
    settings = CopresenceSettings(
        incubation_days=config.incubation_days,
        infectious_days_before_onset=config.infectious_days_before_onset,
        infectious_days_after_onset=config.infectious_days_after_onset,
    )
    report = build_copresence(database.url, settings, force=config.force)
    yield from materialize_results(context, report, COPRESENCE_OUTPUTS)


analytics_assets = [transmission_chains, place_matches, copresence]
