"""The tables the analytics assets own: columns, types and grain, in one place.

The grain sentence is the table's comment in PostgreSQL and the asset description in Dagster.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TableSpec:
    schema: str
    name: str
    grain: str
    columns: tuple[tuple[str, str], ...]
    primary_key: tuple[str, ...] = ()

    @property
    def qualified_name(self) -> str:
        return f"{self.schema}.{self.name}"

    @property
    def column_names(self) -> list[str]:
        return [name for name, _ in self.columns]


LINK_ISSUES = TableSpec(
    "marts", "link_issues",
    "One row per problem found in a reported transmission link (a link can have several), "
    "with the action the chain builder took.",
    (("issue_id", "text"), ("kind", "text"), ("source_name", "text"),
     ("transmission_link_id", "text"), ("source_link_ref", "text"),
     ("infector_case_id", "text"), ("infectee_case_id", "text"),
     ("infector_source_case_ref", "text"), ("infectee_source_case_ref", "text"),
     ("action", "text"), ("kept_infector_case_id", "text")),
    ("issue_id",),
)

CHAIN_MEMBERS = TableSpec(
    "marts", "chain_members",
    "One row per case in a transmission chain of two or more cases, with its generation "
    "(root 0) and its infector in the chain tree.",
    (("case_id", "text"), ("source_name", "text"), ("chain_id", "text"),
     ("generation", "integer"), ("infector_case_id", "text"),
     ("transmission_link_id", "text"), ("offspring_count", "integer")),
    ("case_id",),
)

TRANSMISSION_CHAINS = TableSpec(
    "marts", "transmission_chains",
    "One row per transmission chain of two or more cases.",
    (("chain_id", "text"), ("source_name", "text"), ("root_case_id", "text"),
     ("size", "integer"), ("count_generations", "integer"), ("first_onset_date", "date"),
     ("last_onset_date", "date"), ("first_case_date", "date"), ("last_case_date", "date"),
     ("district_codes", "text[]"), ("count_districts", "integer"),
     ("growth_last_7_days", "integer"), ("growth_reference_date", "date")),
    ("chain_id",),
)

SERIAL_INTERVALS = TableSpec(
    "marts", "serial_intervals",
    "One row per reported infector → infectee pair with both onset dates.",
    (("source_name", "text"), ("transmission_link_id", "text"), ("infector_case_id", "text"),
     ("infectee_case_id", "text"), ("infector_onset_date", "date"),
     ("infectee_onset_date", "date"), ("serial_interval_days", "integer"),
     ("is_chain_link", "boolean")),
    ("transmission_link_id",),
)

CHAIN_STATISTICS = TableSpec(
    "marts", "chain_statistics",
    "One row per source, statistic and parameter (generation, offspring count or threshold).",
    (("source_name", "text"), ("statistic", "text"), ("parameter", "integer"),
     ("value", "double precision"), ("ci_lower", "double precision"),
     ("ci_upper", "double precision"), ("count_observations", "integer"), ("method", "text")),
)

SUPER_SPREADERS = TableSpec(
    "marts", "super_spreaders",
    "One row per case with at least min_offspring infectees in its chain.",
    (("case_id", "text"), ("source_name", "text"), ("chain_id", "text"),
     ("generation", "integer"), ("offspring_count", "integer"), ("onset_date", "date"),
     ("case_date", "date"), ("district_code", "text"), ("min_offspring", "integer")),
    ("case_id",),
)

PLACE_MATCHES = TableSpec(
    "analytics", "place_matches",
    "One row per place mention, with the key place it was merged into and the match score; "
    "dbt's marts.place_mentions and marts.key_places read it.",
    (("place_mention_id", "text"), ("key_place_id", "text"), ("match_score", "double precision"),
     ("match_rule", "text"), ("canonical_name", "text"), ("district_code", "text"),
     ("subdistrict_code", "text"), ("latitude", "double precision"),
     ("longitude", "double precision"), ("core_name", "text")),
    ("place_mention_id",),
)

SOURCE_CANDIDATES = TableSpec(
    "marts", "source_candidates",
    "One row per case and other case seen at the same key place in the case's incubation "
    "window, ranked as the case's candidate sources of infection.",
    (("case_id", "text"), ("candidate_case_id", "text"), ("source_name", "text"),
     ("key_place_id", "text"), ("event_date", "date"), ("candidate_event_date", "date"),
     ("first_copresence_date", "date"), ("last_copresence_date", "date"),
     ("overlap_minutes", "integer"), ("is_same_day", "boolean"),
     ("count_copresences", "integer"), ("days_before_onset", "integer"),
     ("anchor_basis", "text"), ("is_reported_infector", "boolean"),
     ("score", "double precision"), ("rank", "integer")),
    ("case_id", "candidate_case_id"),
)

CLOSE_CONTACT_CANDIDATES = TableSpec(
    "marts", "close_contact_candidates",
    "One row per case and recorded close contact of another case who was at the same key "
    "place on the same day during the case's infectious period: proposed close contacts.",
    (("case_id", "text"), ("close_contact_id", "text"), ("person_id", "text"),
     ("source_name", "text"), ("via_case_id", "text"), ("key_place_id", "text"),
     ("contact_date", "date"), ("overlap_minutes", "integer"), ("is_same_day", "boolean"),
     ("contact_type", "text"), ("is_listed_contact", "boolean"),
     ("score", "double precision"), ("rank", "integer")),
    ("case_id", "close_contact_id"),
)

INPUT_VERSIONS = TableSpec(
    "analytics", "input_versions",
    "One row per analytics asset: the version of the inputs it last built from.",
    (("asset_name", "text"), ("input_version", "text"), ("built_at", "timestamptz")),
    ("asset_name",),
)
