"""The synthetic city: residents with homes, households, occupations, workplaces and friends."""

from __future__ import annotations

import datetime as dt
import random
from itertools import accumulate

from liudiao.jurisdictions import Jurisdiction
from orchestration.demo_data.geography import Geography, Place
from orchestration.demo_data.people import Household, PeopleFactory, Person
from orchestration.demo_data.workplaces import (
    ADULT_OCCUPATIONS,
    WORKPLACE_KIND,
    Workplace,
    occupation_for_age,
    workplace_name,
)

# Resident population per district, in ten thousands (2020 census, rounded).
DISTRICT_POPULATION = {
    "440306": 447, "440307": 398, "440309": 253, "440305": 180, "440304": 155,
    "440303": 114, "440311": 110, "440310": 55, "440308": 21, "440399": 16,
}
BORDER_CROSSINGS = ("皇岗口岸", "深圳湾口岸", "福田口岸", "莲塘口岸")


class World:
    def __init__(self, rng: random.Random, jurisdiction: Jurisdiction, reference_date: dt.date):
        self.rng = rng
        self.reference_date = reference_date
        self.people = PeopleFactory(rng, reference_date)
        self.geography = Geography(rng, jurisdiction)
        self.district_codes = [code for code in DISTRICT_POPULATION]
        self._district_weights = list(accumulate(DISTRICT_POPULATION.values()))
        self._workplaces: dict[tuple[int, str], Workplace] = {}
        self._occupation_weights = list(accumulate(weight for _n, weight, _k in ADULT_OCCUPATIONS))

    # Residents -----------------------------------------------------------------------------

    def draw_district(self) -> str:
        return self.rng.choices(self.district_codes, cum_weights=self._district_weights)[0]

    def draw_subdistrict(self, district_code: str) -> str:
        district = self.geography.jurisdiction.district(district_code)
        return self.rng.choice(district.subdistricts).code

    def resident(self, age: int | None = None, district_code: str | None = None,
                 near: Place | None = None) -> Person:
        """Create a person with a household. ``near`` puts the home in or around that place's
        district, as workmates and regulars of a shop usually live."""
        if district_code is None and near is not None and self.rng.random() < 0.6:
            district_code = near.district_code
        district_code = district_code or self.draw_district()
        person = self.people.person(age=age)
        home = self.geography.home_in(self.draw_subdistrict(district_code))
        self.people.household_around(person, home)
        return person

    def household_of(self, person: Person) -> Household:
        if person.household is None:
            home = self.geography.home_in(self.draw_subdistrict(self.draw_district()))
            self.people.household_around(person, home)
        return person.household

    # Occupations and workplaces ------------------------------------------------------------

    def ensure_occupation(self, person: Person) -> str:
        """Give the person an occupation and workplace once, by age and home district."""
        if person.occupation:
            return person.occupation
        age = person.age_on(self.reference_date)
        occupation = occupation_for_age(age, self.rng.random())
        if occupation is None:
            names = [name for name, _weight, _kind in ADULT_OCCUPATIONS]
            occupation = self.rng.choices(names, cum_weights=self._occupation_weights)[0]
        person.occupation = occupation
        kind = WORKPLACE_KIND.get(occupation)
        if kind:
            place = self._workplace_place(kind, self.household_of(person).home.place)
            if place is not None:
                person.workplace = self._workplace_at(occupation, place)
        return occupation

    def _workplace_place(self, kind: str, home: Place) -> Place | None:
        geography, rng = self.geography, self.rng
        if kind == "border":
            return rng.choice([place for place in geography.landmarks
                               if place.name in BORDER_CROSSINGS])
        if kind == "university":
            return rng.choice(geography.landmarks_of("school"))
        if kind == "school":
            return geography.nearby_places(home.subdistrict_code, "school")[0 if rng.random() < 0.7
                                                                             else 1]
        subdistrict = home.subdistrict_code
        draw = rng.random()
        if draw > 0.45:
            district = home.district_code if draw < 0.75 else self.draw_district()
            subdistrict = self.draw_subdistrict(district)
        if kind == "factory":
            subdistrict = self._industrial_subdistrict(subdistrict)
        if kind in ("office", "mall", "hospital", "market") and rng.random() < 0.5:
            landmarks = geography.landmarks_of(kind, home.district_code) or \
                geography.landmarks_of(kind)
            return rng.choice(landmarks)
        local = geography.nearby_places(subdistrict, kind)
        if not local and kind == "mall":
            local = geography.nearby_places(subdistrict, "shop")
        if not local and kind == "hospital":
            local = geography.nearby_places(subdistrict, "clinic")
        return rng.choice(local) if local else None

    def _industrial_subdistrict(self, subdistrict_code: str) -> str:
        for _ in range(10):
            if self.geography.nearby_places(subdistrict_code, "factory"):
                return subdistrict_code
            subdistrict_code = self.draw_subdistrict(self.draw_district())
        return subdistrict_code

    def employ(self, person: Person, occupation: str, place: Place) -> None:
        person.occupation = occupation
        person.workplace = self._workplace_at(occupation, place)

    def _workplace_at(self, occupation: str, place: Place) -> Workplace:
        key = (id(place), occupation)
        workplace = self._workplaces.get(key)
        if workplace is None:
            workplace = Workplace(workplace_name(occupation, place, self.rng), place)
            self._workplaces[key] = workplace
        return workplace

    def team_of(self, person: Person) -> list[Person]:
        """Workmates or classmates the person meets daily; created on first request."""
        workplace = person.workplace
        if workplace is None:
            return []
        if person.team is not None:
            return [member for member in person.team if member is not person]
        age = person.age_on(self.reference_date)
        size = self.rng.randint(2, 8)
        team = [person]
        for _ in range(size):
            mate_age = self._mate_age(person.occupation, age)
            mate = self.resident(age=mate_age, near=workplace.place)
            mate.occupation, mate.workplace = person.occupation, workplace
            team.append(mate)
        for member in team:
            member.team = team
        return team[1:]

    def _mate_age(self, occupation: str, age: int) -> int:
        if occupation in ("学生", "幼托儿童", "大学生"):
            return max(3, age + self.rng.randint(-1, 1))
        return self.people.draw_age(20, 58)

    def friends_of(self, person: Person, count: int) -> list[Person]:
        age = person.age_on(self.reference_date)
        home = self.household_of(person).home.place
        return [self.resident(age=max(16, age + self.rng.randint(-6, 6)), near=home)
                for _ in range(count)]
