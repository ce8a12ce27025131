"""Word tables for reading place names: place words, the characters that end a name read
backwards from one, and the words that make a place word generic."""

from __future__ import annotations

import re

PLACE_WORDS = (
    "地铁站", "火车站", "高铁站", "汽车站", "公交站", "客运站", "站", "花园", "小区", "广场",
    "医院", "人民医院", "中医院", "卫生院", "诊所", "社康", "社康中心", "药店", "大药房",
    "商场", "购物中心", "百货", "超市", "市场", "农贸市场", "菜市场", "公园", "酒店", "宾馆",
    "大厦", "大楼", "公寓", "新村", "村", "花城", "山庄", "苑", "城", "中学", "小学",
    "幼儿园", "学校", "大学", "酒楼", "餐厅", "饭店", "茶餐厅", "火锅店", "影院", "电影院",
    "健身房", "网吧", "体育馆", "图书馆", "工业园", "科技园", "产业园", "口岸", "机场",
    "码头", "海滩", "沙滩", "寺", "工作站", "中心", "镇", "汇", "路", "大道", "区", "植物园",
    "渔港", "古城", "基地", "电子", "光电", "科学园", "软件园", "创意园", "物流园", "书城",
    # Estates, streets, works and shops named by a generic suffix word.
    "华庭", "天地", "公馆", "家园", "名苑", "府", "湾", "世居", "街", "巷", "立交", "港", "厂",
    "酒家", "民宿", "驿站", "生态园", "农批", "工业区", "门诊", "县",
)
PLACE_WORD_PATTERN = re.compile("|".join(sorted(PLACE_WORDS, key=len, reverse=True)))
# One-character place words, and the characters after them that make them part of a word
# (城市, 城中村, 站着, 村民), not the end of a place name.
SHORT_PLACE_WORDS = (
    "站", "村", "城", "苑", "寺", "镇", "汇", "路", "区", "府", "湾", "街", "巷", "港", "厂", "县",
)
NOT_AFTER_SHORT_PLACE_WORD = frozenset("邦市中管区门墙着在台长委民口头道坊城")
# Characters after 路 or 汇 that make a word (路费, 路线, 汇报, 汇款), not a place name.
NOT_AFTER_WORD = {"路": frozenset("过费线程况子人段"), "汇": frozenset("报款总率合集聚")}
# Place words that need a name of two characters or more before them (卓悦汇, 解放路, 白云区)
# and are no place at all without one (中心, 区, 路).
NAME_REQUIRED_WORDS = frozenset(
    {*SHORT_PLACE_WORDS, "中心", "大道", "电子", "光电", "天地", "立交", "驿站"})
# Place words that need a longer name, since two characters before them are mostly a generic
# kind (服装厂, 五金厂, but 锦丰制衣厂).
MIN_NAME_LENGTH_OF_WORD = {"厂": 3}
# Names before 中心 or 区 that make a service or a zone, not a place (疾控中心, 封控区, 校区).
GENERIC_HEAD_WORDS = frozenset({"中心", "区", "府"})
GENERIC_HEADS = (
    "控制", "校", "园", "厂", "景", "郊", "片", "营",
    "疾控", "防疫", "检测", "隔离", "服务", "客服", "指挥", "健康", "体检", "核酸", "社区",
    "城市", "活动", "培训", "封控", "管控", "防范", "风险", "生活", "办公", "工业", "商业",
    "住宅", "开发", "老城", "中高", "高风", "低风", "这个", "那个", "哪个", "那条", "这条",
    "政", "水产", "干货", "蔬菜", "肉类", "冷冻",
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
    "呃说坐开走逛买吃喝看玩待呆附近有叫次趟被让或者条哪您离等读进送接，。、？！,.?! "
)
# Characters of that set that also occur inside names (上沙村, 梅林一村, 好运来酒楼, 海边小院).
# Each is kept as part of the name where the reason it stops a name does not hold. That is 上
# and 下 right after another stop (住上沙村, not 楼上超市), and 一 before an estate word (一村,
# 一期). It is also 来, 边 and 和 after a character of the name (好运来, 五和, not 回来, 那边, 我和).
SOFT_STOPS = frozenset("上下一来边和")
ORDINAL_ESTATE_WORDS = frozenset("村区期巷坊")
# NOTE: a name that contains one of these characters (永和大酒楼, 维也纳酒店) is cut short unless
# it is in :mod:`.venue_names`.
MIN_NAME_LENGTH = 2
MAX_PREFIX_LENGTH = 8
# Words that stay with an area name before them: 布吉农批市场, 宝安国际机场, 南山人民医院.
GENERIC_DESCRIPTORS = frozenset({
    "农批", "农贸", "人民", "中心", "妇幼", "中医", "综合", "国际", "体育", "文化", "会展",
    "市民", "儿童", "第一", "第二", "第三", "第四", "第五", "第六", "第七", "第八", "第九",
    "海鲜", "实验", "外国语", "水果", "职业", "技术", "一村", "二村", "三村", "新村",
})
# Place words that name a place on their own, without a name before them.
SELF_NAMED_WORDS = frozenset({"人民医院", "中医院", "社康中心"})

# Prefixes that make a place word generic, not a name: 那个医院, 附近的超市.
GENERIC_PREFIXES = frozenset({
    "附近", "旁边", "对面", "楼下", "门口", "我们", "你们", "他们", "那边", "这边", "一个", "那个",
    "这个", "哪个", "什么", "别的", "其他", "大", "小", "老", "新", "上", "下", "进", "出",
    "隔离", "城中", "定点", "发热", "周边", "美食", "步行", "儿子", "女儿", "孩子", "小孩", "老公",
    "老婆", "单位", "公司", "学校",
})
# Generic prefixes that also make a longer prefix generic: 医院发热门诊, 海岸城旁边超市.
GENERIC_PREFIX_ENDINGS = tuple(prefix for prefix in GENERIC_PREFIXES if len(prefix) > 1)
# Words around a company name that make it a place where someone was (比亚迪旁边那个工地,
# 在富士康, 顺丰的仓库), not an employer or a platform (我是顺丰的, 跑滴滴).
COMPANY_SITE_BEFORE = ("在", "去", "到", "从", "回", "进")
COMPANY_SITE_AFTER = (
    "厂", "仓库", "工地", "园区", "基地", "总部", "大楼", "大厦", "门口", "旁边", "那边", "里面",
    "附近", "对面", "食堂", "宿舍", "工业园",
)
