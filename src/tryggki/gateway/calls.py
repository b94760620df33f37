"""The steps every call shares: identify the key, read the body, decide, meter.

``Call`` carries one request through them and ends as one ``CallRecord``; nothing in it holds
the content beyond the request's own lifetime.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import time
import uuid
from collections.abc import Awaitable
from dataclasses import dataclass
from typing import Any, TypeVar

from starlette.requests import Request
from starlette.types import Receive

from tryggki.config import Settings
from tryggki.gateway.conversations import ConversationStore, conversation_id
from tryggki.gateway.errors import GatewayError
from tryggki.gateway.limits import Limits, Reservation
from tryggki.gateway.meter import CallRecord, Meter
from tryggki.gateway.policy import Grant, PolicyHolder, Route
from tryggki.gateway.pseudonymise import Tokeniser
from tryggki.gateway.shared_limits import SharedLimits
from tryggki.gateway.upstream import Upstreams
from tryggki.i18n import gettext as _

T = TypeVar("T")


@dataclass
class Services:
    """What the routes share for the life of the process."""

    settings: Settings
    policy: PolicyHolder
    conversations: ConversationStore
    limits: Limits | SharedLimits
    meter: Meter
    upstreams: Upstreams


def _uuid(value: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(value)
    except ValueError:
        return None


class Call:
    """One request on its way through the gateway."""

    def __init__(self, services: Services, request: Request, endpoint: str) -> None:
        self.services = services
        self.request = request
        self.started = time.perf_counter()
        self.upstream_seconds = 0.0
        self.record = CallRecord(endpoint=endpoint, request_hash="")
        self.grant: Grant | None = None
        self.reservation: Reservation | None = None
        self.prompt_estimate = 0
        self.request_id = uuid.uuid4().hex

    def authenticate(self) -> Grant:
        """The grant of the bearer key, or 401."""
        snapshot = self.services.policy.current()
        header = self.request.headers.get("authorization", "")
        scheme, _sep, token = header.partition(" ")
        grant = None
        if scheme.lower() == "bearer" and token:
            grant = snapshot.grant(hashlib.sha256(token.strip().encode()).hexdigest())
        if grant is None:
            raise GatewayError(
                401,
                _("Unknown or revoked gateway key."),
                code="invalid_api_key",
                outcome="unauthenticated",
            )
        self.grant = grant
        self.record.key_id = _uuid(grant.key_id)
        self.record.organisation_id = _uuid(grant.organisation_id)
        self.record.use_case_id = _uuid(grant.use_case_id)
        return grant

    async def body(self) -> tuple[dict[str, Any], int]:
        """The JSON body and its size; 413 when too large, 400 when not a JSON object."""
        limit = self.services.settings.gateway_max_body_bytes
        chunks: list[bytes] = []
        size = 0
        # Read at most the limit: a huge body is refused without being held in memory.
        async for chunk in self.request.stream():
            size += len(chunk)
            if size > limit:
                raise GatewayError(413, _("The request is too large."), code="request_too_large")
            chunks.append(chunk)
        raw = b"".join(chunks)
        self.record.request_hash = hashlib.sha256(raw).hexdigest()
        try:
            body = json.loads(raw)
        except ValueError:
            body = None
        if not isinstance(body, dict):
            raise GatewayError(400, _("The body must be a JSON object."), code="invalid_json")
        model = body.get("model")
        if not isinstance(model, str) or not model:
            raise GatewayError(400, _("Say which model to use."), param="model", code="missing")
        self.record.model = model
        return body, len(raw)

    def route(self, grant: Grant, model: str) -> Route:
        """The approved route for the model, or 403 naming what is approved instead."""
        return self.services.policy.current().route(grant, model)

    async def admit(self, grant: Grant, estimate: int) -> None:
        """Count the request against the budgets, or 429."""
        self.reservation = await self.services.limits.admit(grant, estimate)

    def tokeniser(self, hint: str | None, first_user_text: str) -> Tokeniser:
        """A tokeniser over this conversation's vault."""
        assert self.grant is not None
        conv_id = conversation_id(self.grant.key_id, hint, first_user_text)
        return Tokeniser(self.services.conversations.get(conv_id))

    async def upstream(self, awaitable: Awaitable[T]) -> T:
        """Await the upstream, timed; cancelled if the client goes away first."""
        started = time.perf_counter()
        try:
            return await _unless_disconnected(awaitable, self.request.receive)
        finally:
            self.upstream_seconds += time.perf_counter() - started

    def count(self, tok: Tokeniser | None) -> None:
        """Note the identifiers replaced, by class."""
        if tok is not None:
            self.record.identifiers_by_class = dict(tok.counts)
            self.record.identifiers = sum(tok.counts.values())

    def headers(self) -> dict[str, str]:
        """Response headers: request id, identifiers replaced, the gateway's own time."""
        overhead = (time.perf_counter() - self.started - self.upstream_seconds) * 1000
        return {
            "x-request-id": self.request_id,
            "x-tryggki-identifiers": str(self.record.identifiers),
            "x-tryggki-overhead-ms": f"{overhead:.2f}",
        }

    def finish(self, status: int, outcome: str, usage: dict[str, Any] | None = None) -> None:
        """Settle the budgets and queue the record."""
        record = self.record
        record.status, record.outcome = status, outcome
        if usage:
            record.prompt_tokens = int(usage.get("prompt_tokens") or 0)
            record.completion_tokens = int(usage.get("completion_tokens") or 0)
        elapsed = time.perf_counter() - self.started
        record.latency_ms = round(elapsed * 1000, 2)
        record.overhead_ms = round((elapsed - self.upstream_seconds) * 1000, 2)
        self.services.meter.add(record)  # first: the record is kept whatever happens below
        if self.reservation is not None:
            used = record.prompt_tokens + record.completion_tokens
            self.services.limits.settle(self.reservation, used or self.reservation.tokens)


async def _wait_disconnect(receive: Receive) -> None:
    while (await receive())["type"] != "http.disconnect":
        pass


async def _unless_disconnected(awaitable: Awaitable[T], receive: Receive) -> T:
    """The awaitable's result; if the client disconnects first, it is cancelled."""
    work = asyncio.ensure_future(awaitable)
    watch = asyncio.ensure_future(_wait_disconnect(receive))
    try:
        await asyncio.wait({work, watch}, return_when=asyncio.FIRST_COMPLETED)
    except BaseException:
        work.cancel()
        raise
    finally:
        watch.cancel()
    if not work.done():
        work.cancel()
        raise GatewayError(
            499, _("The client went away."), code="client_closed", outcome="cancelled"
        )
    return work.result()
