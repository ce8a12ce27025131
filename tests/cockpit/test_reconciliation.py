"""The line list's running totals against the official cumulative counts."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from cockpit.data_quality import compare_cumulative

DAY_1, DAY_2, DAY_3 = dt.date(2020, 2, 1), dt.date(2020, 2, 2), dt.date(2020, 2, 3)


def test_compare_cumulative_per_district_and_city():
    official = pd.DataFrame({
        "report_date": [DAY_1, DAY_2, DAY_3, DAY_3],
        "district_code": ["total", "total", "total", "440303"],
        "cumulative_cases": [2, 2, 6, 3],
    })
    daily = pd.DataFrame({
        "report_date": [DAY_1, DAY_1, DAY_3],
        "district_code": ["440303", "440304", "440303"],
        "count_cases": [1, 1, 3],
    })
    compared = compare_cumulative(official, daily).set_index(["report_date", "district_code"])
    assert compared.loc[(DAY_2, "total"), "cumulative_line_list"] == 2
    assert compared.loc[(DAY_3, "total"), "cumulative_line_list"] == 5
    assert compared.loc[(DAY_3, "total"), "difference"] == -1
    assert compared.loc[(DAY_3, "440303"), "difference"] == 1
