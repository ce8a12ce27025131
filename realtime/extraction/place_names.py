"""Place names matched as whole words: other cities and provinces, and Shenzhen metro stations.

Both lists are written by hand and incomplete. A city or province is reported with its full
official name as the value, a station with its name as spoken.
"""

from __future__ import annotations

_MUNICIPALITIES_AND_REGIONS = {
    "北京": "北京市", "上海": "上海市", "天津": "天津市", "重庆": "重庆市", "香港": "香港",
    "澳门": "澳门", "台湾": "台湾", "广西": "广西", "新疆": "新疆", "内蒙古": "内蒙古",
    "西藏": "西藏", "宁夏": "宁夏",
}
_PROVINCES = (
    "广东", "湖北", "湖南", "江西", "福建", "浙江", "江苏", "四川", "河南", "河北", "山东",
    "山西", "陕西", "海南", "云南", "贵州", "安徽", "辽宁", "吉林", "黑龙江", "甘肃", "青海",
)
_CITIES = (
    # Guangdong.
    "广州", "东莞", "惠州", "佛山", "珠海", "中山", "汕头", "湛江", "江门", "肇庆", "清远",
    "河源", "汕尾", "揭阳", "潮州", "梅州", "韶关", "茂名", "阳江", "云浮",
    # Provincial capitals and other large cities.
    "武汉", "长沙", "南昌", "成都", "西安", "杭州", "南京", "厦门", "福州", "南宁", "海口",
    "三亚", "郑州", "合肥", "贵阳", "昆明", "沈阳", "大连", "青岛", "济南", "哈尔滨", "长春",
    "石家庄", "太原", "兰州", "乌鲁木齐", "苏州", "宁波", "温州", "桂林", "泉州", "无锡",
    # Frequent home towns of Shenzhen residents in neighbouring provinces.
    "荆州", "宜昌", "襄阳", "黄冈", "孝感", "十堰", "岳阳", "衡阳", "常德", "郴州", "株洲",
    "湘潭", "邵阳", "永州", "赣州", "九江", "上饶", "吉安", "玉林", "柳州", "梧州", "北海",
    "信阳", "南阳", "周口", "商丘", "驻马店", "漳州", "莆田", "龙岩",
)

REGIONS: dict[str, str] = {
    **_MUNICIPALITIES_AND_REGIONS,
    **{name: name + "省" for name in _PROVINCES},
    **{name: name + "市" for name in _CITIES},
}

# Shenzhen metro stations whose names are not ordinary words. Names that are also districts or
# subdistricts (福田, 西丽) are matched as those instead.
METRO_STATIONS = frozenset({
    "罗湖", "国贸", "老街", "大剧院", "科学馆", "华强路", "岗厦", "会展中心", "购物公园",
    "香蜜湖", "车公庙", "竹子林", "侨城东", "华侨城", "世界之窗", "白石洲", "高新园", "深大",
    "桃园", "大新", "鲤鱼门", "前海湾", "新安", "宝安中心", "宝体", "坪洲", "西乡", "固戍",
    "后瑞", "机场东", "赤湾", "蛇口港", "海上世界", "水湾", "东角头", "湾厦", "海月", "登良",
    "后海", "科苑", "深康", "安托山", "侨香", "香蜜", "香梅北", "景田", "莲花西", "上沙",
    "沙尾", "石厦", "皇岗村", "福民", "福田口岸", "少年宫", "莲花北", "上梅林", "民乐",
    "白石龙", "深圳北站", "红山", "上塘", "龙胜", "龙华", "清湖", "燕南", "华强北", "华新",
    "通新岭", "红岭", "晒布", "翠竹", "田贝", "水贝", "草埔", "布吉", "木棉湾",
    "大芬", "丹竹头", "六约", "塘坑", "横岗", "永湖", "荷坳", "大运", "爱联", "龙城广场",
    "南联", "双龙", "黄贝岭", "新秀", "莲塘", "仙湖路", "留仙洞", "大学城", "塘朗", "长岭陂",
    "五和", "坂田", "杨美", "上水径", "下水径", "长龙", "布心", "百鸽笼", "洪湖", "太安",
    "怡景", "梅村", "下梅林", "孖岭", "银湖", "泥岗", "红岭北", "园岭", "鹿丹村", "人民南",
    "向西村", "文锦", "灵芝", "洪浪北", "兴东", "翻身", "宝华", "碧海湾", "临海", "前海",
})
# Station names that are also ordinary words or brands; a station name must not be one of these.
_COMMON_WORDS = frozenset({
    "国贸", "老街", "桃园", "大新", "华新", "民乐", "红山", "新秀", "五和", "长龙", "太安",
    "灵芝", "翻身", "兴东", "爱联", "永湖", "双龙", "南联", "福民", "文锦", "宝华", "临海",
    "水湾", "怡景", "上沙", "沙尾",
})
STATION_NAMES = METRO_STATIONS - _COMMON_WORDS
