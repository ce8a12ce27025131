"""The cockpit's pages, one module each, with a ``main()`` that cockpit/app.py registers.

NOTE: Streamlit 1.67 treats a ``pages`` folder beside the entry file as its older file-based
page list until the first st.navigation call in the server process. Until then, opening
``/<page>`` runs that page's module as a script, so each module ends by handing over to the
entry file with :func:`run_entry_file`. Drop that once Streamlit ignores the folder from the
start.
"""

from __future__ import annotations


def run_entry_file(url_path: str) -> None:
    """Run cockpit/app.py in place of a page module that Streamlit ran as a script, and make
    its st.navigation pick the page by ``url_path`` (the module's name)."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    from cockpit import app

    context = get_script_run_ctx()
    if context is not None:
        # The file-based page's hash matches no st.Page; without this the entry file would
        # show Streamlit's "Page not found" dialog and fall back to the default page. The
        # default page lives at the root URL, whatever its url_path.
        page_name = "" if url_path == app.DEFAULT_URL_PATH else url_path
        context.pages_manager.set_script_intent("", page_name)
    app.main()
