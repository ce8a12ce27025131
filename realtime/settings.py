"""Tunable limits of a relay node, with the defaults used in production."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RelayConfig:
    host: str = "127.0.0.1"
    port: int = 8765
    # Keepalive: a ping every ping_interval_s; no pong within ping_timeout_s closes the
    # connection (code 1011) and frees its state, which is how half-open peers are found.
    ping_interval_s: float = 20.0
    ping_timeout_s: float = 20.0
    # After sending a close frame, wait this long for the peer's before dropping the TCP
    # connection. A half-open peer never replies, so this bounds how long its state lives.
    close_timeout_s: float = 3.0
    # A client has this long after connecting to send its hello with the token.
    hello_timeout_s: float = 10.0
    # Largest message accepted, in bytes: ASR segments and HTTP bodies, investigator messages.
    max_asr_message_bytes: int = 64 * 1024
    max_investigator_message_bytes: int = 4 * 1024
    # Token buckets per connection: average messages per second and burst size.
    asr_rate_per_s: float = 50.0
    asr_burst: float = 100.0
    investigator_rate_per_s: float = 5.0
    investigator_burst: float = 20.0
    # Messages queued for one investigator before it counts as too slow and is closed (1013).
    max_outbox_messages: int = 2000
    # Once an investigator is caught up, bytes waiting in its connection's send buffer
    # before it counts as too slow and is closed (1013).
    max_send_buffer_bytes: int = 1024 * 1024
    # Stream retention: approximate MAXLEN per call, expiry while active and after the end.
    stream_maxlen: int = 20000
    active_call_ttl_s: int = 24 * 3600
    ended_call_ttl_s: int = 6 * 3600
    # Node registry heartbeat: refreshed every heartbeat_interval_s, expires after heartbeat_ttl_s.
    heartbeat_interval_s: float = 5.0
    heartbeat_ttl_s: int = 15
    # Redis connections per node: callers wait for a free one rather than fail. The socket
    # timeout also bounds the wait for Redis to confirm a new call's live subscription.
    redis_max_connections: int = 512
    redis_socket_timeout_s: float = 10.0
    # SIGTERM: spread the closing of clients (code 1012) over this many seconds.
    drain_seconds: float = 5.0
    # Known places for entity extraction are reread from marts.key_places this often.
    places_refresh_s: float = 600.0
