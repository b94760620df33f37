"""The AI gateway: an OpenAI-compatible proxy that pseudonymises Norwegian personal data.

A separate async ASGI application and process (``tryggki gateway``). It imports ``tryggki.deid``,
``tryggki.config``, ``tryggki.i18n`` and its own modules, never the ORM classes or a domain
service: policy comes from the snapshot the web app publishes (``policy``), usage and audit rows
are appended in batches with SQLAlchemy Core (``store``).

    app.py          routes: /v1/chat/completions, /v1/embeddings, /v1/models
    errors.py       GatewayError → the OpenAI error envelope
    policy.py       the snapshot, grants and decisions (pure) + the refreshing holder
    conversations.py per-conversation vaults, bounded in time and number
    pseudonymise.py request bodies → outbound bodies; answers restored
    streaming.py    SSE answers restored chunk by chunk (placeholders split across chunks)
    limits.py       request and token budgets per key and organisation, in memory
    shared_limits.py the same budgets counted in Redis for all processes (optional)
    meter.py        one record per call; flushed in batches by a background task
    store.py        the two tables the gateway touches, with SQLAlchemy Core
    upstream.py     the shared aiohttp client; upstream failures → clean errors
    logfilter.py    keeps message content out of every log
    demo_upstream.py the built-in demo vendor: shows exactly what it received
"""
