"""Known place names for entity extraction, read from the database mart ``marts.key_places``.

The relay talks to the rest of the platform only through the database: when the mart is not
reachable (no database, or the pipeline has not built it yet), extraction runs with the
jurisdiction's built-in place tables alone.
"""

from __future__ import annotations

import logging

import psycopg

log = logging.getLogger(__name__)

KEY_PLACES_QUERY = """
select distinct canonical_name
from marts.key_places
where canonical_name is not null and canonical_name <> ''
order by canonical_name
"""


def load_known_places(database_url: str | None, connect_timeout_s: int = 3) -> list[str]:
    """Return the canonical names of the key places, or an empty list if the mart is unreachable."""
    if not database_url:
        return []
    try:
        with psycopg.connect(database_url, connect_timeout=connect_timeout_s) as connection:
            rows = connection.execute(KEY_PLACES_QUERY).fetchall()
    except psycopg.Error as error:
        log.warning("known places not loaded, marts.key_places unreachable: %s",
                    str(error).splitlines()[0] if str(error) else type(error).__name__)
        return []
    names = [row[0] for row in rows]
    log.info("loaded %d known places from marts.key_places", len(names))
    return names
