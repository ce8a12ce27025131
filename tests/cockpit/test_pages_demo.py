"""Every page on demo data loaded by the headless pipeline (import, dbt, analytics)."""

from __future__ import annotations

import psycopg
import pytest

from liudiao import idcard, phone
from tests.cockpit.apptest import PAGES, TITLES, all_text, run_page


@pytest.fixture(scope="module")
def personal_values(demo_database) -> list[str]:
    """Names, ID card numbers and phone numbers of the demo people, which no page may show."""
    with psycopg.connect(demo_database) as conn:
        rows = conn.execute("select name, id_card_number, phone from marts.persons"
                            " where name is not null limit 200").fetchall()
    values = [value for row in rows for value in row if value and len(value) >= 2]
    assert values, "the demo data has no person with a name"
    return values


@pytest.mark.parametrize("page", PAGES)
def test_demo_page_renders(demo_database, page):
    app = run_page(page, demo_database)
    assert not app.exception, [error.value for error in app.exception]
    assert [title.value for title in app.title] == [TITLES[page]]
    assert not app.error, [error.value for error in app.error]


@pytest.mark.parametrize("page", PAGES)
def test_demo_page_shows_no_personal_data(demo_database, personal_values, page):
    text = all_text(run_page(page, demo_database))
    shown = [value for value in personal_values if value in text]
    masked = [idcard.mask(value) if len(value) >= 15 else phone.mask(value) for value in shown]
    assert shown == [], f"personal values on page {page}: {masked}"


def test_demo_overview_counts_cases(demo_database):
    with psycopg.connect(demo_database) as conn:
        total = conn.execute("select count(*) from marts.cases where source_name = 'demo'"
                             ).fetchone()[0]
    app = run_page("overview", demo_database)
    metrics = {metric.label: metric.value for metric in app.metric}
    assert metrics["累计病例"] == f"{total:,} 例"
