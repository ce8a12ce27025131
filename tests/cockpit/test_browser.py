"""Every page in a real headless Chromium against ``streamlit run cockpit/app.py``.

Screenshots go to tests/artifacts/cockpit/ (git-ignored).
"""

from __future__ import annotations

import json
import shutil

import pytest

from liudiao.config import PROJECT_ROOT
from tests.cockpit.apptest import TITLES
from tests.cockpit.browser import CHROMIUM, chromium, page_url, streamlit_server

ARTIFACTS = PROJECT_ROOT / "tests" / "artifacts" / "cockpit"
CHART_LOADED = "document.querySelectorAll('.js-plotly-plot .main-svg').length > 0"
PAGE_LOAD_TIMEOUT_S = 90
TEXT_TIMEOUT_S = 15

# Text each page shows besides its title once its data has loaded.
PAGE_TEXTS = {
    "overview": ["新增病例", "累计病例", "在管密切接触者", "较昨日"],
    "curve": ["按发病日期", "按报告日期", "7日移动平均"],
    "districts": ["各行政区统计", "罗湖区", "导出 Excel"],
    "chains": ["本链共 30 例", "代际"],
    "key_places": ["场所时间线", "测试场所0号"],
    "quality": ["拒收记录", "与官方每日统计核对"],
}

pytestmark = pytest.mark.skipif(shutil.which(CHROMIUM) is None,
                                reason="Debian's chromium is not installed")


def test_pages_in_chromium(contract_database, tmp_path):
    failures = []
    with streamlit_server(contract_database, tmp_path / "streamlit.log") as base_url, \
            chromium() as page:
        for url_path, title in TITLES.items():
            page.open(f"{base_url}/{page_url(url_path)}")
            page.wait_for(CHART_LOADED, PAGE_LOAD_TIMEOUT_S, f"a chart on {url_path}")
            page.wait_for(f"document.querySelector('h1') && "
                          f"document.querySelector('h1').innerText.includes('{title}')",
                          PAGE_LOAD_TIMEOUT_S, f"heading of {url_path}")
            for expected in PAGE_TEXTS[url_path]:
                # Tables and captions may render after the chart.
                try:
                    page.wait_for(f"document.body.innerText.includes({json.dumps(expected)})",
                                  TEXT_TIMEOUT_S, expected)
                except TimeoutError:
                    failures.append((url_path, expected))
            page.screenshot(ARTIFACTS / f"{url_path}.png")
    assert failures == []
