"""Gateway benchmark and load test: the overhead the gateway adds, with pseudonymisation on.

Starts, as separate processes on loopback: the demo vendor (``tryggki gateway demo-upstream``,
a fixed think time per answer), the gateway in front of it (its policy published from a fresh
demo registry, a key for DEMO-IKT-003) and, when installed, LiteLLM's proxy in front of the same
vendor. Then sends the same 2 KB prompts full of Norwegian identifiers at a fixed rate (open
loop: requests go out on schedule whether or not earlier ones have answered) to each in turn:
the vendor directly, the gateway, LiteLLM. Prints p50/p90/p99, errors, and the overhead against
the direct calls; also the gateway's own overhead as it reports it (``x-tryggki-overhead-ms``).

    uv run python bench/gateway_bench.py [--rate 200] [--seconds 60] [--latency-ms 20]

LiteLLM is used only if ``var/litellm-venv/bin/litellm`` exists (see bench/README.md). It runs
as a plain proxy: its PII masking needs Presidio services that are not installed here.
A benchmark, not a test: it asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import httpx
import sqlalchemy as sa
import uvloop

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the synthetic corpus lives with the tests

from bench.deid_bench import corpus_text  # noqa: E402
from bench.deid_bench import prompts as note_slices  # noqa: E402
from bench.loadgen import Result, run  # noqa: E402
from tests.gateway.corpus import prompts  # noqa: E402
from tests.gateway.servers import free_port  # noqa: E402

from tryggki.access import service as access  # noqa: E402
from tryggki.auth.actor import Actor  # noqa: E402
from tryggki.bootstrap import prepare  # noqa: E402
from tryggki.config import Settings  # noqa: E402
from tryggki.db.session import make_engine, make_sessionmaker, unit_of_work  # noqa: E402
from tryggki.models import UseCase  # noqa: E402

LITELLM = ROOT / "var" / "litellm-venv" / "bin" / "litellm"


def two_kb_prompts(n: int) -> list[str]:
    """``n`` different prompts of about 2 KB, each with names, ID numbers, phones, addresses."""
    pool = prompts(n * 24, seed=3)
    out = []
    for i in range(n):
        parts, size = [], 0
        for text, _ids in pool[i * 24 : (i + 1) * 24]:
            if size > 1950:
                break
            parts.append(text)
            size += len(text.encode()) + 1
        out.append(" ".join(parts))
    return out


def _process(args: list[str], env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "tryggki", *args] if args[0] != str(LITELLM) else args,
        env={**os.environ, **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _wait(url: str, headers: dict[str, str] | None = None, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with suppress(httpx.HTTPError):
            if httpx.get(url, headers=headers, timeout=2).status_code < 500:
                return
        time.sleep(0.3)
    raise RuntimeError(f"{url} did not come up")


@contextmanager
def servers(
    latency_ms: float, with_litellm: bool, workers: int
) -> Iterator[dict[str, tuple[str, str, int]]]:
    """The vendor, the gateway and LiteLLM; yields name → (chat URL, bearer key, process id)."""
    procs: list[subprocess.Popen[bytes]] = []
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(data_dir=Path(tmp), load_demo_data=True)
        prepare(settings)
        engine = make_engine(settings.sqlalchemy_url)
        with unit_of_work(make_sessionmaker(engine)) as session:
            uc = session.scalar(sa.select(UseCase).where(UseCase.ref == "DEMO-IKT-003"))
            assert uc is not None
            _key, key = access.create_key(
                session,
                actor=Actor.system("cli"),
                name="bench",
                use_case_id=uc.id,
                service_name="bench",
                requests_per_minute=1_000_000,
                tokens_per_day=10**12,
            )
        engine.dispose()
        up_port, gw_port, ll_port = free_port(), free_port(), free_port()
        upstream = f"http://127.0.0.1:{up_port}"
        try:
            procs.append(
                _process(
                    [
                        "gateway",
                        "demo-upstream",
                        "--port",
                        str(up_port),
                        "--latency-ms",
                        str(latency_ms),
                    ],
                    {},
                )
            )
            procs.append(
                _process(
                    ["gateway", "--port", str(gw_port), "--workers", str(workers)],
                    {
                        "TRYGGKI_DATA_DIR": tmp,
                        "TRYGGKI_GATEWAY_UPSTREAM_URL": upstream + "/v1",
                        "TRYGGKI_GATEWAY_ORG_REQUESTS_PER_MINUTE": "1000000",
                        "TRYGGKI_GATEWAY_ORG_TOKENS_PER_DAY": str(10**12),
                    },
                )
            )
            targets = {
                "direct": (upstream + "/v1/chat/completions", "none", procs[0].pid),
                "gateway": (f"http://127.0.0.1:{gw_port}/v1/chat/completions", key, procs[1].pid),
            }
            _wait(upstream + "/v1/models")
            _wait(f"http://127.0.0.1:{gw_port}/v1/models", {"authorization": f"Bearer {key}"})
            if with_litellm:
                config = Path(tmp) / "litellm.yaml"
                config.write_text(
                    json.dumps(
                        {
                            "model_list": [
                                {
                                    "model_name": "gpt-4o",
                                    "litellm_params": {
                                        "model": "openai/gpt-4o",
                                        "api_base": upstream + "/v1",
                                        "api_key": "none",
                                    },
                                }
                            ]
                        }
                    )
                )
                master = "sk-bench-" + secrets.token_hex(16)
                procs.append(
                    _process(
                        [str(LITELLM), "--config", str(config), "--port", str(ll_port)],
                        {
                            "LITELLM_LOG": "ERROR",
                            "LITELLM_MASTER_KEY": master,
                            # Offline here: no fetching of the price list, no telemetry.
                            "LITELLM_LOCAL_MODEL_COST_MAP": "True",
                            "LITELLM_TELEMETRY": "False",
                        },
                    )
                )
                _wait(f"http://127.0.0.1:{ll_port}/health/liveliness", timeout=180)
                targets["litellm"] = (
                    f"http://127.0.0.1:{ll_port}/v1/chat/completions",
                    master,
                    procs[2].pid,
                )
            yield targets
        finally:
            for p in procs:
                p.terminate()
            for p in procs:
                with suppress(subprocess.TimeoutExpired):
                    p.wait(timeout=10)


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) of a process and its descendants (uvicorn's workers), from /proc."""
    total = 0.0
    with suppress(OSError):
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        for task in Path(f"/proc/{pid}/task").iterdir():
            for child in (task / "children").read_text().split():
                total += cpu_seconds(int(child))
    return total


def pct(values: list[float], p: float) -> float:
    """The p-th percentile (nearest rank)."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))]


def main() -> None:
    """Run the phases and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rate", type=float, default=200)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--warmup", type=float, default=5)
    parser.add_argument("--latency-ms", type=float, default=20)
    parser.add_argument("--prompts", type=int, default=500)
    parser.add_argument("--no-litellm", action="store_true")
    parser.add_argument(
        "--corpus",
        choices=("dense", "notes"),
        default="dense",
        help="dense: synthetic prompts packed with identifiers (about 80 findings per 2 KB); "
        "notes: 2 KB slices of the synthetic clinical notes in ../shared (deid_bench's text)",
    )
    parser.add_argument(
        "--targets", default="direct,gateway,litellm", help="which to measure, in this order"
    )
    parser.add_argument("--workers", type=int, default=1, help="gateway worker processes")
    args = parser.parse_args()

    if args.corpus == "notes":
        texts = note_slices(corpus_text()[0], args.prompts)
    else:
        texts = two_kb_prompts(args.prompts)
    # A new conversation (``user``) per request: every prompt goes through detection, none is
    # served from the conversation's cache of texts it has already seen.
    bodies = [
        json.dumps(
            {
                "model": "gpt-4o",
                "messages": [{"role": "user", "content": texts[i % len(texts)]}],
                "user": f"bench-{i}",
            },
            ensure_ascii=False,
        ).encode()
        for i in range(int(args.rate * (args.seconds + args.warmup)) + 1)
    ]
    with_litellm = LITELLM.exists() and not args.no_litellm
    print(
        f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}; {args.rate:.0f} req/s for {args.seconds:.0f} s "
        f"per target; vendor think time {args.latency_ms:.0f} ms; "
        f"{len(bodies)} requests over {len(texts)} {args.corpus} prompts, "
        f"median {statistics.median(len(b) for b in bodies)} bytes"
    )
    if not with_litellm:
        print("LiteLLM: not installed in var/litellm-venv, left out (see bench/README.md)")
    results: dict[str, Result] = {}
    cpu_ms: dict[str, float] = {}
    with servers(args.latency_ms, with_litellm, args.workers) as targets:
        for name in args.targets.split(","):
            if name not in targets:
                continue
            url, key, pid = targets[name]
            warm = int(args.rate * args.warmup)
            uvloop.run(run(url, key, bodies[:warm], args.rate, args.warmup))
            started, cpu = time.monotonic(), cpu_seconds(pid)
            results[name] = uvloop.run(run(url, key, bodies[warm:], args.rate, args.seconds))
            took = time.monotonic() - started
            cpu_ms[name] = (cpu_seconds(pid) - cpu) * 1000 / max(1, int(args.rate * args.seconds))
            print(f"  {name}: done in {took:.0f} s", file=sys.stderr, flush=True)
    base = results.get("direct", Result())
    print(
        f"\n{'target':<9}{'ok':>7}{'errors':>8}{'p50 ms':>9}{'p90 ms':>9}{'p99 ms':>9}"
        f"{'max ms':>9}{'+p50':>8}{'+p99':>8}{'cpu ms/req':>11}"
    )
    for name, r in results.items():
        add50 = pct(r.latencies, 50) - pct(base.latencies, 50)
        add99 = pct(r.latencies, 99) - pct(base.latencies, 99)
        print(
            f"{name:<9}{len(r.latencies):>7}{r.errors:>8}{pct(r.latencies, 50):>9.2f}"
            f"{pct(r.latencies, 90):>9.2f}{pct(r.latencies, 99):>9.2f}"
            f"{max(r.latencies, default=float('nan')):>9.2f}{add50:>8.2f}{add99:>8.2f}"
            f"{cpu_ms[name]:>11.2f}"
        )
    own = results["gateway"].own if "gateway" in results else []
    print(
        f"\ngateway's own time per request (x-tryggki-overhead-ms, pseudonymisation included): "
        f"p50 {pct(own, 50):.2f} ms, p90 {pct(own, 90):.2f} ms, p99 {pct(own, 99):.2f} ms"
    )
    refused = {n: r.statuses for n, r in results.items() if set(r.statuses) - {200}}
    if refused:
        print(f"HTTP statuses where not all were 200: {refused}")
    late = {n: r.late_starts for n, r in results.items() if r.late_starts}
    if late:
        print(f"load generator fell behind schedule (>5 ms) on: {late}")


if __name__ == "__main__":
    main()
