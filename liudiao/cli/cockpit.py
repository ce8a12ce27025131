"""``liudiao cockpit``: serve the Streamlit cockpit on 127.0.0.1 until Ctrl-C."""

from __future__ import annotations

import os
import sys

import click

from liudiao.config import PROJECT_ROOT, load_settings
from liudiao.db import database_url

DEFAULT_PORT = 8501


COCKPIT_APP = PROJECT_ROOT / "cockpit" / "app.py"


def streamlit_command(port: int) -> list[str]:
    """Return the command that serves the cockpit on 127.0.0.1:``port``."""
    return [sys.executable, "-m", "streamlit", "run", str(COCKPIT_APP),
            "--server.headless", "true", "--server.address", "127.0.0.1",
            "--server.port", str(port), "--browser.gatherUsageStats", "false",
            # Viewer mode hides Streamlit's English developer menu and deploy button.
            "--client.toolbarMode", "viewer"]


@click.command(help="在本机启动流调驾驶舱（Streamlit），按 Ctrl-C 停止。")
@click.option("--port", type=click.IntRange(1, 65535), default=DEFAULT_PORT, show_default=True,
              help="监听端口（仅 127.0.0.1）。")
def cockpit(port: int) -> None:
    settings = load_settings()
    if not settings.database_url:
        from liudiao.cli.run import ensure_database

        ensure_database(settings)
    env = {**os.environ, "LIUDIAO_DATABASE_URL": database_url(settings)}
    command = streamlit_command(port)
    click.echo(f"驾驶舱：http://127.0.0.1:{port}（按 Ctrl-C 停止）")
    sys.stdout.flush()
    # Streamlit takes over this process, so a kill or a service manager's stop reaches it.
    os.execve(command[0], command, env)
