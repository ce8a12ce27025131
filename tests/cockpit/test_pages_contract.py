"""Every page on the contract rows of tests/cockpit/contract_rows.py, whose figures are known."""

from __future__ import annotations

import pytest

from cockpit.filters import NO_DATA_MESSAGE
from cockpit.pages.chains import LINKS_NOTICE
from tests.cockpit.apptest import PAGES, TITLES, all_text, run_entry_file, run_page
from tests.cockpit.contract_rows import REJECTED_ID_CARD, REJECTED_PHONE, load_contract_rows


@pytest.mark.parametrize("page", PAGES)
def test_page_renders_heading(contract_database, page):
    app = run_page(page, contract_database)
    assert not app.exception, [error.value for error in app.exception]
    assert [title.value for title in app.title] == [TITLES[page]]


@pytest.mark.parametrize("page", PAGES)
def test_page_empty_database_message(empty_database, page):
    app = run_page(page, empty_database)
    assert not app.exception, [error.value for error in app.exception]
    assert [info.value for info in app.info] == [NO_DATA_MESSAGE]


def test_entry_file_shows_overview(contract_database):
    app = run_entry_file(contract_database)
    assert not app.exception, [error.value for error in app.exception]
    assert [title.value for title in app.title] == ["总览"]


def test_overview_metrics(contract_database):
    app = run_page("overview", contract_database)
    metrics = {metric.label: (metric.value, metric.delta) for metric in app.metric}
    # 80 cases, three a day from 2020-01-20; the last day 2020-02-15 has 2, the day before 3.
    assert metrics["新增病例"] == ("2 例", "较昨日 -1")
    assert metrics["累计病例"] == ("80 例", "较昨日 +2")
    assert metrics["重点场所"][0] == "10 处"
    assert metrics["活跃传播链"] == ("1 条", "较昨日 持平")


def test_overview_as_of_date(contract_database):
    import datetime as dt

    app = run_page("overview", contract_database,
                   {"overview_as_of_demo": dt.date(2020, 1, 21)})
    metrics = {metric.label: (metric.value, metric.delta) for metric in app.metric}
    assert metrics["新增病例"] == ("3 例", "较昨日 持平")
    assert metrics["累计病例"] == ("6 例", "较昨日 +3")


def test_district_filter_narrows_counts(contract_database):
    app = run_page("overview", contract_database, {"filter_districts_demo": ["440303"]})
    metrics = {metric.label: metric.value for metric in app.metric}
    assert metrics["累计病例"] == "20 例"


def test_quality_masks_id_card_and_phone(contract_database):
    app = run_page("quality", contract_database)
    text = all_text(app)
    assert "校验位错误" in text
    assert "invalid_id_card" not in text
    assert REJECTED_ID_CARD not in text
    assert REJECTED_PHONE not in text
    assert "440*************34" in text


def test_quality_reconciliation_finds_mismatch(contract_database):
    app = run_page("quality", contract_database)
    text = all_text(app)
    assert "其中 1 个不一致" in text
    assert "传染者病例不在病例清单中" in text


def test_chains_without_chain_marts_notice(contract_database):
    app = run_page("chains", contract_database)
    assert [info.value for info in app.info] == [LINKS_NOTICE]
    assert "本链共 30 例，5 代" in all_text(app)


def test_chains_by_case_ref(contract_database):
    app = run_page("chains", contract_database,
                   {"chains_pick_by": "按病例编号", "chains_case_ref": "C043"})
    assert not app.exception
    assert "本链共 5 例，5 代" in all_text(app)


def test_chains_unknown_case_ref(contract_database):
    app = run_page("chains", contract_database,
                   {"chains_pick_by": "按病例编号", "chains_case_ref": "C077"})
    assert "病例 C077 不属于任何传播链" in all_text(app)


def test_chains_from_chain_marts(server_url):
    from tests.cockpit.conftest import _create_database, _drop_database

    url = _create_database(server_url)
    try:
        load_contract_rows(url, with_chain_marts=True)
        app = run_page("chains", url)
        assert not app.exception, [error.value for error in app.exception]
        assert LINKS_NOTICE not in all_text(app)
        assert "本链共 30 例，5 代" in all_text(app)
        overview = run_page("overview", url)
        metrics = {metric.label: metric.value for metric in overview.metric}
        assert metrics["活跃传播链"] == "1 条"
    finally:
        _drop_database(server_url, url)


def test_key_places_ranking_first(contract_database):
    app = run_page("key_places", contract_database)
    assert [subheader.value for subheader in app.subheader] == ["场所时间线：测试场所0号"]


def test_districts_table(contract_database):
    app = run_page("districts", contract_database)
    table = app.dataframe[0].value
    assert list(table["行政区"]) == ["罗湖区", "福田区", "南山区", "宝安区"]
    assert list(table["病例数"]) == [20, 20, 20, 20]
