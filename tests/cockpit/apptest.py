"""Run one cockpit page, or the entry file, with streamlit.testing.v1.AppTest."""

from __future__ import annotations

import os
from contextlib import contextmanager

import streamlit as st
from streamlit.testing.v1 import AppTest

from liudiao.config import PROJECT_ROOT

PAGES = ("overview", "curve", "districts", "chains", "key_places", "quality")
TITLES = {"overview": "总览", "curve": "疫情曲线", "districts": "区域分布", "chains": "传播链",
          "key_places": "重点场所", "quality": "数据质量"}
TIMEOUT_S = 120


@contextmanager
def _database(database_url: str):
    """Point liudiao.db.database_url() at ``database_url`` for one run, with empty caches."""
    previous = os.environ.get("LIUDIAO_DATABASE_URL")
    os.environ["LIUDIAO_DATABASE_URL"] = database_url
    st.cache_data.clear()
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop("LIUDIAO_DATABASE_URL", None)
        else:
            os.environ["LIUDIAO_DATABASE_URL"] = previous


def run_page(page: str, database_url: str, session_state: dict | None = None,
             app: AppTest | None = None) -> AppTest:
    """Render ``cockpit.pages.<page>`` against ``database_url``; pass ``app`` to rerun it."""
    if app is None:
        app = AppTest.from_string(f"from cockpit.pages import {page}\n{page}.main()\n",
                                  default_timeout=TIMEOUT_S)
    for key, value in (session_state or {}).items():
        app.session_state[key] = value
    with _database(database_url):
        return app.run()


def run_entry_file(database_url: str) -> AppTest:
    with _database(database_url):
        return AppTest.from_file(str(PROJECT_ROOT / "cockpit" / "app.py"),
                                 default_timeout=TIMEOUT_S).run()


def all_text(app: AppTest) -> str:
    """Every value shown by the text-like elements of a run, for "appears nowhere" checks."""
    parts = []
    for kind in ("title", "header", "subheader", "caption", "markdown", "info", "warning",
                 "error", "success"):
        parts += [str(element.value) for element in getattr(app, kind)]
    parts += [f"{metric.label} {metric.value} {metric.delta}" for metric in app.metric]
    parts += [element.value.to_string() for element in app.dataframe]
    return "\n".join(parts)
