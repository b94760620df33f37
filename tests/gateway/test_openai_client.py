"""The official OpenAI client against the gateway in front of the demo vendor, on loopback.

What the vendor received is read back byte for byte: no identifier of the synthetic corpus may
be in it, and every answer the caller gets must carry the originals again.
"""

from __future__ import annotations

import base64
import json
import struct
from typing import Any

import openai
import pytest

from tests.gateway.conftest import Gateway, received
from tests.gateway.corpus import prompts

CORPUS = prompts(40)


def _leaks(bodies: list[dict[str, Any]], identifiers: list[str]) -> list[str]:
    sent = "\n".join(b["body"] for b in bodies)
    return [i for i in identifiers if i in sent or json.dumps(i)[1:-1] in sent]


def test_chat_leaves_no_identifier_and_the_answer_is_restored(
    gateway: Gateway, upstream: str
) -> None:
    client = gateway.client()
    before = len(received(upstream))
    for text, identifiers in CORPUS:
        answer = client.chat.completions.create(
            model="gpt-4o", messages=[{"role": "user", "content": text}]
        )
        assert answer.choices[0].message.content == "Eg fekk: " + text
        got = received(upstream)[before:]
        assert _leaks(got, identifiers) == []
        before += len(got)


def test_streamed_answers_are_restored_across_split_placeholders(
    gateway: Gateway, upstream: str
) -> None:
    client = gateway.client()
    start = len(received(upstream))
    for text, identifiers in CORPUS[:15]:
        stream = client.chat.completions.create(
            model="gpt-4o",
            messages=[{"role": "user", "content": text}],
            stream=True,
            stream_options={"include_usage": True},
        )
        chunks = list(stream)
        content = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
        assert content == "Eg fekk: " + text
        assert chunks[-1].usage is not None and chunks[-1].usage.completion_tokens > 0
        assert _leaks(received(upstream)[start:], identifiers) == []


def test_without_include_usage_the_caller_gets_no_usage_chunk(gateway: Gateway) -> None:
    text, _ids = CORPUS[0]
    chunks = list(
        gateway.client().chat.completions.create(
            model="gpt-4o", messages=[{"role": "user", "content": text}], stream=True
        )
    )
    assert all(c.choices for c in chunks)
    assert all(c.usage is None for c in chunks)


TOOLS: Any = [
    {
        "type": "function",
        "function": {
            "name": "book_appointment",
            "parameters": {"type": "object", "properties": {"text": {"type": "string"}}},
        },
    }
]


@pytest.mark.parametrize("stream", [False, True])
def test_tool_call_arguments_are_restored_and_tool_results_pseudonymised(
    gateway: Gateway, upstream: str, stream: bool
) -> None:
    client = gateway.client()
    text, identifiers = CORPUS[2]
    start = len(received(upstream))
    messages: list[Any] = [{"role": "user", "content": text}]
    if stream:
        chunks = list(
            client.chat.completions.create(
                model="gpt-4o", messages=messages, tools=TOOLS, stream=True
            )
        )
        args = "".join(
            (c.choices[0].delta.tool_calls or [None])[0].function.arguments or ""  # type: ignore[union-attr]
            for c in chunks
            if c.choices and c.choices[0].delta.tool_calls
        )
    else:
        answer = client.chat.completions.create(model="gpt-4o", messages=messages, tools=TOOLS)
        args = answer.choices[0].message.tool_calls[0].function.arguments  # type: ignore[index,union-attr]
    assert json.loads(args) == {"text": text}
    # The caller runs the tool and sends its result (with the identifiers) back.
    messages += [
        {
            "role": "assistant",
            "content": None,
            "tool_calls": [
                {
                    "id": "call_1",
                    "type": "function",
                    "function": {"name": "book_appointment", "arguments": args},
                }
            ],
        },
        {"role": "tool", "tool_call_id": "call_1", "content": "Booka for " + text},
    ]
    final = client.chat.completions.create(model="gpt-4o", messages=messages, tools=TOOLS)
    assert final.choices[0].message.content == "Eg fekk: Booka for " + text
    assert _leaks(received(upstream)[start:], identifiers) == []


def test_placeholders_are_stable_across_the_turns_of_a_conversation(
    gateway: Gateway, upstream: str
) -> None:
    client = gateway.client()
    first = "Pasienten Kari Nordmann har vondt i ryggen."
    second = "Kva bør Kari Nordmann gjere no?"
    messages: list[Any] = [{"role": "user", "content": first}]
    a1 = client.chat.completions.create(model="gpt-4o", messages=messages)
    messages += [
        {"role": "assistant", "content": a1.choices[0].message.content},
        {"role": "user", "content": second},
    ]
    a2 = client.chat.completions.create(model="gpt-4o", messages=messages)
    assert a2.choices[0].message.content == "Eg fekk: " + second
    last = json.loads(received(upstream)[-1]["body"])
    sent = [m["content"] for m in last["messages"] if m["role"] != "system"]
    assert "Kari Nordmann" not in json.dumps(last, ensure_ascii=False)
    assert "⟦PERSON_1⟧" in sent[0] and "⟦PERSON_1⟧" in sent[2]


@pytest.mark.parametrize("encoding", ["float", "base64", None])
def test_embeddings_in_float_and_base64(
    gateway: Gateway, upstream: str, encoding: str | None
) -> None:
    client = gateway.client()
    texts = [t for t, _ids in CORPUS[:3]]
    identifiers = [i for _t, ids in CORPUS[:3] for i in ids]
    start = len(received(upstream))
    kw: Any = {"encoding_format": encoding} if encoding else {}
    result = client.embeddings.create(model="gpt-4o", input=texts, **kw)
    assert len(result.data) == 3
    for d in result.data:
        vector: Any = d.embedding
        if isinstance(vector, str):  # asked for base64 explicitly: the client leaves it encoded
            vector = struct.unpack("<8f", base64.b64decode(vector))
        assert len(vector) == 8 and all(0 <= x <= 1 for x in vector)
    assert _leaks(received(upstream)[start:], identifiers) == []


def test_models_lists_only_what_the_key_may_use(gateway: Gateway) -> None:
    ids = sorted(m.id for m in gateway.client().models.list())
    assert ids == ["gpt-4o", "gpt-4o-mini"]
    assert gateway.client().models.retrieve("gpt-4o").id == "gpt-4o"
    with pytest.raises(openai.NotFoundError):
        gateway.client().models.retrieve("local-llm")


def test_a_model_of_another_system_is_refused_with_the_approved_alternatives(
    gateway: Gateway,
) -> None:
    with pytest.raises(openai.PermissionDeniedError) as err:
        gateway.client().chat.completions.create(
            model="local-llm", messages=[{"role": "user", "content": "Hei"}]
        )
    message = err.value.message
    assert "TEST-001" in message and "Testchat (gpt-4o, gpt-4o-mini)" in message


def test_an_unknown_key_is_refused(gateway: Gateway) -> None:
    with pytest.raises(openai.AuthenticationError):
        gateway.client(api_key="tkg_nope").models.list()
