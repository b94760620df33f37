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
from tryggki.exceptions import Conflict, NotFound, ValidationFailed
from tryggki.i18n import gettext as _
from tryggki.models import FocusArea, FocusAreaUseCase
from tryggki.portfolio import repository as repo
from tryggki.portfolio import service
from tryggki.portfolio.schemas import FocusAreaIn, WithdrawIn
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


def _linked(
    session: Session, portfolio: service.Portfolio, refs: Iterable[str]
) -> list[service.Row]:
    """The ranking rows of the use cases ``refs``; unknown or unscored ones are named."""
    wanted = list(dict.fromkeys(refs))
    rows = portfolio.by_ref()
    unknown = sorted(set(wanted) - repo.known_refs(session, wanted))
    if unknown:
        raise ValidationFailed(
            {"use_cases": _("Unknown use case: %(ref)s") % {"ref": ", ".join(unknown)}}
        )
    unscored = [ref for ref in wanted if ref not in rows]
    if unscored:
        raise ValidationFailed(
            {
                "use_cases": _("Choose only use cases that have been scored: %(refs)s")
                % {"refs": ", ".join(unscored)}
            }
        )
    return [rows[ref] for ref in wanted]


def _snapshot_of(rows: list[service.Row]) -> list[dict[str, Any]]:
    return sorted((_snapshot(r) for r in rows), key=lambda r: (r["rank"], r["ref"]))


def _audit_view(area: FocusArea) -> dict[str, Any]:
    # The rationale and the reason for a withdrawal are free text and may name people: left out.
    return {
        "title": area.title,
        "period_start": area.period_start.isoformat(),
        "period_end": area.period_end.isoformat(),
        "owner": area.owner,
        "weight_set": area.weight_set_name,
        "use_cases": [r["ref"] for r in area.snapshot],
        "status": "withdrawn" if area.withdrawn_at else "active",
    }


def _audit(
    session: Session, actor: Actor, area: FocusArea, action: str, before: dict[str, Any]
) -> None:
    record_change(
        session,
        actor=actor,
        entity_type="focus_area",
        entity_id=str(area.id),
        action=action,
        old=before,
        new=_audit_view(area),
    )


def designate(session: Session, *, data: FocusAreaIn, actor: Actor) -> FocusArea:
    """Record the decision: the focus area, its use cases and the ranking as the decision saw it."""
    require_score_portfolio(actor)
    portfolio = service.portfolio(session, weight_set_name=data.weight_set)
    linked = _linked(session, portfolio, data.use_cases)
    now = utcnow()
    area = FocusArea(
        title=data.title,
        candidate_key=data.candidate_key,
        period_start=data.period_start,
        period_end=data.period_end,
        owner=data.owner,
        rationale=data.rationale,
        decided_at=now,
        ranked_at=now,
        decided_by_id=actor.user_id,
        weight_set_name=portfolio.weight_set.name,
        snapshot=_snapshot_of(linked),
        use_case_rows=[FocusAreaUseCase(use_case_id=r.uc.id) for r in linked],
    )
    session.add(area)
    session.flush()
    _audit(session, actor, area, "create", {})
    return area


def linked_refs(session: Session, area: FocusArea) -> list[str]:
    """The current references of the area's use cases (a reference may change after the
    decision; the snapshot keeps the one the decision saw)."""
    return repo.refs_of(session, [r.use_case_id for r in area.use_case_rows])


def _active(session: Session, focus_area_id: uuid.UUID) -> FocusArea:
    area = get_focus_area(session, focus_area_id=focus_area_id)
    if area.withdrawn_at is not None:
        raise Conflict(_("The focus area has been withdrawn and can no longer be changed."))
    return area


def change(
    session: Session, *, focus_area_id: uuid.UUID, data: FocusAreaIn, actor: Actor
) -> FocusArea:
    """Change a focus area's title, period, owner, rationale or use cases.

    The ranking snapshot is taken again (under the area's weight set, or the one given) only when
    the use cases or the weight set change, so a change of owner leaves the decision's figures
    as they were.
    """
    require_score_portfolio(actor)
    area = _active(session, focus_area_id)
    before = _audit_view(area)
    weight_set = data.weight_set or area.weight_set_name
    refs = list(dict.fromkeys(data.use_cases))
    # A use case whose reference changed since the snapshot counts as a change of use cases.
    taken = sorted(r["ref"] for r in area.snapshot)
    if sorted(refs) != taken or weight_set != area.weight_set_name:
        portfolio = service.portfolio(session, weight_set_name=weight_set)
        linked = _linked(session, portfolio, refs)
        keep = {r.use_case_id: r for r in area.use_case_rows}
        area.use_case_rows = [
            keep.get(r.uc.id) or FocusAreaUseCase(use_case_id=r.uc.id) for r in linked
        ]
        area.snapshot = _snapshot_of(linked)
        area.weight_set_name = portfolio.weight_set.name
        area.ranked_at = utcnow()
    area.title, area.owner, area.rationale = data.title, data.owner, data.rationale
    area.period_start, area.period_end = data.period_start, data.period_end
    area.changed_at = utcnow()
    session.flush()
    _audit(session, actor, area, "update", before)
    return area


def withdraw(
    session: Session, *, focus_area_id: uuid.UUID, data: WithdrawIn, actor: Actor
) -> FocusArea:
    """Withdraw a focus area with a reason: kept (record, board paper, history), not active."""
    require_score_portfolio(actor)
    area = _active(session, focus_area_id)
    before = _audit_view(area)
    area.withdrawn_at = utcnow()
    area.withdrawn_by_id = actor.user_id
    area.withdrawal_reason = data.reason
    session.flush()
    _audit(session, actor, area, "withdraw", before)
    return area


def get_focus_area(session: Session, *, focus_area_id: uuid.UUID) -> FocusArea:
    """A focus area, or NotFound."""
    area = repo.get_focus_area(session, focus_area_id)
    if area is None:
        raise NotFound()
    return area
