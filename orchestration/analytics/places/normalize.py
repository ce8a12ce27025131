"""Normalisation of place mentions before merging them into key places.

A mention's text (its place name, else its address) goes through these steps, each a small
function with its own tests:

0. ``split_branch``: a branch in brackets at the end moves to the front (桂林米粉
   （观澜大道店） → 观澜大道桂林米粉), another bracket at the end is dropped.
1. ``fold_text``: NFKC (full-width letters, digits and brackets to half-width), traditional
   to simplified characters (OpenCC ``t2s``), look-alike characters, Chinese numerals before
   a unit (``二期``, ``八巷``) to digits, then lowercase without whitespace or punctuation.
2. ``strip_admin_prefixes``: leading province, city, district and subdistrict names are cut
   off and returned as district and subdistrict codes of the jurisdiction.
3. ``strip_house_numbers``: building, unit and room numbers at the end, and a street number
   that a name follows, are dropped. A bare "road + number" address keeps its number because
   nothing else identifies the place.
4. A trailing ``小区`` (residential compound) is dropped.

The result is the mention's ``core_name``, which the merge compares.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import opencc
from opencc import OpenCC

from liudiao.jurisdictions import OTHER_CODE, Jurisdiction

# Characters that OCR, input methods or hand entry confuse with the intended one.
LOOK_ALIKES = str.maketrans({
    "巿": "市", "囗": "口", "幢": "栋", "坐": "座",
    "А": "a", "В": "b", "Е": "e", "К": "k", "М": "m", "Н": "h", "О": "o", "Р": "p",
    "С": "c", "Т": "t", "Х": "x", "а": "a", "е": "e", "о": "o", "р": "p", "с": "c",
    "х": "x", "#": "号",
})

CHINESE_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
                  "六": 6, "七": 7, "八": 8, "九": 9}

# Units after which a Chinese numeral is a number (phase, lane, building), not part of a name.
NUMBERED_UNITS = "期|巷|栋|座|号|坊|街|路|区|村|组|单元|层|楼|排|队"
CHINESE_NUMERAL_BEFORE_UNIT = re.compile(rf"([零〇一二两三四五六七八九十百]+)(?={NUMBERED_UNITS})")

# Digits read as letters in numbers: "1O号" is 10号, "l2栋" is 12栋.
LETTER_O_IN_NUMBER = re.compile(r"(?<=\d)[oO](?=\d|号|栋|座|期)")
LETTER_L_IN_NUMBER = re.compile(r"(?<=\d)[lI](?=\d|号|栋|座|期)|[lI](?=\d+(?:号|栋|座|期))")

# Building, unit, floor and room at the end of an address: "3栋2单元501", "b座", "西座".
TRAILING_UNITS = re.compile(
    r"(?:(?:\d+|[a-z]|[东南西北])(?:号楼|栋|座|单元|楼|层|室|房)\d*)+$"
)
# A street number that a name follows: "福港路西28号阳光城市" keeps "福港路西阳光城市". Before
# a position (16号附近公交站) the number is what identifies the place, so it stays.
STREET_NUMBER_BEFORE_NAME = re.compile(r"\d+(?:之\d+)?号(?!附近|旁|对面|门口|周边)(?=\D{2,})")
# A qualifier in brackets at the end: a branch (万家（宝安大道店）) or an annotation (（深圳）).
TRAILING_BRACKETS = re.compile(r"(.+?)\s*\(([^()]+)\)\s*")
BRANCH_SUFFIXES = ("分店", "店")
COMPOUND_SUFFIX = "小区"
# Whitespace, punctuation and symbols: everything but letters and digits of any script.
NOT_LETTER_OR_DIGIT = re.compile(r"[\W_]+")

PROVINCES = (
    "北京", "天津", "上海", "重庆", "河北", "山西", "辽宁", "吉林", "黑龙江", "江苏", "浙江",
    "安徽", "福建", "江西", "山东", "河南", "湖北", "湖南", "广东", "海南", "四川", "贵州",
    "云南", "陕西", "甘肃", "青海", "台湾", "内蒙古", "广西", "西藏", "宁夏", "新疆", "香港",
    "澳门",
)
PROVINCE_SUFFIXES = ("省", "市", "自治区", "壮族自治区", "回族自治区", "维吾尔自治区",
                     "特别行政区")

# Place names that name a kind of place, not one place: DS4C route types and their Chinese
# counterparts. Two mentions with such a name are the same place only by their coordinates.
GENERIC_NAMES = frozenset({
    "hospital", "etc", "store", "publictransportation", "restaurant", "airport", "pharmacy",
    "church", "cafe", "pccafe", "school", "lodging", "bank", "bakery", "bar", "gym", "academy",
    "beautysalon", "realestateagency", "postoffice", "university", "gasstation",
    "administrativearealevel1", "karaoke", "park", "home", "other",
    "家", "家中", "住所", "住处", "居所", "小区", "医院", "诊所", "药店", "药房", "超市",
    "餐厅", "饭店", "酒店", "宾馆", "公司", "单位", "学校", "菜市场", "市场", "商场", "银行",
    "机场", "火车站", "高铁站", "地铁", "公交", "公交车", "地铁站", "其他", "不详",
})


@dataclass(frozen=True)
class NormalizedPlace:
    """A mention's text after normalisation, with the codes found in its prefixes."""

    folded_text: str
    core_name: str
    district_code: str | None
    subdistrict_code: str | None
    is_generic: bool
    brand: str = ""  # the business of a branch written 肯德基（京基百纳广场店）, folded


@cache
def _t2s() -> OpenCC:
    return OpenCC("t2s")


@cache
def _traditional_characters() -> frozenset[str]:
    """Characters that OpenCC's t2s character table changes.

    A text with none of them converts to itself (the phrase table only refines characters of
    this set), so ``to_simplified`` skips OpenCC's slow pure-Python conversion for it.
    """
    table = Path(opencc.__file__).parent / "dictionary" / "TSCharacters.txt"
    changed = set()
    for line in table.read_text(encoding="utf-8").splitlines():
        source, _, targets = line.partition("\t")
        if source and targets.split(" ")[0] != source:
            changed.add(source)
    return frozenset(changed)


def to_simplified(text: str) -> str:
    if _traditional_characters().isdisjoint(text):
        return text
    return _t2s().convert(text)


def chinese_numeral_value(numeral: str) -> int:
    """Return the value of a Chinese numeral below 1000 (``十八`` 18, ``二十`` 20, ``一百零五`` 105)."""
    total, current = 0, 0
    for char in numeral:
        if char == "百":
            total += (current or 1) * 100
            current = 0
        elif char == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = current * 10 + CHINESE_DIGITS[char]
    return total + current


def fold_text(text: str) -> str:
    """Return ``text`` half-width, simplified, with look-alikes and numerals folded, lowercase,
    without whitespace or punctuation."""
    text = unicodedata.normalize("NFKC", text)
    text = to_simplified(text)
    text = text.translate(LOOK_ALIKES)
    text = CHINESE_NUMERAL_BEFORE_UNIT.sub(lambda match: str(chinese_numeral_value(match[1])),
                                           text)
    text = LETTER_O_IN_NUMBER.sub("0", text)
    text = LETTER_L_IN_NUMBER.sub("1", text)
    return NOT_LETTER_OR_DIGIT.sub("", text).lower()


# A short alias is not cut when the rest starts like a road: 宝安大道, 北京路, 笋岗东路, 新安6路.
ROAD_START = re.compile(r"[东南西北中\d]*[路街道巷桥大]")

Prefix = tuple[str, str, str | None, str | None]
_prefix_cache: dict[str, dict[str, list[Prefix]]] = {}


def _admin_prefixes(jurisdiction: Jurisdiction) -> dict[str, list[Prefix]]:
    """Return (prefix, kind, district_code, subdistrict_code) by first character, longest
    prefix first.

    ``kind`` is ``full`` for official names with their suffix (福田区, 福保街道, 湖北省,
    深圳市) and ``short`` for aliases such as 福田 that also begin place names. A subdistrict
    name without 街道 is ``short_subdistrict``, a bare province name ``province``.
    """
    cached = _prefix_cache.get(jurisdiction.code)
    if cached is not None:
        return cached
    prefixes: set[Prefix] = set()
    for province in PROVINCES:
        prefixes.add((province, "province", None, None))
        for suffix in PROVINCE_SUFFIXES:
            prefixes.add((province + suffix, "full", None, None))
    for name in (jurisdiction.name, *jurisdiction.aliases):
        folded = fold_text(name)
        prefixes.add((folded, "full" if folded.endswith("市") else "short", None, None))
    for district in jurisdiction.districts:
        prefixes.add((fold_text(district.name), "full", district.code, None))
        for alias in (*district.aliases, district.name_en):
            prefixes.add((fold_text(alias), "short", district.code, None))
        for subdistrict in district.subdistricts:
            prefixes.add((fold_text(subdistrict.name), "full", district.code, subdistrict.code))
            short = subdistrict.name.removesuffix("街道")
            if short != subdistrict.name:
                prefixes.add((fold_text(short), "short_subdistrict", district.code,
                              subdistrict.code))
    by_first: dict[str, list[Prefix]] = {}
    for entry in sorted((entry for entry in prefixes if entry[0]),
                        key=lambda entry: (-len(entry[0]), entry)):
        by_first.setdefault(entry[0][0], []).append(entry)
    _prefix_cache[jurisdiction.code] = by_first
    return by_first


def _may_cut(kind: str, rest: str, prefix_district: str | None, district_code: str | None,
             found_district: str | None) -> bool:
    if kind == "full":
        return len(rest) >= 2
    if kind == "province" and district_code == OTHER_CODE:
        return len(rest) >= 2
    if len(rest) < 3 or ROAD_START.match(rest):
        return False
    if kind == "short_subdistrict":
        return prefix_district in (found_district, district_code)
    return True


def strip_admin_prefixes(text: str, jurisdiction: Jurisdiction, district_code: str | None = None
                         ) -> tuple[str, str | None, str | None]:
    """Cut leading province, city, district and subdistrict names off folded ``text``.

    Returns the rest and the district and subdistrict codes the prefixes named (None where
    none did). ``district_code`` is the mention's own district. Official names are cut when
    at least 2 characters remain. A short alias (福田, 蛇口, 湖北) is cut only when at least 3
    remain and the rest does not start like a road, so 南山公园 and 宝安大道 stay whole. A
    short subdistrict name is cut only inside its own district. Outside the jurisdiction a
    bare province name is also cut before 2 characters (湖北武汉).
    """
    found_district, found_subdistrict = None, None
    changed = True
    while changed:
        changed = False
        candidates = _admin_prefixes(jurisdiction).get(text[:1], [])
        for prefix, kind, prefix_district, prefix_subdistrict in candidates:
            if not text.startswith(prefix):
                continue
            rest = text[len(prefix):]
            if not _may_cut(kind, rest, prefix_district, district_code, found_district):
                continue
            text = rest
            found_district = prefix_district or found_district
            found_subdistrict = prefix_subdistrict or found_subdistrict
            changed = True
            break
    return text, found_district, found_subdistrict


def strip_house_numbers(text: str) -> str:
    """Drop building, unit and room numbers at the end and street numbers before a name.

    The text is kept whole when stripping would leave fewer than 2 characters.
    """
    stripped = TRAILING_UNITS.sub("", text)
    stripped = STREET_NUMBER_BEFORE_NAME.sub("", stripped)
    return stripped if len(stripped) >= 2 else text


def strip_city_suffix(text: str) -> str:
    """Drop a trailing ``市`` from a short name outside the jurisdiction (``武汉市`` → ``武汉``)."""
    if text.endswith("市") and 3 <= len(text) <= 4:
        return text[:-1]
    return text


def split_branch(text: str) -> tuple[str, str]:
    """Split a trailing bracket off ``text``: return the name and the branch ('' for none).

    桂林米粉（观澜大道店） is the name 桂林米粉 at the branch 观澜大道. Another bracket at the
    end is an annotation and is dropped: 精工五金有限公司（龙岗工业区） is 精工五金有限公司.
    """
    match = TRAILING_BRACKETS.fullmatch(unicodedata.normalize("NFKC", text))
    if match is None:
        return text, ""
    name, qualifier = match[1], match[2].strip()
    for suffix in BRANCH_SUFFIXES:
        if qualifier.endswith(suffix) and len(qualifier) > len(suffix):
            return name, qualifier.removesuffix(suffix)
    return name, ""


def normalize_place(text: str | None, jurisdiction: Jurisdiction,
                    district_code: str | None = None) -> NormalizedPlace:
    """Normalise one mention's text; ``district_code`` is the mention's own, where known."""
    folded = fold_text(text or "")
    name, branch = split_branch(text or "")
    core, prefix_district, prefix_subdistrict = strip_admin_prefixes(
        fold_text(name), jurisdiction, district_code)
    # A branch is written before the business, the other way branches are written
    # (观澜大道桂林米粉), and the business is kept to tell two shops of one mall apart.
    brand = core if branch else ""
    if branch:
        core, branch_district, branch_subdistrict = strip_admin_prefixes(
            fold_text(branch) + core, jurisdiction, district_code or prefix_district)
        prefix_district = prefix_district or branch_district
        prefix_subdistrict = prefix_subdistrict or branch_subdistrict
    core = strip_house_numbers(core)
    if core.endswith(COMPOUND_SUFFIX) and len(core) >= len(COMPOUND_SUFFIX) + 2:
        core = core[: -len(COMPOUND_SUFFIX)]
    if (district_code or prefix_district) == OTHER_CODE:
        core = strip_city_suffix(core)
    return NormalizedPlace(
        folded_text=folded,
        core_name=core,
        district_code=prefix_district,
        subdistrict_code=prefix_subdistrict,
        is_generic=core in GENERIC_NAMES,
        brand=brand,
    )
