"""Token verification and the close codes it maps to."""

from __future__ import annotations

import jwt
import pytest

from realtime.auth import AccessDenied, bearer_token, issue, verify

SECRET = "unit-test-secret-0123456789abcdef0123"


def denied(token, role="investigator", secret=SECRET) -> AccessDenied:
    with pytest.raises(AccessDenied) as raised:
        verify(token, secret, role)
    return raised.value


def test_verify_accepts_valid_token():
    claims = verify(issue(SECRET, "investigator", ["c-1"], subject="u1"), SECRET, "investigator")
    assert claims.subject == "u1"
    assert claims.allows("c-1")
    assert not claims.allows("c-2")


def test_wildcard_allows_every_call():
    claims = verify(issue(SECRET, "asr", ["*"]), SECRET, "asr")
    assert claims.allows("anything")


def test_missing_token_is_4401():
    assert denied(None).close_code == 4401


def test_wrong_signature_is_4401():
    token = issue("another-secret-0123456789abcdef01", "investigator", ["c"])
    assert denied(token).close_code == 4401


def test_expired_token_is_4401():
    assert denied(issue(SECRET, "investigator", ["c"], ttl_seconds=-10)).close_code == 4401


def test_token_without_exp_is_4401():
    token = jwt.encode({"role": "investigator", "calls": ["c"]}, SECRET, algorithm="HS256")
    assert denied(token).close_code == 4401


def test_other_algorithm_is_4401():
    token = jwt.encode({"role": "investigator", "calls": ["c"], "exp": 2**31}, SECRET,
                       algorithm="HS512")
    assert denied(token).close_code == 4401


def test_malformed_calls_claim_is_4401():
    token = jwt.encode({"role": "investigator", "calls": "c", "exp": 2**31}, SECRET,
                       algorithm="HS256")
    assert denied(token).close_code == 4401


def test_wrong_role_is_4403():
    error = denied(issue(SECRET, "investigator", ["*"]), role="asr")
    assert error.close_code == 4403
    assert error.reason == "令牌角色不允许此操作"


def test_call_not_in_claims_is_4403():
    claims = verify(issue(SECRET, "investigator", ["c-1"]), SECRET, "investigator")
    with pytest.raises(AccessDenied) as raised:
        claims.require_call("c-2")
    assert raised.value.close_code == 4403
    assert raised.value.reason == "令牌不允许访问此通话"


def test_bearer_token_parsing():
    assert bearer_token("Bearer abc") == "abc"
    assert bearer_token("bearer abc") == "abc"
    assert bearer_token("Basic abc") is None
    assert bearer_token(None) is None
