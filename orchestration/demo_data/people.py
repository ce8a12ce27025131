"""Synthetic residents: identity (name, sex, birth date, ID card, phone) and households."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from itertools import accumulate

import yaml

from liudiao import idcard, phone
from orchestration.demo_data.names import draw_full_name

# Age bands of Shenzhen residents (years, inclusive) and their weights: a young, working-age
# city, from the shape of the 2020 census age pyramid (rounded, an estimate).
AGE_BANDS = ((0, 4, 5), (5, 14, 9), (15, 19, 3), (20, 29, 21), (30, 39, 25), (40, 49, 17),
             (50, 59, 10), (60, 69, 6), (70, 79, 3), (80, 92, 1))
MALE_SHARE = 0.54
# Region codes of the Shenzhen districts that existed before 1998, for children born here.
SHENZHEN_REGION_CODES = ("440303", "440304", "440305", "440306", "440307", "440308")


@dataclass(frozen=True)
class Province:
    name: str
    weight: float
    surnames: tuple[str, ...]
    region_codes: tuple[str, ...]


@cache
def load_provinces() -> tuple[Province, ...]:
    text = resources.files(__package__).joinpath("data/birthplaces.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    return tuple(
        Province(entry["province"], float(entry["weight"]), tuple(entry["surnames"]),
                 tuple(str(region["code"]) for region in entry["regions"]))
        for entry in data["provinces"]
    )


@dataclass(eq=False, slots=True)
class Person:
    name: str
    sex: str
    birth_date: dt.date
    province: Province
    id_card_number: str
    phone: str
    household: Household | None = None
    role: str = "self"
    occupation: str = ""
    workplace: object | None = None
    # Workmates or classmates met daily, the person included; None until first needed.
    team: list[Person] | None = None
    case: object | None = None
    is_infected: bool = False

    def age_on(self, day: dt.date) -> int:
        years = day.year - self.birth_date.year
        if (day.month, day.day) < (self.birth_date.month, self.birth_date.day):
            years -= 1
        return years


@dataclass(eq=False, slots=True)
class Household:
    """People who live at one address; ``role`` of each member is relative to the first."""

    home: object
    members: list[Person] = field(default_factory=list)


class PeopleFactory:
    """Draws residents with consistent identities from one random generator."""

    def __init__(self, rng: random.Random, reference_date: dt.date):
        self.rng = rng
        self.reference_date = reference_date
        self.provinces = load_provinces()
        self._province_weights = list(accumulate(p.weight for p in self.provinces))
        self._band_weights = list(accumulate(band[2] for band in AGE_BANDS))

    def draw_age(self, minimum: int = 0, maximum: int = 92) -> int:
        for _ in range(20):
            low, high, _weight = self.rng.choices(AGE_BANDS, cum_weights=self._band_weights)[0]
            age = self.rng.randint(low, high)
            if minimum <= age <= maximum:
                return age
        return self.rng.randint(minimum, maximum)

    def draw_province(self) -> Province:
        return self.rng.choices(self.provinces, cum_weights=self._province_weights)[0]

    def person(self, age: int | None = None, sex: str | None = None,
               province: Province | None = None, surname: str | None = None,
               region_code: str | None = None) -> Person:
        """Create a person; the ID card's region is the birthplace, by default a county of
        the birth province."""
        rng = self.rng
        age = self.draw_age() if age is None else max(0, min(age, 99))
        sex = sex or ("男" if rng.random() < MALE_SHARE else "女")
        province = province or self.draw_province()
        birth_date = self.reference_date - dt.timedelta(days=age * 365.25 + rng.randint(1, 360))
        region_code = region_code or rng.choice(province.region_codes)
        name = draw_full_name(rng, sex, birth_date.year, surname, province.surnames)
        return Person(
            name=name,
            sex=sex,
            birth_date=birth_date,
            province=province,
            id_card_number=idcard.generate(region_code, birth_date, sex, rng),
            phone=phone.generate_mobile(rng),
        )

    def household_around(self, anchor: Person, home: object) -> Household:
        """Create the household the anchor lives in, with family or roommates by age."""
        household = Household(home=home, members=[anchor])
        anchor.household, anchor.role = household, "self"
        for role, member in self._companions(anchor):
            member.household, member.role = household, role
            household.members.append(member)
        return household

    def _companions(self, anchor: Person) -> list[tuple[str, Person]]:
        rng = self.rng
        age = anchor.age_on(self.reference_date)
        if age < 18:
            return self._parents_of_child(anchor, age)
        if age < 25 and rng.random() < 0.45 or age < 35 and rng.random() < 0.2:
            return [("roommate", self.person(age=max(18, age + rng.randint(-3, 4))))
                    for _ in range(rng.choice((1, 1, 2, 3)))]
        # Many young migrants live alone: Shenzhen's households averaged about 2.1 people
        # in the 2020 census (an estimate for tuning, rounded).
        if age < 25 or age < 40 and rng.random() < 0.3 or rng.random() < 0.12:
            return []

        members: list[tuple[str, Person]] = []
        spouse_age = age + rng.randint(-2, 5) * (-1 if anchor.sex == "男" else 1)
        spouse_sex = "女" if anchor.sex == "男" else "男"
        spouse_province = anchor.province if rng.random() < 0.6 else None
        members.append(("spouse", self.person(age=max(20, spouse_age), sex=spouse_sex,
                                              province=spouse_province)))
        child_count = self._child_count(age)
        for _ in range(child_count):
            child_age = age - rng.randint(24, 34)
            if child_age >= 0:
                members.append(("child", self._child(anchor, child_age)))
        if 28 <= age <= 48 and rng.random() < 0.3:
            members.append(("parent", self.person(age=age + rng.randint(24, 32),
                                                   province=anchor.province,
                                                   surname=self._surname_of(anchor))))
        if age >= 55 and rng.random() < 0.2:
            members.append(("grandchild", self._child(anchor, rng.randint(1, 9))))
        return members

    def _child_count(self, age: int) -> int:
        if age < 28:
            return self.rng.choice((0, 0, 1))
        if age < 55:
            return self.rng.choice((0, 1, 1, 2, 2))
        return self.rng.choice((0, 0, 1))

    def _child(self, parent: Person, age: int) -> Person:
        """Create a child of the parent's family: mostly the father's surname, and for a child
        born in Shenzhen a Shenzhen region code on the ID card."""
        rng = self.rng
        surname = self._surname_of(parent) if parent.sex == "男" or rng.random() < 0.3 else None
        region_code = rng.choice(SHENZHEN_REGION_CODES) if rng.random() < 0.4 else None
        return self.person(age=age, province=parent.province, surname=surname,
                           region_code=region_code)

    def _parents_of_child(self, child: Person, age: int) -> list[tuple[str, Person]]:
        rng = self.rng
        father = self.person(age=age + rng.randint(26, 36), sex="男", province=child.province,
                             surname=self._surname_of(child))
        mother = self.person(age=father.age_on(self.reference_date) - rng.randint(0, 5),
                             sex="女", province=child.province if rng.random() < 0.6 else None)
        companions = [("parent", father), ("parent", mother)]
        if rng.random() < 0.35:
            companions.append(("grandparent", self.person(age=father.age_on(
                self.reference_date) + rng.randint(24, 32), province=child.province)))
        return companions

    @staticmethod
    def _surname_of(person: Person) -> str:
        for compound in ("欧阳", "司徒", "上官", "诸葛", "司马"):
            if person.name.startswith(compound):
                return compound
        return person.name[0]


# Relation of a household member to a case, by (case's role, member's role), from the
# case's point of view. Roles are relative to the household's anchor.
_RELATIONS = {
    ("self", "spouse"): "配偶", ("spouse", "self"): "配偶",
    ("self", "child"): "子女", ("spouse", "child"): "子女",
    ("child", "self"): "父母", ("child", "spouse"): "父母",
    ("self", "parent"): "父母", ("parent", "self"): "子女",
    ("child", "child"): "兄弟姐妹", ("child", "parent"): "祖父母",
    ("parent", "child"): "孙子女",
    ("self", "grandchild"): "孙子女", ("spouse", "grandchild"): "孙子女",
    ("grandchild", "self"): "祖父母", ("grandchild", "spouse"): "祖父母",
    ("parent", "parent"): "配偶", ("grandparent", "parent"): "子女",
    ("parent", "grandparent"): "父母", ("self", "grandparent"): "祖父母",
    ("grandparent", "self"): "孙子女",
}
_SPECIFIC = {
    "配偶": ("丈夫", "妻子"), "子女": ("儿子", "女儿"), "父母": ("父亲", "母亲"),
    "祖父母": ("爷爷", "奶奶"), "孙子女": ("孙子", "孙女"), "兄弟姐妹": ("兄弟", "姐妹"),
}


def household_relation(case_person: Person, member: Person) -> str:
    """Name the member's relation to the case as investigators write it (妻子, 儿子, 室友 …)."""
    roles = (case_person.role, member.role)
    if "roommate" in roles:
        return "室友"
    anchor = case_person.household.members[0] if case_person.household else case_person
    if roles == ("spouse", "parent"):
        if case_person.sex == "女":
            return "公公" if member.sex == "男" else "婆婆"
        return "岳父" if member.sex == "男" else "岳母"
    if roles == ("parent", "spouse"):
        return "女婿" if member.sex == "男" else "儿媳"
    if roles == ("child", "parent") and anchor.sex == "女":
        return "外公" if member.sex == "男" else "外婆"
    relation = _RELATIONS.get(roles, "同住亲属")
    pair = _SPECIFIC.get(relation)
    if pair is None:
        return relation
    return pair[0] if member.sex == "男" else pair[1]
