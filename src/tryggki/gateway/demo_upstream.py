"""The built-in demo vendor: an OpenAI-compatible server that shows exactly what it received.

It answers chat by echoing the last user message (streamed in small pieces, so placeholders are
split across chunks as real models split them), calls the first tool when tools are offered,
returns small deterministic embeddings, and keeps the last ``keep`` request bodies, byte for
byte, on its page ``/``. The gateway's default upstream; also the benchmark's fake vendor.
"""

from __future__ import annotations

import asyncio
import hashlib
import html
import json
import time
from collections import deque
from collections.abc import AsyncIterator
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response, StreamingResponse
from starlette.routing import Route

PIECE = 5  # characters per streamed chunk


def _last_user(messages: list[Any]) -> str:
    for m in reversed(messages):
        if isinstance(m, dict) and m.get("role") in ("user", "tool"):
            content = m.get("content")
            if isinstance(content, list):
                return " ".join(str(p.get("text", "")) for p in content if isinstance(p, dict))
            return str(content or "")
    return ""


def _answer(body: dict[str, Any]) -> tuple[str, list[dict[str, Any]]]:
    """The echo text, or a call of the first tool with the user's text as its argument."""
    text = _last_user(body.get("messages") or [])
    tools = body.get("tools") or []
    last_role = (body.get("messages") or [{}])[-1].get("role")
    if tools and last_role != "tool":
        name = tools[0].get("function", {}).get("name", "tool")
        args = json.dumps({"text": text}, ensure_ascii=False)
        return "", [
            {"id": "call_1", "type": "function", "function": {"name": name, "arguments": args}}
        ]
    return "Eg fekk: " + text, []


def _usage(body: dict[str, Any], answer: str) -> dict[str, int]:
    prompt = len(json.dumps(body.get("messages"), ensure_ascii=False)) // 4
    completion = max(1, len(answer) // 4)
    return {
        "prompt_tokens": prompt,
        "completion_tokens": completion,
        "total_tokens": prompt + completion,
    }


def create_demo_upstream(keep: int = 20, latency_ms: float = 0.0) -> Starlette:
    """The demo vendor; ``latency_ms`` delays every answer (a model's thinking time)."""
    received: deque[tuple[float, str, bytes]] = deque(maxlen=keep)

    async def chat(request: Request) -> Response:
        raw = await request.body()
        received.append((time.time(), "/v1/chat/completions", raw))
        body = json.loads(raw)
        if latency_ms:
            await asyncio.sleep(latency_ms / 1000)
        text, calls = _answer(body)
        model = body.get("model", "demo")
        if body.get("stream"):
            return StreamingResponse(
                _stream(body, model, text, calls), media_type="text/event-stream"
            )
        message: dict[str, Any] = {"role": "assistant", "content": text or None}
        if calls:
            message["tool_calls"] = calls
        return JSONResponse(
            {
                "id": "chatcmpl-demo",
                "object": "chat.completion",
                "created": int(time.time()),
                "model": model,
                "choices": [
                    {
                        "index": 0,
                        "message": message,
                        "finish_reason": "tool_calls" if calls else "stop",
                    }
                ],
                "usage": _usage(body, text),
            }
        )

    async def embed(request: Request) -> Response:
        raw = await request.body()
        received.append((time.time(), "/v1/embeddings", raw))
        body = json.loads(raw)
        inputs = body["input"] if isinstance(body["input"], list) else [body["input"]]
        data = [
            {"object": "embedding", "index": i, "embedding": _vector(str(t))}
            for i, t in enumerate(inputs)
        ]
        tokens = sum(len(str(t)) // 4 for t in inputs)
        return JSONResponse(
            {
                "object": "list",
                "data": data,
                "model": body.get("model", "demo"),
                "usage": {"prompt_tokens": tokens, "total_tokens": tokens},
            }
        )

    async def models(request: Request) -> Response:
        return JSONResponse({"object": "list", "data": []})

    async def page(request: Request) -> Response:
        items = "".join(
            f"<li><p>{time.strftime('%H:%M:%S', time.gmtime(at))} UTC · {path} · "
            f"{len(raw)} bytes</p><pre>{html.escape(_pretty(raw))}</pre></li>"
            for at, path, raw in reversed(received)
        )
        return HTMLResponse(
            "<!doctype html><html lang='en'><meta charset='utf-8'><title>Demo AI vendor</title>"
            "<body><h1>What the AI vendor received</h1>"
            f"<p>The last {keep} requests, exactly as they arrived.</p>"
            f"<ol>{items}</ol></body></html>"
        )

    async def dump(request: Request) -> Response:
        return JSONResponse(
            [{"at": at, "path": p, "body": raw.decode()} for at, p, raw in received]
        )

    return Starlette(
        routes=[
            Route("/v1/chat/completions", chat, methods=["POST"]),
            Route("/v1/embeddings", embed, methods=["POST"]),
            Route("/v1/models", models),
            Route("/", page),
            Route("/received", dump),
        ]
    )


def _pretty(raw: bytes) -> str:
    try:
        return json.dumps(json.loads(raw), ensure_ascii=False, indent=2)
    except ValueError:
        return raw.decode(errors="replace")


def _vector(text: str) -> list[float]:
    digest = hashlib.sha256(text.encode()).digest()
    return [round(b / 255, 4) for b in digest[:8]]


async def _stream(
    body: dict[str, Any], model: str, text: str, calls: list[dict[str, Any]]
) -> AsyncIterator[bytes]:
    base = {"id": "chatcmpl-demo", "object": "chat.completion.chunk", "created": 0, "model": model}

    def event(delta: dict[str, Any], finish: str | None = None) -> bytes:
        chunk = {**base, "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}
        return b"data: " + json.dumps(chunk, ensure_ascii=False).encode() + b"\n\n"

    yield event({"role": "assistant", "content": ""})
    if calls:
        call = calls[0]
        args = call["function"]["arguments"]
        head = {"index": 0, "id": call["id"], "type": "function"}
        yield event(
            {
                "tool_calls": [
                    {**head, "function": {"name": call["function"]["name"], "arguments": ""}}
                ]
            }
        )
        for i in range(0, len(args), PIECE):
            yield event(
                {"tool_calls": [{"index": 0, "function": {"arguments": args[i : i + PIECE]}}]}
            )
        yield event({}, "tool_calls")
    else:
        for i in range(0, len(text), PIECE):
            yield event({"content": text[i : i + PIECE]})
        yield event({}, "stop")
    if (body.get("stream_options") or {}).get("include_usage"):
        usage = {**base, "choices": [], "usage": _usage(body, text)}
        yield b"data: " + json.dumps(usage).encode() + b"\n\n"
    yield b"data: [DONE]\n\n"
