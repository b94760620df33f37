"""Policy from the snapshot (never fail open), budgets with 429, audit records and logs clean."""

from __future__ import annotations

import asyncio
import json
import logging
import re
from typing import Any

import openai
import pytest

from tests.gateway.conftest import Gateway, GatewayFactory, received
from tests.gateway.corpus import prompts
from tests.gateway.servers import OTHER_KEY, policy
from tryggki.deid import Label, Vault
from tryggki.gateway.conversations import Conversation
from tryggki.gateway.errors import GatewayError
from tryggki.gateway.pseudonymise import Tokeniser


def _hello(gw: Gateway, **kw: Any) -> Any:
    return gw.client(**kw).chat.completions.create(
        model="gpt-4o", messages=[{"role": "user", "content": "Hei"}]
    )


def _refresh(gw: Gateway) -> None:
    services = gw.app.state.services
    asyncio.run_coroutine_threadsafe(services.policy.refresh(), gw.app.state.loop).result(10)


def test_without_a_snapshot_every_request_is_refused(
    upstream: str, gateway_factory: GatewayFactory
) -> None:
    with gateway_factory(upstream) as gw:
        gw.policy = None  # type: ignore[assignment]
        gw.app.state.services.policy.snapshot = None
        with pytest.raises(openai.InternalServerError) as err:
            _hello(gw)
        assert err.value.status_code == 503


def test_the_last_good_snapshot_is_kept_and_a_revoked_key_refused(
    upstream: str, gateway_factory: GatewayFactory
) -> None:
    with gateway_factory(upstream) as gw:
        gw.policy = None  # type: ignore[assignment]  # the database is away
        _refresh(gw)
        assert _hello(gw).choices[0].message.content == "Eg fekk: Hei"
        body = policy()
        body["keys"] = {}  # the key was revoked in the web app
        gw.policy = body
        _refresh(gw)
        with pytest.raises(openai.AuthenticationError):
            _hello(gw)


def test_an_unapproved_use_case_is_refused_with_the_services_to_use_instead(
    upstream: str, gateway_factory: GatewayFactory
) -> None:
    with gateway_factory(upstream, policy(approved=False)) as gw:
        with pytest.raises(openai.PermissionDeniedError) as err:
            _hello(gw)
        assert "TEST-001" in err.value.message and "Lokal modell (local-llm)" in err.value.message
        assert gw.client().models.list().data == []


def test_another_organisation_cannot_use_the_key_of_a_use_case_elsewhere(gateway: Gateway) -> None:
    # OTHER_KEY belongs to an approved use case of its own organisation: it may use that one.
    assert _hello(gateway, api_key=OTHER_KEY).choices[0].message.content == "Eg fekk: Hei"


def test_on_prem_systems_receive_the_text_unchanged(gateway: Gateway, upstream: str) -> None:
    body = policy()
    body["keys"][next(iter(body["keys"]))]["use_case_id"] = "uc-3"
    gateway.policy = body
    _refresh(gateway)
    text = "Pasienten Kari Nordmann er sjuk."
    gateway.client().chat.completions.create(
        model="local-llm", messages=[{"role": "user", "content": text}]
    )
    assert text in received(upstream)[-1]["body"]


def test_request_budget_gives_429_with_retry_after(
    upstream: str, gateway_factory: GatewayFactory
) -> None:
    with gateway_factory(upstream, policy(requests_per_minute=2)) as gw:
        _hello(gw)
        _hello(gw)
        with pytest.raises(openai.RateLimitError) as err:
            _hello(gw)
        assert 1 <= int(err.value.response.headers["retry-after"]) <= 60


def test_with_several_workers_each_takes_its_share_so_together_they_never_exceed_the_budget(
    upstream: str, gateway_factory: GatewayFactory
) -> None:
    # Two workers, a budget of 3 a minute: this process lets 1 through (3 // 2), the other
    # process 1 more; never 4.
    with gateway_factory(upstream, policy(requests_per_minute=3), gateway_workers=2) as gw:
        _hello(gw)
        with pytest.raises(openai.RateLimitError) as err:
            _hello(gw, default_headers={"Accept-Language": "en"})
        assert "the limit is 3 a minute" in err.value.message  # the budget, not the share


def test_token_budget_is_enforced_before_and_during_a_stream(
    upstream: str, gateway_factory: GatewayFactory
) -> None:
    long = "Skriv om dette: " + "helse og omsorg " * 100
    with gateway_factory(upstream, policy(tokens_per_day=500)) as gw:
        client = gw.client(default_headers={"Accept-Language": "en"})
        stream = client.chat.completions.create(
            model="gpt-4o", messages=[{"role": "user", "content": long}], stream=True, max_tokens=1
        )
        with pytest.raises(openai.APIError) as mid:
            for _chunk in stream:
                pass
        assert "token budget" in mid.value.message
        with pytest.raises(openai.RateLimitError) as err:
            client.chat.completions.create(
                model="gpt-4o", messages=[{"role": "user", "content": long}], max_tokens=1
            )
        assert err.value.response.headers["x-should-retry"] == "false"


def test_records_and_logs_carry_no_content(
    gateway: Gateway, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    corpus = prompts(10, seed=11)
    client = gateway.client()
    for text, _ids in corpus:
        client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": text}])
        list(
            client.chat.completions.create(
                model="gpt-4o", messages=[{"role": "user", "content": text}], stream=True
            )
        )
    gateway.flush()
    records = gateway.records
    assert len(records) == 20
    record = records[0]
    assert record["outcome"] == "ok" and record["identifiers"] >= 3
    assert set(record["identifiers_by_class"]) <= {label.value for label in Label}
    assert record["prompt_tokens"] > 0 and record["completion_tokens"] > 0
    assert len(record["request_hash"]) == 64
    sinks = json.dumps(records, default=str, ensure_ascii=False) + caplog.text
    for _text, identifiers in corpus:
        for identifier in identifiers:
            # Whole values only: a post code's four digits may occur inside a hash.
            assert not re.search(rf"(?<![\w.]){re.escape(identifier)}(?![\w])", sinks)


def test_a_detector_failure_blocks_the_request() -> None:
    class BrokenVault(Vault):
        def placeholder(self, label: Label, original: str) -> str:
            raise RuntimeError("detector down")

    tok = Tokeniser(Conversation(vault=BrokenVault()))
    with pytest.raises(GatewayError) as err:
        tok.text("Pasienten Kari Nordmann er sjuk.")
    assert err.value.status == 500 and err.value.code == "pseudonymisation_failed"


def test_images_are_refused_on_a_pseudonymising_route(gateway: Gateway) -> None:
    with pytest.raises(openai.BadRequestError):
        gateway.client().chat.completions.create(
            model="gpt-4o",
            messages=[
                {
                    "role": "user",
                    "content": [
                        {"type": "image_url", "image_url": {"url": "data:image/png;base64,AA"}}
                    ],
                }
            ],
        )
