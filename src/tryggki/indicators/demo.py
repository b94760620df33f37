"""Demo indicator values: survey scores and incident counts per trust, and computed values."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from tryggki.auth.actor import Actor
from tryggki.config import Settings
from tryggki.indicators import calculations as calc
from tryggki.indicators import repository as repo
from tryggki.indicators import service
from tryggki.indicators.schemas import MeasurementIn

TRUSTS = ("helse_bergen", "helse_stavanger", "helse_fonna", "helse_forde")
QUARTERS = 8


def _quarters(today: date) -> list[str]:
    year, q = today.year, (today.month - 1) // 3 + 1
    out = []
    for _ in range(QUARTERS):
        year, q = (year - 1, 4) if q == 1 else (year, q - 1)
        out.append(f"{year}-Q{q}")
    return sorted(out)


def load_demo_indicators(session: Session, settings: Settings, today: date) -> int:
    """The catalogue, synthetic entered values for the last eight quarters and computed values
    for the last two years (loading again changes nothing that was entered)."""
    service.ensure_catalogue(session)
    system = Actor.system("cli")
    rows = []
    for n, period in enumerate(_quarters(today)):
        scores = {t: round(66 + 1.5 * n + 2 * (i % 2) - i, 1) for i, t in enumerate(TRUSTS)}
        incidents = {t: float((n + i) % 4) for i, t in enumerate(TRUSTS)}
        # The region's survey score is the trusts' mean; its incidents are their sum.
        scores[calc.REGION] = round(sum(scores.values()) / len(TRUSTS), 1)
        incidents[calc.REGION] = sum(incidents.values())
        for code, by_scope in (
            ("patient_experience_score", scores),
            ("ai_security_incidents", incidents),
        ):
            for scope, value in by_scope.items():
                if repo.stored_value(session, code, scope, period) is None:
                    data = MeasurementIn(
                        indicator=code, organisation=scope, period=period, value=value
                    )
                    rows.append(("", data))
    for row in rows:
        service.record_measurements(session, rows=[row], actor=system)
    first = date(today.year - 2, today.month, 1)
    return len(rows) + service.compute(
        session, settings=settings, first=first, last=today, actor=system
    )
