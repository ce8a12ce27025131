"""Per-connection rate limit: a token bucket refilled continuously."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

CLOSE_RATE_LIMITED = 4429
REASON_RATE_LIMITED = "消息发送过快，已超过速率限制"
# websockets closes a connection whose message exceeds max_size with 1009 itself.
CLOSE_MESSAGE_TOO_BIG = 1009


@dataclass
class TokenBucket:
    """Allow ``rate_per_second`` messages on average and bursts of up to ``burst``."""

    rate_per_second: float
    burst: float
    tokens: float = field(init=False)
    updated_at: float = field(init=False)

    def __post_init__(self) -> None:
        self.tokens = self.burst
        self.updated_at = time.monotonic()

    def take(self) -> bool:
        """Spend one token; return False when the bucket is empty."""
        now = time.monotonic()
        elapsed = now - self.updated_at
        self.updated_at = now
        self.tokens = min(self.burst, self.tokens + elapsed * self.rate_per_second)
        if self.tokens < 1:
            return False
        self.tokens -= 1
        return True
