"""Person names in investigator–respondent dialogue.

Without a statistical model, a name is read only where the dialogue introduces one. After a cue
such as 我叫 or 名字是, a relation (我老公, 同事, 邻居) or a conjunction (和, 跟, 还有), a name is
a known surname (one character, or compound such as 欧阳) and one or two given-name characters.
A bare 是 introduces a name only when a word such as 吗, 先生 or 的家属 follows it.
The given name stops before a character or word that rarely ends a name (也, 一起, 然后, 今年).
A name found once is then also found wherever it recurs in the same call.

NOTE: a name that no cue introduces (行政的许静, 有聂小倩) is missed; on the held-out calls of the
labelled set, recall of names is 0.79.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

COMPOUND_SURNAMES = (
    "欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "慕容", "令狐", "夏侯", "尉迟", "公孙",
    "司徒", "端木", "长孙", "宇文", "独孤", "南宫", "西门", "呼延", "钟离", "澹台", "百里",
    "申屠", "赫连", "闻人", "太史", "濮阳", "轩辕", "万俟", "第五",
)

COMPOUND_SURNAME_SET = frozenset(COMPOUND_SURNAMES)

# Common single-character surnames. Characters that are far more often a word than a surname
# in speech (都, 那, 来, 和, 于是…) are left out, so 和/跟 cues cannot read them as names.
SINGLE_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶"
    "程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾"
    "毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关"
    "兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻"
    "祁蒲房滕屈饶解牟艾尤穆卓缪简车项连芦麦褚娄窦戚岑景宫费卜晏席卫米柏宗瞿桂佟臧闵苟邬卞姬"
    "栾隋刁荣巫寇桑郎甄丛仲虞敖巩佘池查苑迟邝鞠胥栗鄢谌奚粟冼蔺楼阚"
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
)
CONJUNCTION_CUES = ("和", "跟", "与", "还有", "以及", "、", "陪", "找", "见了", "见")
# "是" introduces a name only in a question or answer about who someone is: 请问是张伟吗,
# 您是王芳女士吧, 我是韩梅梅的家属. The name must be followed by one of these.
CONFIRM_CUE_PATTERN = re.compile(r"是(?:[，,\s]|嗯|呃)*")
CONFIRM_FOLLOWERS = (
    "吗", "吧", "先生", "女士", "小姐", "老先生", "老人家", "阿姨", "叔叔", "家", "的家属",
    "本人", "对吧", "是吧", "，对", "。",
)
CUES = tuple({*SELF_CUES, *RELATION_CUES, *CONJUNCTION_CUES})
# Fillers allowed between a cue word and the name: 我老公是李建国, 我叫，嗯，张伟.
CUE_FILLER_PATTERN = re.compile(r"(?:[是叫，,\s]|嗯|呃)*$")
CUE_WINDOW = 10

# A given name neither contains nor runs into these.
NOT_IN_GIVEN_NAME = frozenset(
    "也都和跟与他她它我你您是在去来说的了呢吗吧啊呀嘛哦嗯呃还就又没不从到住坐给打让叫陪带那这"
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
    "朋友", "老师", "先生", "女士", "小姐", "师傅", "医生", "经理",
)
NOT_NAMES = frozenset({
    "周末", "周一", "周二", "周三", "周四", "周五", "周六", "周日", "周天", "高铁", "高速", "马上",
    "金额", "今天", "明天", "昨天", "每天", "天天",
    "方便", "白天", "时候", "全家", "成都", "黄色", "白色", "司机", "华强北", "石岩",
    "龙华", "龙岗", "宝安", "罗湖", "南山", "福田", "盐田", "坪山", "光明", "大鹏", "江西", "江苏",
    "湖南", "湖北", "广州", "东莞", "惠州", "香港", "深圳", "上班", "下班", "常常", "经常", "向来",
    "安排", "安全", "文件", "关系", "关门", "关于", "包括", "包子", "单位", "车上", "车站", "路上",
    "路口", "房间", "房子", "景区", "席位", "成年", "华润", "万达", "万象", "海岸",
    "孙子", "儿子", "包间", "宫殿", "谷歌", "秦始皇", "江边", "朱古力", "余额", "石头", "金融",
    "黎明", "陆续", "杜绝", "程序", "苏州", "常州", "温州", "康复", "施工", "齐全", "易购",
    "乔迁", "宁愿", "尚未", "符合", "柯南", "纪念", "梅林", "童年", "毕业", "季度", "盛大",
})


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
    for cue in CONFIRM_CUE_PATTERN.finditer(text):
        name = read_name_at(text, cue.end())
        if name is not None and text.startswith(CONFIRM_FOLLOWERS, name.end):
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
    if given_length == 0:
        return None
    value = text[position:given_start + given_length]
    if any(value.startswith(word) or word.startswith(value) for word in NOT_NAMES):
        return None
    return NameMatch(position, position + len(value), value)


def _follows_cue(text: str, position: int) -> bool:
    before = text[max(0, position - CUE_WINDOW):position]
    filler = CUE_FILLER_PATTERN.search(before)
    return before[:filler.start()].endswith(CUES) or before.endswith(CUES)


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
