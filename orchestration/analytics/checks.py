"""Asset checks of the analytics tables, each a query that counts the rows breaking a rule.

NOTE: no ``from __future__ import annotations`` here, for the reason given in assets.py.
"""

import dagster as dg
import psycopg

from orchestration.analytics.assets import PLACE_MATCHES_KEY, table_key
from orchestration.analytics.tables import (
    CHAIN_MEMBERS,
    LINK_ISSUES,
    SOURCE_CANDIDATES,
    TRANSMISSION_CHAINS,
)
from orchestration.resources import DatabaseResource

# Each query returns the offending ids; the check passes when it returns none.
UNACCOUNTED_LINKS_SQL = """
select links.transmission_link_id
from marts.transmission_links as links
where not exists (
        select 1 from marts.chain_members as members
        where members.transmission_link_id = links.transmission_link_id)
    and not exists (
        select 1 from marts.link_issues as issues
        where issues.transmission_link_id = links.transmission_link_id
            and issues.action <> 'kept')
order by 1
"""

CHAINS_WITHOUT_ONE_ROOT_SQL = """
select chains.chain_id
from marts.transmission_chains as chains
left join marts.chain_members as members
    on members.chain_id = chains.chain_id
    and members.generation = 0
    and members.infector_case_id is null
group by chains.chain_id, chains.root_case_id
having count(members.case_id) <> 1 or max(members.case_id) <> chains.root_case_id
order by 1
"""

CASES_IN_SEVERAL_CHAINS_SQL = """
select case_id
from marts.chain_members
group by case_id
having count(distinct chain_id) > 1
order by 1
"""

UNMATCHED_MENTIONS_SQL = """
select mentions.place_mention_id
from intermediate.int_place_mentions_unioned as mentions
left join analytics.place_matches as matches
    on matches.place_mention_id = mentions.place_mention_id
where matches.key_place_id is null
order by 1
"""

SELF_CANDIDATES_SQL = """
select case_id
from marts.source_candidates
where case_id = candidate_case_id
order by 1
"""


def offending_ids(url: str, query: str) -> list[str]:
    with psycopg.connect(url) as conn:
        return [row[0] for row in conn.execute(query)]


def check_result(url: str, query: str, offence: str) -> dg.AssetCheckResult:
    """Pass when ``query`` returns no row; otherwise show the count and the first ids."""
    found = offending_ids(url, query)
    return dg.AssetCheckResult(
        passed=not found,
        metadata={f"count_{offence}": len(found), "first_ids": ", ".join(found[:20]) or "none"},
    )


@dg.asset_check(asset=table_key(LINK_ISSUES), blocking=True,
                description="Every reported link is in the chain tree (chain_members) or has "
                "an issue whose action dropped or broke it.")
def every_link_accounted_for(database: DatabaseResource) -> dg.AssetCheckResult:
    return check_result(database.url, UNACCOUNTED_LINKS_SQL, "unaccounted_links")


@dg.asset_check(asset=table_key(TRANSMISSION_CHAINS), blocking=True,
                description="Every chain has exactly one root: its root_case_id, generation 0, "
                "without an infector.")
def every_chain_has_one_root(database: DatabaseResource) -> dg.AssetCheckResult:
    return check_result(database.url, CHAINS_WITHOUT_ONE_ROOT_SQL, "chains_without_one_root")


@dg.asset_check(asset=table_key(CHAIN_MEMBERS), blocking=True,
                description="No case is a member of two chains.")
def no_case_in_two_chains(database: DatabaseResource) -> dg.AssetCheckResult:
    return check_result(database.url, CASES_IN_SEVERAL_CHAINS_SQL, "cases_in_several_chains")


@dg.asset_check(asset=PLACE_MATCHES_KEY, blocking=True,
                description="Every place mention has a key place.")
def every_mention_matched(database: DatabaseResource) -> dg.AssetCheckResult:
    return check_result(database.url, UNMATCHED_MENTIONS_SQL, "unmatched_mentions")


@dg.asset_check(asset=table_key(SOURCE_CANDIDATES),
                description="No case is its own candidate source.")
def no_self_candidates(database: DatabaseResource) -> dg.AssetCheckResult:
    return check_result(database.url, SELF_CANDIDATES_SQL, "self_candidates")


analytics_checks = [every_link_accounted_for, every_chain_has_one_root, no_case_in_two_chains,
                    every_mention_matched, no_self_candidates]
