"""The investigator pages, served by every relay node from realtime/static/."""

from __future__ import annotations

import html
import json
from functools import cache
from pathlib import Path

STATIC = Path(__file__).parent / "static"


@cache
def _template(name: str) -> str:
    return (STATIC / name).read_text(encoding="utf-8")


def start_page() -> str:
    return _template("index.html")


def call_page(call_id: str) -> str:
    """The live transcript page of ``call_id``; the token comes from the URL fragment."""
    return (
        _template("call.html")
        .replace("{{call_id_html}}", html.escape(call_id))
        .replace("{{call_id_json}}", json.dumps(call_id))
    )
