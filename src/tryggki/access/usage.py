"""Usage of the AI gateway per organisation and use case, read from the gateway's call rows;
and the gateway's computed indicators (registered here, computed in ``calculations.py``)."""

from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from tryggki.access import calculations as calc
from tryggki.auth.actor import Actor
from tryggki.config import Settings
from tryggki.db.base import utcnow
from tryggki.i18n import N_
from tryggki.indicators import catalogue
from tryggki.models import GatewayCall, Organisation, UseCase
from tryggki.models.user import Role

BLOCKED = ("refused", "limited", "blocked")


@dataclass
class UsageRow:
    """One use case's calls in the period."""

    organisation: str
    use_case_ref: str
    use_case_title: str
    requests: int
    blocked: int
    errors: int
    prompt_tokens: int
    completion_tokens: int
    identifiers: int
    minutes_saved: float
    by_class: Counter[str] = field(default_factory=Counter)


def by_use_case(
    session: Session, *, actor: Actor, days: int, minutes_per_call: float
) -> list[UsageRow]:
    """Calls of the last ``days`` days per use case; others' organisations only for overseers."""
    since = utcnow() - timedelta(days=days)
    ok = func.sum(case((GatewayCall.outcome == "ok", 1), else_=0))
    query = (
        select(
            GatewayCall.use_case_id,
            func.count(),
            ok,
            func.sum(case((GatewayCall.outcome.in_(BLOCKED), 1), else_=0)),
            func.sum(GatewayCall.prompt_tokens),
            func.sum(GatewayCall.completion_tokens),
            func.sum(GatewayCall.identifiers),
        )
        .where(GatewayCall.at >= since, GatewayCall.use_case_id.is_not(None))
        .group_by(GatewayCall.use_case_id)
    )
    if actor.role not in (Role.admin, Role.reviewer):
        query = query.where(GatewayCall.organisation_id == actor.organisation_id)
    totals = session.execute(query).all()
    ids = [row[0] for row in totals]
    names = {
        uc_id: (org, ref, title)
        for uc_id, org, ref, title in session.execute(
            select(UseCase.id, Organisation.name, UseCase.ref, UseCase.title)
            .join(Organisation, Organisation.id == UseCase.organisation_id)
            .where(UseCase.id.in_(ids))
        )
    }
    classes = _classes(session, ids, since)
    rows = []
    for uc_id, requests, n_ok, blocked, prompt, completion, identifiers in totals:
        org, ref, title = names.get(uc_id, ("", "", ""))
        rows.append(
            UsageRow(
                organisation=org,
                use_case_ref=ref,
                use_case_title=title,
                requests=int(requests),
                blocked=int(blocked or 0),
                errors=int(requests) - int(n_ok or 0) - int(blocked or 0),
                prompt_tokens=int(prompt or 0),
                completion_tokens=int(completion or 0),
                identifiers=int(identifiers or 0),
                minutes_saved=int(n_ok or 0) * minutes_per_call,
                by_class=classes.get(uc_id, Counter()),
            )
        )
    rows.sort(key=lambda r: (r.organisation, r.use_case_ref))
    return rows


def _classes(
    session: Session, ids: list[uuid.UUID], since: datetime
) -> dict[uuid.UUID, Counter[str]]:
    """Identifiers replaced by class, summed per use case (JSON: summed here, portably)."""
    out: dict[uuid.UUID, Counter[str]] = {}
    for uc_id, by_class in session.execute(
        select(GatewayCall.use_case_id, GatewayCall.identifiers_by_class).where(
            GatewayCall.use_case_id.in_(ids), GatewayCall.at >= since, GatewayCall.identifiers > 0
        )
    ):
        if uc_id is not None:
            out.setdefault(uc_id, Counter()).update(by_class or {})
    return out


def call_days(session: Session, settings: Settings) -> calc.GatewayData:
    """Answered calls and identifiers replaced, summed per organisation and day."""
    day = func.date(GatewayCall.at)
    query = (
        select(
            Organisation.code,
            day,
            func.sum(case((GatewayCall.outcome == "ok", 1), else_=0)),
            func.sum(GatewayCall.identifiers),
        )
        .join(Organisation, Organisation.id == GatewayCall.organisation_id)
        .group_by(Organisation.code, day)
    )
    days = [
        # SQLite hands the day back as text, PostgreSQL as a date.
        calc.CallDay(org, d if isinstance(d, date) else date.fromisoformat(d), int(ok), int(ids))
        for org, d, ok, ids in session.execute(query)
    ]
    return calc.GatewayData(days, settings.gateway_minutes_saved_per_call)


GATEWAY_DATA = N_("Trygg KI: the AI gateway's call records")
catalogue.register_loader("gateway", call_days)
for _spec, _fn in (
    (
        catalogue.Spec(
            "gateway_identifiers_kept",
            N_("Identifiers kept from leaving"),
            N_(
                "Personal identifiers (names, ID numbers, phone numbers, addresses …) the AI "
                "gateway replaced with placeholders before a request left for an AI service."
            ),
            "security_and_safety",
            "count",
            "higher",
            catalogue.MONTHLY,
            GATEWAY_DATA,
        ),
        calc.identifiers_kept,
    ),
    (
        catalogue.Spec(
            "gateway_approved_requests",
            N_("AI requests through approved services"),
            N_(
                "Requests answered by an AI service approved for the use case and its data, "
                "through the gateway (refused and failed requests are not counted)."
            ),
            "security_and_safety",
            "count",
            "higher",
            catalogue.MONTHLY,
            GATEWAY_DATA,
        ),
        calc.approved_requests,
    ),
    (
        catalogue.Spec(
            "gateway_hours_saved",
            N_("Hours saved with AI assistance (estimate)"),
            N_(
                "Answered requests through the gateway times the minutes one answer is "
                "estimated to save (the setting TRYGGKI_GATEWAY_MINUTES_SAVED_PER_CALL)."
            ),
            "freed_resources",
            "hours",
            "higher",
            catalogue.MONTHLY,
            GATEWAY_DATA,
        ),
        calc.hours_saved,
    ),
):
    catalogue.register(catalogue.Computed(_spec, "gateway", _fn))
