"""``liudiao cockpit`` serves the cockpit on 127.0.0.1 at the port asked for."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from liudiao.cli.main import cli
from tests.cockpit.browser import _healthy, _wait_for, free_port


def test_cockpit_help_is_chinese():
    result = CliRunner().invoke(cli, ["cockpit", "--help"])
    assert result.exit_code == 0
    assert "驾驶舱" in result.output
    assert "--port" in result.output


def test_cockpit_serves_health(contract_database, tmp_path):
    port = free_port()
    env = {**os.environ, "LIUDIAO_DATABASE_URL": contract_database,
           "LIUDIAO_HOME": str(tmp_path)}
    with open(tmp_path / "cockpit.log", "wb") as log:
        process = subprocess.Popen(
            [str(Path(sys.executable).parent / "liudiao"), "cockpit", "--port", str(port)],
            env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        _wait_for(lambda: _healthy(f"http://127.0.0.1:{port}/_stcore/health")
                  or process.poll() is not None, 60, "the cockpit's health endpoint")
        assert process.poll() is None, (tmp_path / "cockpit.log").read_text()
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


def test_cockpit_stops_on_sigterm(contract_database, tmp_path):
    port = free_port()
    env = {**os.environ, "LIUDIAO_DATABASE_URL": contract_database,
           "LIUDIAO_HOME": str(tmp_path)}
    with open(tmp_path / "cockpit.log", "wb") as log:
        process = subprocess.Popen(
            [str(Path(sys.executable).parent / "liudiao"), "cockpit", "--port", str(port)],
            env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        _wait_for(lambda: _healthy(f"http://127.0.0.1:{port}/_stcore/health")
                  or process.poll() is not None, 60, "the cockpit's health endpoint")
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
        _wait_for(lambda: not _healthy(f"http://127.0.0.1:{port}/_stcore/health"), 10,
                  "the cockpit to stop serving")
    finally:
        # A server left behind by the command keeps the process group alive.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
