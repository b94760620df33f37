"""Upstreams: any OpenAI-compatible base URL, one shared ``httpx.AsyncClient``.

Failures become OpenAI errors: a timeout 504, an unreachable upstream 502, an upstream 5xx 502,
an upstream 4xx the same status with the upstream's own message (which only ever saw
placeholders), a body that is not JSON 502.
"""

from __future__ import annotations

import json
from typing import Any

import httpx

from tryggki.config import Settings
from tryggki.gateway.errors import GatewayError
from tryggki.i18n import gettext as _


class Upstreams:
    """Base URLs by AI system and the client that reaches them."""

    def __init__(self, settings: Settings, transport: httpx.AsyncBaseTransport | None = None):
        self._default = settings.gateway_upstream_url.rstrip("/")
        self._by_system = {k: v.rstrip("/") for k, v in settings.gateway_upstreams.items()}
        headers = {}
        if settings.gateway_upstream_api_key:
            headers["authorization"] = f"Bearer {settings.gateway_upstream_api_key}"
        self.client = httpx.AsyncClient(
            headers=headers,
            timeout=httpx.Timeout(
                settings.gateway_read_timeout, connect=settings.gateway_connect_timeout
            ),
            # Keep every connection alive: opening and closing them under load costs more than
            # the requests (and httpcore scans its pool per request, so the pool stays small).
            limits=httpx.Limits(max_connections=100, max_keepalive_connections=100),
            transport=transport,
        )

    def url(self, system: str, path: str) -> str:
        """The full URL of ``path`` (e.g. ``/chat/completions``) for an AI system."""
        return self._by_system.get(system, self._default) + path

    async def close(self) -> None:
        """Close the shared client."""
        await self.client.aclose()


def failure(exc: Exception) -> GatewayError:
    """An httpx failure as an OpenAI error."""
    if isinstance(exc, httpx.TimeoutException):
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


def status_error(response: httpx.Response, body: bytes) -> GatewayError:
    """An upstream error status as an OpenAI error."""
    status = response.status_code
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
    headers = {k: v for k, v in response.headers.items() if k.lower() in ("retry-after",)}
    return GatewayError(
        status if status in (400, 404, 408, 409, 413, 422, 429) else 400,
        message,
        type="upstream_error" if status != 429 else "rate_limit_error",
        code="upstream_refused",
        headers=headers,
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
