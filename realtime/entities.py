"""Entity messages: each call's segments run through a ``CallExtractor`` on the node that
received them, and every change of a segment's entity list is appended to the call's log.

Per call, one worker task feeds the segments in stream order. The extractors live in the
node's extraction process (realtime/extraction_worker.py), so relaying never waits for
extraction. A partial still waiting when a newer version of the same segment arrives is
dropped, which sheds extraction work under load; when even the finals outpace the worker,
entity messages lag behind the transcript, which is still relayed at once.

The extractor of a call lives on one node. When the ASR side moves to another node (a
drain or a node loss), that node finds the segment chain broken (the previous segment id
does not match what its extractor saw), rebuilds the extractor by replaying the call's
stored segments, and republishes any entity list that differs from the stored one.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections import OrderedDict, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import redis

from realtime import extraction_worker
from realtime.backend import Backend, PublishResult, StoredMessage
from realtime.extraction_worker import ExtractionWorker, WorkerRestarted
from realtime.protocol import Segment, encode

log = logging.getLogger(__name__)

MAX_CALLS = 10000
REPLAY_PAGE = 1000
EMPTY_LIST = '{"entities":[]}'


@dataclass
class _Pending:
    segment: Segment | None  # None: the call ended
    message_id: str | None
    expected_previous: str | None


@dataclass
class _CallState:
    # Generation of the worker process that contains this call's extractor, or None.
    generation: int | None = None
    last_segment_id: str | None = None
    published: dict[int, str] = field(default_factory=dict)
    pending: deque[_Pending] = field(default_factory=deque)
    worker: asyncio.Task[None] | None = None


class EntityPipeline:
    def __init__(self, backend: Backend, known_places: Callable[[], list[str]],
                 worker: ExtractionWorker | None = None) -> None:
        self.backend = backend
        self.known_places = known_places
        self.worker = worker or ExtractionWorker()
        self.calls: OrderedDict[str, _CallState] = OrderedDict()
        self.count_rebuilds = 0

    def start(self) -> None:
        self.worker.start()

    def close(self) -> None:
        self.worker.close()

    def submit(self, segment: Segment, result: PublishResult) -> None:
        """Queue a published segment for extraction; nothing to do for duplicates."""
        if result.message_id is None:
            # NOTE: a segment retried after its node died between append and extraction is
            # a duplicate here; its entities come from the rebuild at the call's next
            # segment, so they are missing if the call ends first.
            return
        state = self._state(segment.call_id)
        item = _Pending(segment, result.message_id, result.previous_segment_id)
        last = state.pending[-1] if state.pending else None
        if (last is not None and last.segment is not None and not last.segment.is_final
                and last.segment.segment_index == segment.segment_index):
            item.expected_previous = last.expected_previous
            state.pending[-1] = item
        else:
            state.pending.append(item)
        self._ensure_worker(segment.call_id, state)

    def end_call(self, call_id: str) -> None:
        state = self.calls.get(call_id)
        if state is None:
            return
        state.pending.append(_Pending(None, None, None))
        self._ensure_worker(call_id, state)

    async def wait_idle(self) -> None:
        workers = [state.worker for state in self.calls.values() if state.worker]
        await asyncio.gather(*workers, return_exceptions=True)

    def _state(self, call_id: str) -> _CallState:
        state = self.calls.get(call_id)
        if state is None:
            state = self.calls[call_id] = _CallState()
            self._evict_idle()
        self.calls.move_to_end(call_id)
        return state

    def _evict_idle(self) -> None:
        evicted = []
        for call_id in list(self.calls)[: max(0, len(self.calls) - MAX_CALLS)]:
            if not self.calls[call_id].pending:
                del self.calls[call_id]
                evicted.append(call_id)
        if evicted:
            asyncio.get_running_loop().create_task(
                self.worker.run(extraction_worker.forget, evicted))

    def _ensure_worker(self, call_id: str, state: _CallState) -> None:
        if state.worker is None or state.worker.done():
            state.worker = asyncio.create_task(self._work(call_id, state))

    async def _work(self, call_id: str, state: _CallState) -> None:
        while state.pending:
            item = state.pending.popleft()
            try:
                if item.segment is None:
                    await self._finish(call_id, state)
                else:
                    await self._extract(call_id, state, item)
            except WorkerRestarted:
                # The next segment of the call finds no extractor and rebuilds it, which
                # also republishes the entity list this segment would have changed.
                state.generation = None
            except (redis.RedisError, OSError) as error:
                # The same rebuild at the next segment repairs the entity list not published.
                state.generation = None
                log.warning("entity message of call %s not published: %s", call_id, error)
            except Exception:
                # Extraction must never stop the relay: the transcript is already delivered.
                log.exception("entity extraction failed for call %s", call_id)

    async def _extract(self, call_id: str, state: _CallState, item: _Pending) -> None:
        segment = item.segment
        assert segment is not None
        if (state.generation != self.worker.generation
                or state.last_segment_id != item.expected_previous):
            await self._rebuild(call_id, state, item.expected_previous)
        entities = await self.worker.run(extraction_worker.feed, call_id, segment.to_dict())
        state.last_segment_id = item.message_id
        if entities is not None:
            await self._publish_if_changed(call_id, state, segment.segment_index, entities)

    async def _finish(self, call_id: str, state: _CallState) -> None:
        self.calls.pop(call_id, None)
        if state.generation != self.worker.generation:
            return
        extra = await self.worker.run(extraction_worker.finish, call_id)
        if not extra:
            return
        index = extra[0]["segment_index"]
        stored = json.loads(state.published.get(index, EMPTY_LIST))["entities"]
        await self._publish_list(call_id, state, index, encode({"entities": stored + extra}))

    async def _publish_if_changed(self, call_id: str, state: _CallState, index: int,
                                  entities: list[dict[str, Any]]) -> None:
        body = encode({"entities": entities})
        if state.published.get(index, EMPTY_LIST) != body:
            await self._publish_list(call_id, state, index, body)

    async def _publish_list(self, call_id: str, state: _CallState, index: int,
                            body: str) -> None:
        state.published[index] = body
        message = {"type": "entity", "call_id": call_id, "segment_index": index,
                   **json.loads(body)}
        await self.backend.publish(call_id, message)

    async def _rebuild(self, call_id: str, state: _CallState, up_to: str | None) -> None:
        """Start the call's extractor in the worker, replaying its stored segments up to
        ``up_to``; then republish entity lists that differ from the stored ones."""
        segments: list[dict[str, Any]] = []
        stored_lists: dict[int, str] = {}
        if up_to is not None:
            self.count_rebuilds += 1
            segments, stored_lists = await self._stored_call(call_id, up_to)
        replayed = await self.worker.run(extraction_worker.rebuild, call_id,
                                         self.known_places(), segments)
        state.generation = self.worker.generation
        state.last_segment_id = up_to
        state.published = stored_lists
        for index, entities in replayed.items():
            await self._publish_if_changed(call_id, state, index, entities)
        if up_to is not None:
            log.info("rebuilt entity extraction of call %s from %d stored segments",
                     call_id, len(segments))

    async def _stored_call(self, call_id: str, up_to: str
                           ) -> tuple[list[dict[str, Any]], dict[int, str]]:
        segments: list[dict[str, Any]] = []
        stored_lists: dict[int, str] = {}
        after = None
        while True:
            page = await self.backend.history(call_id, after, REPLAY_PAGE)
            for message in page:
                _collect(message, segments, stored_lists)
                if message.message_id == up_to:
                    return segments, stored_lists
            if len(page) < REPLAY_PAGE:
                # NOTE: segments trimmed by MAXLEN are missing from the replay, so offsets
                # of later entities start from the oldest stored segment.
                return segments, stored_lists
            after = page[-1].message_id


def _collect(message: StoredMessage, segments: list[dict[str, Any]],
             stored_lists: dict[int, str]) -> None:
    body = json.loads(message.body)
    if body["type"] in ("transcript", "revision"):
        segments.append(Segment(body["call_id"], body["segment_index"], body["is_final"],
                                body["start_ms"], body["end_ms"], body["text"]).to_dict())
    elif body["type"] == "entity":
        stored_lists[body["segment_index"]] = encode({"entities": body["entities"]})
