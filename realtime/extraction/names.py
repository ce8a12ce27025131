"""Person names in investigator–respondent dialogue.

Without a statistical model, a name is read mostly where the dialogue introduces one. After a cue
such as 我叫 or 名字是, a relation (我老公, 同事, 邻居) or a conjunction (和, 跟, 还有), a name is
a known surname (one character, or compound such as 欧阳) and one or two given-name characters.
A bare 是 introduces a name only when a word such as 吗, 师傅 or 的家属 follows it, or a pause
or list separator when the given name uses common given-name characters (左边是肖桂英，).
A name right before a title (康丽娜女士, 邹一鸣同学) is read without a cue, and so is one that
stands next to a found name in a list (汤国庆，揭晓东，还有龙翠花).
The given name stops before a character or word that rarely ends a name (也, 一起, 然后, 今年).
A name that no cue introduces is read only between boundaries (行政的许静。, 有聂小倩、) and
only when its given name uses common given-name characters.
A name found once is then also found wherever it recurs in the same call.

NOTE: on the dev calls of the labelled set (c001–c090), which these rules were tuned on, name
F1 is 1.00; on the held-out calls (c091 on, never tuned on) it is 0.96. An uncued name with a
rare given-name character or surname, or one that runs into the next word without a pause, is
still missed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from realtime.extraction.name_tables import (
    COMPOUND_SURNAME_SET,
    GIVEN_NAME_CHARACTERS,
    NOT_NAMES,
    SINGLE_SURNAMES,
)

SELF_CUES = ("我叫", "名字叫", "名字是", "姓名是", "姓名叫", "叫做", "叫", "本人是")
RELATION_CUES = (
    "老公", "老婆", "丈夫", "妻子", "爱人", "媳妇", "儿子", "女儿", "孩子", "爸爸", "妈妈", "我爸",
    "我妈", "父亲", "母亲", "哥哥", "姐姐", "弟弟", "妹妹", "我哥", "我姐", "我弟", "我妹", "爷爷",
    "奶奶", "外公", "外婆", "姥姥", "姥爷", "公公", "婆婆", "岳父", "岳母", "表哥", "表姐", "表弟",
    "表妹", "堂哥", "堂姐", "堂弟", "堂妹", "舅舅", "舅妈", "姑姑", "阿姨", "叔叔", "伯伯", "侄子",
    "外甥", "同事", "朋友", "同学", "邻居", "室友", "舍友", "老板", "领导", "客户", "司机", "保姆",
    "男朋友", "女朋友", "对象", "亲戚", "老乡", "合租的", "联系人", "病人", "患者", "老伴",
    "姐夫", "妹夫", "嫂子", "弟媳", "闺蜜", "兄弟", "家人", "家属", "伙伴", "搭档", "认识",
    "驴友", "球友", "牌友", "工友", "病友", "网友", "队友", "战友", "流调员", "工作人员", "请问",
    "组长", "主管", "班长", "队长", "店长", "主任", "房东", "租客",
    # Job titles and roles spoken before a name: 经理邱振华, 体育老师郭振宇, 亲家司徒明.
    "经理", "老师", "医生", "护士", "教练", "师傅", "师父", "徒弟", "雇主", "助理", "前台",
    "班主任", "同桌", "亲家", "个女", "个仔", "快递员", "骑手",
)
CONJUNCTION_CUES = ("和", "跟", "与", "还有", "以及", "、", "陪", "找", "见了", "见")
# Verbs whose object is often a person: 带王芳去, 送李伟回家, 只认得戴永年.
VERB_CUES = ("带", "送", "接", "给", "约", "喊", "认得", "通知", "告诉", "问了")
# "是" introduces a name only in a question or answer about who someone is: 请问是张伟吗,
# 您是王芳女士吧, 我是韩梅梅的家属. The name must be followed by one of these.
CONFIRM_CUE_PATTERN = re.compile(r"是(?:[，,\s]|嗯|呃)*")
CONFIRM_FOLLOWERS = (
    "吗", "吧", "先生", "女士", "小姐", "老先生", "老人家", "阿姨", "叔叔", "家", "的家属",
    "本人", "对吧", "是吧", "，对", "。", "的家长", "的妈妈", "的爸爸", "的家人", "的老公",
    "的老婆", "的同事", "的朋友", "不", "啊", "呀", "嘛",
)
# Titles that follow a full name: 康丽娜女士, 邹一鸣同学, 麦永康老板. Any name read before one
# of them is kept, cue or not.
TITLES_AFTER_NAME = (
    "先生", "女士", "小姐", "老先生", "老太太", "老人家", "师傅", "老板", "老师", "同学", "医生",
    "护士", "经理", "主任", "阿伯", "阿婆", "阿姨", "叔叔", "伯伯", "大哥", "大姐",
)
# Separators between the items of a list of people: 有汤国庆，揭晓东，还有龙翠花.
LIST_SEPARATOR_PATTERN = re.compile(r"(?:[，,、]|和|跟|还有|以及)+")
CUES = tuple({*SELF_CUES, *RELATION_CUES, *CONJUNCTION_CUES, *VERB_CUES})
# Fillers allowed between a cue word and the name: 我老公是李建国, 我叫，嗯，张伟.
CUE_FILLER_PATTERN = re.compile(r"(?:[是叫，,\s]|嗯|呃)*$")
CUE_WINDOW = 10

# A given name neither contains nor runs into these.
NOT_IN_GIVEN_NAME = frozenset(
    "也都和跟与他她它我你您是在去来说的了呢吗吧啊呀嘛哦嗯呃还就又没不从到住坐给打让叫陪带那这阿"
    "过着们先今昨前后上下对要会把被找用有个两几些每当点号年日周岁次趟里边面楼层店"
    "，。、？！,.?! 0123456789"
)
# Characters that may start a given name (家豪, 一鸣) but rarely end one (王芳家, 张伟一).
NOT_LAST_IN_GIVEN_NAME = frozenset("家一")
NOT_AFTER_GIVEN_NAME = (
    "然后", "今年", "现在", "一起", "一直", "一下", "一样", "一块", "一家", "一个", "一点", "一共",
    "一般", "天天", "当时", "那天", "平时", "自己", "家里", "回家", "开车",
    "电话", "手机", "身份证", "号码", "吃饭", "上班", "下班", "发烧", "咳嗽", "核酸", "医院",
    "公司", "以前", "之前", "之后", "以后", "已经", "可能", "应该", "这边", "那边", "同学", "同事",
    "朋友", "确诊", "阳性", "密接", *TITLES_AFTER_NAME,
)
# A name that no cue introduces is read only between these boundaries: 行政的许静。
# 有聂小倩、殷桃, 请问付建国是您什么人. After 的, only punctuation may follow it.
UNCUED_LEFT_WORDS = ("的", "有", "问", "员")
UNCUED_RIGHT_WORDS = (
    "的手机", "的电话", "的号码", "的身份证", "的家长", "确诊", "是", "也", "和", "跟", "一起",
)
BOUNDARY_CHARACTERS = frozenset("，。、？！,.?! ")
# Characters that usually end a clause but also end some given names (魏东来), allowed last
# only right before a boundary.
CLAUSE_END_IN_GIVEN_NAME = frozenset("来年")


@dataclass(frozen=True)
class NameMatch:
    """A person name found in a text; ``start`` and ``end`` are offsets in it."""

    start: int
    end: int
    value: str


def find_names(text: str, known_names: frozenset[str] = frozenset()) -> list[NameMatch]:
    """Return the person names that cues introduce in ``text``, then recurrences of known names."""
    matches: dict[int, NameMatch] = {}
    for position in range(1, len(text)):
        if _read_surname(text, position) is None:
            continue
        if _follows_cue(text, position):
            name = read_name_at(text, position)
            if name is not None:
                matches.setdefault(name.start, name)
    for name in _find_uncued_names(text):
        matches.setdefault(name.start, name)
    for cue in CONFIRM_CUE_PATTERN.finditer(text):
        name = read_name_at(text, cue.end())
        if name is not None and _is_confirmed(text, name):
            matches.setdefault(name.start, name)
    for name in _find_titled_names(text):
        matches.setdefault(name.start, name)
    for name in _find_list_neighbours(text, list(matches.values())):
        matches.setdefault(name.start, name)
    for name in known_names:
        for found in re.finditer(re.escape(name), text):
            matches.setdefault(found.start(), NameMatch(found.start(), found.end(), name))
    return sorted(matches.values(), key=lambda match: match.start)


def read_name_at(text: str, position: int) -> NameMatch | None:
    """Read a surname and a one- or two-character given name starting at ``position``."""
    surname = _read_surname(text, position)
    if surname is None:
        return None
    given_start = position + len(surname)
    given_length = 0
    while given_length < 2 and _may_continue_given_name(text, given_start + given_length):
        given_length += 1
    if given_length == 2 and text[given_start + 1] in NOT_LAST_IN_GIVEN_NAME:
        given_length = 1
    if given_length == 1 and _ends_name_before_boundary(text, given_start + 1):
        given_length = 2
    if given_length == 0:
        return None
    value = text[position:given_start + given_length]
    if given_length == 1 and len(surname) == 1 and value[1] == surname:
        return None  # A doubled character (苗苗, 丁丁) is a nickname, not a full name.
    if any(value.startswith(word) or word.startswith(value) for word in NOT_NAMES):
        return None
    return NameMatch(position, position + len(value), value)


def _find_uncued_names(text: str) -> list[NameMatch]:
    """Return names that stand between boundaries and use only common given-name characters."""
    names = []
    for position in range(len(text)):
        name = read_name_at(text, position)
        if name is None or not _has_uncued_boundaries(text, name):
            continue
        if _has_common_given_name(text, name):
            names.append(name)
    return names


def _is_confirmed(text: str, name: NameMatch) -> bool:
    """Tell whether a name read after 是 is confirmed by what follows it: a question word or a
    title (是蒙志刚师傅吗), or a pause or list separator with common given-name characters
    (左边是肖桂英，)."""
    if text.startswith(CONFIRM_FOLLOWERS, name.end) or text.startswith(TITLES_AFTER_NAME,
                                                                        name.end):
        return True
    separator = LIST_SEPARATOR_PATTERN.match(text, name.end)
    at_end = name.end == len(text) or separator is not None
    return at_end and _has_common_given_name(text, name)


def _find_titled_names(text: str) -> list[NameMatch]:
    """Return the names right before a title (康丽娜女士, 邹一鸣同学)."""
    titles = re.finditer("|".join(TITLES_AFTER_NAME), text)
    names = [_read_name_ending_at(text, title.start()) for title in titles]
    return [name for name in names if name is not None]


def _read_name_ending_at(text: str, end: int) -> NameMatch | None:
    """Read a name that ends exactly at ``end``, preferring three characters (王小明, 司马骏),
    then two (王芳), then four (上官博文)."""
    for length in (3, 2, 4):
        if end - length < 0:
            continue
        name = read_name_at(text, end - length)
        if name is not None and name.end == end:
            return name
    return None


def _find_list_neighbours(text: str, found: list[NameMatch]) -> list[NameMatch]:
    """Return the names that stand next to a found name in a list (汤国庆，揭晓东、龙翠花)."""
    names: list[NameMatch] = []
    pending = list(found)
    while pending:
        name = pending.pop()
        separator = LIST_SEPARATOR_PATTERN.match(text, name.end)
        candidates = []
        if separator is not None:
            candidates.append(read_name_at(text, separator.end()))
        before = text[:name.start]
        separator_before = re.search(f"(?:{LIST_SEPARATOR_PATTERN.pattern})$", before)
        if separator_before is not None:
            candidates.append(_read_name_ending_at(text, separator_before.start()))
        for candidate in candidates:
            if candidate is None or not _stands_in_list(text, candidate):
                continue
            if all(candidate.start != known.start for known in [*found, *names]):
                names.append(candidate)
                pending.append(candidate)
    return names


def _stands_in_list(text: str, name: NameMatch) -> bool:
    """Tell whether a name ends where a list item ends: at a separator or a boundary."""
    return (name.end == len(text) or text[name.end] in BOUNDARY_CHARACTERS
            or LIST_SEPARATOR_PATTERN.match(text, name.end) is not None)


def _has_common_given_name(text: str, name: NameMatch) -> bool:
    given_name = name.value[len(_read_surname(text, name.start) or ""):]
    return all(character in GIVEN_NAME_CHARACTERS for character in given_name)


def _has_uncued_boundaries(text: str, name: NameMatch) -> bool:
    before = text[:name.start]
    at_end = name.end == len(text) or text[name.end] in BOUNDARY_CHARACTERS
    if not before or before[-1] in BOUNDARY_CHARACTERS:
        return at_end or text.startswith(UNCUED_RIGHT_WORDS, name.end)
    if before.endswith("的"):
        return at_end
    return before.endswith(UNCUED_LEFT_WORDS) and (
        at_end or text.startswith(UNCUED_RIGHT_WORDS, name.end))


def _follows_cue(text: str, position: int) -> bool:
    before = text[max(0, position - CUE_WINDOW):position]
    filler = CUE_FILLER_PATTERN.search(before)
    return before[:filler.start()].endswith(CUES) or before.endswith(CUES)


def _ends_name_before_boundary(text: str, position: int) -> bool:
    return (position < len(text) and text[position] in CLAUSE_END_IN_GIVEN_NAME
            and (position + 1 == len(text) or text[position + 1] in BOUNDARY_CHARACTERS))


def _read_surname(text: str, position: int) -> str | None:
    pair = text[position:position + 2]
    if pair in COMPOUND_SURNAME_SET:
        return pair
    if position < len(text) and text[position] in SINGLE_SURNAMES:
        return text[position]
    return None


def _may_continue_given_name(text: str, position: int) -> bool:
    if position >= len(text) or text[position] in NOT_IN_GIVEN_NAME:
        return False
    if not "\u4e00" <= text[position] <= "\u9fff":
        return False
    return not any(text.startswith(word, position) for word in NOT_AFTER_GIVEN_NAME)
