"""Synthetic identities and household relations."""

import datetime as dt
import random
import statistics

from liudiao import idcard
from orchestration.demo_data.names import SURNAME_WEIGHTS, draw_surname
from orchestration.demo_data.people import Household, PeopleFactory, household_relation

REFERENCE = dt.date(2022, 2, 1)


def _factory(seed=1):
    return PeopleFactory(random.Random(seed), REFERENCE)


def test_person_age_matches_request():
    factory = _factory()
    for age in (0, 1, 17, 35, 88):
        person = factory.person(age=age)
        assert person.age_on(REFERENCE) == age
        assert idcard.validate(person.id_card_number).birth_date == person.birth_date


def test_person_sex_matches_id_card():
    factory = _factory()
    for sex in ("男", "女"):
        person = factory.person(sex=sex)
        assert idcard.validate(person.id_card_number).sex == sex


def test_ages_are_mostly_working_age():
    factory = _factory()
    ages = [factory.draw_age() for _ in range(2000)]
    assert 28 <= statistics.median(ages) <= 40
    assert min(ages) >= 0
    assert max(ages) <= 92


def test_compound_surnames_are_drawn():
    rng = random.Random(5)
    surnames = {draw_surname(rng) for _ in range(20000)}
    assert "欧阳" in surnames
    assert surnames <= set(SURNAME_WEIGHTS)


def test_province_surnames_are_boosted():
    rng = random.Random(5)
    draws = [draw_surname(rng, ("韦", "覃")) for _ in range(5000)]
    plain = [draw_surname(rng) for _ in range(5000)]
    assert draws.count("韦") > 2 * plain.count("韦")


def test_child_household_has_parents():
    factory = _factory()
    child = factory.person(age=6)
    household = factory.household_around(child, home=None)
    roles = [member.role for member in household.members]
    assert roles.count("parent") == 2
    assert household_relation(child, household.members[1]) == "父亲"
    assert household_relation(household.members[1], child) in ("儿子", "女儿")


def test_relations_read_from_case_side():
    factory = _factory()
    husband = factory.person(age=40, sex="男")
    wife = factory.person(age=38, sex="女")
    mother = factory.person(age=66, sex="女")
    household = Household(home=None, members=[husband, wife, mother])
    for person, role in ((husband, "self"), (wife, "spouse"), (mother, "parent")):
        person.household, person.role = household, role

    assert household_relation(husband, wife) == "妻子"
    assert household_relation(wife, husband) == "丈夫"
    assert household_relation(husband, mother) == "母亲"
    assert household_relation(wife, mother) == "婆婆"
    assert household_relation(mother, wife) == "儿媳"
