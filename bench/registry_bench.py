"""Registry benchmark: list, filter, API and export times on SQLite and PostgreSQL.

Fills a throw-away database per backend with synthetic use cases, benefits and measurements
(SQLAlchemy Core bulk inserts, not the services), serves the real app with uvicorn on a loopback
port, logs in as an administrator and times requests. It also counts the SQL statements each
request issues, to show the list page costs the same number of queries at any page size.

    uv run python bench/registry_bench.py [--use-cases 10000] [--measurements 50000]
        [--backends sqlite,postgresql] [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import re
import secrets
import socket
import sqlite3
import statistics
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from pathlib import Path
from typing import Any

import httpx
import sqlalchemy as sa
import uvicorn
from sqlalchemy.orm import Session

from tryggki.auth.actor import Actor
from tryggki.auth.service import create_user
from tryggki.bootstrap import upgrade_database
from tryggki.config import Settings
from tryggki.db.base import Base
from tryggki.db.session import make_engine, make_sessionmaker
from tryggki.models import Organisation
from tryggki.registry import vocabulary as v
from tryggki.web.app import create_app

PG_ADMIN_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
ADMIN_EMAIL, PASSWORD = "bench.admin@example.test", "bench-password-not-secret"
CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')
TOPICS = ("talegjenkjenning", "bildeanalyse", "journalsamandrag", "timebestilling",
          "vaktplan", "kodeassistent", "omsetjing", "risikovarsling", "dokumentsortering",
          "skrivestøtte")  # fmt: skip
BATCH = 5000
SLOW_MS = 5000.0  # an export slower than this is run once only


def codes(enum: type[StrEnum]) -> list[str]:
    """The plain string codes of a vocabulary."""
    return [member.value for member in enum]


def quarter(q: int) -> date:
    """The first day of the q-th quarter after 2024-01-01."""
    return date(2024 + q // 4, 1 + 3 * (q % 4), 1)


def catalogue_rows(now: datetime) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """12 vendors and 50 AI systems."""
    stamp = {"created_at": now, "updated_at": now, "is_demo": False}
    vendors = [
        {"id": uuid.uuid4(), "name": f"Leverandør {i:02d} AS", "org_number": None,
         "country": "NO", "website": None, "notes": None, **stamp}
        for i in range(12)
    ]  # fmt: skip
    systems = []
    for i in range(50):
        device, gpai = i % 5 == 0, i % 4 == 0
        systems.append({
            "id": uuid.uuid4(), "name": f"KI-system {i:02d} – {TOPICS[i % len(TOPICS)]}",
            "description": "Syntetisk system.", "vendor_id": vendors[i % len(vendors)]["id"],
            "techniques": [codes(v.Technique)[i % 8]], "gpai_based": gpai,
            "gpai_model": "Generell språkmodell" if gpai else None,
            "md_qualification": "md" if device else "not_md",
            "device_class": "IIa" if device else "n_a", "ce_marked": True if device else None,
            "sourcing_model": codes(v.SourcingModel)[i % 7], "hosting": codes(v.Location)[i % 8],
            "vendor_uses_inputs_for_training": codes(v.VendorTraining)[i % 4],
            "retention_days": 30, "model_names": [f"modell-{i:02d}"], "last_reviewed_at": now,
            "version": 1, **stamp,
        })  # fmt: skip
    return vendors, systems


def use_case_rows(
    n: int, rng: random.Random, now: datetime, orgs: list[uuid.UUID], systems: list[uuid.UUID]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Use cases spread over the organisations, and their data category rows."""
    ids = [uuid.uuid4() for _ in range(n)]
    rows, categories = [], []
    for i, uc_id in enumerate(ids):
        public, stage = i % 3 == 0, rng.choice(codes(v.Stage))
        rows.append({
            "id": uc_id, "ref": f"BENCH-{i:05d}",
            "title": f"Bruksområde {i:05d} – {TOPICS[i % len(TOPICS)]}",
            "description": f"Syntetisk bruksområde nr. {i}.", "intended_purpose": "Støtte.",
            "organisation_id": orgs[i % len(orgs)],
            "ai_system_id": None if i % 10 == 9 else systems[i % len(systems)],
            "purpose_domain": rng.choice(codes(v.PurposeDomain)), "lifecycle_stage": stage,
            "clinical_function": rng.choice(("none", "inform", "drive")),
            "human_involvement": rng.choice(codes(v.HumanInvolvement)),
            "users": sorted(rng.sample(codes(v.UserGroup), 2)),
            "affected": sorted(rng.sample(codes(v.AffectedGroup), 1)),
            "owner_unit": f"Avdeling {i % 40}", "system_owner": None, "benefit_owner": None,
            "planned_go_live": date(2027, 1, 1) + timedelta(days=i % 365),
            "in_use_since": date(2025, 1, 1) if stage == "production" else None,
            "is_public": public, "public_summary": "Kort forklaring." if public else None,
            # Lineage within the same insert batch, so every page shows some adopted rows.
            "adopted_from_id": ids[i - 5] if i % 25 == 5 else None,
            "last_reviewed_at": now - timedelta(days=i % 730), "created_by_id": None,
            "is_demo": False, "version": 1, "created_at": now, "updated_at": now,
        })  # fmt: skip
        chosen = set(rng.sample(codes(v.DataCategory), rng.randint(1, 3)))
        chosen |= {"health"} if rng.random() < 0.4 else set()
        categories += [{"use_case_id": uc_id, "category": c} for c in sorted(chosen)]
    return rows, categories


def benefit_rows(use_cases: list[uuid.UUID], rng: random.Random, now: datetime) -> list[Any]:
    """One to three benefits per use case (two on average), measured in each of the 3 ways."""
    rows = []
    for i, uc_id in enumerate(use_cases):
        for k in range(1 + i % 3):
            measure = codes(v.BenefitMeasure)[(i + k) % 3]
            hours = measure == "hours"
            rows.append({
                "id": uuid.uuid4(), "use_case_id": uc_id, "title": f"Gevinst {k + 1}",
                "effect_goal": rng.choice(codes(v.EffectGoal)),
                "benefit_type": rng.choice(codes(v.BenefitType)), "measure": measure,
                "unit_label": "prosent" if measure == "indicator" else None,
                "higher_is_better": True, "baseline_value": 10.0, "baseline_date": date(2024, 1, 1),
                "events_per_year": 5000.0 if hours else None,
                "minutes_saved_per_event": 4.0 if hours else None,
                "adoption_rate": 0.6 if hours else None, "rework_share": 0.1 if hours else None,
                "estimate_value": None if hours else 250000.0, "owner": None,
                "measurement_plan": "Kvartalsvis måling.", "created_at": now, "updated_at": now,
            })  # fmt: skip
    return rows


def measurement_rows(n: int, benefits: list[uuid.UUID], rng: random.Random, now: datetime) -> Any:
    """``n`` quarterly measurements, dealt round-robin over the benefits."""
    return [
        {"id": uuid.uuid4(), "benefit_id": benefits[m % len(benefits)],
         "period_start": quarter(m // len(benefits)),
         "period_end": quarter(m // len(benefits) + 1) - timedelta(days=1),
         "value": round(rng.uniform(0, 2000), 1), "note": None, "created_at": now,
         "updated_at": now}
        for m in range(n)
    ]  # fmt: skip


def fill(session: Session, n_use_cases: int, n_measurements: int) -> str:
    """Bulk-insert the synthetic registry; returns a summary of what was inserted."""
    rng, now, org = random.Random(20261126), datetime.now(UTC), Organisation
    helse_vest = sa.select(org.id).where(org.is_helse_vest.is_(True)).order_by(org.code)
    orgs = list(session.scalars(helse_vest))
    vendors, systems = catalogue_rows(now)
    use_cases, categories = use_case_rows(n_use_cases, rng, now, orgs, [s["id"] for s in systems])
    benefits = benefit_rows([uc["id"] for uc in use_cases], rng, now)
    measurements = measurement_rows(n_measurements, [b["id"] for b in benefits], rng, now)
    tables = (("vendors", vendors), ("ai_systems", systems), ("use_cases", use_cases),
              ("use_case_data_categories", categories), ("benefits", benefits),
              ("benefit_measurements", measurements))  # fmt: skip
    for name, rows in tables:
        for start in range(0, len(rows), BATCH):
            session.execute(sa.insert(Base.metadata.tables[name]), rows[start : start + BATCH])
    session.commit()
    return f"{len(use_cases)} uc, {len(benefits)} benefits, {len(measurements)} meas."


@dataclass
class Result:
    """Timings (ms) of one measure, with the statements per request and the body size."""

    measure: str
    times: list[float]
    queries: int | None = None
    size: int | None = None


class QueryCounter:
    """Counts the SQL statements an engine executes."""

    def __init__(self, engine: sa.Engine) -> None:
        self.count = 0
        sa.event.listen(engine, "before_cursor_execute", self._seen)

    def _seen(self, *_: Any) -> None:
        self.count += 1


@contextmanager
def serve(settings: Settings) -> Iterator[tuple[httpx.Client, QueryCounter]]:
    """The real app on a free loopback port, with a logged-in client and a query counter."""
    app = create_app(settings)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("the server did not start")
        time.sleep(0.02)
    client = httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=600)
    try:
        found = CSRF_RE.search(client.get("/login").text)
        form = {"csrf_token": found.group(1) if found else "", "email": ADMIN_EMAIL}
        response = client.post("/login", data={**form, "password": PASSWORD})
        if response.status_code != 303:
            raise RuntimeError(f"login failed: {response.status_code}")
        yield client, QueryCounter(app.state.engine)
    finally:
        client.close()
        server.should_exit = True
        thread.join(timeout=10)
        app.state.engine.dispose()


def timed(
    client: httpx.Client, counter: QueryCounter, name: str, path: str, repeat: int, **kw: Any
) -> Result:
    """GET ``path`` up to ``repeat`` times (once if it is slower than SLOW_MS)."""
    result = Result(name, [])
    for _ in range(repeat):
        before, start = counter.count, time.perf_counter()
        response = client.get(path, **kw)
        result.times.append((time.perf_counter() - start) * 1000)
        if response.status_code != 200:
            raise RuntimeError(f"{path}: HTTP {response.status_code}")
        result.queries, result.size = counter.count - before, len(response.content)
        if result.times[-1] > SLOW_MS:
            break
    return result


def measure_app(settings: Settings, repeat: int) -> list[Result]:
    """Time every measure against one server with the default page size."""
    htmx = {"HX-Request": "true", "HX-Target": "results"}
    filtered = "/use-cases?stage=production&category=health&goal=freed_resources"
    measures = [
        ("list /use-cases (25 rows)", "/use-cases", None),
        ("list /use-cases?page=200", "/use-cases?page=200", None),
        ("filter stage+category+goal", filtered, None),
        (f"filter q={TOPICS[0]}", f"/use-cases?q={TOPICS[0]}", None),
        ("filter, HTMX fragment", filtered, htmx),
        ("api page_size=10", "/api/v1/use-cases?page_size=10", None),
        ("api page_size=200", "/api/v1/use-cases?page_size=200", None),
        *((f"export.{fmt}", f"/export.{fmt}", None) for fmt in ("csv", "xlsx", "json")),
    ]
    with serve(settings) as (client, counter):
        return [timed(client, counter, *m[:2], repeat, headers=m[2]) for m in measures]


def measure_page_sizes(settings: Settings, repeat: int) -> list[Result]:
    """The list page on servers configured with the smallest and the largest page size."""
    results = []
    for size in (5, 200):
        with serve(settings.model_copy(update={"page_size": size})) as (client, counter):
            name = f"list /use-cases page_size={size}"
            results.append(timed(client, counter, name, "/use-cases", repeat))
    return results


@contextmanager
def database(backend: str, tmp: Path, hex_id: str) -> Iterator[str]:
    """A throw-away database URL; the PostgreSQL database is dropped even on error."""
    if backend == "sqlite":
        yield f"sqlite:///{tmp / 'bench.sqlite3'}"
        return
    name = f"tryggki_bench_{hex_id}"
    admin = sa.create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
        yield PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + name
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def run_backend(backend: str, args: argparse.Namespace, env: dict[str, str]) -> list[Result]:
    """Create, fill and measure one backend."""
    hex_id = secrets.token_hex(4)
    with tempfile.TemporaryDirectory() as tmp, database(backend, Path(tmp), hex_id) as url:
        settings = Settings(environment="test", data_dir=Path(tmp), database_url=url,
                            load_demo_data=False, secret_key="bench-" + hex_id)  # fmt: skip
        upgrade_database(settings)
        engine = make_engine(url)
        with make_sessionmaker(engine)() as session:
            start = time.perf_counter()
            summary = fill(session, args.use_cases, args.measurements)
            if backend == "postgresql":  # what autovacuum would do soon after a bulk load
                session.execute(sa.text("ANALYZE"))
                session.commit()
            filled = Result(f"fill ({summary})", [(time.perf_counter() - start) * 1000])
            if backend == "postgresql":
                env["PostgreSQL"] = str(session.scalar(sa.text("SHOW server_version")))
            create_user(session, email=ADMIN_EMAIL, display_name="Bench administrator",
                        password=PASSWORD, role="admin", organisation_code=None,
                        actor=Actor.system())  # fmt: skip
            session.commit()
        engine.dispose()
        measured = measure_app(settings, args.repeat) + measure_page_sizes(settings, args.repeat)
        return [filled, *measured]


def print_table(backend: str, results: list[Result]) -> None:
    """One block of the comparable table."""
    print(f"{'backend':<10} | {'measure':<46} | {'median ms':>9} | {'max ms':>9} | "
          f"{'runs':>4} | {'queries':>7} | {'size MB':>7}")  # fmt: skip
    for r in results:
        queries = "" if r.queries is None else str(r.queries)
        size = "" if r.size is None else f"{r.size / 1e6:.3f}"
        print(f"{backend:<10} | {r.measure:<46} | {statistics.median(r.times):>9.1f} | "
              f"{max(r.times):>9.1f} | {len(r.times):>4} | {queries:>7} | {size:>7}")  # fmt: skip
    by_name = {r.measure: r.queries for r in results}
    html = [by_name[f"list /use-cases page_size={n}"] for n in (5, 200)]
    html.insert(1, by_name["list /use-cases (25 rows)"])
    api = [by_name["api page_size=10"], by_name["api page_size=200"]]
    constant = "yes" if len(set(html)) == 1 and len(set(api)) == 1 else "NO"
    print(f"queries per list request: HTML page_size 5/25/200 = {html[0]}/{html[1]}/{html[2]}, "
          f"API page_size 10/200 = {api[0]}/{api[1]} -> constant: {constant}\n")  # fmt: skip


def main() -> None:
    """Parse arguments, run every backend and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--use-cases", type=int, default=10_000)
    parser.add_argument("--measurements", type=int, default=50_000)
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    env = {"Python": platform.python_version(), "SQLite": sqlite3.sqlite_version}
    blocks = [(b, run_backend(b, args, env)) for b in args.backends.split(",") if b]
    env["CPUs"] = str(os.cpu_count())
    print(" · ".join(f"{k} {val}" for k, val in env.items()) + f" · {platform.platform()}\n")
    for backend, results in blocks:
        print_table(backend, results)


if __name__ == "__main__":
    main()
