"""A vendor that misbehaves on request: the model name says how. Counts cancelled answers."""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import AsyncIterator
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

FAULTS = ("slow", "fail500", "badjson", "cut", "errorevent", "endless", "long")


def _chunk(text: str) -> bytes:
    body = {
        "id": "x",
        "object": "chat.completion.chunk",
        "created": 0,
        "model": "m",
        "choices": [{"index": 0, "delta": {"content": text}, "finish_reason": None}],
    }
    return b"data: " + json.dumps(body).encode() + b"\n\n"


def create_fault_upstream() -> Any:
    """The app; ``app.state.cancelled`` counts answers abandoned because the gateway hung up."""
    state: dict[str, int] = {"cancelled": 0}
    cancelled = threading.Event()

    async def chat(request: Request) -> Response:
        body = json.loads(await request.body())
        fault = body["model"]
        if fault == "slow":
            try:
                await asyncio.sleep(30)
            except asyncio.CancelledError:
                state["cancelled"] += 1
                raise
        if fault == "fail500":
            return JSONResponse({"error": {"message": "boom"}}, status_code=500)
        if fault == "badjson":
            return Response("this is not json", media_type="application/json")
        return StreamingResponse(_stream(fault, state, cancelled), media_type="text/event-stream")

    app = Starlette(routes=[Route("/v1/chat/completions", chat, methods=["POST"])])
    app.state.faults = state
    app.state.cancelled = cancelled
    return app


async def _stream(
    fault: str, state: dict[str, int], cancelled: threading.Event
) -> AsyncIterator[bytes]:
    yield _chunk("Hei ⟦PERS")
    if fault == "cut":
        # A vendor that stalls and then dies. (A cut that arrives in the same read as the last
        # chunk loses that chunk: aiohttp raises before handing out what it had buffered.)
        await asyncio.sleep(0.2)
        raise RuntimeError("connection dropped")  # uvicorn closes the socket mid-stream
    if fault == "errorevent":
        yield b'data: {"error": {"message": "overloaded", "type": "server_error"}}\n\n'
        return
    try:
        for _ in range(100_000 if fault == "endless" else 400):
            yield _chunk("bla bla bla ")
            await asyncio.sleep(0.005 if fault == "endless" else 0)
    except (asyncio.CancelledError, GeneratorExit):
        state["cancelled"] += 1
        cancelled.set()
        raise
    yield b"data: [DONE]\n\n"
