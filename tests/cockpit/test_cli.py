"""``liudiao cockpit`` serves the cockpit on 127.0.0.1 at the port asked for."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from liudiao.cli.main import cli
from tests.cockpit.browser import _healthy, _wait_for, free_port


def test_cockpit_help_is_chinese():
    result = CliRunner().invoke(cli, ["cockpit", "--help"])
    assert result.exit_code == 0
    assert "驾驶舱" in result.output
    assert "--port" in result.output


@pytest.fixture
def served_cockpit(contract_database, tmp_path):
    """A `liudiao cockpit` process serving the contract rows, healthy; yields it and its
    health URL, and kills its process group afterwards."""
    port = free_port()
    health_url = f"http://127.0.0.1:{port}/_stcore/health"
    env = {**os.environ, "LIUDIAO_DATABASE_URL": contract_database,
           "LIUDIAO_HOME": str(tmp_path)}
    with open(tmp_path / "cockpit.log", "wb") as log:
        process = subprocess.Popen(
            [str(Path(sys.executable).parent / "liudiao"), "cockpit", "--port", str(port)],
            env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        _wait_for(lambda: _healthy(health_url) or process.poll() is not None, 60,
                  "the cockpit's health endpoint")
        assert process.poll() is None, (tmp_path / "cockpit.log").read_text()
        yield process, health_url
    finally:
        # A server left behind by the command keeps the process group alive.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)


def test_cockpit_serves_health(served_cockpit):
    process, health_url = served_cockpit

    assert _healthy(health_url)
    assert process.poll() is None


def test_cockpit_stops_on_sigterm(served_cockpit):
    process, health_url = served_cockpit

    process.send_signal(signal.SIGTERM)
    process.wait(timeout=30)
    _wait_for(lambda: not _healthy(health_url), 10, "the cockpit to stop serving")
