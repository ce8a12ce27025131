"""Places: districts, subdistricts, key places, cities, stations and place-word patterns."""

import pytest

from tests.realtime.extraction_helpers import extract, found


def test_district_full_and_short_names():
    assert found("我是南山区疾控的，住在福田", "place") == ["南山区", "福田区"]


def test_subdistrict_short_name_normalised():
    assert found("住在西乡，在蛇口上班", "place") == ["西乡街道", "蛇口街道"]


def test_known_place_passed_in():
    assert found("周末去了海岸城看电影", "place", known_places=("海岸城",)) == ["海岸城"]


def test_known_places_may_be_empty():
    assert found("周末去了一个地方看电影", "place", known_places=()) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("住在碧海花园三栋", ["碧海花园"]),
    ("我住万科城小区，不远", ["万科城小区"]),
    ("去了京基百纳广场", ["京基百纳广场"]),
    ("在北大深圳医院看的病", ["北大深圳医院"]),
    ("从后海地铁站进去", ["后海地铁站"]),
])
def test_place_word_patterns(text, expected):
    assert found(text, "place") == expected


def test_area_name_split_from_venue():
    [district, venue] = extract("住在南山区海月花园")
    assert (district.value, district.start, district.end) == ("南山区", 2, 5)
    assert (venue.value, venue.start, venue.end) == ("海月花园", 5, 9)


def test_area_name_kept_with_generic_venue():
    assert found("去过南山人民医院开药", "place") == ["南山人民医院"]
    assert found("去宝安国际机场接人", "place") == ["宝安国际机场"]


@pytest.mark.parametrize(("text", "expected"), [
    ("就在家附近的超市，还有那个医院。", []),
    ("然后在南山的隔离酒店隔离了七天", ["南山区"]),
    ("不是小区，是城中村。", []),
    ("我站在门口等他，去城里买东西。", []),
])
def test_generic_place_words_not_places(text, expected):
    assert found(text, "place") == expected


def test_cities_and_provinces_normalised():
    assert found("我从武汉回来，老家湖北荆州的", "place") == ["武汉市", "湖北省", "荆州市"]


def test_metro_station_name():
    assert found("回来就上班，在车公庙", "place") == ["车公庙"]


def test_place_word_inside_area_name_not_pattern():
    assert found("龙岗龙城那个万科广场", "place") == ["龙岗区", "龙城街道", "万科广场"]


@pytest.mark.parametrize(("text", "expected"), [
    ("在那个海底捞，跟同事一起", ["海底捞"]),
    ("去了梧桐山爬山", ["梧桐山"]),
    ("我住碧桂园", ["碧桂园"]),
    ("住福永桥头", ["福永街道", "桥头"]),
])
def test_venue_without_place_word(text, expected):
    assert found(text, "place") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("在前海卓悦汇开会", ["前海卓悦汇"]),
    ("在百花二路上课", ["百花二路"]),
    ("金地梅陇镇，就在旁边", ["金地梅陇镇"]),
    ("您在平安金融中心上班对吧？", ["平安金融中心"]),
    ("新安的宝城，二十八区。", ["新安街道", "宝城", "二十八区"]),
])
def test_place_words_needing_a_name(text, expected):
    assert found(text, "place")[-len(expected):] == expected


@pytest.mark.parametrize("text", [
    "这里是龙华区疾病预防控制中心。",
    "坐三零三路，在路上堵了一下。",
    "住在学校校区宿舍，去市区办事。",
    "有没有去过医院或者药店？",
])
def test_generic_heads_are_not_places(text):
    values = found(text, "place")
    assert all(value in ("龙华区", "粤海街道") for value in values)


def test_city_split_from_its_district():
    assert found("我上周去过广州白云区出差", "place") == ["广州市", "白云区"]
    assert found("是的，揭阳榕城区的。", "place") == ["揭阳市", "榕城区"]


def test_area_name_split_before_known_venue():
    assert found("在南山科技园上班", "place") == ["南山区", "科技园"]


def test_longer_station_name_kept_before_place_word():
    assert found("你问楼下的黄贝岭社区工作站", "place") == ["黄贝岭社区工作站"]


def test_region_before_phone_word_not_place():
    assert found("一个北京的号", "place") == []


def test_prefecture_city_normalised():
    assert found("她从山东临沂来的", "place") == ["山东省", "临沂市"]


def test_subdistrict_with_generic_head_is_one_place():
    assert found("住在粤海校区宿舍", "place") == ["粤海校区"]
    assert found("在盐田港拉柜", "place") == ["盐田港"]


@pytest.mark.parametrize(("text", "expected"), [
    ("福田实验学校", ["福田实验学校"]),
    ("去布吉海鲜市场拿货", ["布吉海鲜市场"]),
    ("住梅林一村", ["梅林一村"]),
    ("南头的南山农批", ["南头街道", "南山农批"]),
])
def test_area_with_generic_words_is_one_place(text, expected):
    assert found(text, "place") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("住在上沙村", ["上沙村"]),
    ("，下塘新村那边", ["下塘新村"]),
    ("在六约的好运来酒楼摆的", ["六约", "好运来酒楼"]),
    ("那个大和酒家", ["大和酒家"]),
    ("坂田的五和小学", ["坂田街道", "五和小学"]),
])
def test_stop_characters_inside_names(text, expected):
    assert found(text, "place") == expected


@pytest.mark.parametrize("text", [
    "他上来就走了", "离小区五分钟", "等社区通知", "您女儿学校通报了", "一个读幼儿园一个读小学",
    "有没有外卖进小区", "北大深圳医院发热门诊",
])
def test_verbs_and_relations_before_generic_words(text):
    assert found(text, "place") in ([], ["北大深圳医院"])


@pytest.mark.parametrize(("text", "expected"), [
    ("住宝安翠岭华庭", ["宝安区", "翠岭华庭"]),
    ("在龙华的壹方天地", ["龙华区", "壹方天地"]),
    ("在中山东街", ["中山东街"]),
    ("在宏达五金厂上班", ["宏达五金厂"]),
    ("在一个服装厂做工", []),
    ("明珠立交那边", ["明珠立交"]),
    ("去过中英街", ["中英街"]),
])
def test_generic_suffix_words(text, expected):
    assert found(text, "place") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("对，桂平的。", ["桂平市"]),
    ("赣州于都的", ["赣州市", "于都县"]),
    ("您是广西人？", ["广西壮族自治区"]),
    ("您是厦门人？", ["厦门市"]),
    ("来宾名单您有吗？", []),
])
def test_counties_and_regions(text, expected):
    assert found(text, "place") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("比亚迪旁边那个工地", ["比亚迪"]),
    ("顺丰的仓库", ["顺丰"]),
    ("我是顺丰的，白石龙那边的网点", ["白石龙"]),
    ("跑滴滴的", []),
])
def test_company_is_place_only_as_site(text, expected):
    assert found(text, "place") == expected
