"""Request bodies → the exact bodies sent upstream, and answers restored for the caller.

Every text that leaves goes through ``tryggki.deid.tokenise`` with the conversation's vault:
system, user, assistant and tool messages (plain or as text parts), tool-call arguments (string
values inside the JSON) and embedding inputs. What cannot be checked (images, token ids) is
refused on a pseudonymising route. A detector failure blocks the request: nothing is sent.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from typing import Any

from tryggki.deid import Vault, tokenise
from tryggki.deid.vault import PLACEHOLDER
from tryggki.gateway.conversations import Conversation
from tryggki.gateway.errors import GatewayError
from tryggki.i18n import gettext as _

INSTRUCTION = (
    "Text in ⟦…⟧ brackets stands in for personal data that was removed before this request "
    "was sent. Repeat such placeholders exactly as written when you refer to them."
)


def _blocked() -> GatewayError:
    return GatewayError(
        500,
        _("Personal data could not be checked, so the request was not sent."),
        type="server_error",
        code="pseudonymisation_failed",
        headers={"x-should-retry": "false"},
        outcome="blocked",
    )


def _unsupported() -> GatewayError:
    return GatewayError(
        400,
        _("Only text can be sent to this service: images, audio and token ids cannot be checked."),
        code="unsupported_content",
        outcome="blocked",
    )


class Tokeniser:
    """Tokenises texts with one conversation's vault and counts what it replaced."""

    def __init__(self, conversation: Conversation) -> None:
        self.conversation = conversation
        self.counts: Counter[str] = Counter()

    def text(self, text: str) -> str:
        """``text`` with identifiers replaced; cached for texts the conversation sent before."""
        conv = self.conversation
        safe = conv.tokenised.get(text)
        if safe is None:
            try:
                safe = tokenise(text, conv.vault)
            except Exception as exc:  # fail closed: an unchecked text never leaves
                raise _blocked() from exc
            conv.remember(text, safe)
        for m in PLACEHOLDER.finditer(safe):
            body = m.group()[1:-1]
            if body != "LB":
                self.counts[body.rsplit("_", 1)[0]] += 1
        return safe

    def value(self, value: Any) -> Any:
        """Every string inside a JSON value tokenised (object keys are schema names: kept)."""
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, list):
            return [self.value(v) for v in value]
        if isinstance(value, dict):
            return {k: self.value(v) for k, v in value.items()}
        return value

    def arguments(self, raw: str) -> str:
        """Tool-call arguments: the string values of the JSON, or the raw text if not JSON."""
        try:
            parsed = json.loads(raw)
        except ValueError:
            return self.text(raw)
        return json.dumps(self.value(parsed), ensure_ascii=False)

    def content(self, content: Any) -> Any:
        """Message content: a string or a list of parts, of which only text parts are allowed."""
        if content is None:
            return None
        if isinstance(content, str):
            return self.text(content)
        if isinstance(content, list):
            parts = []
            for part in content:
                if not isinstance(part, dict) or part.get("type") not in ("text", "refusal"):
                    raise _unsupported()
                field = "text" if part.get("type") == "text" else "refusal"
                parts.append({**part, field: self.text(str(part.get(field, "")))})
            return parts
        raise _unsupported()


def _opaque(value: Any) -> str:
    """A caller-chosen name or user id, replaced by a hash: it may be a person's name."""
    return "u" + hashlib.sha256(str(value).encode()).hexdigest()[:16]


def chat_request(body: dict[str, Any], tok: Tokeniser) -> dict[str, Any]:
    """The chat body to send upstream, every text tokenised."""
    messages = []
    for message in body["messages"]:
        out = dict(message)
        out["content"] = tok.content(message.get("content"))
        if "name" in out:
            out["name"] = _opaque(out["name"])
        calls = message.get("tool_calls")
        if calls:
            out["tool_calls"] = [_tool_call_out(call, tok) for call in calls]
        messages.append(out)
    outbound = {**body, "messages": messages}
    if "user" in outbound:
        outbound["user"] = _opaque(outbound["user"])
    if tok.counts:
        outbound["messages"] = [{"role": "system", "content": INSTRUCTION}, *messages]
    return outbound


def _tool_call_out(call: Any, tok: Tokeniser) -> Any:
    if not isinstance(call, dict) or not isinstance(call.get("function"), dict):
        return call
    function = dict(call["function"])
    if isinstance(function.get("arguments"), str):
        function["arguments"] = tok.arguments(function["arguments"])
    return {**call, "function": function}


def embeddings_request(body: dict[str, Any], tok: Tokeniser) -> dict[str, Any]:
    """The embeddings body to send upstream; token-id inputs cannot be checked and are refused."""
    data = body.get("input")
    if isinstance(data, str):
        safe: Any = tok.text(data)
    elif isinstance(data, list) and all(isinstance(x, str) for x in data):
        safe = [tok.text(x) for x in data]
    else:
        raise _unsupported()
    out = {**body, "input": safe}
    if "user" in out:
        out["user"] = _opaque(out["user"])
    return out


class JsonVault(Vault):
    """Restores into JSON string text (tool-call arguments): originals are JSON-escaped."""

    def __init__(self, inner: Vault) -> None:
        super().__init__()
        self.inner = inner

    def restore(self, text: str) -> str:
        """``text`` with placeholders replaced by their JSON-escaped originals."""
        return PLACEHOLDER.sub(
            lambda m: json.dumps(self.inner.restore(m.group()), ensure_ascii=False)[1:-1], text
        )


def restore_chat(answer: dict[str, Any], vault: Vault) -> dict[str, Any]:
    """A non-streamed chat answer with every placeholder put back (content and tool calls)."""
    json_vault = JsonVault(vault)
    for choice in answer.get("choices") or []:
        message = choice.get("message") if isinstance(choice, dict) else None
        if not isinstance(message, dict):
            continue
        if isinstance(message.get("content"), str):
            message["content"] = vault.restore(message["content"])
        for call in message.get("tool_calls") or []:
            function = call.get("function") if isinstance(call, dict) else None
            if isinstance(function, dict) and isinstance(function.get("arguments"), str):
                function["arguments"] = json_vault.restore(function["arguments"])
    return answer
