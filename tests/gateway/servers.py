"""Real servers on loopback ports for the gateway tests: uvicorn in a thread."""

from __future__ import annotations

import hashlib
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import uvicorn

KEY = "tkg_test-key-for-the-gateway-tests-0001"
OTHER_KEY = "tkg_test-key-of-another-organisation-02"
ORG = "00000000-0000-4000-8000-000000000001"
OTHER_ORG = "00000000-0000-4000-8000-000000000002"


def free_port() -> int:
    """A free loopback port."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serving(app: Any) -> Iterator[str]:
    """``app`` served by uvicorn on a loopback port; yields its base URL."""
    port = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("server did not start")
        time.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def policy(
    models: tuple[str, ...] = ("gpt-4o", "gpt-4o-mini"),
    *,
    approved: bool = True,
    pseudonymise: bool = True,
    requests_per_minute: int | None = None,
    tokens_per_day: int | None = None,
) -> dict[str, Any]:
    """A policy snapshot: KEY for an approved use case at ORG, OTHER_KEY at OTHER_ORG."""
    return {
        "format": 1,
        "keys": {
            hashlib.sha256(KEY.encode()).hexdigest(): {
                "key_id": "00000000-0000-4000-8000-0000000000a1",
                "organisation_id": ORG,
                "use_case_id": "uc-1",
                "requests_per_minute": requests_per_minute,
                "tokens_per_day": tokens_per_day,
            },
            hashlib.sha256(OTHER_KEY.encode()).hexdigest(): {
                "key_id": "00000000-0000-4000-8000-0000000000a2",
                "organisation_id": OTHER_ORG,
                "use_case_id": "uc-2",
                "requests_per_minute": None,
                "tokens_per_day": None,
            },
        },
        "use_cases": {
            "uc-1": {
                "ref": "TEST-001",
                "organisation_id": ORG,
                "approved": approved,
                "data_classes": ["personal_general"],
                "system_id": "sys-1",
            },
            "uc-3": {
                "ref": "TEST-003",
                "organisation_id": ORG,
                "approved": True,
                "data_classes": ["personal_general", "health"],
                "system_id": "sys-2",
            },
            "uc-2": {
                "ref": "TEST-002",
                "organisation_id": OTHER_ORG,
                "approved": True,
                "data_classes": ["personal_general"],
                "system_id": "sys-1",
            },
        },
        "systems": {
            "sys-1": {"name": "Testchat", "models": list(models), "pseudonymise": pseudonymise},
            "sys-2": {"name": "Lokal modell", "models": ["local-llm"], "pseudonymise": False},
        },
    }
