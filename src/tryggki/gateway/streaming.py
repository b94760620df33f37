"""Streamed chat answers restored chunk by chunk.

Each choice's ``delta.content`` and each tool call's ``function.arguments`` gets its own
``StreamRestorer``, which holds back only a tail that could still be the start of a placeholder
(``⟦PERS`` | ``ON_1⟧``). What is held is released with the chunk that finishes the choice, or at
``[DONE]``; a stream that ends early gets its tail and then an error event, never a cut-off
placeholder. SSE framing: lines are joined until the blank line that ends an event.
"""

from __future__ import annotations

import json
from typing import Any

from tryggki.deid import StreamRestorer, Vault
from tryggki.gateway.pseudonymise import JsonVault

DONE = b"data: [DONE]\n\n"


def encode(obj: dict[str, Any]) -> bytes:
    """One SSE data event."""
    return b"data: " + json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode() + b"\n\n"


class ChatStream:
    """Restores one streamed chat answer; also collects usage and the size of the answer."""

    def __init__(self, vault: Vault | None, *, client_wants_usage: bool) -> None:
        self._vault = vault
        self._json_vault = JsonVault(vault) if vault is not None else None
        self._wants_usage = client_wants_usage
        self._content: dict[int, StreamRestorer] = {}
        self._args: dict[tuple[int, int], StreamRestorer] = {}
        self._data: list[str] = []
        self.usage: dict[str, Any] | None = None
        self.answer_chars = 0
        self.done = False
        self.error: dict[str, Any] | None = None
        self._last: dict[str, Any] = {}

    def line(self, line: str) -> list[bytes]:
        """Feed one line of the upstream stream; returns the events to send on."""
        if line.startswith("data:"):
            self._data.append(line[5:].removeprefix(" "))
            return []
        if line.strip() or not self._data:
            return []  # comments, event names, ids and stray blank lines carry nothing to pass on
        data, self._data = "\n".join(self._data), []
        if data.strip() == "[DONE]":
            self.done = True
            return [*self._tail(), DONE]
        try:
            obj = json.loads(data)
        except ValueError:
            self.error = {"message": "malformed upstream event"}
            return []
        if not isinstance(obj, dict):
            return []
        if "error" in obj:
            self.error = obj["error"] if isinstance(obj["error"], dict) else {}
            return []
        out = self._chunk(obj)
        return [encode(out)] if out is not None else []

    def _restorer(self, index: int) -> StreamRestorer | None:
        if self._vault is None:
            return None
        if index not in self._content:
            self._content[index] = StreamRestorer(self._vault)
        return self._content[index]

    def _arg_restorer(self, index: int, call: int) -> StreamRestorer | None:
        if self._json_vault is None:
            return None
        if (index, call) not in self._args:
            self._args[(index, call)] = StreamRestorer(self._json_vault)
        return self._args[(index, call)]

    def _chunk(self, obj: dict[str, Any]) -> dict[str, Any] | None:
        self._last = {k: obj[k] for k in ("id", "object", "created", "model") if k in obj}
        if obj.get("usage"):
            self.usage = obj["usage"]
            if not self._wants_usage:
                if not obj.get("choices"):
                    return None
                obj = {k: v for k, v in obj.items() if k != "usage"}
        for choice in obj.get("choices") or []:
            if isinstance(choice, dict):
                self._choice(choice)
        return obj

    def _choice(self, choice: dict[str, Any]) -> None:
        index = int(choice.get("index") or 0)
        delta = choice.get("delta")
        if not isinstance(delta, dict):
            return
        if isinstance(delta.get("content"), str):
            self.answer_chars += len(delta["content"])
            restorer = self._restorer(index)
            if restorer is not None:
                delta["content"] = restorer.feed(delta["content"])
        for call in delta.get("tool_calls") or []:
            function = call.get("function") if isinstance(call, dict) else None
            if isinstance(function, dict) and isinstance(function.get("arguments"), str):
                self.answer_chars += len(function["arguments"])
                restorer = self._arg_restorer(index, int(call.get("index") or 0))
                if restorer is not None:
                    function["arguments"] = restorer.feed(function["arguments"])
        if choice.get("finish_reason"):
            self._release(index, delta)

    def _release(self, index: int, delta: dict[str, Any]) -> bool:
        """Put what is held back for one choice into ``delta``; True when there was any."""
        released = False
        content = self._content.pop(index, None)
        held = content.flush() if content else ""
        if held:
            delta["content"] = (delta.get("content") or "") + held
            released = True
        for key in sorted(k for k in self._args if k[0] == index):
            held = self._args.pop(key).flush()
            if not held:
                continue
            calls = delta.setdefault("tool_calls", [])
            match = next((c for c in calls if int(c.get("index") or 0) == key[1]), None)
            if match is None:
                calls.append({"index": key[1], "function": {"arguments": held}})
            else:
                fn = match.setdefault("function", {})
                fn["arguments"] = (fn.get("arguments") or "") + held
            released = True
        return released

    def _tail(self) -> list[bytes]:
        """Chunks for whatever is still held (a stream that ended without finish_reason)."""
        out = []
        for index in sorted({*self._content, *(k[0] for k in self._args)}):
            delta: dict[str, Any] = {}
            if self._release(index, delta):
                chunk = {
                    **self._last,
                    "choices": [{"index": index, "delta": delta, "finish_reason": None}],
                }
                out.append(encode(chunk))
        return out

    def end_early(self) -> list[bytes]:
        """The held tail of a stream that stopped before ``[DONE]``."""
        return self._tail()
