"""One record per call (metering and audit in one), written in batches by a background task.

A record holds who (key, organisation, use case), what (endpoint, model, stream), how much
(tokens, identifiers replaced by class), how it went (status, outcome, latency, the gateway's
own overhead) and the SHA-256 of the request body. It has no field for text: content cannot
reach it. The queue is bounded; when the database is away, records wait (up to the bound).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, fields
from datetime import UTC, datetime
from typing import Any

log = logging.getLogger("tryggki.gateway")

Writer = Callable[[Sequence[dict[str, Any]]], None]


@dataclass
class CallRecord:
    """What the audit keeps of one call."""

    endpoint: str
    request_hash: str
    at: datetime = field(default_factory=lambda: datetime.now(UTC))
    key_id: uuid.UUID | None = None
    organisation_id: uuid.UUID | None = None
    use_case_id: uuid.UUID | None = None
    model: str = ""
    stream: bool = False
    status: int = 200
    outcome: str = "ok"
    prompt_tokens: int = 0
    completion_tokens: int = 0
    identifiers: int = 0
    identifiers_by_class: dict[str, int] = field(default_factory=dict)
    latency_ms: float = 0.0
    overhead_ms: float = 0.0

    def row(self) -> dict[str, Any]:
        """The record as a table row (``asdict`` deep-copies, which costs on the hot path)."""
        return {name: getattr(self, name) for name in _FIELDS}


_FIELDS = tuple(f.name for f in fields(CallRecord))


class Meter:
    """Collects records and flushes them every ``interval`` seconds in a worker thread."""

    def __init__(self, writer: Writer, interval: float = 1.0, max_pending: int = 100_000) -> None:
        self._writer = writer
        self._interval = interval
        self._pending: deque[CallRecord] = deque(maxlen=max_pending)
        self._task: asyncio.Task[None] | None = None
        self._lock = asyncio.Lock()
        self.written = 0

    def add(self, record: CallRecord) -> None:
        """Queue a record (cheap: no I/O on the request path)."""
        record.model = record.model[:100]
        self._pending.append(record)

    async def flush(self) -> None:
        """Write what is queued; on failure the records are kept for the next try."""
        async with self._lock:  # one writer at a time, so no record is written twice
            if not self._pending:
                return
            batch = list(self._pending)
            try:
                await asyncio.to_thread(self._writer, [r.row() for r in batch])
            except Exception as exc:
                log.warning("metering write failed (%s); will retry", type(exc).__name__)
                return
            for _ in batch:
                self._pending.popleft()
            self.written += len(batch)

    async def _run(self) -> None:
        while True:
            await asyncio.sleep(self._interval)
            await self.flush()

    def start(self) -> None:
        """Flush on a timer from now on."""
        self._task = asyncio.create_task(self._run())

    async def stop(self) -> None:
        """Stop the timer and write what is left."""
        if self._task:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        await self.flush()
