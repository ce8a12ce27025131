"""Access tokens: HS256 JWTs whose claims name the caller's role and the calls it may use.

Claims the relay reads::

    {"sub": "investigator-17", "role": "investigator", "calls": ["call-1"], "exp": 1767225600}

``role`` is ``investigator`` (subscribe to calls) or ``asr`` (publish segments); ``calls`` is
a list of call ids, or ``["*"]`` for every call; ``exp`` is required. Failures carry the
WebSocket close code the connection ends with: 4401 for a token that is missing, malformed,
badly signed or expired, 4403 for a valid token that does not allow the request.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Literal

import jwt

Role = Literal["investigator", "asr"]
ROLES: tuple[Role, ...] = ("investigator", "asr")
ALGORITHM = "HS256"

CLOSE_INVALID_TOKEN = 4401
CLOSE_FORBIDDEN = 4403
# Close reasons are Chinese because the investigator page shows them; each stays well under
# the 123-byte limit of a WebSocket close reason.
REASON_INVALID_TOKEN = "令牌无效或已过期"
REASON_WRONG_ROLE = "令牌角色不允许此操作"
REASON_CALL_NOT_ALLOWED = "令牌不允许访问此通话"


class AccessDenied(Exception):
    """A request the token does not allow; ``close_code`` and ``reason`` end the connection."""

    def __init__(self, close_code: int, reason: str) -> None:
        super().__init__(reason)
        self.close_code = close_code
        self.reason = reason

    @property
    def http_status(self) -> int:
        return 401 if self.close_code == CLOSE_INVALID_TOKEN else 403


@dataclass(frozen=True)
class Claims:
    subject: str
    role: Role
    calls: frozenset[str]

    def allows(self, call_id: str) -> bool:
        return "*" in self.calls or call_id in self.calls

    def require_call(self, call_id: str) -> None:
        if not self.allows(call_id):
            raise AccessDenied(CLOSE_FORBIDDEN, REASON_CALL_NOT_ALLOWED)


def verify(token: str | None, secret: str, role: Role) -> Claims:
    """Check signature, expiry and claim shapes, then that the token has ``role``."""
    if not token:
        raise AccessDenied(CLOSE_INVALID_TOKEN, REASON_INVALID_TOKEN)
    try:
        payload = jwt.decode(
            token, secret, algorithms=[ALGORITHM], options={"require": ["exp"]}
        )
    except jwt.InvalidTokenError as error:
        raise AccessDenied(CLOSE_INVALID_TOKEN, REASON_INVALID_TOKEN) from error

    calls = payload.get("calls")
    token_role = payload.get("role")
    if (
        token_role not in ROLES
        or not isinstance(calls, list)
        or not all(isinstance(call, str) for call in calls)
    ):
        raise AccessDenied(CLOSE_INVALID_TOKEN, REASON_INVALID_TOKEN)
    if token_role != role:
        raise AccessDenied(CLOSE_FORBIDDEN, REASON_WRONG_ROLE)
    return Claims(subject=str(payload.get("sub") or "-"), role=token_role, calls=frozenset(calls))


def issue(secret: str, role: Role, calls: list[str], subject: str = "",
          ttl_seconds: int = 3600) -> str:
    """Sign a token for tests, benchmarks and development; production tokens come from the
    identity service that holds the same secret."""
    now = int(time.time())
    claims = {"sub": subject, "role": role, "calls": calls, "iat": now, "exp": now + ttl_seconds}
    return jwt.encode(claims, secret, algorithm=ALGORITHM)


def bearer_token(authorization: str | None) -> str | None:
    """Return the token of an ``Authorization: Bearer <token>`` header value, if any."""
    if not authorization:
        return None
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer":
        return None
    return token.strip() or None
