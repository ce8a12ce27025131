"""Live call transcript relay: ASR segments in, transcript, revision and entity messages out.

Modules by concept: ``protocol``, ``tencent`` and ``errors`` (wire format), ``auth`` and
``limits`` (access), ``revisions``, ``backend``, ``redis_streams``, ``redis_appends``,
``live_feed`` and ``memory_backend`` (per-call logs), ``hub`` (subscriptions), ``entities`` and
``extraction_worker`` (entity messages), ``node``, ``routes``, ``handlers`` and ``http`` (the
server), ``registry`` (heartbeats), ``drain`` (shutdown), ``page`` and ``static/`` (the
investigator page), ``client`` (reference clients), ``bench`` (load test). Entity
extraction itself is ``realtime.extraction``. docs/realtime-protocol.md describes the protocol.
"""
