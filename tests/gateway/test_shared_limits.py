"""Budgets shared in Redis: several gateway processes together keep one budget.

Two gateways in front of the same vendor stand for two worker processes; they share a real
Redis on 127.0.0.1:6379 under a prefix of their own.
"""

from __future__ import annotations

import asyncio
import os
import socket
import uuid
from collections.abc import Iterator
from typing import Any

import openai
import pytest
import redis

from tests.gateway.conftest import Gateway, GatewayFactory
from tests.gateway.servers import policy
from tryggki.gateway.limits import Budget, Limits
from tryggki.gateway.policy import Grant
from tryggki.gateway.shared_limits import SharedLimits

REDIS_URL = "redis://127.0.0.1:6379/0"


def _hello(gw: Gateway) -> None:
    gw.client(default_headers={"Accept-Language": "en"}).chat.completions.create(
        model="gpt-4o", messages=[{"role": "user", "content": "Hei."}]
    )


@pytest.fixture
def prefix() -> Iterator[str]:
    """A key prefix of this test's own in the running Redis, removed afterwards."""
    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.ping()
    except redis.RedisError:
        message = "Redis is not running on 127.0.0.1:6379: run scripts/test-deps.sh"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    name = f"tryggki-test:{uuid.uuid4().hex}"
    yield name
    for key in client.scan_iter(f"{name}:*"):
        client.delete(key)
    client.close()


def test_two_processes_share_one_request_budget(
    upstream: str, gateway_factory: GatewayFactory, prefix: str
) -> None:
    shared = {"gateway_limits_redis_url": REDIS_URL, "gateway_limits_redis_prefix": prefix}
    body = policy(requests_per_minute=3)
    with (
        gateway_factory(upstream, body, gateway_workers=2, **shared) as first,
        gateway_factory(upstream, body, gateway_workers=2, **shared) as second,
    ):
        # In memory each process would take 1 of the 3 (its share); shared, they take 3 in all.
        _hello(first)
        _hello(first)
        _hello(second)
        for gw in (first, second):
            with pytest.raises(openai.RateLimitError) as err:
                _hello(gw)
            assert "the limit is 3 a minute" in err.value.message
            assert 1 <= int(err.value.response.headers["retry-after"]) <= 60


def test_two_processes_share_one_token_budget(
    upstream: str, gateway_factory: GatewayFactory, prefix: str
) -> None:
    shared = {"gateway_limits_redis_url": REDIS_URL, "gateway_limits_redis_prefix": prefix}
    body = policy(tokens_per_day=600)
    ask = {
        "model": "gpt-4o",
        "messages": [{"role": "user", "content": "Skriv om dette: " + "helse og omsorg " * 10}],
        "max_tokens": 1,
    }
    with (
        gateway_factory(upstream, body, **shared) as first,
        gateway_factory(upstream, body, **shared) as second,
    ):
        answered = _until_limited(first, ask)  # the first process spends the day's budget …
        assert 1 <= answered < 20
        # … and the second one, with counters of its own in memory, would still answer.
        with pytest.raises(openai.RateLimitError) as err:
            second.client(default_headers={"Accept-Language": "en"}).chat.completions.create(**ask)
        assert "token budget" in err.value.message
        assert err.value.response.headers["x-should-retry"] == "false"


def _until_limited(gw: Gateway, ask: dict[str, Any]) -> int:
    """How many calls were answered before the first 429 (at most 20 are tried)."""
    for answered in range(20):
        try:
            gw.client().chat.completions.create(**ask)
        except openai.RateLimitError:
            return answered
    return 20


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_without_redis_each_process_keeps_its_share(
    upstream: str, gateway_factory: GatewayFactory, caplog: pytest.LogCaptureFixture
) -> None:
    url = f"redis://127.0.0.1:{_closed_port()}/0"
    with gateway_factory(
        upstream, policy(requests_per_minute=4), gateway_workers=2, gateway_limits_redis_url=url
    ) as gw:
        _hello(gw)
        _hello(gw)  # this process's share of 4 across 2 workers
        with pytest.raises(openai.RateLimitError):
            _hello(gw)
    assert "Redis for shared limits unreachable (ConnectionError)" in caplog.text


def test_settling_counts_the_real_use_never_below_zero_and_never_without_expiry(
    prefix: str,
) -> None:
    grant = Grant("k1", "org1", "uc1", requests_per_minute=None, tokens_per_day=1000)
    local = Limits(Budget(60, 1000), Budget(1200, 100_000))
    client = redis.Redis.from_url(REDIS_URL)

    async def run() -> None:
        limits = SharedLimits(REDIS_URL, fallback=local, prefix=prefix)
        held = await limits.admit(grant, 400)
        assert held.shared and held.headroom == 600  # the key's 1,000 less the 400 held
        assert limits.exceeded(grant, held, 900) is False
        assert limits.exceeded(grant, held, 1001) is True
        limits.settle(held, 150)  # the call used 150: 250 go back
        await limits.close()
        [key] = [k for k in client.scan_iter(f"{prefix}:tk:key:k1:*")]
        assert int(client.get(key) or 0) == 150
        client.delete(key)  # expired or evicted meanwhile
        limits = SharedLimits(REDIS_URL, fallback=local, prefix=prefix)
        limits.settle(held, 0)
        await limits.close()
        assert int(client.get(key) or 0) == 0
        assert client.ttl(key) > 0

    asyncio.run(run())
    client.close()
