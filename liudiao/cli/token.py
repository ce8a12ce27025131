"""``liudiao token``: sign an access token for the realtime relay, for development and tests."""

from __future__ import annotations

import sys

import click

from liudiao.config import load_settings

DEV_SECRET = "liudiao-development-secret-not-for-production"


def relay_secret(dev: bool) -> str | None:
    """Return LIUDIAO_JWT_SECRET, else the development key when ``dev`` is set."""
    secret = load_settings().jwt_secret
    if secret:
        return secret
    return DEV_SECRET if dev else None


@click.command(help="签发实时转写中继的访问令牌（JWT），输出到标准输出。正式环境的令牌由身份服务签发。")
@click.option("--role", type=click.Choice(["investigator", "asr"]), required=True,
              help="investigator：流调人员订阅通话；asr：语音识别服务发布转写。")
@click.option("--call", "calls", multiple=True, required=True,
              help="允许的通话编号，可重复；* 表示全部通话。")
@click.option("--subject", default="", help="令牌持有人标识，例如流调人员工号。")
@click.option("--ttl", type=click.IntRange(60, 86_400), default=3600, show_default=True,
              help="有效期（秒）。")
@click.option("--dev", is_flag=True,
              help="未设置 LIUDIAO_JWT_SECRET 时使用开发密钥（与 liudiao relay --dev 相同）。")
def token(role: str, calls: tuple[str, ...], subject: str, ttl: int, dev: bool) -> None:
    from realtime.auth import issue

    secret = relay_secret(dev)
    if secret is None:
        click.echo("未设置 LIUDIAO_JWT_SECRET，无法签发令牌。开发时可加 --dev 使用开发密钥。",
                   err=True)
        sys.exit(2)
    click.echo(issue(secret, role, list(calls), subject=subject, ttl_seconds=ttl))
