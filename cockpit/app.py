"""Entry file of the 流调驾驶舱 cockpit: ``streamlit run cockpit/app.py`` or ``liudiao cockpit``.

Pages are modules of cockpit.pages, each with a ``main()``; the database URL comes from
liudiao.db.database_url() (LIUDIAO_DATABASE_URL, else the embedded server).
"""

from __future__ import annotations

import streamlit as st

from cockpit.pages import chains, curve, districts, key_places, overview, quality

# The default page is served at the root URL; its url_path only names it.
DEFAULT_URL_PATH = "overview"
PAGES = (
    (overview, DEFAULT_URL_PATH, ":material/dashboard:"),
    (curve, "curve", ":material/show_chart:"),
    (districts, "districts", ":material/map:"),
    (chains, "chains", ":material/share:"),
    (key_places, "key_places", ":material/location_on:"),
    (quality, "quality", ":material/fact_check:"),
)


def main() -> None:
    st.set_page_config(page_title="流调驾驶舱", page_icon=":material/coronavirus:",
                       layout="wide")
    pages = [st.Page(module.main, title=module.TITLE, url_path=url_path, icon=icon,
                     default=module is overview)
             for module, url_path, icon in PAGES]
    st.sidebar.markdown("### 流调驾驶舱")
    st.navigation(pages).run()


if __name__ == "__main__":
    main()
