"""Indicators benchmark: every computed indicator for 7 trusts × 60 months over 10,000 use cases,
then the dashboard, the board report, and the portfolio pages with 300 and 1,000 scored use cases.

Reuses the registry benchmark's synthetic data (bulk inserts) and adds what the indicators read:
registration dates spread over five years, assessments (tier, approval, first decision, DPIA and
FRIA controls), measurements spread over the 60 months and two reviewers' portfolio scores.

    uv run python bench/indicators_bench.py [--use-cases 10000] [--measurements 50000]
        [--scored 300,1000] [--backends sqlite,postgresql] [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import secrets
import statistics
import tempfile
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from registry_bench import ADMIN_EMAIL, BATCH, PASSWORD, database, fill, serve, timed
from sqlalchemy.orm import Session

from tryggki.auth.actor import Actor
from tryggki.auth.service import create_user
from tryggki.bootstrap import upgrade_database
from tryggki.config import Settings
from tryggki.db.base import Base, oslo_today
from tryggki.db.session import make_engine, make_sessionmaker
from tryggki.indicators import calculations as calc
from tryggki.indicators import catalogue
from tryggki.indicators import repository as indicators_repo
from tryggki.indicators import service as indicators
from tryggki.portfolio.scoring import REVIEWED

MONTHS = 60
TIERS = ("minimal", "minimal", "annex_iii_exempt_6_3", "high_risk_annex_i", "high_risk_annex_iii")


def insert(session: Session, table: str, rows: list[dict[str, Any]]) -> None:
    """Bulk insert in batches."""
    for start in range(0, len(rows), BATCH):
        session.execute(sa.insert(Base.metadata.tables[table]), rows[start : start + BATCH])


def spread_over_months(session: Session, rng: random.Random, today: date) -> tuple[int, int]:
    """Registration dates over the 60 months, measurements moved into them, and assessments."""
    first = datetime(today.year - 5, today.month, 1, tzinfo=UTC)
    span = (datetime.now(UTC) - first).days
    t = Base.metadata.tables
    ids = list(session.scalars(sa.select(t["use_cases"].c.id)))
    created = {i: first + timedelta(days=rng.randrange(span)) for i in ids}
    session.execute(
        sa.update(t["use_cases"]).where(t["use_cases"].c.id == sa.bindparam("uid")),
        [{"uid": i, "created_at": c, "last_reviewed_at": c} for i, c in created.items()],
    )
    months = calc.months(first.date(), today)
    measurements = list(session.scalars(sa.select(t["benefit_measurements"].c.id)))
    moved = []
    for n, m_id in enumerate(measurements):
        p = months[n % len(months)]
        moved.append({"mid": m_id, "period_start": p.start, "period_end": p.end})
    session.execute(
        sa.update(t["benefit_measurements"])
        .where(t["benefit_measurements"].c.id == sa.bindparam("mid"))
        .values(period_start=sa.bindparam("period_start"), period_end=sa.bindparam("period_end")),
        moved,
    )
    assessments, decisions, evidence = [], [], []
    for n, uc_id in enumerate(ids):
        if n % 5 == 4:
            continue  # a fifth of the use cases have no assessment yet
        tier, a_id = TIERS[n % len(TIERS)], uuid.uuid4()
        approved = created[uc_id] + timedelta(days=rng.randrange(10, 200)) if n % 3 else None
        assessments.append({
            "id": a_id, "use_case_id": uc_id, "answers": {},
            "status": "approved" if approved else "draft",
            "verdict": "allowed_with_conditions", "tier": tier, "approved_at": approved,
            "version": 1, "created_at": created[uc_id], "updated_at": created[uc_id],
        })  # fmt: skip
        if approved:
            decisions.append({
                "id": uuid.uuid4(), "assessment_id": a_id, "action": "approved", "at": approved,
                "rulebook_version": "bench", "verdict": "allowed_with_conditions",
            })  # fmt: skip
        for control in ("dpia_done", "fria_done")[: 1 + n % 2]:
            evidence.append({
                "id": uuid.uuid4(), "assessment_id": a_id, "control": control, "in_place": True,
                "created_at": created[uc_id], "updated_at": created[uc_id] + timedelta(days=30),
            })  # fmt: skip
    insert(session, "assessments", assessments)
    insert(session, "assessment_decisions", decisions)
    insert(session, "control_evidence", evidence)
    session.commit()
    return len(assessments), len(decisions)


def score(session: Session, rng: random.Random, n: int) -> None:
    """Two reviewers score use cases independently until ``n`` use cases are scored."""
    t = Base.metadata.tables
    users = t["users"]
    emails = [f"bench.reviewer.{k}@example.test" for k in range(2)]
    found = list(session.scalars(sa.select(users.c.id).where(users.c.email.in_(emails))))
    reviewers = found or [
        create_user(session, email=e, display_name=f"R{k}", password=PASSWORD, role="reviewer",
                    organisation_code=None, actor=Actor.system()).id
        for k, e in enumerate(emails)
    ]  # fmt: skip
    ps = t["portfolio_scores"].c
    scored = sa.select(ps.use_case_id)
    uc = t["use_cases"].c
    have = session.scalar(sa.select(sa.func.count(sa.distinct(ps.use_case_id)))) or 0
    ids = list(
        session.scalars(sa.select(uc.id).where(uc.id.not_in(scored)).order_by(uc.id)
                        .limit(max(0, n - have)))
    )  # fmt: skip
    now = datetime.now(UTC)
    rows = [
        {"id": uuid.uuid4(), "use_case_id": i, "reviewer_id": r, "created_at": now,
         "updated_at": now, "scores": {c.value: rng.randint(1, 5) for c in REVIEWED}}
        for i in ids
        for r in reviewers
    ]  # fmt: skip
    insert(session, "portfolio_scores", rows)
    session.commit()


def ms(seconds: float) -> str:
    """Milliseconds, one decimal."""
    return f"{seconds * 1000:9.1f} ms"


def report(r: Any) -> None:
    """One timed page: median, queries and size."""
    print(f"  {r.measure:<36} median {statistics.median(r.times):8.1f} ms, "
          f"max {max(r.times):8.1f} ms, {r.queries} queries, {r.size} bytes")  # fmt: skip


def portfolio_pages(n: int) -> list[tuple[str, str]]:
    """The portfolio pages timed with ``n`` scored use cases."""
    return [
        (f"portfolio ({n} scored)", "/portfolio"),
        (f"portfolio last page ({n} scored)", "/portfolio?page=999"),
        (f"portfolio compared ({n} scored)", "/portfolio?compare=Benefit+first"),
        (f"focus areas ({n} scored)", "/focus-areas"),
    ]


def run_backend(backend: str, args: argparse.Namespace) -> None:
    """Fill, compute and time one backend."""
    rng, today = random.Random(20261202), oslo_today()
    with (
        tempfile.TemporaryDirectory() as tmp,
        database(backend, Path(tmp), secrets.token_hex(4)) as url,
    ):
        settings = Settings(environment="test", data_dir=Path(tmp), database_url=url,
                            load_demo_data=False, secret_key=secrets.token_hex(32))  # fmt: skip
        upgrade_database(settings)
        engine = make_engine(settings.sqlalchemy_url)
        with make_sessionmaker(engine)() as session:
            create_user(session, email=ADMIN_EMAIL, display_name="Bench", password=PASSWORD,
                        role="admin", organisation_code=None, actor=Actor.system())  # fmt: skip
            summary = fill(session, args.use_cases, args.measurements)
            n_assessed, n_approved = spread_over_months(session, rng, today)
            score(session, rng, min(args.scored))
            print(f"\n{backend}: {summary}, {n_assessed} assessments ({n_approved} approved)")

            start = time.perf_counter()
            snap = indicators_repo.snapshot(session, settings.stale_after_months)
            loaded = time.perf_counter() - start
            periods = calc.months(date(today.year - 5, today.month, 1), today)[-MONTHS:]
            print(f"  load snapshot ({len(snap.use_cases)} uc, {len(snap.measurements)} meas.)"
                  f"{ms(loaded)}")  # fmt: skip
            total = 0.0
            for code, computed in sorted(catalogue.COMPUTED.items()):
                start = time.perf_counter()
                values = computed.compute(snap, periods)
                took = time.perf_counter() - start
                total += took
                scopes = len({v.scope for v in values})
                print(f"  {code:<28} {len(values):5d} values ({scopes} scopes){ms(took)}")
            print(f"  {'all computed (pure)':<28} {'':20}{ms(total)}")
            start = time.perf_counter()
            stored = indicators.compute(
                session, settings=settings, first=periods[0].start, last=periods[-1].end,
                actor=Actor.system("cli"),
            )  # fmt: skip
            session.commit()
            print(f"  {'compute and store (CLI path)':<28} {stored:5d} values{'':11}"
                  f"{ms(time.perf_counter() - start)}")  # fmt: skip
        engine.dispose()
        with serve(settings) as (client, counter):
            for name, path in (("dashboard /dashboard", "/dashboard"),
                               ("board report HTML", "/dashboard/report"),
                               ("board report PDF", "/dashboard/report.pdf"),
                               ("indicator page hours_freed",
                                "/indicators/hours_freed")):  # fmt: skip
                report(timed(client, counter, name, path, args.repeat))
        for n in sorted(args.scored):
            with make_sessionmaker(engine)() as session:
                score(session, rng, n)
            engine.dispose()
            with serve(settings) as (client, counter):
                for name, path in portfolio_pages(n):
                    report(timed(client, counter, name, path, args.repeat))


def main() -> None:
    """Parse arguments and run every backend."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--use-cases", type=int, default=10_000)
    parser.add_argument("--measurements", type=int, default=50_000)
    parser.add_argument(
        "--scored",
        type=lambda text: [int(n) for n in text.split(",")],
        default=[300, 1000],
        help="numbers of scored use cases to time the portfolio pages with (comma-separated)",
    )
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print(f"{platform.python_implementation()} {platform.python_version()}, "
          f"{os.cpu_count()} CPUs, {MONTHS} months × 7 trusts")  # fmt: skip
    for backend in args.backends.split(","):
        run_backend(backend, args)


if __name__ == "__main__":
    main()
