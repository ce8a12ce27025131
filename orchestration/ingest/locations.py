"""District and subdistrict codes from what a source writes: codes, names, short names."""

from __future__ import annotations

import re

from liudiao.jurisdictions import OTHER_CODE, District, Jurisdiction, Subdistrict
from orchestration.ingest.values import RowRejected, fold

# Values that name no district of the jurisdiction but mean "outside it" on purpose.
OUTSIDE_NAMES = frozenset(fold(name) for name in (
    "other", "其他", "其他地区", "市外", "外市", "外地", "省外", "境外", "国外"))
# Province-level divisions of China: a case's district text starting with one of them names a
# place outside a city jurisdiction ("湖北省武汉市", "香港").
PROVINCES = ("北京", "天津", "河北", "山西", "内蒙古", "辽宁", "吉林", "黑龙江", "上海", "江苏",
             "浙江", "安徽", "福建", "江西", "山东", "河南", "湖北", "湖南", "广东", "广西", "海南",
             "重庆", "四川", "贵州", "云南", "西藏", "陕西", "甘肃", "青海", "宁夏", "新疆", "香港",
             "澳门", "台湾")
# Text naming a city or prefecture: "广州市天河区", "恩施州".
CITY_NAME = re.compile(r".+[市州盟].*")
# A GB/T 2260 area code: "440106".
AREA_CODE = re.compile(r"\d{6}")


class Locations:
    """Resolves district and subdistrict text against one jurisdiction."""

    def __init__(self, jurisdiction: Jurisdiction) -> None:
        self.jurisdiction = jurisdiction
        self._by_code = {district.code: district
                         for district in [*jurisdiction.districts, jurisdiction.other]}
        # {district code: {code, folded name or short name: subdistrict}}
        self._subdistricts: dict[str, dict[str, Subdistrict]] = {}
        names: dict[str, list[Subdistrict]] = {}
        for district in self._by_code.values():
            index = self._subdistricts.setdefault(district.code, {})
            for subdistrict in district.subdistricts:
                for name in _subdistrict_names(subdistrict):
                    index.setdefault(name, subdistrict)
                    names.setdefault(name, []).append(subdistrict)
        self._unique_subdistricts = {name: subdistricts[0] for name, subdistricts in names.items()
                                     if len(subdistricts) == 1}

    def district(self, text: str | None) -> District | None:
        """Return the district a code, name, English name or alias names; None if none does."""
        if text is None:
            return None
        if text in self._by_code:
            return self._by_code[text]
        if fold(text) in OUTSIDE_NAMES:
            return self.jurisdiction.other
        return self.jurisdiction.find_district(text)

    def require_district(self, text: str | None, column: str) -> District:
        """Return the named district, raising ``unknown_district`` when there is none."""
        district = self.district(text)
        if district is None:
            names = "、".join(district.name for district in self.jurisdiction.districts)
            raise RowRejected("unknown_district",
                              f"{column}「{text}」不是本辖区的行政区（可填：{names} 或 其他地区）")
        return district

    def case_district(self, text: str, column: str, notes: list[str]) -> District:
        """Return the case's district: ``other`` with a note for a known place outside.

        A known outside place names a province, a city other than the jurisdiction's own, or
        carries another area's GB/T 2260 code. Anything else that names no district ("不详",
        a mistyped "南三区", "深圳市") is rejected as ``unknown_district``, so that the error
        reaches the district CDC instead of moving the case to ``other``.
        """
        district = self.district(text)
        if district is not None:
            return district
        if not self.is_outside_place(text):
            names = "、".join(district.name for district in self.jurisdiction.districts)
            raise RowRejected(
                "unknown_district",
                f"{column}「{text}」不是本辖区的行政区，也不是写明省或市的外地地名"
                f"（可填：{names}；外地病例填「其他地区」或如「广州市天河区」）")
        notes.append(f"{column}「{text}」不在本辖区内，记为其他地区")
        return self.jurisdiction.other

    def is_outside_place(self, text: str) -> bool:
        """Tell whether ``text`` names a place outside the jurisdiction: a province, a city, a code."""
        folded = fold(text)
        own_names = {fold(name) for name in (self.jurisdiction.name, *self.jurisdiction.aliases)}
        own_names |= {name.removesuffix("市") for name in own_names}
        if AREA_CODE.fullmatch(folded):
            return not folded.startswith(self.jurisdiction.code.rstrip("0")[:4])
        if any(name and name in folded for name in own_names):
            return False
        return folded.startswith(PROVINCES) or CITY_NAME.fullmatch(folded) is not None

    def district_or_other(self, text: str | None) -> District | None:
        """Return the named district, ``other`` for text naming none, None for no text."""
        if text is None:
            return None
        return self.district(text) or self.jurisdiction.other

    def subdistrict(self, district: District | None, text: str | None) -> Subdistrict | None:
        """Return the subdistrict of ``district`` that a code or name (with or without 街道) names.

        Names repeat across districts (DS4C has a Jung-gu in six provinces), so the lookup
        stays inside the district. Without a district, only a name that one subdistrict
        carries matches.
        """
        if text is None:
            return None
        index = (self._subdistricts.get(district.code, {}) if district is not None
                 else self._unique_subdistricts)
        return index.get(text) or index.get(fold(text))

    @property
    def other_code(self) -> str:
        return self.jurisdiction.other.code or OTHER_CODE


def _subdistrict_names(subdistrict: Subdistrict) -> tuple[str, ...]:
    return (subdistrict.code, fold(subdistrict.name), fold(subdistrict.name.removesuffix("街道")))
