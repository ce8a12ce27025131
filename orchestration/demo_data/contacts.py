"""Contact tracing: a case's close contacts (密接) and their secondary contacts (次密接)."""

from __future__ import annotations

import datetime as dt
import random

from orchestration.demo_data.model import Case, Contact, Event
from orchestration.demo_data.people import Person, household_relation
from orchestration.demo_data.timeline import CONTACT_LOOKBACK_DAYS, days_between
from orchestration.demo_data.world import World

CLOSE = "密接"
SECONDARY = "次密接"
# Contact types (接触方式) as the canonical format spells them.
HOUSEHOLD = "同住"
WORK = "同事"
SOCIAL = "社交"
TRANSPORT = "同乘"
MEDICAL = "医疗"
PLACE = "同场所"

# Events where people other than the case's own circle were close by, and the chance that
# investigators identify some of them (by venue QR code scans, video or ticket records).
# Quarantine hotels are left out, because people there are kept apart.
VENUE_EVENT_TYPES = frozenset({"就餐", "购物", "就医", "其他", "核酸检测"})
VENUE_IDENTIFY_CHANCE = 0.35
TRANSPORT_IDENTIFY_CHANCE = 0.25
MAX_SECONDARY_PER_CLOSE = 4


class ContactTracer:
    def __init__(self, world: World):
        self.world = world
        self.rng: random.Random = world.rng

    def trace(self, case: Case) -> list[Contact]:
        """Close contacts from 4 days before onset (or sample) to isolation, then the people
        each close contact lives with as secondary contacts."""
        window_start = case.key_date - dt.timedelta(days=CONTACT_LOOKBACK_DAYS)
        if case.arrival_date:
            window_start = max(window_start, case.arrival_date)
        window_end = case.isolation_date
        seen: set[int] = {id(case.person)}
        contacts: list[Contact] = []
        if window_start <= window_end:
            contacts += self._household(case, window_start, seen)
            contacts += self._workmates(case, window_start, window_end, seen)
            contacts += self._event_contacts(case, window_start, window_end, seen)
        for contact in contacts:
            self._quarantine_close(contact)
        secondary = [member for contact in contacts if contact.contact_type != HOUSEHOLD
                     for member in self._secondary(contact, seen)]
        return contacts + secondary

    # Close contacts ----------------------------------------------------------------------------

    def _household(self, case: Case, window_start: dt.date, seen: set[int]) -> list[Contact]:
        last_day = case.isolation_date
        if case.quarantine_start_date and case.quarantine_start_date <= case.report_date:
            last_day = case.quarantine_start_date - dt.timedelta(days=1)
        if last_day < window_start:
            return []
        exposure = days_between(window_start, last_day)
        household = self.world.household_of(case.person)
        return [self._close(case, member, household_relation(case.person, member), HOUSEHOLD,
                            exposure, seen)
                for member in household.members if self._is_traceable(member, seen)]

    def _workmates(self, case: Case, window_start: dt.date, window_end: dt.date,
                   seen: set[int]) -> list[Contact]:
        workplace = case.person.workplace
        if workplace is None:
            return []
        work_days = sorted({event.event_date for event in case.events
                            if event.event_type == "工作" and event.place is workplace.place
                            and window_start <= event.event_date <= window_end})
        if not work_days:
            return []
        relation = "同学" if case.occupation in ("学生", "幼托儿童", "大学生") else "同事"
        return [self._close(case, mate, relation, WORK, work_days, seen)
                for mate in self.world.team_of(case.person)
                if self._is_traceable(mate, seen)]

    def _event_contacts(self, case: Case, window_start: dt.date, window_end: dt.date,
                        seen: set[int]) -> list[Contact]:
        contacts = []
        for event in case.events:
            if not window_start <= event.event_date <= window_end:
                continue
            for person, relation, contact_type in self._people_at(case, event):
                if self._is_traceable(person, seen):
                    contacts.append(self._close(case, person, relation, contact_type,
                                                [event.event_date], seen, event))
        return contacts

    def _people_at(self, case: Case, event: Event) -> list[tuple[Person, str, str]]:
        """People investigators identify as having shared one event with the case."""
        rng, world = self.rng, self.world
        near = event.place or world.household_of(case.person).home.place
        if event.event_type == "聚会":
            return [(friend, "朋友", SOCIAL) for friend in event.companions]
        if event.event_type == "抵深":
            return [(world.resident(), "同乘人员", TRANSPORT) for _ in range(rng.randint(3, 6))]
        if event.event_type == "交通" and "网约车" in event.description:
            return [(world.resident(near=near), "乘客", TRANSPORT)
                    for _ in range(rng.randint(1, 3))]
        if event.event_type == "交通":
            if rng.random() >= TRANSPORT_IDENTIFY_CHANCE:
                return []
            return [(world.resident(near=near), "同乘人员", TRANSPORT)]
        if event.event_type == "就医" and event.place is not None:
            staff = world.resident(age=world.people.draw_age(24, 55), near=event.place)
            world.employ(staff, "医务人员", event.place)
            return [(staff, "接诊医务人员", MEDICAL)]
        if event.event_type in VENUE_EVENT_TYPES and event.place is not None \
                and event.place.kind != "hotel":
            if rng.random() >= VENUE_IDENTIFY_CHANCE:
                return []
            return [(world.resident(near=near), "同场所人员", PLACE)
                    for _ in range(rng.randint(1, 2))]
        return []

    def _is_traceable(self, person: Person, seen: set[int]) -> bool:
        """Not already listed for this case, and not already a case: investigators list a
        known case as a case, not as a contact."""
        return id(person) not in seen and person.case is None

    def _close(self, case: Case, person: Person, relation: str, contact_type: str,
               exposure: list[dt.date], seen: set[int], event: Event | None = None) -> Contact:
        seen.add(id(person))
        return Contact(person, case, CLOSE, relation, contact_type, max(exposure), exposure,
                       shared_event=event)

    def _quarantine_close(self, contact: Contact) -> None:
        """Close contacts go to a quarantine hotel in their home subdistrict after the report."""
        start = contact.case.report_date + dt.timedelta(days=self.rng.choice((0, 0, 1)))
        contact.quarantine_start_date = max(start, contact.last_contact_date)
        household = self.world.household_of(contact.person)
        if contact.person.age_on(start) < 6 or self.rng.random() < 0.05:
            contact.quarantine_place = "居家隔离"
            return
        hotel = self.world.geography.nearby_places(household.home.subdistrict_code, "hotel")[0]
        contact.quarantine_place = f"集中隔离（{hotel.name}）"

    # Secondary contacts ------------------------------------------------------------------------

    def _secondary(self, close: Contact, seen: set[int]) -> list[Contact]:
        household = self.world.household_of(close.person)
        last_day = close.quarantine_start_date
        secondary = []
        for member in household.members:
            if len(secondary) >= MAX_SECONDARY_PER_CLOSE:
                break
            if not self._is_traceable(member, seen):
                continue
            seen.add(id(member))
            start = last_day + dt.timedelta(days=self.rng.choice((0, 1)))
            place = "居家隔离" if self.rng.random() < 0.7 else "集中隔离"
            # The relation column is read against the case, so name the link through the close
            # contact: 密接者妻子 is the close contact's wife.
            relation = f"密接者{household_relation(close.person, member)}"
            secondary.append(Contact(member, close.case, SECONDARY, relation, HOUSEHOLD,
                                     last_day, [last_day], via=close,
                                     quarantine_start_date=start, quarantine_place=place))
        return secondary
