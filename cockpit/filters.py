"""The sidebar every page shares: data source, date range and districts.

Widget keys are the same on every page, so a choice made on one page holds on the next.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

import psycopg
import streamlit as st

from cockpit import data
from cockpit.formatting import format_date
from cockpit.labels import source_label

log = logging.getLogger(__name__)

# The default date range: the last 90 days of the source's data, or all of it when shorter.
# Leadership follows the recent weeks, and the window bounds what each page scans.
DEFAULT_WINDOW_DAYS = 90

NO_DATA_MESSAGE = ("数据库中还没有可展示的病例数据。请先导入数据，例如运行 "
                   "`liudiao run --source demo`，再点击侧栏的“刷新数据”。")


@dataclass(frozen=True)
class Filters:
    url: str
    source_name: str
    start_date: dt.date
    end_date: dt.date
    # Always the explicit codes, every district of the source when the user chose none.
    district_codes: tuple[str, ...]
    all_districts: bool
    district_names: dict[str, str]
    first_case_date: dt.date
    last_case_date: dt.date

    @property
    def params(self) -> tuple:
        """The arguments most data functions take after the URL."""
        return (self.url, self.source_name, self.district_codes)

    def district_name(self, code: str) -> str:
        return self.district_names.get(code, code)


def sidebar_filters() -> Filters | None:
    """Draw the shared sidebar and return the choices, or None after showing why there is
    nothing to show (no database, no source, no cases)."""
    url = data.current_url()
    try:
        sources = data.list_sources(url)
    except psycopg.OperationalError as error:
        log.warning("cockpit cannot reach the database: %s", error.__class__.__name__)
        st.error("无法连接数据库。请确认 PostgreSQL 已启动，并检查环境变量 LIUDIAO_DATABASE_URL。")
        return None

    sidebar = st.sidebar
    if sidebar.button("刷新数据", help="清除缓存，重新从数据库读取。"):
        st.cache_data.clear()
    if not sources:
        st.info(NO_DATA_MESSAGE)
        return None

    # A link may name the source: ``/?source=shenzhen-2020``.
    linked = st.query_params.get("source")
    source_name = sidebar.selectbox("数据源", sources, format_func=source_label,
                                    index=sources.index(linked) if linked in sources else 0,
                                    key="filter_source_name")
    districts = data.source_districts(url, source_name)
    if districts.empty:
        st.info(f"数据源 {source_label(source_name)} 还没有病例数据。")
        return None

    first_day = min(districts["first_case_date"])
    last_day = max(districts["last_case_date"])
    default_start = max(first_day, last_day - dt.timedelta(days=DEFAULT_WINDOW_DAYS - 1))
    # NOTE: st.date_input (Streamlit 1.67) takes no locale, so its calendar popup may name
    # months in English. The field shows YYYY/MM/DD and every date on the pages is Chinese.
    picked = sidebar.date_input(
        "日期范围", value=(default_start, last_day), min_value=first_day, max_value=last_day,
        key=f"filter_dates_{source_name}", format="YYYY/MM/DD",
        help=f"默认显示数据最后 {DEFAULT_WINDOW_DAYS} 天。",
    )
    start_date, end_date = _date_pair(picked, first_day, last_day)
    if start_date > end_date:
        sidebar.warning("开始日期晚于结束日期，已按先后顺序对调。")
        start_date, end_date = end_date, start_date
    sidebar.caption(f"数据覆盖 {format_date(first_day)}至{format_date(last_day)}")

    names = dict(zip(districts["district_code"], districts["district_name"], strict=True))
    chosen = sidebar.multiselect("行政区", list(names), format_func=names.get,
                                 placeholder="全部行政区", key=f"filter_districts_{source_name}")
    return Filters(
        url=url,
        source_name=source_name,
        start_date=start_date,
        end_date=end_date,
        district_codes=tuple(chosen or names),
        all_districts=not chosen,
        district_names=names,
        first_case_date=first_day,
        last_case_date=last_day,
    )


def _date_pair(picked, first_day: dt.date, last_day: dt.date) -> tuple[dt.date, dt.date]:
    """The date input returns one date while the user is still picking the second."""
    if isinstance(picked, (tuple, list)):
        if len(picked) == 2:
            return picked[0], picked[1]
        if len(picked) == 1:
            return picked[0], picked[0]
        return first_day, last_day
    return picked, picked
