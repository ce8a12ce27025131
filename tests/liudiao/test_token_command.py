"""``liudiao token`` signs relay tokens that the relay's own check accepts."""

import pytest
from click.testing import CliRunner

from liudiao.cli.main import cli
from liudiao.cli.token import DEV_SECRET
from realtime.auth import AccessDenied, verify


def _invoke(*args):
    return CliRunner().invoke(cli, ["token", *args])


def test_token_signed_with_configured_secret(monkeypatch):
    monkeypatch.setenv("LIUDIAO_JWT_SECRET", "s3cret-for-test")
    result = _invoke("--role", "investigator", "--call", "call-1", "--call", "call-2")

    assert result.exit_code == 0
    claims = verify(result.output.strip(), "s3cret-for-test", "investigator")
    assert claims.calls == frozenset({"call-1", "call-2"})
    with pytest.raises(AccessDenied):
        verify(result.output.strip(), "s3cret-for-test", "asr")


def test_token_without_secret_is_refused(monkeypatch):
    monkeypatch.delenv("LIUDIAO_JWT_SECRET", raising=False)
    result = _invoke("--role", "asr", "--call", "*")

    assert result.exit_code == 2
    assert "未设置 LIUDIAO_JWT_SECRET" in result.output


def test_token_dev_uses_development_key(monkeypatch):
    monkeypatch.delenv("LIUDIAO_JWT_SECRET", raising=False)
    result = _invoke("--role", "asr", "--call", "*", "--dev")

    assert result.exit_code == 0
    assert verify(result.output.strip(), DEV_SECRET, "asr").allows("any-call")
