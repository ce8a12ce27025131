"""The outbreak simulation: imported seeds, then transmission along traced and untraced contacts.

Infections are processed in order of infection date. Each one becomes a case with onset,
report and isolation dates, an activity history and a list of contacts. Each contact, and
each crowded event of the case, may in turn lead to an infection. Transmission weakens as the
city's response takes hold and as contact tracing quarantines people before they fall ill,
so the epidemic curve rises and falls over several weeks.
"""

from __future__ import annotations

import datetime as dt
import heapq
import itertools
import random
from collections import defaultdict

from orchestration.demo_data.contacts import (
    CLOSE,
    HOUSEHOLD,
    MEDICAL,
    PLACE,
    SOCIAL,
    TRANSPORT,
    WORK,
    ContactTracer,
)
from orchestration.demo_data.histories import HistoryBuilder
from orchestration.demo_data.imports import Origin, draw_origin
from orchestration.demo_data.model import (
    ASYMPTOMATIC,
    CONFIRMED,
    IMPORTED_ABROAD,
    IMPORTED_DOMESTIC,
    LOCAL,
    Case,
    Contact,
    Event,
    Infection,
)
from orchestration.demo_data.timeline import (
    CONTACT_LOOKBACK_DAYS,
    MAX_INCUBATION_DAYS,
    days_between,
    draw_incubation_days,
    draw_report_delay,
)
from orchestration.demo_data.world import World

# Chance that one close contact is infected, per contact type, before the outbreak-wide
# multiplier. Household secondary attack rates of 15-20% were typical of 2020-2021 reports.
ATTACK_RATES = {HOUSEHOLD: 0.18, WORK: 0.035, SOCIAL: 0.08, PLACE: 0.02, TRANSPORT: 0.012,
                MEDICAL: 0.01}
# Chance per crowded event of the infectious period that an untraced stranger is infected.
UNTRACED_RATE = 0.04
UNTRACED_EVENT_TYPES = frozenset({"就餐", "购物", "交通", "核酸检测", "其他", "工作"})
# NOTE: the attack rates, TRANSMISSIBILITY and the response schedule are tuned by hand so
# that the epidemic curve rises and falls over several weeks near the requested size. They
# are not fitted to any real outbreak.
TRANSMISSIBILITY = 3.0
ASYMPTOMATIC_INFECTIOUSNESS = 0.5
# The city's response (closures, mass testing) scales transmission down as infections
# accumulate: from full strength until RESPONSE_START of the requested case count has been
# infected, linearly to RESPONSE_FLOOR at RESPONSE_FULL. This turns the epidemic curve down
# at about the requested size.
RESPONSE_START = 0.4
RESPONSE_FULL = 1.0
RESPONSE_FLOOR = 0.25
# An outbreak that dies out below this share of the requested size is restarted by another
# import. One that ends above it is left to end, a little short of the requested size.
RESTART_BELOW = 0.5
TRACED_ASYMPTOMATIC_SHARE = 0.3
UNTRACED_ASYMPTOMATIC_SHARE = 0.1
ROUTINE_TESTING_FROM = dt.date(2021, 6, 1)


class Outbreak:
    def __init__(self, world: World, start_date: dt.date, case_count: int):
        self.world = world
        self.rng: random.Random = world.rng
        self.start_date = start_date
        self.case_count = case_count
        self.routine_testing = start_date >= ROUTINE_TESTING_FROM
        self.histories = HistoryBuilder(world, self.routine_testing)
        self.tracer = ContactTracer(world)
        self.cases: list[Case] = []
        self._queue: list[tuple[dt.date, int, Infection]] = []
        self._order = itertools.count()
        self._infected_count = 0
        self._pending: dict[int, Infection] = {}
        self._records_by_person: dict[int, list[Contact]] = defaultdict(list)
        self._refs_per_folder: dict[tuple[str, dt.date], int] = defaultdict(int)
        self._cluster_ids: dict[tuple, int] = {}

    def run(self) -> list[Case]:
        self._schedule_imports()
        while self._queue and len(self.cases) < self.case_count:
            _date, _order, infection = heapq.heappop(self._queue)
            self._pending.pop(id(infection.person), None)
            case = self._case_from(infection)
            self.cases.append(case)
            self._spread_from(case)
            if not self._queue and len(self.cases) < self.case_count * RESTART_BELOW:
                self._schedule_import(case.report_date + dt.timedelta(days=self.rng.randint(1, 5)),
                                      IMPORTED_DOMESTIC)
        return self.cases

    # Imports -------------------------------------------------------------------------------

    def _schedule_imports(self) -> None:
        """Seed cases reported on the start date, then sporadic imports in the first weeks."""
        seed_count = max(2, round(self.case_count / 500)) + self.rng.randint(0, 2)
        for _ in range(seed_count):
            self._schedule_import(self.start_date, IMPORTED_DOMESTIC)
        self._schedule_import(self.start_date, IMPORTED_ABROAD)
        for day in days_between(self.start_date + dt.timedelta(days=1),
                                self.start_date + dt.timedelta(days=28)):
            if self.rng.random() < 0.12:
                source = IMPORTED_ABROAD if self.rng.random() < 0.5 else IMPORTED_DOMESTIC
                self._schedule_import(day, source)

    def _schedule_import(self, report_date: dt.date, source: str) -> None:
        person = self.world.resident(age=self.world.people.draw_age(18, 70))
        delay = self.rng.randint(1, 4) if source == IMPORTED_DOMESTIC else self.rng.randint(1, 3)
        key_date = report_date - dt.timedelta(days=delay)
        incubation = draw_incubation_days(self.rng)
        origin = draw_origin(self.rng, source, key_date)
        infection_date = min(key_date - dt.timedelta(days=incubation),
                             origin.arrival_date - dt.timedelta(days=1))
        self._push(Infection(person, infection_date, source, origin=origin,
                             report_date=report_date))

    def _push(self, infection: Infection) -> None:
        infection.person.is_infected = True
        self._infected_count += 1
        self._pending[id(infection.person)] = infection
        heapq.heappush(self._queue, (infection.infection_date, next(self._order), infection))

    # Cases ---------------------------------------------------------------------------------

    def _case_from(self, infection: Infection) -> Case:
        person, world = infection.person, self.world
        household = world.household_of(person)
        occupation = world.ensure_occupation(person)
        if infection.origin is not None:
            dates = self._imported_dates(infection, infection.origin)
        else:
            dates = self._local_dates(infection)
        onset_date, report_date, detection, quarantine_start = dates
        if infection.origin is None and report_date <= self.start_date:
            # The seed cases are the first reported: a case they infected is reported later.
            report_date = self.start_date + dt.timedelta(days=1)

        district_code = household.home.district_code
        folder = (district_code, report_date)
        self._refs_per_folder[folder] += 1
        ref = f"{district_code}-{report_date:%Y%m%d}-{self._refs_per_folder[folder]:03d}"
        case = Case(
            person=person,
            ref=ref,
            district_code=district_code,
            subdistrict_code=household.home.subdistrict_code,
            infection_date=infection.infection_date,
            report_date=report_date,
            onset_date=onset_date,
            case_type=CONFIRMED if onset_date else ASYMPTOMATIC,
            severity=self._severity(person.age_on(report_date)) if onset_date else "",
            source=infection.source,
            detection=detection,
            occupation=occupation,
            infector=infection.infector,
            quarantine_start_date=quarantine_start,
            quarantine_place=infection.quarantine_place if quarantine_start else "",
            arrival_date=infection.origin.arrival_date if infection.origin else None,
        )
        case.cluster_id = self._cluster_of(case, infection)
        case.notes = self._notes(case, infection)
        person.case = case

        case.events = self.histories.build(case, infection.shared_event, infection.origin)
        case.contacts = self.tracer.trace(case)
        for contact in self._records_by_person.pop(id(person), []):
            contact.became_case = case
        for contact in case.contacts:
            self._records_by_person[id(contact.person)].append(contact)
        return case

    def _imported_dates(self, infection: Infection, origin: Origin):
        report_date = infection.report_date
        if origin.is_quarantined_on_arrival:
            is_symptomatic = self.rng.random() < 0.5
            onset = report_date - dt.timedelta(days=1) if is_symptomatic else None
            return onset, report_date, "入境筛查", origin.arrival_date
        onset = report_date - dt.timedelta(days=self.rng.randint(1, 4))
        onset = max(onset, origin.arrival_date)
        return onset, report_date, "就诊发现", None

    def _local_dates(self, infection: Infection):
        """Onset, report, detection route and quarantine start of a local infection."""
        rng = self.rng
        infected = infection.infection_date
        earliest_key = infection.infector.key_date + dt.timedelta(days=1) \
            if infection.infector else infected + dt.timedelta(days=1)
        quarantine = infection.quarantine_start_date
        asymptomatic_share = TRACED_ASYMPTOMATIC_SHARE if quarantine else \
            UNTRACED_ASYMPTOMATIC_SHARE if self.routine_testing else 0.0

        if rng.random() < asymptomatic_share:
            if quarantine:
                sample = max(quarantine, infected + dt.timedelta(days=2), earliest_key)
                return None, sample + dt.timedelta(days=rng.randint(0, 2)), "密接筛查", quarantine
            sample = max(infected + dt.timedelta(days=rng.randint(3, 7)), earliest_key)
            return None, sample, "常态化核酸筛查", None

        onset = self._onset(infected, earliest_key)
        if quarantine and onset >= quarantine:
            return onset, onset + dt.timedelta(days=1), "密接筛查", quarantine
        report = onset + dt.timedelta(days=draw_report_delay(rng))
        if quarantine and report > quarantine + dt.timedelta(days=1):
            return onset, quarantine + dt.timedelta(days=1), "密接筛查", quarantine
        return onset, report, "就诊发现", None

    def _onset(self, infected: dt.date, earliest: dt.date) -> dt.date:
        """Onset after an incubation period, and after the infector's own onset."""
        latest = infected + dt.timedelta(days=MAX_INCUBATION_DAYS)
        for _ in range(10):
            onset = infected + dt.timedelta(days=draw_incubation_days(self.rng))
            if earliest <= onset <= latest:
                return onset
        return min(max(earliest, infected + dt.timedelta(days=1)), latest)

    def _cluster_of(self, case: Case, infection: Infection) -> int:
        """Number the cluster (聚集性疫情) by setting: a workplace or venue where people were
        infected starts one, while household, transport and medical spread stays in the
        infector's cluster."""
        contact_type = infection.contact.contact_type if infection.contact else None
        if infection.infector and contact_type in (HOUSEHOLD, TRANSPORT, MEDICAL):
            return infection.infector.cluster_id
        if contact_type == WORK:
            key: tuple = ("work", id(case.person.workplace))
        elif infection.shared_event is not None and infection.shared_event.place is not None:
            key = ("place", id(infection.shared_event.place))
        else:
            key = ("case", id(case))
        return self._cluster_ids.setdefault(key, len(self._cluster_ids) + 1)

    def _severity(self, age: int) -> str:
        weights = (40, 40, 14, 6) if age >= 60 else (60, 36, 3, 1)
        return self.rng.choices(("轻型", "普通型", "重型", "危重型"), weights=weights)[0]

    def _notes(self, case: Case, infection: Infection) -> str:
        notes = [f"职业：{case.occupation}", f"发现途径：{case.detection}"]
        if infection.origin is not None:
            notes.append(f"发病前14天内有{infection.origin.place_text}旅居史")
        elif infection.infector is None:
            notes.append("感染来源调查中")
        return "；".join(notes)

    # Transmission ----------------------------------------------------------------------------

    def _multiplier(self) -> float:
        share = self._infected_count / self.case_count
        progress = min(1.0, max(0.0, (share - RESPONSE_START) / (RESPONSE_FULL - RESPONSE_START)))
        return TRANSMISSIBILITY * (1.0 - progress * (1.0 - RESPONSE_FLOOR))

    def _spread_from(self, case: Case) -> None:
        infectious_from = max(case.infection_date + dt.timedelta(days=1),
                              case.key_date - dt.timedelta(days=CONTACT_LOOKBACK_DAYS))
        strength = self._multiplier() * (ASYMPTOMATIC_INFECTIOUSNESS if case.onset_date is None
                                         else 1.0)
        for contact in case.contacts:
            if contact.level == CLOSE:
                self._maybe_infect_contact(case, contact, infectious_from, strength)
                self._mark_quarantine(contact)
        for event in case.events:
            is_crowded = event.event_type in UNTRACED_EVENT_TYPES and event.place is not None \
                and event.place.kind != "hotel"
            if is_crowded and infectious_from <= event.event_date <= case.isolation_date \
                    and self.rng.random() < UNTRACED_RATE * strength:
                stranger = self.world.resident(near=event.place)
                shared = _copy_for(event)
                self._push(Infection(stranger, event.event_date, LOCAL, shared_event=shared))

    def _maybe_infect_contact(self, case: Case, contact: Contact, infectious_from: dt.date,
                              strength: float) -> None:
        person = contact.person
        if person.is_infected:
            return
        dates = [day for day in contact.exposure_dates if day >= infectious_from]
        if not dates or self.rng.random() >= ATTACK_RATES[contact.contact_type] * strength:
            return
        day = self.rng.choice(dates)
        shared = _copy_for(contact.shared_event) if contact.shared_event else None
        if shared is not None:
            day = shared.event_date
        self._push(Infection(person, day, LOCAL, infector=case, contact=contact,
                             shared_event=shared,
                             quarantine_start_date=contact.quarantine_start_date,
                             quarantine_place=contact.quarantine_place))

    def _mark_quarantine(self, contact: Contact) -> None:
        """Quarantine the pending infection of a contact already infected by someone else."""
        pending = self._pending.get(id(contact.person))
        if pending is None or pending.quarantine_start_date or pending.origin:
            return
        if contact.quarantine_start_date >= pending.infection_date:
            pending.quarantine_start_date = contact.quarantine_start_date
            pending.quarantine_place = contact.quarantine_place


def _copy_for(event: Event) -> Event:
    """Copy an event into the history of the person infected there."""
    return Event(event.event_date, event.start_minute, event.end_minute, event.event_type,
                 event.description, event.place, event.address)
