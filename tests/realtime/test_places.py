"""Known places read from marts.key_places."""

from __future__ import annotations

import psycopg

from realtime.places import load_known_places


def test_places_read_from_mart(fresh_database):
    with psycopg.connect(fresh_database, autocommit=True) as connection:
        connection.execute("create schema marts")
        connection.execute("create table marts.key_places (key_place_id text, canonical_name text)")
        connection.execute("insert into marts.key_places values "
                           "('kp1', '海岸城'), ('kp2', '世界之窗'), ('kp3', null), "
                           "('kp4', '海岸城')")
    assert load_known_places(fresh_database) == ["世界之窗", "海岸城"]


def test_missing_mart_gives_no_places(fresh_database):
    assert load_known_places(fresh_database) == []


def test_unreachable_database_gives_no_places():
    assert load_known_places("postgresql://postgres@127.0.0.1:1/none", connect_timeout_s=1) == []


def test_no_database_gives_no_places():
    assert load_known_places(None) == []
