"""Streaming entity extraction from live call transcripts (Mandarin speech recognition output).

One :class:`CallExtractor` per call; feed it every :class:`Segment` in arrival order::

    extractor = CallExtractor(known_places=["海岸城"])
    entities = extractor.feed(Segment(call_id, segment_index, is_final, start_ms, end_ms, text))
    ...
    entities = extractor.finish()          # once, when the call ends

It finds phone numbers, ID card numbers, person names and places (:class:`Entity`, ``type``
``phone``, ``id_card``, ``name`` or ``place``), with spoken digits (幺三八, 洞, 两, 叉),
full-width digits, fillers between digit groups and numbers split across two segments.

How results replace each other:

- ``feed`` returns the complete current entity list of ``segment.segment_index``. It replaces
  every list returned before for that index, so an entity of an earlier partial that is not in
  the new list is withdrawn. Entities of a partial have ``is_provisional=True``.
- A number that ends a segment and may continue in the next one is not reported with that
  segment. The next segment's list reports it, joined with its continuation if there is one,
  with ``start`` in the earlier segment. If the call ends first, ``finish()`` returns it,
  attributed to the last final segment.
- A partial or a repeated final of a segment that is already final returns that segment's
  final list unchanged. A segment of an older index that never became final raises ValueError.

Offsets: ``start``/``end`` index the call's transcript, the concatenation of its final segments
followed by the current partial.

Everything runs offline on rules and word lists, without a model. The first CallExtractor of a
process loads the jurisdiction and indexes the place names, and later ones with the same key
places reuse that index. docs/benchmarks.md has the measured times and accuracy.
"""

from realtime.extraction.extractor import CallExtractor
from realtime.extraction.model import ENTITY_TYPES, Entity, Segment

__all__ = ["ENTITY_TYPES", "CallExtractor", "Entity", "Segment"]
