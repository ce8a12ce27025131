"""``liudiao demo``: the whole platform on demo data, served on 127.0.0.1 until Ctrl-C."""

from __future__ import annotations

import os
import signal
import sys
import time

import click

from liudiao.cli.cockpit import COCKPIT_APP, streamlit_command
from liudiao.cli.run import default_path, ensure_database, ensure_demo_data
from liudiao.cli.services import Service
from liudiao.config import load_settings
from liudiao.embedded.postgres import EmbeddedPostgres

DAGSTER_PORT = 3000
COCKPIT_PORT = 8501


@click.command(help="启动内置数据库，用演示数据跑完整流程，并在本机提供 Dagster 界面和驾驶舱；"
                    "按 Ctrl-C 全部停止。")
@click.option("--with-shared/--without-shared", default=True,
              help="共享数据目录存在时，同时导入深圳 2020 和 DS4C 公开数据（默认导入）。")
@click.option("--dagster-port", type=click.IntRange(1, 65535), default=DAGSTER_PORT,
              show_default=True, help="Dagster 界面的端口（仅 127.0.0.1）。")
@click.option("--cockpit-port", type=click.IntRange(1, 65535), default=COCKPIT_PORT,
              show_default=True, help="驾驶舱的端口（仅 127.0.0.1）。")
def demo(with_shared: bool, dagster_port: int, cockpit_port: int) -> None:
    settings = load_settings()
    url = ensure_database(settings)
    try:
        _run_pipeline_and_serve(settings, url, with_shared, (dagster_port, cockpit_port))
    finally:
        if not settings.database_url:
            EmbeddedPostgres.from_settings(settings).stop()


def _run_pipeline_and_serve(settings, url: str, with_shared: bool,
                            ports: tuple[int, int]) -> None:
    from orchestration.headless import run_source
    from orchestration.instance import prepare_dagster_home

    sources = [("demo", default_path("demo", settings))]
    if with_shared:
        sources += [(name, default_path(name, settings)) for name in ("shenzhen-2020", "ds4c")
                    if default_path(name, settings).exists()]
    ensure_demo_data(sources[0][1])
    for source_name, path in sources:
        click.echo(f"运行数据源 {source_name} …")
        report = run_source(source_name, path, url, progress=click.echo)
        if not report.succeeded:
            click.echo(f"数据源 {source_name} 运行失败，请查看日志 {report.log_path}", err=True)
            sys.exit(1)

    env = {**os.environ, "DAGSTER_HOME": str(prepare_dagster_home())}
    dagster_port, cockpit_port = ports
    services = _services(dagster_port, cockpit_port)
    log_dir = settings.home / "logs"
    log_dir.mkdir(parents=True, exist_ok=True)
    for service in services:
        service.start(env, str(log_dir / f"{service.name}.log"))
    try:
        for service in services:
            if not service.wait_healthy(timeout_s=120):
                click.echo(f"{service.name} 启动失败，日志见 {log_dir / (service.name + '.log')}",
                           err=True)
                sys.exit(1)
        click.echo(f"\nDagster 界面：http://127.0.0.1:{dagster_port}")
        if any(service.name == "cockpit" for service in services):
            click.echo(f"驾驶舱：http://127.0.0.1:{cockpit_port}")
        click.echo(f"数据库：{url}")
        click.echo("按 Ctrl-C 停止全部服务。")
        _wait_for_interrupt(services)
    finally:
        click.echo("正在停止服务 …")
        for service in services:
            service.stop()


def _services(dagster_port: int, cockpit_port: int) -> list[Service]:
    python = sys.executable
    services = [Service(
        name="dagster",
        command=[python, "-m", "dagster", "dev", "-m", "orchestration.definitions",
                 "-h", "127.0.0.1", "-p", str(dagster_port)],
        health_url=f"http://127.0.0.1:{dagster_port}/server_info",
    )]
    if COCKPIT_APP.exists():
        services.append(Service(
            name="cockpit",
            command=streamlit_command(cockpit_port),
            health_url=f"http://127.0.0.1:{cockpit_port}/_stcore/health",
        ))
    return services


def _wait_for_interrupt(services: list[Service]) -> None:
    stop = False

    def request_stop(signum, frame):
        nonlocal stop
        stop = True

    signal.signal(signal.SIGINT, request_stop)
    signal.signal(signal.SIGTERM, request_stop)
    while not stop:
        if any(service.process.poll() is not None for service in services):
            click.echo("有服务意外退出，正在停止其余服务。", err=True)
            return
        time.sleep(1)
