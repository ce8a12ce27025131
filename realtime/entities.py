"""Entity messages: each call's segments run through a ``CallExtractor`` on the node that
received them, and every change of a segment's entity list is appended to the call's log.

Per call, segments are fed in stream order by one worker task; ``feed`` runs in a thread
(about 0.6 ms for a sentence, more with many known places) so the event loop keeps relaying.
A partial still waiting when a newer version of the same segment arrives is dropped, which
sheds extraction work under load without changing the result.

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
from dataclasses import asdict, dataclass, field
from typing import Any

from realtime.backend import Backend, PublishResult, StoredMessage
from realtime.extraction import CallExtractor, Entity
from realtime.extraction import Segment as ExtractionSegment
from realtime.protocol import Segment, encode

log = logging.getLogger(__name__)

MAX_CALLS = 10000
REPLAY_PAGE = 1000


@dataclass
class _Pending:
    segment: Segment | None  # None: the call ended
    message_id: str | None
    expected_previous: str | None


@dataclass
class _CallState:
    extractor: CallExtractor | None = None
    last_segment_id: str | None = None
    published: dict[int, str] = field(default_factory=dict)
    pending: deque[_Pending] = field(default_factory=deque)
    worker: asyncio.Task[None] | None = None


def entity_dict(entity: Entity) -> dict[str, Any]:
    data = asdict(entity)
    data["problems"] = list(entity.problems)
    return data


def entity_list_json(entities: list[Entity]) -> str:
    return encode({"entities": [entity_dict(entity) for entity in entities]})


class EntityPipeline:
    def __init__(self, backend: Backend, known_places: Callable[[], list[str]]) -> None:
        self.backend = backend
        self.known_places = known_places
        self.calls: OrderedDict[str, _CallState] = OrderedDict()
        self.count_rebuilds = 0

    def submit(self, segment: Segment, result: PublishResult) -> None:
        """Queue a published segment for extraction; nothing to do for duplicates."""
        if result.message_id is None:
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
        for call_id in list(self.calls)[: max(0, len(self.calls) - MAX_CALLS)]:
            if not self.calls[call_id].pending:
                del self.calls[call_id]

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
                    await self._extract(state, item)
            except Exception:
                # Extraction must never stop the relay: the transcript is already delivered.
                log.exception("entity extraction failed for call %s", call_id)

    async def _extract(self, state: _CallState, item: _Pending) -> None:
        segment = item.segment
        assert segment is not None
        if state.extractor is None or state.last_segment_id != item.expected_previous:
            await self._rebuild(segment.call_id, state, item.expected_previous)
        entities = await asyncio.to_thread(_feed, state.extractor, segment)
        state.last_segment_id = item.message_id
        if entities is not None:
            await self._publish_if_changed(segment.call_id, state, segment.segment_index,
                                           entities)

    async def _finish(self, call_id: str, state: _CallState) -> None:
        self.calls.pop(call_id, None)
        if state.extractor is None:
            return
        extra = await asyncio.to_thread(state.extractor.finish)
        if not extra:
            return
        index = extra[0].segment_index
        stored = json.loads(state.published.get(index, '{"entities":[]}'))["entities"]
        body = encode({"entities": stored + [entity_dict(entity) for entity in extra]})
        await self._publish_list(call_id, state, index, body)

    async def _publish_if_changed(self, call_id: str, state: _CallState, index: int,
                                  entities: list[Entity]) -> None:
        body = entity_list_json(entities)
        if state.published.get(index, '{"entities":[]}') == body:
            return
        await self._publish_list(call_id, state, index, body)

    async def _publish_list(self, call_id: str, state: _CallState, index: int,
                            body: str) -> None:
        state.published[index] = body
        message = {"type": "entity", "call_id": call_id, "segment_index": index,
                   **json.loads(body)}
        await self.backend.publish(call_id, message)

    async def _rebuild(self, call_id: str, state: _CallState, up_to: str | None) -> None:
        """Replay the call's stored segments up to ``up_to`` into a new extractor, then
        republish entity lists that differ from the stored ones."""
        places = self.known_places()
        state.extractor = await asyncio.to_thread(CallExtractor, known_places=places)
        state.last_segment_id = up_to
        if up_to is None:
            return
        self.count_rebuilds += 1
        segments, stored_lists = await self._stored_call(call_id, up_to)
        replayed = await asyncio.to_thread(_replay, state.extractor, segments)
        state.published = dict(stored_lists)
        for index, entities in replayed.items():
            await self._publish_if_changed(call_id, state, index, entities)
        log.info("rebuilt entity extraction of call %s from %d stored segments",
                 call_id, len(segments))

    async def _stored_call(self, call_id: str, up_to: str
                           ) -> tuple[list[Segment], dict[int, str]]:
        segments: list[Segment] = []
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


def _collect(message: StoredMessage, segments: list[Segment], stored_lists: dict[int, str]
             ) -> None:
    body = json.loads(message.body)
    if body["type"] in ("transcript", "revision"):
        segments.append(Segment(body["call_id"], body["segment_index"], body["is_final"],
                                body["start_ms"], body["end_ms"], body["text"]))
    elif body["type"] == "entity":
        stored_lists[body["segment_index"]] = encode({"entities": body["entities"]})


def _feed(extractor: CallExtractor, segment: Segment) -> list[Entity] | None:
    try:
        return extractor.feed(ExtractionSegment(**segment.to_dict()))
    except ValueError as error:
        # Out-of-order segments; the message names only call and index, never the text.
        log.warning("entities skipped: %s", error)
        return None


def _replay(extractor: CallExtractor, segments: list[Segment]) -> dict[int, list[Entity]]:
    latest: dict[int, list[Entity]] = {}
    for segment in segments:
        entities = _feed(extractor, segment)
        if entities is not None:
            latest[segment.segment_index] = entities
    return latest
