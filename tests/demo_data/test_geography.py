"""Places and residential geography data of the generator."""

import random

import pytest

from liudiao.jurisdictions import load as load_jurisdiction
from orchestration.demo_data.geography import PLACE_TYPES, Geography, load_place_data

SHENZHEN = load_jurisdiction("shenzhen")
CANONICAL_PLACE_TYPES = {"住宅小区", "商场", "餐厅", "医院", "写字楼", "工厂", "学校", "交通场站",
                         "农贸市场", "酒店", "其他"}


@pytest.fixture
def geography():
    return Geography(random.Random(3), SHENZHEN)


def test_every_subdistrict_has_residential_data():
    _places, subdistricts = load_place_data()
    codes = {sub.code for district in SHENZHEN.districts for sub in district.subdistricts}
    assert set(subdistricts) == codes
    for code, entry in subdistricts.items():
        assert entry["roads"], code


def test_landmarks_lie_in_their_district(geography):
    for place in geography.landmarks + geography.metro_stations:
        district = SHENZHEN.district(place.district_code)
        assert place.subdistrict_code in {sub.code for sub in district.subdistricts}
        assert 22.4 < place.latitude < 22.9, place.name
        assert 113.7 < place.longitude < 114.7, place.name


def test_every_district_has_landmarks(geography):
    districts = {place.district_code for place in geography.landmarks}
    assert districts == {district.code for district in SHENZHEN.districts}


def test_place_types_are_canonical():
    assert set(PLACE_TYPES.values()) <= CANONICAL_PLACE_TYPES


def test_well_known_places_are_present(geography):
    names = {place.name for place in geography.landmarks}
    for name in ("海岸城购物中心", "华润万象城", "华强北商业街", "东门老街", "深圳北站",
                 "深圳宝安国际机场", "京基100大厦", "深圳湾公园", "北京大学深圳医院"):
        assert name in names


def test_home_address_has_compound_building_and_room(geography):
    home = geography.home_in("440305006")
    assert home.district_code == "440305"
    assert home.subdistrict_code == "440305006"
    full = geography.full_address(home.place)
    assert full.startswith("南山区粤海街道")
    assert any(road in home.address for road in ("科技南路", "科苑路", "后海大道", "海德三道",
                                                  "大冲村"))


def test_written_names_vary(geography):
    mall = next(place for place in geography.landmarks if place.name == "海岸城购物中心")
    names = {geography.written_name(mall) for _ in range(200)}
    assert "海岸城购物中心" in names
    assert "海岸城" in names
    assert "南山区海岸城购物中心" in names


def test_nearest_station_within_walking_distance(geography):
    mall = next(place for place in geography.landmarks if place.name == "海岸城购物中心")
    assert geography.nearest_station(mall).name == "地铁后海站"
    remote = next(place for place in geography.landmarks if place.name == "西涌海滩")
    assert geography.nearest_station(remote) is None
