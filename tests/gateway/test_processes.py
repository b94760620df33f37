"""The product as an operator runs it: ``tryggki gateway`` and ``tryggki gateway demo-upstream``
as their own processes, the policy from the database, a key issued with the CLI, and the
official OpenAI client (plain, streamed, tools, embeddings) in front of them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import openai
from sqlalchemy.orm import Session

from tests.gateway.corpus import prompts
from tests.gateway.servers import free_port
from tests.test_cli import cli
from tryggki.bootstrap import load_demo
from tryggki.config import Settings

TOOLS = [
    {
        "type": "function",
        "function": {
            "name": "write_letter",
            "parameters": {"type": "object", "properties": {"text": {"type": "string"}}},
        },
    }
]


@contextmanager
def _process(settings: Settings, *args: str, ready: str, upstream: str = "") -> Iterator[None]:
    env = {
        **os.environ,
        "TRYGGKI_DATABASE_URL": settings.sqlalchemy_url,
        "TRYGGKI_DATA_DIR": str(settings.data_dir),
    }
    if upstream:
        env["TRYGGKI_GATEWAY_UPSTREAM_URL"] = upstream
    proc = subprocess.Popen(
        [sys.executable, "-m", "tryggki", *args],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
            try:
                if httpx.get(ready, timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, f"{args[0]} did not start"
            time.sleep(0.2)
        yield
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_gateway_and_vendor_processes_with_a_cli_key(settings: Settings, db: Session) -> None:
    load_demo(db, settings)  # DEMO-IKT-003 (Helse Vest KI-chat) is approved
    db.commit()
    created = cli(
        settings, "gateway-key", "create", "--use-case", "DEMO-IKT-003", "--name", "E2E",
        "--service", "e2e",
    )  # fmt: skip
    assert created.returncode == 0, created.stderr
    key = created.stdout.strip()
    vendor, gateway = f"http://127.0.0.1:{free_port()}", f"http://127.0.0.1:{free_port()}"
    with (
        _process(settings, "gateway", "demo-upstream", "--port", vendor.rsplit(":", 1)[1],
                 ready=vendor + "/v1/models"),
        _process(settings, "gateway", "--port", gateway.rsplit(":", 1)[1],
                 ready=gateway + "/healthz", upstream=vendor + "/v1"),
    ):  # fmt: skip
        client = openai.OpenAI(base_url=gateway + "/v1", api_key=key, max_retries=0)
        identifiers: list[str] = []
        for text, ids in prompts(4, seed=23):
            identifiers += ids
            messages: list[Any] = [{"role": "user", "content": text}]
            plain = client.chat.completions.create(model="gpt-4o", messages=messages)
            assert plain.choices[0].message.content == "Eg fekk: " + text
            streamed = client.chat.completions.create(
                model="gpt-4o", messages=messages, stream=True
            )
            joined = "".join(c.choices[0].delta.content or "" for c in streamed if c.choices)
            assert joined == "Eg fekk: " + text
            tool = client.chat.completions.create(model="gpt-4o", messages=messages, tools=TOOLS)
            calls: Any = tool.choices[0].message.tool_calls
            assert json.loads(calls[0].function.arguments) == {"text": text}
            # Without encoding_format the client asks for base64 and decodes it.
            vectors = client.embeddings.create(model="gpt-4o", input=[text])
            assert len(vectors.data[0].embedding) == 8
        sent = httpx.get(vendor + "/received").json()
        assert len(sent) == 4 * 4
        bodies = "\n".join(b["body"] for b in sent)
        leaked = [i for i in identifiers if i in bodies or json.dumps(i)[1:-1] in bodies]
        assert leaked == [] and "⟦PERSON_1⟧" in bodies
