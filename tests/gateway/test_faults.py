"""Faults: each gives the caller a clean OpenAI error or a clean end, and leaks nothing."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from typing import Any

import httpx
import openai
import pytest

from tests.gateway.conftest import Gateway, GatewayFactory, received
from tests.gateway.fault_upstream import FAULTS, create_fault_upstream
from tests.gateway.servers import KEY, policy, serving
from tryggki.deid import Label, Vault
from tryggki.gateway.conversations import ConversationStore


@pytest.fixture(scope="module")
def faulty() -> Iterator[tuple[str, Any]]:
    """The misbehaving vendor and its cancellation signal."""
    app = create_fault_upstream()
    with serving(app) as url:
        yield url, app.state.cancelled


@pytest.fixture
def gw(faulty: tuple[str, Any], gateway_factory: GatewayFactory) -> Iterator[Gateway]:
    """A gateway with a short read timeout in front of the misbehaving vendor."""
    with gateway_factory(faulty[0], policy(FAULTS), gateway_read_timeout=1.0) as g:
        yield g


def _ask(gw: Gateway, model: str, **kw: Any) -> Any:
    return gw.client().chat.completions.create(
        model=model,
        messages=[{"role": "user", "content": "Pasienten Kari Nordmann er sjuk."}],
        **kw,
    )


def test_upstream_timeout_is_a_504_and_the_upstream_call_is_abandoned(
    gw: Gateway, faulty: tuple[str, Any]
) -> None:
    with pytest.raises(openai.InternalServerError) as err:
        _ask(gw, "slow")
    assert err.value.status_code == 504
    assert err.value.body["code"] == "upstream_timeout"  # type: ignore[index]


@pytest.mark.parametrize(
    ("model", "code"), [("fail500", "upstream_error"), ("badjson", "upstream_malformed")]
)
def test_upstream_failures_are_502_in_the_openai_format(gw: Gateway, model: str, code: str) -> None:
    with pytest.raises(openai.InternalServerError) as err:
        _ask(gw, model)
    assert err.value.status_code == 502
    assert err.value.body["code"] == code  # type: ignore[index]


def _read(stream: Any, into: list[str]) -> None:
    for chunk in stream:
        into.append(chunk.choices[0].delta.content or "" if chunk.choices else "")


@pytest.mark.parametrize("model", ["cut", "errorevent"])
def test_a_stream_that_breaks_ends_with_an_error_event(gw: Gateway, model: str) -> None:
    got: list[str] = []
    with pytest.raises(openai.APIError):
        _read(_ask(gw, model, stream=True), got)
    assert (
        "".join(got) == "Hei ⟦PERS"
    )  # the held-back tail is released, never half a restored value


def test_a_slow_client_still_gets_the_whole_answer(gw: Gateway) -> None:
    body = {"model": "long", "stream": True, "messages": [{"role": "user", "content": "Hei"}]}
    headers = {"authorization": f"Bearer {KEY}"}
    text = ""

    async def read() -> None:
        nonlocal text
        async with (
            httpx.AsyncClient(timeout=30) as client,
            client.stream(
                "POST", gw.url + "/v1/chat/completions", json=body, headers=headers
            ) as resp,
        ):
            async for line in resp.aiter_lines():
                if line.startswith("data: {"):
                    text += json.loads(line[6:])["choices"][0]["delta"].get("content", "")
                await asyncio.sleep(0.001)  # a reader slower than the vendor

    asyncio.run(read())
    assert text == "Hei ⟦PERS" + "bla bla bla " * 400


def test_a_client_that_disconnects_cancels_the_upstream_call(
    gw: Gateway, faulty: tuple[str, Any]
) -> None:
    cancelled = faulty[1]
    cancelled.clear()
    stream = _ask(gw, "endless", stream=True)
    for i, _chunk in enumerate(stream):
        if i == 5:
            break
    stream.close()
    # The vendor notices on its next write that the gateway hung up.
    assert cancelled.wait(timeout=10)
    gw.flush()
    assert any(r["outcome"] == "cancelled" for r in gw.records)


def test_fault_records_hold_no_content(gw: Gateway) -> None:
    for model in ("fail500", "badjson"):
        with pytest.raises(openai.APIError):
            _ask(gw, model)
    gw.flush()
    dumped = json.dumps(gw.records, default=str, ensure_ascii=False)
    assert "Kari" not in dumped and "Nordmann" not in dumped
    assert {r["outcome"] for r in gw.records} == {"upstream_error"}


class _BrokenVault(Vault):
    """A pseudonymiser that fails on the first identifier, as a bug or a lack of memory would."""

    def placeholder(self, label: Label, original: str) -> str:
        raise MemoryError


def test_a_pseudonymiser_failure_blocks_the_request_and_nothing_leaves(
    upstream: str, gateway_factory: GatewayFactory
) -> None:
    before = len(received(upstream))
    with gateway_factory(upstream) as gw:
        gw.app.state.services.conversations = ConversationStore(60, 10, vault=_BrokenVault)
        client = gw.client(max_retries=2)  # the error says not to retry: no retry is made
        for stream in (False, True):
            with pytest.raises(openai.InternalServerError) as err:
                client.chat.completions.create(
                    model="gpt-4o",
                    messages=[{"role": "user", "content": "Pasienten Kari Nordmann er sjuk."}],
                    stream=stream,
                )
            assert err.value.code == "pseudonymisation_failed"
        gw.flush()
    assert len(received(upstream)) == before  # the vendor got nothing
    assert [r["outcome"] for r in gw.records] == ["blocked", "blocked"]
    assert "Nordmann" not in json.dumps(gw.records, default=str, ensure_ascii=False)
