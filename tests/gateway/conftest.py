"""Fixtures: the demo vendor and a gateway in front of it, both real servers on loopback."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.gateway.servers import KEY, policy, serving
from tryggki.config import Settings
from tryggki.gateway.app import create_gateway
from tryggki.gateway.demo_upstream import create_demo_upstream


@dataclass
class Gateway:
    """A running gateway: its URL, the policy it serves and the call records it wrote."""

    url: str
    policy: dict[str, Any]
    records: list[dict[str, Any]] = field(default_factory=list)
    app: Any = None

    def client(self, **kw: Any) -> Any:
        """An official OpenAI client pointed at the gateway (no retries unless asked)."""
        from openai import OpenAI

        kw.setdefault("max_retries", 0)
        kw.setdefault("api_key", KEY)
        return OpenAI(base_url=self.url + "/v1", **kw)

    def flush(self) -> None:
        """Write the queued call records now."""
        import asyncio

        meter = self.app.state.services.meter
        asyncio.run_coroutine_threadsafe(meter.flush(), self.app.state.loop).result(10)


@pytest.fixture(scope="module")
def upstream() -> Iterator[str]:
    """The demo vendor, keeping every body it receives."""
    with serving(create_demo_upstream(keep=10_000)) as url:
        yield url


def received(upstream_url: str) -> list[dict[str, Any]]:
    """What the vendor received, exactly, oldest first."""
    return list(httpx.get(upstream_url + "/received").json())


GatewayFactory = Callable[..., AbstractContextManager[Gateway]]


@pytest.fixture
def gateway_factory(tmp_path: Path) -> GatewayFactory:
    """Start a gateway: ``with gateway_factory(upstream_url, policy_body, **settings) as gw``."""

    @contextmanager
    def start(
        upstream_url: str, body: dict[str, Any] | None = None, **overrides: Any
    ) -> Iterator[Gateway]:
        snapshot = policy() if body is None else body
        gw = Gateway(url="", policy=snapshot)

        async def loader() -> dict[str, Any] | None:
            return gw.policy

        def writer(rows: Any) -> None:
            gw.records.extend(rows)

        settings = Settings(
            environment="test",
            data_dir=tmp_path,
            gateway_upstream_url=upstream_url + "/v1",
            **overrides,
        )
        gw.app = create_gateway(settings, loader=loader, writer=writer)
        with serving(gw.app) as url:
            gw.url = url
            yield gw

    return start


@pytest.fixture
def gateway(upstream: str, gateway_factory: GatewayFactory) -> Iterator[Gateway]:
    """A gateway with the default test policy in front of the demo vendor."""
    with gateway_factory(upstream) as gw:
        yield gw
