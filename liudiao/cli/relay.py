"""``liudiao relay``: run one node of the live call transcript relay."""

from __future__ import annotations

import logging
import sys
import uuid

import click

from liudiao.cli.token import DEV_SECRET, relay_secret
from liudiao.config import load_settings

log = logging.getLogger(__name__)



@click.command(help="运行实时通话转写中继的一个节点（WebSocket 与 HTTP 共用一个端口）。")
@click.option("--host", default="127.0.0.1", show_default=True, help="监听地址。")
@click.option("--port", default=8765, show_default=True, type=int,
              help="监听端口，0 表示任选空闲端口。")
@click.option("--memory", is_flag=True,
              help="不使用 Redis，单进程内存转发（仅用于开发和基准对照，不支持多节点）。")
@click.option("--dev", is_flag=True,
              help="开发模式：未设置 LIUDIAO_JWT_SECRET 时使用固定的开发密钥。")
@click.option("--node-id", default=None, help="节点标识，默认随机生成。")
@click.option("--ping-interval", default=20.0, show_default=True, type=float,
              help="心跳 ping 间隔（秒）。")
@click.option("--ping-timeout", default=20.0, show_default=True, type=float,
              help="等待 pong 的超时（秒），超时即断开连接。")
@click.option("--drain-seconds", default=5.0, show_default=True, type=float,
              help="收到 SIGTERM 后在多少秒内分批关闭客户端连接。")
@click.option("--no-places", is_flag=True, help="不从 marts.key_places 读取已知场所。")
def relay(host: str, port: int, memory: bool, dev: bool, node_id: str | None,
          ping_interval: float, ping_timeout: float, drain_seconds: float,
          no_places: bool) -> None:
    # Imported here so other commands do not pay for the relay's imports.
    import uvloop

    from realtime.drain import run_until_terminated
    from realtime.memory_backend import MemoryBackend
    from realtime.node import RelayNode
    from realtime.redis_streams import RedisBackend
    from realtime.settings import RelayConfig

    secret = relay_secret(dev)
    if secret is None:
        click.echo("未设置 LIUDIAO_JWT_SECRET，中继拒绝启动。开发时可加 --dev 使用开发密钥。",
                   err=True)
        sys.exit(2)
    if secret == DEV_SECRET:
        log.warning("LIUDIAO_JWT_SECRET is not set: using the development secret")

    # websockets logs every connection at INFO; the relay logs its own line per connection.
    logging.getLogger("websockets").setLevel(logging.WARNING)
    config = RelayConfig(host=host, port=port, ping_interval_s=ping_interval,
                         ping_timeout_s=ping_timeout, drain_seconds=drain_seconds)
    database_url = None if no_places else _database_url()
    node_id = node_id or uuid.uuid4().hex[:12]
    if memory:
        backend, registration_client = MemoryBackend(config.stream_maxlen), None
    else:
        backend = RedisBackend(_redis_url(), config, node_id)
        registration_client = backend.client
    node = RelayNode(config, backend, secret, database_url=database_url, node_id=node_id,
                     registration_client=registration_client)
    uvloop.run(run_until_terminated(node))


def _redis_url() -> str:
    """LIUDIAO_REDIS_URL, else the embedded Redis, started if it is not running."""
    from liudiao.embedded.redis import EmbeddedRedis, EmbeddedRedisError

    settings = load_settings()
    if settings.redis_url:
        return settings.redis_url
    server = EmbeddedRedis.from_settings(settings)
    try:
        server.start()
    except EmbeddedRedisError as error:
        click.echo(f"内置 Redis 启动失败：{error}", err=True)
        sys.exit(1)
    return server.url


def _database_url() -> str | None:
    from liudiao.db import database_url

    return database_url()
