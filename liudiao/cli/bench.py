"""``liudiao bench relay``: benchmarks of platform components."""

from __future__ import annotations

import json
import logging

import click


@click.group(help="性能基准测试（只在本机回环地址上运行）。")
def bench() -> None:
    pass


@bench.command(help="转写中继基准：本机启动 Redis 和多个中继节点，模拟 ASR 发布端和流调员订阅端，"
                    "输出一行 JSON（发送、送达、丢失、重复、延迟、各节点内存峰值）。")
@click.option("--nodes", default=2, show_default=True, type=click.IntRange(1, 16),
              help="中继节点数。")
@click.option("--calls", default=1000, show_default=True, type=click.IntRange(1, 5000),
              help="同时进行的通话数（每个通话一个发布端和一个订阅端）。")
@click.option("--rate", default=2.0, show_default=True, type=click.FloatRange(0.1, 50),
              help="每个通话每秒发布的消息数。")
@click.option("--duration", default=60.0, show_default=True, type=click.FloatRange(1, 600),
              help="发布持续时间（秒）。")
@click.option("--kill-node", is_flag=True, help="发布进行到一半时用 SIGKILL 杀掉第一个节点。")
@click.option("--baseline", is_flag=True,
              help="对照组：单进程内存直接转发，不经过 Redis（忽略 --nodes 和 --kill-node）。")
@click.option("--drivers", default=None, type=click.IntRange(1, 32),
              help="产生负载的进程数，默认每 250 个通话一个（最多 8 个）。")
def relay(nodes: int, calls: int, rate: float, duration: float, kill_node: bool,
          baseline: bool, drivers: int | None) -> None:
    from realtime.bench import run_relay_bench

    logging.getLogger("websockets").setLevel(logging.WARNING)
    try:
        figures = run_relay_bench(nodes, calls, rate, duration, kill_node, baseline, drivers)
    except ValueError as error:
        raise click.UsageError("--kill-node 至少需要 2 个节点。") from error
    click.echo(json.dumps(figures, ensure_ascii=False))
