"""Partition windows and the run tags that select them."""

from orchestration.partitions import covering_tags, range_tags, window_of


def test_window_of_spans_whole_months_and_districts():
    keys = ["2020-01-01|440305", "2020-02-01|440303", "2020-01-01|440303"]
    assert window_of(keys) == {
        "start_date": "2020-01-01",
        "end_date": "2020-02-29",
        "districts": ["440303", "440305"],
    }


def test_range_tags_select_months_of_dates():
    tags = range_tags("2020-01-20", "2020-02-05", ["440303", "440304", "other"])
    assert tags["dagster/asset_partition_range_start"] == "2020-01-01|440303"
    assert tags["dagster/asset_partition_range_end"] == "2020-02-01|other"


def test_covering_tags_follow_registration_order():
    order = ["440303", "440304", "440305", "other"]
    tags = covering_tags(["2020-02-02|440305", "2020-01-30|440304"], order)
    assert tags["dagster/asset_partition_range_start"] == "2020-01-01|440304"
    assert tags["dagster/asset_partition_range_end"] == "2020-02-01|440305"


def test_covering_tags_none_without_touched_partitions():
    assert covering_tags([], ["440303"]) is None
