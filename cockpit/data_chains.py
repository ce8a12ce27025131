"""Queries about transmission chains (传播链).

Where the chain analysis has written marts.chain_members (one row per case of a chain of two
or more, with its generation and its infector in the chain tree) and marts.transmission_chains
(one row per chain), the chains come from there. Otherwise they are computed here with networkx
from marts.transmission_links, once per source and cache period, and the page shows a notice.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from cockpit import chains
from cockpit.data import (
    ACTIVE_CHAIN_DAYS,
    DATA_TTL,
    existing_tables,
    run_query,
    table_columns,
)

CHAIN_MART_COLUMNS = {
    "marts.chain_members": {"chain_id", "case_id", "source_name", "generation",
                            "infector_case_id"},
    "marts.transmission_chains": {"chain_id", "source_name", "size", "count_generations",
                                  "first_case_date", "last_case_date", "district_codes"},
}
MAX_LISTED_CHAINS = 500
CASE_COLUMNS = ("case_id, source_case_ref, district_code, case_date, onset_date, case_type, "
                "severity, infection_source, sex, age")


def chain_mode(url: str) -> str:
    """``marts`` when the chain marts exist with the columns used here, ``links`` when only
    marts.transmission_links does, else ``none``."""
    tables = existing_tables(url)
    if all(table in tables and columns <= set(table_columns(url, table))
           for table, columns in CHAIN_MART_COLUMNS.items()):
        return "marts"
    if "marts.transmission_links" in tables and "marts.cases" in tables:
        return "links"
    return "none"


# --- chains computed from the reported links -------------------------------------------------

SOURCE_LINKS_SQL = """
select infector_case_id, infectee_case_id
from marts.transmission_links
where source_name = %(source_name)s and is_infector_known and is_infectee_known
"""

CASES_BY_ID_SQL = f"""
select {CASE_COLUMNS}
from marts.cases
where source_name = %(source_name)s and case_id = any(%(case_ids)s)
"""


@st.cache_data(ttl=DATA_TTL, show_spinner=False)
def link_memberships(url: str, source_name: str) -> pd.DataFrame:
    """Return every linked case of the source with its chain, generation, district and dates."""
    links = run_query(url, SOURCE_LINKS_SQL, {"source_name": source_name})
    if links.empty:
        return pd.DataFrame(columns=["case_id", "chain_id", "generation", "source_case_ref",
                                     "district_code", "case_date"])
    memberships = chains.chains_from_links(links)
    cases = run_query(url, CASES_BY_ID_SQL, {"source_name": source_name,
                                             "case_ids": memberships["case_id"].tolist()})
    return memberships.merge(cases, on="case_id", how="inner")


def _summarise(memberships: pd.DataFrame) -> pd.DataFrame:
    summary = (memberships.groupby("chain_id")
               .agg(count_cases=("case_id", "size"), first_case_date=("case_date", "min"),
                    last_case_date=("case_date", "max"), count_generations=("generation", "max"))
               .reset_index())
    summary["count_generations"] += 1
    return summary


# --- chains from the chain marts -------------------------------------------------------------

MART_CHAIN_LIST_SQL = """
select chain_id, size as count_cases, first_case_date, last_case_date, count_generations
from marts.transmission_chains
where source_name = %(source_name)s
    and first_case_date <= %(end_date)s
    and last_case_date >= %(start_date)s
    and district_codes && %(district_codes)s::text[]
order by size desc, chain_id
limit %(limit)s
"""

MART_CHAIN_SPAN_SQL = """
select first_case_date, last_case_date
from marts.transmission_chains
where chain_id = %(chain_id)s
"""

# The chain's case dates bound case_date, so only the partitions of those months are read.
MART_CHAIN_MEMBERS_SQL = f"""
select members.chain_id, members.generation, members.infector_case_id, {", ".join(
    "cases." + column.strip() for column in CASE_COLUMNS.split(","))}
from marts.chain_members as members
inner join marts.cases as cases on cases.case_id = members.case_id
where members.chain_id = %(chain_id)s
    and members.source_name = %(source_name)s
    and cases.case_date between %(first_case_date)s and %(last_case_date)s
"""

MART_ACTIVE_CHAINS_SQL = """
select
    count(distinct members.chain_id) filter (
        where cases.case_date > %(as_of)s - %(active_days)s::integer
    ) as count_active_chains,
    count(distinct members.chain_id) filter (
        where cases.case_date <= %(as_of)s - 1
    ) as count_active_chains_before
from marts.cases as cases
inner join marts.chain_members as members on members.case_id = cases.case_id
where cases.source_name = %(source_name)s
    and cases.case_date between %(as_of)s - %(active_days)s::integer and %(as_of)s
    and cases.district_code = any(%(district_codes)s)
"""

# Contract: case_id = source_name || ':' || the source's case ref.
MART_CASE_CHAIN_SQL = """
select chain_id
from marts.chain_members
where case_id = %(source_name)s || ':' || %(case_ref)s
"""


# --- the questions the pages ask -------------------------------------------------------------

@st.cache_data(ttl=DATA_TTL, show_spinner=False)
def chain_list(url: str, source_name: str, district_codes: tuple[str, ...],
               start_date: dt.date, end_date: dt.date) -> pd.DataFrame:
    """Chains of two or more cases with a case in the window and districts, largest first."""
    if chain_mode(url) == "marts":
        return run_query(url, MART_CHAIN_LIST_SQL, {
            "source_name": source_name, "start_date": start_date, "end_date": end_date,
            "district_codes": list(district_codes), "limit": MAX_LISTED_CHAINS,
        })
    memberships = link_memberships(url, source_name)
    in_window = memberships[memberships["case_date"].between(start_date, end_date)
                            & memberships["district_code"].isin(district_codes)]
    selected = memberships[memberships["chain_id"].isin(in_window["chain_id"])]
    summary = _summarise(selected)
    summary = summary[summary["count_cases"] >= 2]
    return (summary.sort_values(["count_cases", "chain_id"], ascending=[False, True])
            .head(MAX_LISTED_CHAINS).reset_index(drop=True))


@st.cache_data(ttl=DATA_TTL, show_spinner=False)
def chain_members(url: str, source_name: str, chain_id: str) -> pd.DataFrame:
    """Return one row per case of the chain: generation, district, dates, type, severity, sex,
    age."""
    if chain_mode(url) == "marts":
        span = run_query(url, MART_CHAIN_SPAN_SQL, {"chain_id": chain_id})
        if span.empty:
            return pd.DataFrame(columns=["chain_id", "generation", "infector_case_id",
                                         *CASE_COLUMNS.replace(" ", "").split(",")])
        return run_query(url, MART_CHAIN_MEMBERS_SQL, {
            "source_name": source_name, "chain_id": chain_id,
            "first_case_date": span.at[0, "first_case_date"],
            "last_case_date": span.at[0, "last_case_date"],
        })
    memberships = link_memberships(url, source_name)
    members = memberships[memberships["chain_id"] == chain_id]
    return members.reset_index(drop=True)


CHAIN_LINKS_SQL = """
select infector_case_id, infectee_case_id
from marts.transmission_links
where source_name = %(source_name)s and infectee_case_id = any(%(case_ids)s)
"""


def chain_links(url: str, source_name: str, members: pd.DataFrame) -> pd.DataFrame:
    """Return the links to draw between a chain's cases: the chain tree's where the chain marts
    give it, else every reported link into the chain's cases."""
    if "infector_case_id" in members.columns:
        tree = members.dropna(subset=["infector_case_id"])
        return pd.DataFrame({"infector_case_id": tree["infector_case_id"],
                             "infectee_case_id": tree["case_id"]}).reset_index(drop=True)
    return reported_links(url, source_name, tuple(members["case_id"]))


@st.cache_data(ttl=DATA_TTL, show_spinner=False)
def reported_links(url: str, source_name: str, case_ids: tuple[str, ...]) -> pd.DataFrame:
    """Reported links into the given cases."""
    if "marts.transmission_links" not in existing_tables(url):
        return pd.DataFrame(columns=["infector_case_id", "infectee_case_id"])
    return run_query(url, CHAIN_LINKS_SQL, {"source_name": source_name,
                                            "case_ids": list(case_ids)})


@st.cache_data(ttl=DATA_TTL, show_spinner=False)
def chain_of_case(url: str, source_name: str, case_ref: str) -> str | None:
    """Return the chain of the case with the source's own ref ``case_ref``, or None."""
    if chain_mode(url) == "marts":
        frame = run_query(url, MART_CASE_CHAIN_SQL, {"source_name": source_name,
                                                     "case_ref": case_ref})
        return None if frame.empty else str(frame.at[0, "chain_id"])
    memberships = link_memberships(url, source_name)
    match = memberships.loc[memberships["source_case_ref"] == case_ref, "chain_id"]
    return None if match.empty else str(match.iloc[0])


@st.cache_data(ttl=DATA_TTL, show_spinner=False)
def active_chain_counts(url: str, source_name: str, district_codes: tuple[str, ...],
                        as_of: dt.date) -> dict[str, int]:
    """Chains with a case reported in the 14 days up to ``as_of``, and up to the day before."""
    mode = chain_mode(url)
    if mode == "none":
        return {}
    if mode == "marts":
        frame = run_query(url, MART_ACTIVE_CHAINS_SQL, {
            "source_name": source_name, "as_of": as_of, "active_days": ACTIVE_CHAIN_DAYS,
            "district_codes": list(district_codes),
        })
        return {column: int(frame.at[0, column]) for column in frame.columns}
    memberships = link_memberships(url, source_name)
    in_districts = memberships[memberships["district_code"].isin(district_codes)]
    day = pd.Timedelta(days=1)
    window = pd.Timedelta(days=ACTIVE_CHAIN_DAYS)

    def count_active(day_date):
        dates = pd.to_datetime(in_districts["case_date"])
        active = (dates > pd.Timestamp(day_date) - window) & (dates <= pd.Timestamp(day_date))
        return int(in_districts.loc[active, "chain_id"].nunique())

    return {"count_active_chains": count_active(as_of),
            "count_active_chains_before": count_active(pd.Timestamp(as_of) - day)}
