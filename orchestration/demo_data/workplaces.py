"""Occupations and workplaces: where a synthetic resident spends the working day, and with whom."""

from __future__ import annotations

import random
from dataclasses import dataclass

from orchestration.demo_data.geography import COMPANY_STEMS, Place

# Occupation (职业, as written on a case report card) of working-age adults, with its weight
# and the kind of place the work happens at (None: no fixed place).
ADULT_OCCUPATIONS = (
    ("公司职员", 30, "office"),
    ("工人", 18, "factory"),
    ("商业服务人员", 12, "mall"),
    ("餐饮服务人员", 8, "restaurant"),
    ("快递外卖人员", 6, "delivery_station"),
    ("网约车司机", 4, None),
    ("医务人员", 4, "hospital"),
    ("教师", 3, "school"),
    ("农贸市场商户", 3, "market"),
    ("跨境货车司机", 2, "border"),
    ("家务及待业", 10, None),
)
WORKPLACE_KIND = {name: kind for name, _weight, kind in ADULT_OCCUPATIONS}
WORKPLACE_KIND.update({"学生": "school", "幼托儿童": "school", "大学生": "university"})

OFFICE_INDUSTRIES = ("科技", "信息技术", "投资咨询", "电子商务", "网络科技", "供应链管理",
                     "贸易", "建筑工程")

# Occupations whose day is spent mostly on the road rather than at the workplace.
MOBILE_OCCUPATIONS = frozenset({"快递外卖人员", "网约车司机", "跨境货车司机"})


@dataclass(eq=False, slots=True)
class Workplace:
    """An employer or school at one place, whose people work in small teams."""

    name: str
    place: Place


def occupation_for_age(age: int, draw: float) -> str | None:
    """Occupation of a non-working age, or None when it is drawn from ADULT_OCCUPATIONS."""
    if age < 3:
        return "散居儿童"
    if age < 6:
        return "幼托儿童"
    if age < 18:
        return "学生"
    if age < 23 and draw < 0.5:
        return "大学生"
    if age >= 60:
        return "离退休人员" if draw < 0.85 else "家务及待业"
    return None


def workplace_name(occupation: str, place: Place, rng: random.Random) -> str:
    """Name a workplace as investigators write the unit (工作单位)."""
    if occupation == "公司职员" and place.kind == "office":
        company = f"深圳市{rng.choice(COMPANY_STEMS)}{rng.choice(OFFICE_INDUSTRIES)}有限公司"
        return f"{company}（{place.name}）"
    if occupation in ("商业服务人员", "农贸市场商户"):
        return f"{place.name}商户"
    if occupation == "跨境货车司机":
        return f"{place.name}跨境运输车队"
    return place.name
