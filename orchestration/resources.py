"""Resources shared by the asset domains."""

from __future__ import annotations

import dagster as dg

from liudiao.db import database_url


class DatabaseResource(dg.ConfigurableResource):
    """The platform database; empty ``url`` means LIUDIAO_DATABASE_URL or the embedded server."""

    url_override: str = ""

    @property
    def url(self) -> str:
        return self.url_override or database_url()
