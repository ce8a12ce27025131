"""Co-presence (时空伴随): who was at the same key place at the same time as a case.

Two events are co-present when they are at the same key place on the same day and, where
both have start and end times, their times overlap. Without times the same day counts, with a
lower weight. Every case has an anchor date: its onset date, else its case date
(``anchor_basis`` says which).

Candidate sources of a case X are other cases Y co-present with X during X's incubation
window (the ``incubation_days`` before X's anchor, anchor included). One co-presence scores
``contact × incubation × infectiousness``:

- contact: 0.6 + 0.4·min(overlap, 60)/60 for overlapping times, 0.3 for the same day only;
- incubation: the lognormal incubation density at the days from the co-presence to X's
  anchor, divided by its maximum, so a co-presence 4–5 days before onset weighs most. The
  lognormal has the median 5.1 days and 97.5th percentile 11.5 days that Lauer et al.
  (Annals of Internal Medicine 2020) estimated from 181 cases;
- infectiousness of Y that day, by days since Y's onset: 1 from 2 days before to 7 days after,
  0.5 from 8 to 14 days after, 0.1 otherwise (before that Y was more likely infected alongside
  X than infectious); 0.5 when Y's onset is unknown.

A candidate's score combines its co-presences as 1 − Π(1 − s); candidates are ranked by score,
then by earlier onset. ``is_reported_infector`` marks a reported Y → X link, for checking.

Proposed close contacts of a case X are recorded close contacts C (not cases themselves) of
another case Z, where Z had an event on C's last contact date at a key place X visited that day
during X's infectious period (``infectious_days_before_onset`` before the anchor until
confirmation, else 14 days after). C met Z at one of Z's places that day, so each place weighs
1/(number of Z's places that day): score = contact × infectiousness of X × that weight.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

INCUBATION_MEDIAN_DAYS = 5.1
INCUBATION_97_5_PERCENTILE_DAYS = 11.5
INCUBATION_LOG_MEAN = float(np.log(INCUBATION_MEDIAN_DAYS))
INCUBATION_LOG_SD = float(np.log(INCUBATION_97_5_PERCENTILE_DAYS / INCUBATION_MEDIAN_DAYS) / 1.96)
INCUBATION_MODE_DAYS = float(np.exp(INCUBATION_LOG_MEAN - INCUBATION_LOG_SD ** 2))

# Event types → the contact_type of a proposed close contact met there.
CONTACT_TYPE_BY_EVENT_TYPE = {
    "travel": "transport", "arrival": "transport", "transport": "transport",
    "hospital_visit": "medical", "admission": "medical", "medical": "medical", "test": "medical",
    "work": "work", "dining": "social", "social": "social",
}


SOURCE_CANDIDATE_COLUMNS = (
    "case_id", "candidate_case_id", "source_name", "key_place_id", "event_date",
    "candidate_event_date", "first_copresence_date", "last_copresence_date", "overlap_minutes",
    "is_same_day", "count_copresences", "days_before_onset", "anchor_basis",
    "is_reported_infector", "score", "rank")
CLOSE_CONTACT_CANDIDATE_COLUMNS = (
    "case_id", "close_contact_id", "person_id", "source_name", "via_case_id", "key_place_id",
    "contact_date", "overlap_minutes", "is_same_day", "contact_type", "is_listed_contact",
    "score", "rank")


@dataclass(frozen=True)
class CopresenceSettings:
    incubation_days: int = 14
    infectious_days_before_onset: int = 2
    infectious_days_after_onset: int = 14  # when the case has no confirmation date


def incubation_weight(days_before_onset: np.ndarray) -> np.ndarray:
    """Lognormal incubation density at ``days_before_onset``, scaled to 1 at its mode."""
    days = np.maximum(np.asarray(days_before_onset, dtype=float), 0.5)

    def density(value):
        return np.exp(-(np.log(value) - INCUBATION_LOG_MEAN) ** 2
                      / (2 * INCUBATION_LOG_SD ** 2)) / value

    return density(days) / density(INCUBATION_MODE_DAYS)


def infectiousness_weight(days_since_onset: pd.Series, has_onset: pd.Series) -> np.ndarray:
    days = days_since_onset.to_numpy(dtype=float)
    weight = np.select([(days >= -2) & (days <= 7), (days > 7) & (days <= 14)], [1.0, 0.5], 0.1)
    return np.where(has_onset.to_numpy(dtype=bool), weight, 0.5)


def contact_weight(overlap_minutes: pd.Series) -> np.ndarray:
    """0.6–1.0 by overlap (full at 60 minutes) for known times, 0.3 for the same day only."""
    overlap = overlap_minutes.to_numpy(dtype=float)
    return np.where(np.isnan(overlap), 0.3, 0.6 + 0.4 * np.minimum(overlap, 60) / 60)


def _minutes(times: pd.Series) -> pd.Series:
    parts = times.str.split(":", expand=True) if times.notna().any() else None
    if parts is None:
        return pd.Series(np.nan, index=times.index)
    return pd.to_numeric(parts[0]) * 60 + pd.to_numeric(parts[1])


def anchored_cases(cases: pd.DataFrame, settings: CopresenceSettings) -> pd.DataFrame:
    """Return the cases with anchor_date, anchor_basis and their infectious period's end."""
    anchored = cases[["case_id", "person_id", "onset_date", "case_date"]].copy()
    anchored["anchor_date"] = cases["onset_date"].fillna(cases["case_date"])
    anchored["anchor_basis"] = np.where(cases["onset_date"].notna(), "onset", "case_date")
    isolation = cases["confirmed_date"].fillna(cases["report_date"])
    default_end = anchored["anchor_date"] + pd.Timedelta(days=settings.infectious_days_after_onset)
    anchored["infectious_end_date"] = isolation.where(
        isolation >= anchored["anchor_date"], default_end).fillna(default_end)
    return anchored.dropna(subset=["anchor_date"])


def place_visits(events: pd.DataFrame, matches: pd.DataFrame) -> pd.DataFrame:
    """Return the events at a key place, start and end in minutes after midnight (NaN unknown)."""
    visits = events.merge(matches[["place_mention_id", "key_place_id"]], on="place_mention_id")
    visits = visits.dropna(subset=["key_place_id", "event_date"]).copy()
    visits["start_minute"] = _minutes(visits["start_time"])
    visits["end_minute"] = _minutes(visits["end_time"])
    past_midnight = visits["end_minute"] < visits["start_minute"]
    visits.loc[past_midnight, "end_minute"] += 24 * 60
    return visits[["case_id", "source_name", "event_date", "event_type", "key_place_id",
                   "start_minute", "end_minute"]]


def overlap_minutes(pairs: pd.DataFrame) -> pd.Series:
    """Return the minutes two visits (``_x``, ``_y``) overlap, NaN when a time is unknown."""
    start = np.maximum(pairs["start_minute_x"], pairs["start_minute_y"])
    end = np.minimum(pairs["end_minute_x"], pairs["end_minute_y"])
    return (end - start).where(pairs[["start_minute_x", "end_minute_x", "start_minute_y",
                                      "end_minute_y"]].notna().all(axis=1))


def _copresent(left: pd.DataFrame, right: pd.DataFrame) -> pd.DataFrame:
    """Return the pairs of visits at one key place on one day whose known times overlap."""
    pairs = left.merge(right, on=["key_place_id", "event_date"])
    pairs["overlap_minutes"] = overlap_minutes(pairs)
    return pairs[~(pairs["overlap_minutes"] <= 0)]


def _combine(scores: pd.Series) -> float:
    return float(1 - np.prod(1 - scores.to_numpy()))


def _rank(best: pd.DataFrame, group: str, order: list[str], ascending: list[bool]) -> pd.Series:
    ordered = best.sort_values([group, *order], ascending=[True, *ascending])
    return ordered.groupby(group).cumcount().add(1).reindex(best.index)


def source_candidates(visits: pd.DataFrame, cases: pd.DataFrame, links: pd.DataFrame,
                      settings: CopresenceSettings) -> pd.DataFrame:
    """Return one row per case and candidate source case (SOURCE_CANDIDATE_COLUMNS)."""
    anchored = anchored_cases(cases, settings).set_index("case_id")
    exposed = visits.join(anchored[["anchor_date", "anchor_basis"]], on="case_id", how="inner")
    exposed["days_before_onset"] = (exposed["anchor_date"] - exposed["event_date"]).dt.days
    exposed = exposed[exposed["days_before_onset"].between(0, settings.incubation_days)]

    pairs = _copresent(exposed, visits.rename(columns={"case_id": "candidate_case_id"}))
    pairs = pairs[pairs["case_id"] != pairs["candidate_case_id"]]
    if pairs.empty:
        return pd.DataFrame(columns=list(SOURCE_CANDIDATE_COLUMNS))
    candidate_onset = pairs["candidate_case_id"].map(anchored["onset_date"])
    pairs["score"] = (contact_weight(pairs["overlap_minutes"])
                      * incubation_weight(pairs["days_before_onset"])
                      * infectiousness_weight((pairs["event_date"] - candidate_onset).dt.days,
                                              candidate_onset.notna()))
    pairs["candidate_onset_date"] = candidate_onset

    key = ["case_id", "candidate_case_id"]
    grouped = pairs.groupby(key)
    best = pairs.loc[grouped["score"].idxmax()].set_index(key)
    best["score"] = grouped["score"].agg(_combine).round(6)
    best["count_copresences"] = grouped.size()
    best["first_copresence_date"] = grouped["event_date"].min()
    best["last_copresence_date"] = grouped["event_date"].max()
    best = best.reset_index()

    reported = set(zip(links["infector_case_id"], links["infectee_case_id"]))
    best["is_reported_infector"] = [(candidate, case) in reported for case, candidate in
                                    zip(best["case_id"], best["candidate_case_id"])]
    best["is_same_day"] = best["overlap_minutes"].isna()
    best["candidate_event_date"] = best["event_date"]
    best["source_name"] = best["source_name_x"]
    best["rank"] = _rank(best, "case_id", ["score", "candidate_onset_date", "candidate_case_id"],
                         [False, True, True])
    return best.sort_values(["case_id", "rank"], ignore_index=True)[
        list(SOURCE_CANDIDATE_COLUMNS)]


def close_contact_candidates(visits: pd.DataFrame, cases: pd.DataFrame,
                             close_contacts: pd.DataFrame, settings: CopresenceSettings
                             ) -> pd.DataFrame:
    """Return one row per case and proposed close contact (CLOSE_CONTACT_CANDIDATE_COLUMNS)."""
    anchored = anchored_cases(cases, settings).set_index("case_id")
    infectious = visits.join(anchored[["anchor_date", "infectious_end_date", "onset_date",
                                       "person_id"]], on="case_id", how="inner")
    start = infectious["anchor_date"] - pd.Timedelta(days=settings.infectious_days_before_onset)
    infectious = infectious[(infectious["event_date"] >= start)
                            & (infectious["event_date"] <= infectious["infectious_end_date"])]

    # NOTE: the marts have no events of contacts, so a contact's place is inferred from the
    # events of the case they met, on the last contact date. Events of contacts would replace
    # this inference once the raw contract carries them.
    contacts = close_contacts[(close_contacts["contact_level"] == "close")
                              & close_contacts["became_case_id"].isna()]
    contact_places = contacts[["close_contact_id", "person_id", "case_id", "last_contact_date"]
                              ].rename(columns={"case_id": "via_case_id",
                                                "last_contact_date": "event_date"}).merge(
        visits.drop(columns="source_name").rename(columns={"case_id": "via_case_id"}),
        on=["via_case_id", "event_date"])
    contact_places["place_weight"] = 1 / contact_places.groupby(
        ["close_contact_id", "event_date"])["key_place_id"].transform("nunique")

    pairs = _copresent(infectious, contact_places)
    same_person = pairs["person_id_x"].notna() & (pairs["person_id_x"] == pairs["person_id_y"])
    pairs = pairs[(pairs["case_id"] != pairs["via_case_id"]) & ~same_person]
    if pairs.empty:
        return pd.DataFrame(columns=list(CLOSE_CONTACT_CANDIDATE_COLUMNS))
    has_onset = pairs["onset_date"].notna()
    pairs["score"] = (contact_weight(pairs["overlap_minutes"])
                      * infectiousness_weight((pairs["event_date"] - pairs["anchor_date"]).dt.days,
                                              has_onset)
                      * pairs["place_weight"]).round(6)

    key = ["case_id", "close_contact_id"]
    best = pairs.loc[pairs.groupby(key)["score"].idxmax()].reset_index(drop=True)
    listed = set(zip(close_contacts["case_id"], close_contacts["person_id"]))
    best["is_listed_contact"] = [(case, person) in listed for case, person in
                                 zip(best["case_id"], best["person_id_y"])]
    best["person_id"] = best["person_id_y"]
    best["contact_date"] = best["event_date"]
    best["is_same_day"] = best["overlap_minutes"].isna()
    best["contact_type"] = best["event_type_x"].map(CONTACT_TYPE_BY_EVENT_TYPE).fillna("place")
    best["rank"] = _rank(best, "case_id", ["score", "close_contact_id"], [False, True])
    return best.sort_values(["case_id", "rank"], ignore_index=True)[
        list(CLOSE_CONTACT_CANDIDATE_COLUMNS)]
