"""``liudiao db start|stop|status|url``: the embedded PostgreSQL."""

from __future__ import annotations

import sys

import click

from liudiao.config import load_settings
from liudiao.db import database_url
from liudiao.embedded.postgres import EmbeddedPostgres, EmbeddedPostgresError


def _embedded() -> EmbeddedPostgres:
    return EmbeddedPostgres.from_settings(load_settings())


def _refuse_if_external() -> bool:
    if load_settings().database_url:
        click.echo("已设置 LIUDIAO_DATABASE_URL，使用外部数据库，内置 PostgreSQL 不启动。")
        return True
    return False


@click.group(help="内置 PostgreSQL 数据库（数据位于 $LIUDIAO_HOME/pgdata）。")
def db() -> None:
    pass


@db.command(help="启动内置 PostgreSQL（仅监听 127.0.0.1）。")
def start() -> None:
    if _refuse_if_external():
        return
    server = _embedded()
    try:
        server.start()
    except EmbeddedPostgresError as error:
        click.echo(f"内置 PostgreSQL 启动失败：{error}", err=True)
        sys.exit(1)
    click.echo(f"内置 PostgreSQL 已启动：{server.url}")


@db.command(help="停止内置 PostgreSQL。")
def stop() -> None:
    if _refuse_if_external():
        return
    server = _embedded()
    if not server.is_running():
        click.echo("内置 PostgreSQL 未在运行，无需停止。")
        return
    server.stop()
    click.echo("内置 PostgreSQL 已停止。")


@db.command(help="显示内置 PostgreSQL 是否在运行；未运行时退出码为 1。")
def status() -> None:
    if _refuse_if_external():
        return
    server = _embedded()
    if server.is_running():
        click.echo(f"运行中：{server.url}")
    else:
        click.echo("未运行。请先执行 liudiao db start。")
        sys.exit(1)


@db.command(help="输出当前使用的数据库连接 URL。")
def url() -> None:
    click.echo(database_url())
