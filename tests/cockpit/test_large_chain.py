"""The chain page on a chain of 5,000 cases: drawn aggregated, with a notice on screen."""

from __future__ import annotations

import psycopg
import pytest

from tests.cockpit.apptest import run_page
from tests.cockpit.conftest import _create_database, _drop_database
from tests.cockpit.contract_rows import load_contract_rows

COUNT_CASES = 5_000

# A ternary tree of 5,000 cases in February 2020: case n was infected by case (n - 1) / 3.
LARGE_CHAIN_SQL = f"""
insert into marts.cases (case_id, source_name, source_case_ref, case_date, district_code,
                         case_type)
select 'demo:B' || number, 'demo', 'B' || number, date '2020-02-01' + number % 20,
       (array['440303', '440304', '440305', '440306'])[1 + number % 4], 'confirmed'
from generate_series(0, {COUNT_CASES - 1}) as number;

insert into marts.transmission_links (transmission_link_id, source_name, infector_case_id,
    infectee_case_id, infector_source_case_ref, infectee_source_case_ref, is_infector_known,
    is_infectee_known)
select 'demo:BL' || number, 'demo', 'demo:B' || ((number - 1) / 3), 'demo:B' || number,
       'B' || ((number - 1) / 3), 'B' || number, true, true
from generate_series(1, {COUNT_CASES - 1}) as number;
"""


@pytest.fixture(scope="module")
def large_chain_database(server_url):
    url = _create_database(server_url)
    try:
        load_contract_rows(url)
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(LARGE_CHAIN_SQL)
        yield url
    finally:
        _drop_database(server_url, url)


def test_large_chain_is_aggregated(large_chain_database):
    app = run_page("chains", large_chain_database)
    assert not app.exception, [error.value for error in app.exception]
    warnings = [warning.value for warning in app.warning]
    assert len(warnings) == 1
    assert "本链共 5,000 例，超过逐例绘制上限 1,000 例" in warnings[0]
    assert "已按“代际 × 行政区”聚合" in warnings[0]


def test_large_chain_figure_size(large_chain_database):
    app = run_page("chains", large_chain_database)
    figure = app.get("plotly_chart")[0].proto.spec
    # 8 generations × 4 districts at most: the figure stays small however large the chain.
    assert len(figure) < 200_000
    assert app.selectbox(key="chains_chain_id").options[0].startswith("第 1 大：5,000 例")
