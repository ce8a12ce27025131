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
