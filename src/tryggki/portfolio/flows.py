"""Focus areas: suggestions grouped from the ranking, the decision record and its board paper."""

from __future__ import annotations

import statistics
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from tryggki.audit.service import record_change
from tryggki.auth.actor import Actor
from tryggki.auth.permissions import require_score_portfolio
from tryggki.db.base import utcnow
from tryggki.exceptions import NotFound, ValidationFailed
from tryggki.i18n import gettext as _
from tryggki.models import FocusArea, FocusAreaUseCase
from tryggki.portfolio import repository as repo
from tryggki.portfolio import service
from tryggki.portfolio.schemas import FocusAreaIn
from tryggki.registry.vocabulary import PurposeDomain, Technique, label

MIN_GROUP = 2


@dataclass(frozen=True)
class Suggestion:
    """A candidate focus area: scored use cases that share a purpose, technique or system."""

    key: str
    title: str
    rows: list[service.Row]

    @property
    def organisations(self) -> list[str]:
        """The organisations involved, by name."""
        return sorted({r.uc.organisation.name for r in self.rows})

    @property
    def mean_total(self) -> float:
        """Mean portfolio score of the use cases."""
        return statistics.fmean(r.ranked.scored.total for r in self.rows)

    @property
    def hours(self) -> float:
        """Estimated hours freed a year, together."""
        return sum(r.hours for r in self.rows)


def _groups(rows: Iterable[service.Row]) -> dict[str, list[service.Row]]:
    groups: dict[str, list[service.Row]] = {}
    for row in rows:
        keys = [f"domain:{row.uc.purpose_domain}"]
        system = row.uc.ai_system
        if system is not None:
            keys += [f"technique:{t}" for t in system.techniques]
            keys.append(f"system:{system.id}")
        for key in keys:
            groups.setdefault(key, []).append(row)
    return groups


def _title(key: str, rows: list[service.Row]) -> str:
    kind, _sep, code = key.partition(":")
    if kind == "domain":
        return label(code, PurposeDomain)
    if kind == "technique":
        return label(code, Technique)
    system = rows[0].uc.ai_system
    return _("Shared need: %(system)s") % {"system": system.name if system else code}


def suggestions(portfolio: service.Portfolio) -> list[Suggestion]:
    """Groups of at least two scored use cases; a shared system counts only across trusts."""
    found = []
    for key, rows in _groups(portfolio.rows).items():
        if len(rows) < MIN_GROUP:
            continue
        if key.startswith("system:") and len({r.uc.organisation_id for r in rows}) < MIN_GROUP:
            continue
        found.append(Suggestion(key, _title(key, rows), rows))
    return sorted(found, key=lambda s: (-s.mean_total, -len(s.rows), s.key))


def suggestion(session: Session, *, key: str, weight_set_name: str | None) -> Suggestion | None:
    """One suggestion by key under a weight set."""
    found = suggestions(service.portfolio(session, weight_set_name=weight_set_name))
    return next((s for s in found if s.key == key), None)


def _snapshot(row: service.Row) -> dict[str, Any]:
    return {
        "ref": row.uc.ref,
        "title": row.uc.title,
        "organisation": row.uc.organisation.name,
        "rank": row.ranked.rank,
        "total": round(row.ranked.scored.total, 1),
        "reviewers": row.ranked.scored.reviewers,
        "hours": round(row.hours),
        "tier": row.tier,
        "best": row.sensitivity.best,
        "worst": row.sensitivity.worst,
        "strengths": [c.criterion for c in row.ranked.scored.strengths],
    }


def designate(session: Session, *, data: FocusAreaIn, actor: Actor) -> FocusArea:
    """Record the decision: the focus area, its use cases and the ranking as the decision saw it."""
    require_score_portfolio(actor)
    portfolio = service.portfolio(session, weight_set_name=data.weight_set)
    by_id = {r.uc.id: r for r in portfolio.rows}
    unscored = [i for i in data.use_case_ids if i not in by_id]
    if unscored:
        raise ValidationFailed({"use_case_ids": _("Choose only use cases that have been scored.")})
    area = FocusArea(
        title=data.title,
        candidate_key=data.candidate_key,
        period_start=data.period_start,
        period_end=data.period_end,
        owner=data.owner,
        rationale=data.rationale,
        decided_at=utcnow(),
        decided_by_id=actor.user_id,
        weight_set_name=portfolio.weight_set.name,
        snapshot=[_snapshot(by_id[i]) for i in dict.fromkeys(data.use_case_ids)],
        use_case_rows=[FocusAreaUseCase(use_case_id=i) for i in dict.fromkeys(data.use_case_ids)],
    )
    area.snapshot.sort(key=lambda r: (r["rank"], r["ref"]))
    session.add(area)
    session.flush()
    record_change(
        session,
        actor=actor,
        entity_type="focus_area",
        entity_id=str(area.id),
        action="create",
        old={},
        new={
            "title": area.title,
            "period_start": area.period_start.isoformat(),
            "period_end": area.period_end.isoformat(),
            "owner": area.owner,
            "weight_set": area.weight_set_name,
            "use_cases": [r["ref"] for r in area.snapshot],
        },
    )
    return area


def get_focus_area(session: Session, *, focus_area_id: uuid.UUID) -> FocusArea:
    """A focus area, or NotFound."""
    area = repo.get_focus_area(session, focus_area_id)
    if area is None:
        raise NotFound()
    return area
