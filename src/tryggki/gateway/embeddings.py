"""``POST /v1/embeddings``: inputs pseudonymised; vectors returned as floats or base64.

The upstream is always asked for floats and the answer encoded as the caller asked: the
official client asks for base64 by default, and not every on-prem server can produce it.
"""

from __future__ import annotations

import base64
import json
import struct
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from tryggki.gateway import upstream as up
from tryggki.gateway.calls import Call
from tryggki.gateway.pseudonymise import Tokeniser, embeddings_request


def _encode(vector: Any, encoding: str) -> Any:
    if encoding == "base64" and isinstance(vector, list):
        return base64.b64encode(struct.pack(f"<{len(vector)}f", *vector)).decode()
    if encoding != "base64" and isinstance(vector, str):
        raw = base64.b64decode(vector)
        return list(struct.unpack(f"<{len(raw) // 4}f", raw))
    return vector


async def embeddings(call: Call, request: Request) -> Response:
    """Embeddings through the gateway."""
    grant = call.authenticate()
    body, size = await call.body()
    route = call.route(grant, body["model"])
    await call.admit(grant, size // 4)
    encoding = body.get("encoding_format") or "float"
    outbound = {k: v for k, v in body.items() if k != "encoding_format"}
    tok: Tokeniser | None = None
    if route.pseudonymise:
        # One vault per request: vectors come back, never text to restore.
        tok = call.tokeniser(call.request_id, "")
        outbound = embeddings_request(outbound, tok)
    call.count(tok)
    content = json.dumps(outbound, ensure_ascii=False, separators=(",", ":")).encode()
    raw = await call.upstream(call.services.upstreams.post(route.system, "/embeddings", content))
    try:
        answer = json.loads(raw)
        for item in answer["data"]:
            item["embedding"] = _encode(item["embedding"], encoding)
    except (ValueError, KeyError, TypeError, struct.error) as exc:
        raise up.malformed() from exc
    call.finish(200, "ok", answer.get("usage"))
    return JSONResponse(answer, headers=call.headers())
