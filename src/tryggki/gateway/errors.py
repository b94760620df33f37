"""Errors in the OpenAI envelope, so the official clients raise the exception users expect.

    GatewayError(status, message, type, code)
    → {"error": {"message", "type", "param", "code"}}

400 BadRequestError · 401 AuthenticationError · 403 PermissionDeniedError · 404 NotFoundError ·
413/422 · 429 RateLimitError (``retry-after``; ``x-should-retry: false`` when retrying cannot help)
· 502/503/504 InternalServerError. Messages never quote the request.
"""

from __future__ import annotations

import json

from starlette.responses import Response


class GatewayError(Exception):
    """An expected failure, rendered as an OpenAI error."""

    def __init__(
        self,
        status: int,
        message: str,
        *,
        type: str = "invalid_request_error",
        code: str | None = None,
        param: str | None = None,
        headers: dict[str, str] | None = None,
        outcome: str = "refused",
    ) -> None:
        super().__init__(code or type)
        self.status = status
        self.message = message
        self.type = type
        self.code = code
        self.param = param
        self.headers = headers or {}
        self.outcome = outcome

    def body(self) -> dict[str, dict[str, str | None]]:
        """The error envelope."""
        return {
            "error": {
                "message": self.message,
                "type": self.type,
                "param": self.param,
                "code": self.code,
            }
        }

    def response(self, extra_headers: dict[str, str] | None = None) -> Response:
        """The HTTP response."""
        return Response(
            json.dumps(self.body(), ensure_ascii=False),
            status_code=self.status,
            media_type="application/json",
            headers={**self.headers, **(extra_headers or {})},
        )

    def sse(self) -> bytes:
        """The error as a server-sent event, for a stream that cannot go on."""
        return b"data: " + json.dumps(self.body(), ensure_ascii=False).encode() + b"\n\n"
