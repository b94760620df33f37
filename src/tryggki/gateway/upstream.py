"""Upstreams: any OpenAI-compatible base URL, one shared ``aiohttp.ClientSession``.

aiohttp rather than httpx on this path: measured against the demo vendor, httpx's async client
spent about 1.2 ms of CPU per 2 KB request and aiohttp 0.13 ms, and at 200 requests/s on two
cores that difference is most of the gateway's budget (``bench/gateway_bench.py``).

Failures become OpenAI errors: a timeout 504, an unreachable upstream 502, an upstream 5xx 502,
an upstream 4xx the same status with the upstream's own message (which only ever saw
placeholders), a body that is not JSON 502.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import aiohttp

from tryggki.config import Settings
from tryggki.gateway.errors import GatewayError
from tryggki.i18n import gettext as _

_JSON = {"content-type": "application/json"}
# What can go wrong on the way to an upstream and back.
ERRORS = (aiohttp.ClientError, TimeoutError)


class Upstreams:
    """Base URLs by AI system and the session that reaches them."""

    def __init__(self, settings: Settings) -> None:
        self._default = settings.gateway_upstream_url.rstrip("/")
        self._by_system = {k: v.rstrip("/") for k, v in settings.gateway_upstreams.items()}
        self._headers = {}
        if settings.gateway_upstream_api_key:
            self._headers["authorization"] = f"Bearer {settings.gateway_upstream_api_key}"
        # The read timeout is between reads (a slow stream is fine, a silent one is not).
        self._timeout = aiohttp.ClientTimeout(
            total=None,
            sock_connect=settings.gateway_connect_timeout,
            sock_read=settings.gateway_read_timeout,
        )
        self._session: aiohttp.ClientSession | None = None

    def _client(self) -> aiohttp.ClientSession:
        # Made on first use: a session belongs to the event loop it was made in.
        if self._session is None:
            self._session = aiohttp.ClientSession(
                headers=self._headers,
                timeout=self._timeout,
                # Enough kept-alive connections for long streamed answers in parallel; bounded
                # so a flood of callers cannot open unbounded sockets to the vendor.
                connector=aiohttp.TCPConnector(limit=1000, limit_per_host=0),
                # An SSE line may carry a whole answer (servers that do not really stream):
                # lines up to 2 MB (twice this) are read; longer ones end the stream cleanly.
                read_bufsize=1 << 20,
            )
        return self._session

    def url(self, system: str, path: str) -> str:
        """The full URL of ``path`` (e.g. ``/chat/completions``) for an AI system."""
        return self._by_system.get(system, self._default) + path

    async def post(self, system: str, path: str, content: bytes) -> bytes:
        """POST JSON and read the whole answer; failures and error statuses as OpenAI errors."""
        try:
            async with self._client().post(
                self.url(system, path), data=content, headers=_JSON
            ) as resp:
                body = await resp.read()
        except ERRORS as exc:
            raise failure(exc) from exc
        if resp.status != 200:
            raise status_error(resp.status, resp.headers, body)
        return body

    async def open_stream(self, system: str, path: str, content: bytes) -> aiohttp.ClientResponse:
        """POST JSON and return the response with its body still to read (an SSE stream)."""
        try:
            resp = await self._client().post(self.url(system, path), data=content, headers=_JSON)
            if resp.status == 200:
                return resp
            body = await resp.read()
            resp.release()
        except ERRORS as exc:
            raise failure(exc) from exc
        raise status_error(resp.status, resp.headers, body)

    async def close(self) -> None:
        """Close the shared session."""
        if self._session is not None:
            await self._session.close()


def failure(exc: BaseException) -> GatewayError:
    """A failure on the way to the upstream or back as an OpenAI error."""
    if isinstance(exc, TimeoutError):
        return GatewayError(
            504,
            _("The AI service did not answer in time."),
            type="upstream_timeout",
            code="upstream_timeout",
            outcome="upstream_error",
        )
    return GatewayError(
        502,
        _("The AI service could not be reached."),
        type="upstream_error",
        code="upstream_unreachable",
        outcome="upstream_error",
    )


def status_error(status: int, headers: Mapping[str, str], body: bytes) -> GatewayError:
    """An upstream error status as an OpenAI error."""
    if status >= 500:
        return GatewayError(
            502,
            _("The AI service failed (status %(status)s).") % {"status": status},
            type="upstream_error",
            code="upstream_error",
            outcome="upstream_error",
        )
    message = _("The AI service refused the request (status %(status)s).") % {"status": status}
    upstream_message = _error_message(body)
    if upstream_message:
        message += " " + upstream_message[:500]
    kept = {k: v for k, v in headers.items() if k.lower() == "retry-after"}
    return GatewayError(
        status if status in (400, 404, 408, 409, 413, 422, 429) else 400,
        message,
        type="upstream_error" if status != 429 else "rate_limit_error",
        code="upstream_refused",
        headers=kept,
        outcome="upstream_error",
    )


def _error_message(body: bytes) -> str:
    try:
        parsed: Any = json.loads(body)
        message = parsed.get("error", {}).get("message")
        return message if isinstance(message, str) else ""
    except (ValueError, AttributeError):
        return ""


def malformed() -> GatewayError:
    """The upstream answered with something that is not the expected JSON."""
    return GatewayError(
        502,
        _("The AI service sent an answer the gateway could not read."),
        type="upstream_error",
        code="upstream_malformed",
        outcome="upstream_error",
    )
