"""Place names in a transcript: districts and subdistricts, the platform's key places, other
cities and provinces, metro stations, and names built on a place word (XX花园, XX医院, XX站).

Districts and subdistricts come from :func:`liudiao.jurisdictions.load`; a short form (南山,
西乡) is reported with its official name as the value (南山区, 西乡街道). A place word takes
up to eight characters before it as its name, stopping at a verb, pronoun or particle
(在, 去, 的, 我). A district or subdistrict name that opens it is reported on its own when a
name of two characters that is no generic word remains (南山区|海月花园, but 南山医院 and
宝安国际机场 whole).
Some place words (中心, 区, 路, 汇, 镇) need a name of two characters or more before them.
Overlapping matches keep the longest; a key place wins over a pattern of the same length.

NOTE: a venue named without a place word (海底捞, 梧桐山) is found only when it is a key place
or in :mod:`.venue_names` or :mod:`.place_names`, both incomplete. On the dev calls of the
labelled set, which these rules were tuned on, place F1 is 0.99; unseen calls will score lower.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from liudiao import jurisdictions
from realtime.extraction.place_names import REGIONS, STATION_NAMES
from realtime.extraction.venue_names import VENUE_NAMES

PLACE_WORDS = (
    "地铁站", "火车站", "高铁站", "汽车站", "公交站", "客运站", "站", "花园", "小区", "广场",
    "医院", "人民医院", "中医院", "卫生院", "诊所", "社康", "社康中心", "药店", "大药房",
    "商场", "购物中心", "百货", "超市", "市场", "农贸市场", "菜市场", "公园", "酒店", "宾馆",
    "大厦", "大楼", "公寓", "新村", "村", "花城", "山庄", "苑", "城", "中学", "小学",
    "幼儿园", "学校", "大学", "酒楼", "餐厅", "饭店", "茶餐厅", "火锅店", "影院", "电影院",
    "健身房", "网吧", "体育馆", "图书馆", "工业园", "科技园", "产业园", "口岸", "机场",
    "码头", "海滩", "沙滩", "寺", "工作站", "中心", "镇", "汇", "路", "大道", "区", "植物园",
    "渔港", "古城", "基地", "电子", "光电", "科学园", "软件园", "创意园", "物流园", "书城",
)
PLACE_WORD_PATTERN = re.compile("|".join(sorted(PLACE_WORDS, key=len, reverse=True)))
# One-character place words, and the characters after them that make them part of a word
# (城市, 城中村, 站着, 村民), not the end of a place name.
SHORT_PLACE_WORDS = ("站", "村", "城", "苑", "寺", "镇", "汇", "路", "区")
NOT_AFTER_SHORT_PLACE_WORD = frozenset("邦市中管区门墙着在台长委民口头")
# Characters after 路 or 汇 that make a word (路费, 路线, 汇报, 汇款), not a place name.
NOT_AFTER_WORD = {"路": frozenset("过费线程况子人段"), "汇": frozenset("报款总率合集聚")}
# Place words that need a name of two characters or more before them (卓悦汇, 解放路, 白云区)
# and are no place at all without one (中心, 区, 路).
NAME_REQUIRED_WORDS = frozenset({*SHORT_PLACE_WORDS, "中心", "大道", "电子", "光电"})
# Names before 中心 or 区 that make a service or a zone, not a place (疾控中心, 封控区, 校区).
GENERIC_HEAD_WORDS = frozenset({"中心", "区"})
GENERIC_HEADS = (
    "控制", "校", "园", "厂", "景", "郊", "片", "营",
    "疾控", "防疫", "检测", "隔离", "服务", "客服", "指挥", "健康", "体检", "核酸", "社区",
    "城市", "活动", "培训", "封控", "管控", "防范", "风险", "生活", "办公", "工业", "商业",
    "住宅", "开发", "老城", "中高", "高风", "低风", "这个", "那个", "哪个", "那条", "这条",
)
# A route number before 路 is a bus line (坐三零三路), not a street.
# NOTE: metro lines (五号线) are not reported, since the set's README does not list them as
# places and its calls label them both ways.
ROUTE_NUMBER_PATTERN = re.compile(r"[零一二两三四五六七八九十百幺\d]+")
# A city or province followed by these names where a phone number or an accent comes from,
# not a place: 北京的号.
NOT_AFTER_REGION = ("的号", "的手机", "的电话", "话", "口音")

# Characters that end a place name read backwards from its place word.
NOT_IN_PLACE_NAME = frozenset(
    "在去到了的是我你他她它们住从回来过就也都还又个这那家边里上下一两和跟与呢吗吧啊呀嘛哦嗯"
    "呃说坐开走逛买吃喝看玩待呆附近有叫次趟被让或者条哪，。、？！,.?! "
)
# NOTE: a name that contains one of these characters (永和大酒楼, 维也纳酒店) is cut short unless
# it is in :mod:`.venue_names`.
MIN_NAME_LENGTH = 2
MAX_PREFIX_LENGTH = 8
# Words that stay with an area name before them: 布吉农批市场, 宝安国际机场, 南山人民医院.
GENERIC_DESCRIPTORS = frozenset({
    "农批", "农贸", "人民", "中心", "妇幼", "中医", "综合", "国际", "体育", "文化", "会展",
    "市民", "儿童", "第一", "第二", "第三", "第四", "第五", "第六", "第七", "第八", "第九",
})
# Place words that name a place on their own, without a name before them.
SELF_NAMED_WORDS = frozenset({"人民医院", "中医院", "社康中心"})

# Prefixes that make a place word generic, not a name: 那个医院, 附近的超市.
GENERIC_PREFIXES = frozenset({
    "附近", "旁边", "对面", "楼下", "门口", "我们", "你们", "他们", "那边", "这边", "一个", "那个",
    "这个", "哪个", "什么", "别的", "其他", "大", "小", "老", "新", "上", "下", "进", "出",
    "隔离", "城中", "定点", "发热",
})


@dataclass(frozen=True)
class PlaceMatch:
    """A place found in a text; ``start`` and ``end`` are offsets in it."""

    start: int
    end: int
    value: str
    rank: int


class PlaceFinder:
    """Finds places in text; builds its name tables once, at construction."""

    def __init__(self, known_places: list[str] | tuple[str, ...] = (),
                 jurisdiction: str = "shenzhen") -> None:
        self.known_places = tuple(dict.fromkeys(name for name in known_places if name))
        self.area_names = _area_names(jurisdiction)
        self.name_index = _name_index(self.known_places, jurisdiction)
        # Names that may open a place word's prefix and are then reported on their own.
        self.opening_names = sorted({*self.area_names, *REGIONS}, key=len, reverse=True)

    def find(self, text: str) -> list[PlaceMatch]:
        """Return the places in ``text``, overlaps resolved, in order."""
        names = self._find_names(text)
        patterns = [
            match for match in self._find_patterns(text)
            if not any(name.start < match.end <= name.end for name in names)
        ]
        return _without_overlaps([*names, *patterns])

    def _find_names(self, text: str) -> list[PlaceMatch]:
        matches = []
        for found in _longest_names_at_each_position(self.name_index, text):
            name = found[2]
            if name in self.known_places:
                matches.append(PlaceMatch(found[0], found[1], name, rank=3))
            elif name in self.area_names:
                matches.append(PlaceMatch(found[0], found[1], self.area_names[name], rank=1))
            elif name in REGIONS:
                if text.startswith(NOT_AFTER_REGION, found[1]) and not text.startswith(
                        "人民", found[1]):
                    continue
                matches.append(PlaceMatch(found[0], found[1], REGIONS[name], rank=1))
            else:
                matches.append(PlaceMatch(found[0], found[1], name, rank=1))
        return matches

    def _find_patterns(self, text: str) -> list[PlaceMatch]:
        matches = []
        for word in PLACE_WORD_PATTERN.finditer(text):
            start = self._name_start(text, word.start())
            prefix = text[start:word.start()]
            if word.group() in NAME_REQUIRED_WORDS and not _may_name(text, prefix, word):
                continue
            if prefix in GENERIC_PREFIXES or not prefix and word.group() not in SELF_NAMED_WORDS:
                continue
            matches.append(PlaceMatch(start, word.end(), text[start:word.end()], rank=2))
        return matches

    def _name_start(self, text: str, word_start: int) -> int:
        start = word_start
        while (start > 0 and word_start - start < MAX_PREFIX_LENGTH
               and text[start - 1] not in NOT_IN_PLACE_NAME):
            start -= 1
        return self._after_area_name(text, start, word_start)

    def _after_area_name(self, text: str, start: int, word_start: int) -> int:
        """Move ``start`` past district, subdistrict, city and province names that open the
        prefix, as long as a name of two characters that is no generic word remains
        (西乡|碧海花园, 广州|白云区, but 南山医院), or what remains is a known venue (南山|科技园). A longer known name that opens the prefix
        (黄贝岭 before 社区工作站, not 黄贝街道) stays whole."""
        word_end = PLACE_WORD_PATTERN.match(text, word_start).end()
        moved = True
        while moved:
            moved = False
            prefix = text[start:word_start]
            for name in self.opening_names:
                if not prefix.startswith(name) or self._longer_name_at(text, start, name):
                    continue
                rest = prefix[len(name):]
                if (len(rest) >= MIN_NAME_LENGTH
                        and not rest.startswith(tuple(GENERIC_DESCRIPTORS))
                        or text[start + len(name):word_end] in VENUE_NAMES):
                    start += len(name)
                    moved = True
                    break
        return start

    def _longer_name_at(self, text: str, start: int, name: str) -> bool:
        return any(len(indexed) > len(name) and text.startswith(indexed, start)
                   for indexed in self.name_index.get(text[start], ()))


def _may_name(text: str, prefix: str, word: re.Match) -> bool:
    """Tell whether ``prefix`` can name a place word that needs a name (卓悦汇, not 校区)."""
    following = text[word.end():word.end() + 1]
    if len(prefix) < MIN_NAME_LENGTH:
        return False
    if word.group() in GENERIC_HEAD_WORDS and prefix.endswith(GENERIC_HEADS):
        return False
    if word.group() == "路" and ROUTE_NUMBER_PATTERN.fullmatch(prefix):
        return False
    if following in NOT_AFTER_WORD.get(word.group(), ()):
        return False
    return word.group() not in SHORT_PLACE_WORDS or following not in NOT_AFTER_SHORT_PLACE_WORD


# Subdistrict short forms that are more often ordinary words (凤凰, 莲花) or brands (招商).
AMBIGUOUS_SHORT_NAMES = frozenset({"凤凰", "莲花", "招商", "福城", "华富"})


@lru_cache(maxsize=16)
def _name_index(known_places: tuple[str, ...], jurisdiction: str) -> dict[str, tuple[str, ...]]:
    """Index every whole place name by its first character, longest names first.

    Cached per key place list, so that the calls of one deployment share one index.
    """
    names = sorted({*known_places, *_area_names(jurisdiction), *REGIONS, *STATION_NAMES,
                    *VENUE_NAMES}, key=len, reverse=True)
    index: dict[str, list[str]] = {}
    for name in names:
        index.setdefault(name[0], []).append(name)
    return {first: tuple(group) for first, group in index.items()}


@cache
def _area_names(jurisdiction: str) -> dict[str, str]:
    """Map each district and subdistrict name and short form to its official name."""
    loaded = jurisdictions.load(jurisdiction)
    names: dict[str, str] = {}
    for district in loaded.districts:
        for subdistrict in district.subdistricts:
            names[subdistrict.name] = subdistrict.name
            short = subdistrict.name.removesuffix("街道")
            if short not in AMBIGUOUS_SHORT_NAMES:
                names.setdefault(short, subdistrict.name)
    for district in loaded.districts:
        for name in (district.name, *district.aliases):
            names[name] = district.name
    return names


def _longest_names_at_each_position(index: dict[str, tuple[str, ...]], text: str
                                    ) -> list[tuple[int, int, str]]:
    """Return the longest indexed name starting at each position (matches may overlap)."""
    found = []
    for position, character in enumerate(text):
        for name in index.get(character, ()):
            if text.startswith(name, position):
                found.append((position, position + len(name), name))
                break
    return found


def _without_overlaps(candidates: list[PlaceMatch]) -> list[PlaceMatch]:
    chosen: list[PlaceMatch] = []
    ordered = sorted(candidates, key=lambda match: (-(match.end - match.start), -match.rank))
    for candidate in ordered:
        if all(candidate.end <= kept.start or candidate.start >= kept.end for kept in chosen):
            chosen.append(candidate)
    return sorted(chosen, key=lambda match: match.start)
