"""``POST /v1/chat/completions``: pseudonymise, forward, restore (plain JSON or SSE)."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
from starlette.background import BackgroundTask
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse

from tryggki.deid import Vault
from tryggki.gateway import upstream as up
from tryggki.gateway.calls import Call
from tryggki.gateway.errors import GatewayError
from tryggki.gateway.pseudonymise import Tokeniser, chat_request, restore_chat
from tryggki.gateway.streaming import ChatStream
from tryggki.i18n import gettext as _

DEFAULT_MAX_TOKENS = 1024
PATH = "/chat/completions"


def _first_user_text(messages: list[Any]) -> str:
    for m in messages:
        if isinstance(m, dict) and m.get("role") == "user":
            return json.dumps(m.get("content"), ensure_ascii=False, sort_keys=True)
    return ""


def _estimate(size: int, body: dict[str, Any]) -> int:
    """Tokens to reserve: about four bytes a token for the prompt, plus the answer's ceiling."""
    ceiling = body.get("max_completion_tokens") or body.get("max_tokens") or DEFAULT_MAX_TOKENS
    return size // 4 + (ceiling if isinstance(ceiling, int) and ceiling > 0 else DEFAULT_MAX_TOKENS)


async def chat_completions(call: Call, request: Request) -> Response:
    """One chat completion through the gateway."""
    grant = call.authenticate()
    body, size = await call.body()
    messages = body.get("messages")
    if not isinstance(messages, list) or not messages:
        raise GatewayError(400, _("Send at least one message."), param="messages", code="missing")
    route = call.route(grant, body["model"])
    call.prompt_estimate = size // 4
    await call.admit(grant, _estimate(size, body))
    tok: Tokeniser | None = None
    outbound = body
    if route.pseudonymise:
        hint = request.headers.get("x-conversation-id") or body.get("user")
        tok = call.tokeniser(str(hint) if hint else None, _first_user_text(messages))
        outbound = chat_request(body, tok)
    call.count(tok)
    stream = bool(body.get("stream"))
    call.record.stream = stream
    vault = tok.conversation.vault if tok else None
    if stream:
        return await _stream(call, route.system, outbound, vault)
    content = json.dumps(outbound, ensure_ascii=False, separators=(",", ":")).encode()
    raw = await call.upstream(call.services.upstreams.post(route.system, PATH, content))
    try:
        answer = json.loads(raw)
    except ValueError:
        answer = None
    if not isinstance(answer, dict):
        raise up.malformed()
    if vault is not None:
        answer = restore_chat(answer, vault)
    call.finish(200, "ok", answer.get("usage"))
    return JSONResponse(answer, headers=call.headers())


async def _stream(
    call: Call, system: str, outbound: dict[str, Any], vault: Vault | None
) -> Response:
    options = outbound.get("stream_options")
    wants_usage = isinstance(options, dict) and bool(options.get("include_usage"))
    # Usage is always asked for, so streamed calls are metered and budgeted like the others.
    outbound = {**outbound, "stream_options": {**(options or {}), "include_usage": True}}
    content = json.dumps(outbound, ensure_ascii=False, separators=(",", ":")).encode()
    resp = await call.upstream(call.services.upstreams.open_stream(system, PATH, content))
    restorer = ChatStream(vault, client_wants_usage=wants_usage)
    return StreamingResponse(
        _events(call, resp, restorer),
        media_type="text/event-stream",
        headers={**call.headers(), "cache-control": "no-cache"},
        # A stream the caller left before it started is closed here (and by _events otherwise).
        background=BackgroundTask(resp.close),
    )


def _over_budget(call: Call, stream: ChatStream) -> bool:
    """Whether a running stream has gone past a day budget of its key or organisation."""
    grant, reservation = call.grant, call.reservation
    if grant is None or reservation is None:
        return False
    used = call.prompt_estimate + stream.answer_chars // 4
    return call.services.limits.exceeded(grant, reservation, used)


def _stop(stream: ChatStream, message: str, status: int = 502) -> list[bytes]:
    """The held-back tail, then an error event: the end of a stream that cannot go on."""
    kind = "rate_limit_error" if status == 429 else "upstream_error"
    return [*stream.end_early(), GatewayError(status, message, type=kind).sse()]


def _verdict(call: Call, stream: ChatStream) -> tuple[int, str, list[bytes]]:
    """After each upstream line: go on (``running``), or the status, outcome and last events."""
    if stream.done:
        return 200, "ok", []
    if stream.error is not None:
        return 502, "upstream_error", _stop(stream, _("The AI service reported an error."))
    if _over_budget(call, stream):
        return 429, "limited", _stop(stream, _("The token budget ran out during the answer."), 429)
    return 200, "running", []


async def _events(
    call: Call, resp: aiohttp.ClientResponse, stream: ChatStream
) -> AsyncIterator[bytes]:
    """The restored events; every way the stream can end gives a clean end and one record."""
    status, outcome = 200, "running"
    try:
        async for raw in resp.content:
            for event in stream.line(raw.decode(errors="replace").rstrip("\r\n")):
                yield event
            status, outcome, last = _verdict(call, stream)
            if outcome != "running":
                for event in last:
                    yield event
                return
        status, outcome = 502, "upstream_error"
        for event in _stop(stream, _("The AI service ended the answer early.")):
            yield event
    except (*up.ERRORS, ValueError) as exc:  # ValueError: a line longer than aiohttp allows
        # A silent upstream is a time-out; anything else here is an answer broken off.
        timed_out = isinstance(exc, TimeoutError)
        status, outcome = (504 if timed_out else 502), "upstream_error"
        message = (
            up.failure(exc).message if timed_out else _("The AI service ended the answer early.")
        )
        for event in _stop(stream, message, status):
            yield event
    finally:
        # Still running here means the caller went away: the upstream call is closed below.
        outcome = "cancelled" if outcome == "running" else outcome
        # A stream cut short has no usage chunk: count what was sent and received.
        usage = stream.usage or {
            "prompt_tokens": call.prompt_estimate,
            "completion_tokens": stream.answer_chars // 4,
        }
        call.finish(status, outcome, usage)
        resp.close()
