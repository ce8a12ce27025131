"""Place text normalisation: width, script, look-alikes, prefixes, house numbers."""

import pytest

from liudiao.jurisdictions import load
from orchestration.analytics.places.normalize import (
    chinese_numeral_value,
    fold_text,
    normalize_place,
    strip_admin_prefixes,
    strip_house_numbers,
)

SHENZHEN = load("shenzhen")


def test_full_width_folds_to_half_width():
    assert fold_text("ＡＢＣ大厦（Ｂ座）１２３") == "abc大厦b座123"


def test_traditional_folds_to_simplified():
    assert fold_text("華潤萬家 紅樹福苑") == "华润万家红树福苑"


def test_look_alikes_fold():
    assert fold_text("深圳巿1O号") == "深圳市10号"
    assert fold_text("3幢") == "3栋"


def test_chinese_numerals_before_units():
    assert fold_text("万象新天二期") == "万象新天2期"
    assert fold_text("上沙东村十八巷") == "上沙东村18巷"
    assert chinese_numeral_value("一百零五") == 105


def test_punctuation_and_spaces_removed():
    assert fold_text("新世界·四季山水 一期") == "新世界四季山水1期"


@pytest.mark.parametrize(("text", "rest", "district", "subdistrict"), [
    ("广东省深圳市福田区福保街道红树福苑", "红树福苑", "440304", "440304009"),
    ("深圳市南山区海岸明珠", "海岸明珠", "440305", None),
    ("南山街道学府花园", "学府花园", "440305", "440305002"),
    ("福田益田花园", "益田花园", "440304", None),
])
def test_admin_prefixes_become_codes(text, rest, district, subdistrict):
    assert strip_admin_prefixes(fold_text(text), SHENZHEN) == (rest, district, subdistrict)


def test_short_alias_kept_when_it_is_the_name():
    assert strip_admin_prefixes("南山公园", SHENZHEN) == ("南山公园", None, None)
    assert strip_admin_prefixes("宝安大道88号", SHENZHEN) == ("宝安大道88号", None, None)


def test_short_subdistrict_only_in_its_district():
    assert strip_admin_prefixes("蛇口海境界", SHENZHEN, "440305")[0] == "海境界"
    assert strip_admin_prefixes("蛇口海境界", SHENZHEN, "440304")[0] == "蛇口海境界"


def test_province_stripped_outside_jurisdiction():
    assert normalize_place("湖北武汉", SHENZHEN, "other").core_name == "武汉"
    assert normalize_place("武汉市", SHENZHEN, "other").core_name == "武汉"


def test_house_numbers_stripped():
    assert strip_house_numbers("阳光华艺大厦b座") == "阳光华艺大厦"
    assert strip_house_numbers("红树福苑3栋2单元501") == "红树福苑"
    assert strip_house_numbers("福港路西28号阳光城市") == "福港路西阳光城市"


def test_bare_street_address_keeps_number():
    assert strip_house_numbers("沿山路63号") == "沿山路63号"


def test_normalize_place_combines_steps():
    place = normalize_place("廣東省深圳市福田區福保街道紅樹福苑小區３棟", SHENZHEN)

    assert place.core_name == "红树福苑"
    assert place.district_code == "440304"
    assert place.subdistrict_code == "440304009"
    assert not place.is_generic


def test_generic_names_flagged():
    assert normalize_place("hospital", SHENZHEN).is_generic
    assert normalize_place("public_transportation", SHENZHEN).is_generic
    assert normalize_place("超市", SHENZHEN).is_generic


def test_branch_in_brackets_moves_to_front():
    bracketed = normalize_place("桂林米粉（新安六路店）", SHENZHEN, "440306")
    prefixed = normalize_place("新安六路桂林米粉", SHENZHEN, "440306")

    assert bracketed.core_name == prefixed.core_name == "新安6路桂林米粉"
    assert bracketed.brand == "桂林米粉"
    assert prefixed.brand == ""


def test_annotation_in_brackets_dropped():
    place = normalize_place("深圳市精工精密五金有限公司（龙岗工业区）", SHENZHEN)

    assert place.core_name == "精工精密五金有限公司"


def test_number_before_position_kept():
    assert strip_house_numbers("航城大道16号附近公交站") == "航城大道16号附近公交站"
