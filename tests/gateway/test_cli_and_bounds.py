"""Keys from the command line (for automation), and the gateway's memory and size bounds."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import httpx
import sqlalchemy as sa
from sqlalchemy.orm import Session

from tests.gateway.conftest import Gateway
from tests.gateway.servers import KEY
from tests.test_cli import cli
from tryggki.bootstrap import load_demo
from tryggki.config import Settings
from tryggki.gateway.conversations import ConversationStore
from tryggki.models import GatewayKey, GatewayPolicy


def test_gateway_keys_are_created_listed_and_revoked_from_the_cli(
    settings: Settings, db: Session
) -> None:
    load_demo(db, settings)
    db.commit()
    created = cli(
        settings,
        "gateway-key",
        "create",
        "--use-case",
        "DEMO-IKT-003",
        "--name",
        "Robot",
        "--service",
        "journal-robot",
        "--requests-per-minute",
        "10",
    )
    assert created.returncode == 0, created.stderr
    key = created.stdout.strip()
    assert key.startswith("tkg_")
    policy = db.get(GatewayPolicy, 1)
    assert policy is not None
    assert hashlib.sha256(key.encode()).hexdigest() in policy.body["keys"]
    listed = cli(settings, "gateway-key", "list")
    assert (
        key[:10] in listed.stdout and "DEMO-IKT-003" in listed.stdout and key not in listed.stdout
    )
    assert cli(settings, "gateway-key", "revoke", key[:10]).returncode == 0
    db.expire_all()
    assert db.scalar(sa.select(GatewayKey.revoked_at)) is not None
    policy = db.get(GatewayPolicy, 1)
    assert policy is not None and policy.body["keys"] == {}
    unknown = cli(
        settings, "gateway-key", "create", "--use-case", "NOPE", "--name", "x", "--service", "s"
    )
    assert unknown.returncode == 1 and "No such use case" in unknown.stderr


def test_a_body_over_the_limit_is_refused_with_413(upstream: str, gateway_factory: object) -> None:
    with gateway_factory(upstream, gateway_max_body_bytes=2048) as gw:  # type: ignore[operator]
        resp = httpx.post(
            gw.url + "/v1/chat/completions",
            headers={"authorization": f"Bearer {KEY}"},
            json={"model": "gpt-4o", "messages": [{"role": "user", "content": "x" * 5000}]},
        )
    assert resp.status_code == 413
    assert resp.json()["error"]["code"] == "request_too_large"


def test_conversations_are_bounded_in_number_and_cache() -> None:
    store = ConversationStore(ttl=3600, max_size=10)
    for i in range(50):
        conv = store.get(f"c{i}")
        for j in range(100):
            conv.remember(f"tekst {j} " * 100, "x" * 900)
    assert len(store) == 10
    assert all(c.cached_chars <= 50_000 for c in store._items.values())


def test_unknown_paths_answer_in_the_openai_format(gateway: Gateway) -> None:
    resp = httpx.get(gateway.url + "/v1/nothing")
    assert resp.status_code == 404 and resp.json()["error"]["code"] == "not_found"


def test_a_bad_redis_url_stops_the_gateway_with_a_clear_message(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "TRYGGKI_DATA_DIR": str(tmp_path),
        "TRYGGKI_GATEWAY_LIMITS_REDIS_URL": "not a url",
    }
    result = subprocess.run(
        [sys.executable, "-m", "tryggki", "gateway", "--port", "8099"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert "gateway_limits_redis_url: Input should be a valid URL" in result.stderr
    assert "Traceback" not in result.stderr
