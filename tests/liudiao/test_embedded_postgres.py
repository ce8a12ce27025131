"""The embedded PostgreSQL starts, serves SQL on 127.0.0.1 and stops."""

import psycopg

from liudiao.embedded.postgres import EmbeddedPostgres
from tests.conftest import _free_port


def test_start_query_stop(tmp_path):
    server = EmbeddedPostgres(pgdata=tmp_path / "pgdata", port=_free_port())
    server.start()
    try:
        assert server.is_running()
        with psycopg.connect(server.url) as conn:
            version = conn.execute("show server_version").fetchone()[0]
            address = conn.execute("select inet_server_addr()::text").fetchone()[0]
        assert version.startswith("18")
        assert address.startswith("127.0.0.1")
    finally:
        server.stop()
    assert not server.is_running()


def test_start_twice_is_harmless(tmp_path):
    server = EmbeddedPostgres(pgdata=tmp_path / "pgdata", port=_free_port())
    server.start()
    try:
        server.start()
        assert server.is_running()
    finally:
        server.stop()
