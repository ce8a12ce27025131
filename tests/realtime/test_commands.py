"""The relay's commands: the embedded Redis and the secret check of ``liudiao relay``."""

from __future__ import annotations

from click.testing import CliRunner

from liudiao.cli.main import cli
from liudiao.embedded.redis import EmbeddedRedis
from tests.realtime.conftest import free_port


def test_embedded_redis_starts_and_stops(tmp_path):
    server = EmbeddedRedis(tmp_path / "redis", port=free_port(), persist=False)
    server.start()
    try:
        assert server.is_running()
        assert server.pid_file.exists()
    finally:
        server.stop()
    assert not server.is_running()


def test_redis_url_prefers_external(monkeypatch):
    monkeypatch.setenv("LIUDIAO_REDIS_URL", "redis://127.0.0.1:6390/2")
    result = CliRunner().invoke(cli, ["redis", "url"])
    assert result.exit_code == 0
    assert result.output.strip() == "redis://127.0.0.1:6390/2"


def test_redis_url_defaults_to_embedded(monkeypatch):
    monkeypatch.delenv("LIUDIAO_REDIS_URL", raising=False)
    monkeypatch.setenv("LIUDIAO_EMBEDDED_REDIS_PORT", "61234")
    result = CliRunner().invoke(cli, ["redis", "url"])
    assert result.output.strip() == "redis://127.0.0.1:61234/0"


def test_relay_refuses_to_start_without_secret(monkeypatch):
    monkeypatch.delenv("LIUDIAO_JWT_SECRET", raising=False)
    result = CliRunner().invoke(cli, ["relay", "--port", "0"])
    assert result.exit_code == 2
    assert "未设置 LIUDIAO_JWT_SECRET，中继拒绝启动" in result.output
