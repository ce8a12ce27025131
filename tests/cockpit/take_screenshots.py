"""Screenshots of every cockpit page for the user guide, from a loaded database.

    python -m tests.cockpit.take_screenshots DATABASE_URL SOURCE_NAME OUTPUT_FOLDER

writes ``cockpit-<source>-<page>.png`` for each page, taken by the headless Chromium of the
browser test at 0.75 scale.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from tests.cockpit.apptest import TITLES
from tests.cockpit.browser import chromium, page_url, streamlit_server
from tests.cockpit.test_browser import PAGE_LOAD_TIMEOUT_S

# A page has loaded when its title shows and Streamlit's running indicator has gone.
PAGE_READY = ("document.querySelector('h1') && document.querySelector('h1').innerText"
              ".includes('{title}') && !document.querySelector('[data-testid=stStatusWidget]')")


def main(database_url: str, source_name: str, output: Path) -> None:
    log = Path(tempfile.mkdtemp()) / "streamlit.log"
    with streamlit_server(database_url, log) as base_url, chromium() as page:
        for url_path, title in TITLES.items():
            page.open(f"{base_url}/{page_url(url_path)}?source={source_name}")
            page.wait_for(PAGE_READY.format(title=title), PAGE_LOAD_TIMEOUT_S, url_path)
            page.wait_for("document.querySelectorAll('.js-plotly-plot .main-svg').length > 0"
                          " || document.querySelector('[data-testid=stAlert]')",
                          PAGE_LOAD_TIMEOUT_S, f"content of {url_path}")
            time.sleep(3)  # plotly animates its first draw, tables fill in after it
            path = output / f"cockpit-{source_name}-{url_path}.png"
            page.screenshot(path)
            print(f"wrote {path}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], Path(sys.argv[3]))
