"""Appends to the calls' Redis Streams, batched: one Lua call carries every segment, entity
message and call end that the node's connections queued while the previous call was out.

A relayed message used to cost its own script call, and an entity message its own XADD,
each a loopback round trip with its share of system calls and redis-py overhead. Batching
makes that cost per batch. The batch grows with the load, because the next one collects
while the current one runs in Redis. One script call is atomic, so the revision decision of
a segment still follows every append queued before it.

The same script also publishes every append, as ``"<id> <body>"``, on the Pub/Sub channel
named like the call's stream. Nodes receive live messages from that channel
(realtime/live_feed.py). Expiry is set once per key and batch, not once per message.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Literal

import redis.asyncio as redis

from realtime.settings import RelayConfig

# Operations per script call; more queued wait for the next call.
MAX_BATCH = 500
# Values returned per operation: kind, message id, previous segment id, replaced id.
RESULT_WIDTH = 4

# KEYS: two per operation, the call's stream and its segment state hash.
# ARGV: MAXLEN, expiry of an active call and of an ended call in seconds, then five per
# operation: kind (segment, message or end), segment index, final flag (0/1), digest, and
# the JSON (for a segment, its fields without the opening brace).
APPEND_SCRIPT = """
local results = {}
local expiries = {}
local expiry_order = {}

local function expire_later(key, seconds)
  if expiries[key] == nil then
    expiry_order[#expiry_order + 1] = key
  end
  expiries[key] = seconds
end

local function append(stream, body)
  local id = redis.call('XADD', stream, 'MAXLEN', '~', ARGV[1], '*', 'body', body)
  redis.call('PUBLISH', stream, id .. ' ' .. body)
  return id
end

-- The rules of realtime.revisions.decide, then the append.
local function publish_segment(stream, state, index, final_flag, digest, fields)
  local previous = redis.call('HGET', state, index)
  local kind = 'transcript'
  local replaces = ''
  if previous then
    local previous_final, message_id, previous_digest =
      string.match(previous, '^(%d) (%S+) (%S+)$')
    if previous_digest == digest then
      return {'duplicate', message_id, '', ''}
    end
    if previous_final == '1' and final_flag == '0' then
      return {'stale', message_id, '', ''}
    end
    kind = 'revision'
    replaces = message_id
  end
  local body
  if kind == 'revision' then
    body = '{"type":"revision","replaces":"' .. replaces .. '",' .. fields
  else
    body = '{"type":"transcript",' .. fields
  end
  local id = append(stream, body)
  local last = redis.call('HGET', state, '_last') or ''
  redis.call('HSET', state, index, final_flag .. ' ' .. id .. ' ' .. digest, '_last', id)
  return {kind, id, last, replaces}
end

for operation = 0, #KEYS / 2 - 1 do
  local stream, state = KEYS[2 * operation + 1], KEYS[2 * operation + 2]
  local at = 3 + 5 * operation
  local kind = ARGV[at + 1]
  local result
  if kind == 'segment' then
    result = publish_segment(stream, state, ARGV[at + 2], ARGV[at + 3], ARGV[at + 4],
                             ARGV[at + 5])
    expire_later(stream, ARGV[2])
    expire_later(state, ARGV[2])
  else
    result = {'appended', append(stream, ARGV[at + 5]), '', ''}
    if kind == 'end' then
      expire_later(stream, ARGV[3])
      expire_later(state, ARGV[3])
    end
  end
  for _, value in ipairs(result) do
    results[#results + 1] = value
  end
end

for _, key in ipairs(expiry_order) do
  redis.call('EXPIRE', key, expiries[key])
end
return results
"""


@dataclass(frozen=True)
class Append:
    """One operation of a batch.

    ``segment`` applies the revision rules to the segment whose fields JSON is ``body``.
    ``message`` appends ``body`` as it is. ``end`` appends ``body`` and gives the call's keys
    the ended-call expiry."""

    kind: Literal["segment", "message", "end"]
    stream: str
    state: str
    body: str
    segment_index: int = 0
    is_final: bool = False
    digest: str = ""


# kind ("transcript", "revision", "duplicate", "stale" or "appended"), message id,
# previous segment id, replaced id; the last two are "" when there is none.
AppendResult = tuple[str, str, str, str]


class AppendBatcher:
    def __init__(self, client: redis.Redis, config: RelayConfig) -> None:
        self.config = config
        self._script = client.register_script(APPEND_SCRIPT)
        self._queue: list[tuple[Append, asyncio.Future[AppendResult]]] = []
        self._flusher: asyncio.Task[None] | None = None

    async def submit(self, append: Append) -> AppendResult:
        """Queue ``append`` for the next batch and return its result once Redis ran it."""
        future: asyncio.Future[AppendResult] = asyncio.get_running_loop().create_future()
        self._queue.append((append, future))
        if self._flusher is None or self._flusher.done():
            self._flusher = asyncio.create_task(self._flush(), name="append-batches")
        return await future

    async def wait_flushed(self) -> None:
        if self._flusher is not None:
            await asyncio.gather(self._flusher, return_exceptions=True)

    async def _flush(self) -> None:
        await asyncio.sleep(0)  # let the appends queued in this event-loop turn join
        while self._queue:
            batch = self._queue[:MAX_BATCH]
            del self._queue[:MAX_BATCH]
            try:
                results = await self._run([append for append, _ in batch])
            except asyncio.CancelledError:
                for _, future in batch + self._queue:
                    future.cancel()
                raise
            except Exception as error:  # noqa: BLE001 - every submitter gets the error
                for _, future in batch:
                    if not future.done():
                        future.set_exception(error)
                continue
            for number, (_, future) in enumerate(batch):
                if not future.done():
                    start = number * RESULT_WIDTH
                    future.set_result(tuple(results[start:start + RESULT_WIDTH]))

    async def _run(self, batch: list[Append]) -> list[str]:
        keys: list[str] = []
        args: list[str | int] = [self.config.stream_maxlen, self.config.active_call_ttl_s,
                                 self.config.ended_call_ttl_s]
        for append in batch:
            keys += (append.stream, append.state)
            args += (append.kind, append.segment_index, int(append.is_final), append.digest,
                     append.body)
        # NOTE: one call touches the keys of many calls, which Redis Cluster rejects unless
        # they share a slot; on a cluster, batch per slot.
        return await self._script(keys=keys, args=args)
