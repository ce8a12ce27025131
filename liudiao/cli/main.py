"""Root command group. Each subcommand lives in its own module and imports its component lazily,
so ``liudiao db status`` does not pay for importing Dagster or Streamlit."""

from __future__ import annotations

import logging

import click

from liudiao.cli.bench import bench
from liudiao.cli.cockpit import cockpit
from liudiao.cli.db import db
from liudiao.cli.demo import demo
from liudiao.cli.demo_data import demo_data
from liudiao.cli.errors import ChineseGroup
from liudiao.cli.redis import redis
from liudiao.cli.relay import relay
from liudiao.cli.run import run
from liudiao.cli.token import token


@click.group(cls=ChineseGroup, help="liudiao 流调数据平台命令行。")
@click.option("-v", "--verbose", is_flag=True, help="输出调试日志。")
def cli(verbose: bool) -> None:
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )


cli.add_command(cockpit)
cli.add_command(db)
cli.add_command(demo)
cli.add_command(demo_data)
cli.add_command(run)
cli.add_command(redis)
cli.add_command(relay)
cli.add_command(bench)
cli.add_command(token)
