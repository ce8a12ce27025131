"""Shenzhen venues, estates and areas that are named without a place word, for whole-word match.

Written by hand from well-known Shenzhen names and incomplete: malls, chain restaurants and
shops, companies whose sites are workplaces, estates, villages and communities, hills and
beaches, plus the towns and districts of nearby cities that residents name on their own.
Each is reported with its name as spoken.
"""

from __future__ import annotations

_MALLS_AND_AREAS = (
    "万象城", "万象汇", "太古城", "太古汇", "卓悦汇", "印力中心", "天虹", "KKMALL", "kkmall",
    "大仟里", "来福士", "欢乐港湾", "海上世界", "东部华侨城", "华侨城", "锦绣中华", "民俗村",
    "益田假日广场", "中心城", "中心书城", "科技园", "高新园", "软件产业基地", "华为基地",
    "八卦岭", "车公庙", "岗厦", "皇岗", "水围", "下沙", "上沙", "沙尾", "白石洲", "大冲",
    "国贸", "蔡屋围", "渔民村", "田面", "梅林关", "清湖", "观澜湖",
    "平安金融中心", "京基100", "地王大厦", "赛格广场", "华强广场", "南头古城", "大芬油画村",
    "甘坑古镇", "观澜古墟", "较场尾", "西涌", "东涌", "小梅沙", "大梅沙", "杨梅坑", "蛇口渔港",
    "深圳湾", "宝安中心区", "前海", "后海", "南油", "桃园村", "宝城",
    "桥头", "上村", "塘尾", "白石龙", "官田", "坂雪岗",
)
_ESTATES = (
    "碧桂园", "香蜜湖一号", "金地梅陇镇", "半岛城邦", "星河丹堤", "万科城", "万科第五园",
    "信义假日名城", "中海怡翠", "桃源居", "百仕达", "东海花园", "熙园", "四季花城", "中信红树湾",
    "华润城", "幸福里", "龙光玖钻", "海上世界双玺", "蔚蓝海岸", "天鹅堡", "水榭春天",
)
_HILLS_AND_PARKS = (
    "梧桐山", "莲花山", "塘朗山", "七娘山", "羊台山", "凤凰山", "马峦山", "大南山", "小南山",
    "排牙山", "笔架山", "银湖山", "阳台山", "西丽湖", "香蜜湖", "深圳湾公园", "红树林",
    "仙湖植物园", "欢乐谷", "世界之窗", "青青世界",
)
_CHAINS = (
    "海底捞", "喜茶", "奈雪", "佳宁娜", "九毛九", "探鱼", "木屋烧烤", "费大厨", "润园四季", "点都德", "太二酸菜鱼", "太二", "西贝", "麦当劳", "肯德基",
    "星巴克", "必胜客", "瑞幸", "萨莉亚", "陈鹏鹏", "八合里", "外婆家", "绿茶餐厅", "蜜雪冰城",
    "沃尔玛", "山姆", "华润万家", "永辉", "盒马", "家乐福", "百佳", "钱大妈", "宜家", "天虹商场",
    "维也纳酒店", "如家", "汉庭", "七天酒店", "全季", "亚朵", "大参林", "海王星辰",
    "老百姓大药房", "益丰大药房",
)
_WORKPLACES = (
    "比亚迪", "华为", "腾讯大厦", "腾讯滨海大厦", "富士康", "中兴", "大疆", "华星光电", "迈瑞",
    "顺丰", "招商银行大厦", "平安大厦",
)
# Towns and districts of nearby and frequent home cities, named without their city.
_OTHER_TOWNS = (
    "长安", "虎门", "塘厦", "凤岗", "常平", "樟木头", "清溪", "黄江", "大朗", "松山湖", "厚街",
    "惠城", "惠阳", "博罗", "惠东", "大亚湾", "淡水", "天河", "越秀", "海珠", "番禺", 
    "花都", "增城", "南沙", "禅城", "顺德", "武昌", "汉口", "汉阳", "洪山", "江汉",
)

VENUE_NAMES = frozenset(
    {*_MALLS_AND_AREAS, *_ESTATES, *_HILLS_AND_PARKS, *_CHAINS, *_WORKPLACES, *_OTHER_TOWNS}
)
