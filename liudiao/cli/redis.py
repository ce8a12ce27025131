"""``liudiao redis start|stop|status|url``: the embedded Redis."""

from __future__ import annotations

import sys

import click

from liudiao.config import load_settings
from liudiao.embedded.redis import EmbeddedRedis, EmbeddedRedisError, redis_url


def _embedded() -> EmbeddedRedis:
    return EmbeddedRedis.from_settings(load_settings())


def _skip_if_external() -> bool:
    if load_settings().redis_url:
        click.echo("已设置 LIUDIAO_REDIS_URL，使用外部 Redis，内置 Redis 不启动。")
        return True
    return False


@click.group(help="内置 Redis（实时转写中继使用；数据位于 $LIUDIAO_HOME/redis）。")
def redis() -> None:
    pass


@redis.command(help="启动内置 Redis（仅监听 127.0.0.1，端口见 LIUDIAO_EMBEDDED_REDIS_PORT，"
                    "默认 63799）。")
def start() -> None:
    if _skip_if_external():
        return
    server = _embedded()
    try:
        server.start()
    except EmbeddedRedisError as error:
        click.echo(f"内置 Redis 启动失败：{error}", err=True)
        sys.exit(1)
    click.echo(f"内置 Redis 已启动：{server.url}")


@redis.command(help="停止内置 Redis。")
def stop() -> None:
    if _skip_if_external():
        return
    server = _embedded()
    if not server.is_running():
        click.echo("内置 Redis 未在运行，无需停止。")
        return
    try:
        server.stop()
    except EmbeddedRedisError as error:
        click.echo(f"内置 Redis 停止失败：{error}", err=True)
        sys.exit(1)
    click.echo("内置 Redis 已停止。")


@redis.command(help="显示内置 Redis 是否在运行；未运行时退出码为 1。")
def status() -> None:
    if _skip_if_external():
        return
    server = _embedded()
    if server.is_running():
        click.echo(f"运行中：{server.url}")
    else:
        click.echo("未运行。请先执行 liudiao redis start。")
        sys.exit(1)


@redis.command(help="输出当前使用的 Redis 连接 URL。")
def url() -> None:
    click.echo(redis_url())
