"""Merging place mentions into key places: similarity, coordinates, the merge guard."""

import hashlib

import pandas as pd
import pytest

from liudiao.jurisdictions import load
from orchestration.analytics.places.merge import merge_places, prepare_mentions
from orchestration.analytics.places.pairs import MergeSettings, score_pairs

SHENZHEN = load("shenzhen")


def mention(mention_id: str, name: str, district: str | None = "440304", case: str = "c1",
            date: str = "2020-02-01", latitude: float | None = None,
            longitude: float | None = None, subdistrict: str | None = None) -> dict:
    return {"place_mention_id": mention_id, "case_id": case, "mention_date": date,
            "place_name": name, "address": None, "district_code": district,
            "subdistrict_code": subdistrict, "latitude": latitude, "longitude": longitude,
            "normalized_name": name}


def merged(*mentions: dict, **kwargs) -> pd.Series:
    frame = pd.DataFrame(mentions)
    frame["mention_date"] = pd.to_datetime(frame["mention_date"])
    matches = merge_places(frame, SHENZHEN, **kwargs)
    return matches.set_index("place_mention_id")["key_place_id"]


def groups(key_places: pd.Series) -> set[frozenset[str]]:
    return {frozenset(ids) for ids in key_places.groupby(key_places).groups.values()}


def test_spelling_variants_merge():
    key_places = merged(mention("a", "福保街道红树福苑"), mention("b", "红树福苑小区"),
                        mention("c", "紅樹福苑"), mention("d", "红树福苑３栋"))

    assert groups(key_places) == {frozenset("abcd")}


def test_different_places_stay_apart():
    key_places = merged(mention("a", "益田村"), mention("b", "益田花园"),
                        mention("c", "海岸明珠"), mention("d", "西海明珠"))

    assert len(set(key_places)) == 4


def test_merge_guard_keeps_chain_apart():
    # 碧海湾 is 碧海湾广场 and 碧海湾花园 without the estate word (0.8 each), but the plaza and
    # the estate score 0.2: A~B and A~C, B≁C.
    mentions = [mention("a", "碧海湾"), mention("b", "碧海湾广场"), mention("c", "碧海湾花园")]
    frame = pd.DataFrame(mentions).assign(mention_date=pd.Timestamp("2020-02-01"))
    prepared = prepare_mentions(frame, SHENZHEN)
    nodes = pd.DataFrame({
        "node_id": [0, 1, 2], "block": "440304", "subdistrict_code": None,
        "core_name": prepared["core_name"], "is_generic": False, "numbers": "", "brand": "",
        "latitude": None, "longitude": None})
    scores = score_pairs(nodes, pd.DataFrame({"node_a": [0, 0, 1], "node_b": [1, 2, 2]}),
                         MergeSettings())["score"].tolist()

    key_places = merged(*mentions)

    assert scores[0] >= 0.5
    assert scores[1] >= 0.5
    assert scores[2] < 0.5
    assert key_places["b"] != key_places["c"]
    assert key_places["a"] in (key_places["b"], key_places["c"])


def test_facility_in_a_place_is_its_own_key_place():
    key_places = merged(mention("a", "沙一村"), mention("b", "沙一村小学"),
                        mention("c", "百合星城"), mention("d", "百合星城花园"))

    assert key_places["a"] != key_places["b"]
    assert key_places["c"] == key_places["d"]


def test_shops_of_one_mall_stay_apart():
    key_places = merged(mention("a", "肯德基（京基百纳广场店）"), mention("b", "喜茶（京基百纳广场店）"),
                        mention("c", "京基百纳广场喜茶"), mention("d", "京基百纳广场"))

    assert key_places["a"] != key_places["b"]
    assert key_places["b"] == key_places["c"]
    assert key_places["d"] not in (key_places["a"], key_places["b"])


def test_names_differing_in_their_start_stay_apart():
    key_places = merged(mention("a", "上沙村社区核酸采样点"), mention("b", "下沙村社区核酸采样点"),
                        mention("c", "福海大道250号附近公交站"),
                        mention("d", "宝安大道250号附近公交站"))

    assert key_places["a"] != key_places["b"]
    assert key_places["c"] != key_places["d"]


def test_numbers_keep_phases_apart():
    key_places = merged(mention("a", "万象新天2期"), mention("b", "万象新天3期"),
                        mention("c", "万象新天"))

    assert key_places["a"] != key_places["b"]


def test_subdistricts_keep_same_name_apart():
    key_places = merged(mention("a", "新村", subdistrict="440304001"),
                        mention("b", "新村", subdistrict="440304002"),
                        mention("c", "新村"))

    assert key_places["a"] != key_places["b"]


def test_far_coordinates_keep_same_name_apart():
    key_places = merged(mention("a", "麦当劳", latitude=22.5400, longitude=114.0500),
                        mention("b", "麦当劳", latitude=22.5402, longitude=114.0501),
                        mention("c", "麦当劳", latitude=22.5600, longitude=114.0500))

    assert key_places["a"] == key_places["b"]
    assert key_places["a"] != key_places["c"]


def test_generic_names_merge_only_by_coordinates():
    key_places = merged(
        mention("a", "hospital", "11", "c1", latitude=37.5000, longitude=127.0000),
        mention("b", "hospital", "11", "c2", latitude=37.50005, longitude=127.00005),
        mention("c", "hospital", "11", "c3", latitude=37.5030, longitude=127.0000),
        mention("d", "hospital", "11", "c4"), mention("e", "hospital", "11", "c5"),
        mention("f", "hospital", "11", "c5"))

    assert groups(key_places) == {frozenset("ab"), frozenset("c"), frozenset("d"),
                                  frozenset("ef")}


def test_centroid_coordinates_are_not_a_place():
    spot = {"latitude": 35.8714354, "longitude": 128.601445}
    key_places = merged(mention("a", "hospital", "12", "c1", **spot),
                        mention("b", "hospital", "12", "c2", **spot),
                        mention("c", "store", "12", "c3", **spot),
                        mention("d", "church", "12", "c4", **spot))

    assert key_places["a"] != key_places["b"]


def test_reference_point_coordinates_are_not_a_place():
    city_hall = {"latitude": 37.566535, "longitude": 126.9779692}
    reference = pd.DataFrame([{"latitude": 37.5665, "longitude": 126.978}])
    frame = pd.DataFrame([mention("a", "hospital", "10", "c1", **city_hall),
                          mention("b", "hospital", "10", "c2", **city_hall)])
    frame["mention_date"] = pd.to_datetime(frame["mention_date"])

    with_reference = merge_places(frame, SHENZHEN, reference_points=reference)
    without = merge_places(frame, SHENZHEN)

    assert with_reference["key_place_id"].nunique() == 2
    assert without["key_place_id"].nunique() == 1


def test_canonical_name_is_most_frequent_spelling():
    frame = pd.DataFrame([mention("a", "红树福苑花园"), mention("b", "红树福苑"),
                          mention("c", "红树福苑小区"), mention("d", "红树福苑")])
    frame["mention_date"] = pd.to_datetime(frame["mention_date"])

    matches = merge_places(frame, SHENZHEN).set_index("place_mention_id")

    assert set(matches["canonical_name"]) == {"红树福苑"}
    assert matches.loc["b", "match_score"] == 1.0
    assert matches.loc["c", "match_rule"] == "identical"
    assert matches.loc["a", "match_rule"] == "similarity"
    assert matches.loc["a", "match_score"] == 0.8


def test_key_place_id_matches_name_grouping():
    key_places = merged(mention("a", "益田村"))

    digest = hashlib.md5("益田村".encode()).hexdigest()[:16]
    assert key_places["a"] == f"440304:{digest}"


def test_districts_block_merging():
    key_places = merged(mention("a", "中心花园", "440304"), mention("b", "中心花园", "440305"))

    assert key_places["a"] != key_places["b"]


@pytest.mark.parametrize(("threshold", "is_merged"), [(0.3, True), (0.6, False)])
def test_threshold_is_a_setting(threshold, is_merged):
    key_places = merged(mention("a", "越众"), mention("b", "越众村"),
                        settings=MergeSettings(threshold=threshold))

    assert (key_places["a"] == key_places["b"]) == is_merged
