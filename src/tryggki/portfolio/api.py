"""JSON routes of the portfolio under /api/v1: ranking, weight sets, scores and focus areas."""

from __future__ import annotations

import uuid

from fastapi import APIRouter

from tryggki.api.deps import Reader, Writer
from tryggki.exceptions import NotFound
from tryggki.models import FocusArea
from tryggki.portfolio import flows, service
from tryggki.portfolio import repository as repo
from tryggki.portfolio.schemas import (
    CriterionOut,
    FocusAreaIn,
    FocusAreaOut,
    RankedOut,
    ScoreIn,
    WeightSetIn,
    WeightSetOut,
    WithdrawIn,
)
from tryggki.registry import repository as registry_repo
from tryggki.web.deps import DbSession

router = APIRouter(tags=["portfolio"])


@router.get("/portfolio/ranking", response_model=list[RankedOut])
def ranking(db: DbSession, actor: Reader, weight_set: str | None = None) -> list[RankedOut]:
    """The ranking under a weight set (the default one when none is named), with its reasons."""
    portfolio = service.portfolio(db, weight_set_name=weight_set)
    return [
        RankedOut(
            rank=r.ranked.rank,
            use_case=r.uc.ref,
            title=r.uc.title,
            organisation=r.uc.organisation.code,
            total=round(r.ranked.scored.total, 2),
            reviewers=r.ranked.scored.reviewers,
            best_rank=r.sensitivity.best,
            worst_rank=r.sensitivity.worst,
            criteria=[
                CriterionOut(
                    criterion=c.criterion,
                    median=c.median,
                    low=c.low,
                    high=c.high,
                    weight=c.weight,
                    points=round(c.points, 2),
                )
                for c in r.ranked.scored.criteria
            ],
            strengths=[c.criterion for c in r.ranked.scored.strengths],
            weaknesses=[c.criterion for c in r.ranked.scored.weaknesses],
            disagreement=[c.criterion for c in r.ranked.scored.disagreement],
        )
        for r in portfolio.rows
    ]


@router.get("/portfolio/weight-sets", response_model=list[WeightSetOut])
def weight_sets(db: DbSession, actor: Reader) -> list[WeightSetOut]:
    """Every weight set."""
    service.weight_set(db, None)
    return [
        WeightSetOut(name=s.name, weights=s.weights, is_default=s.is_default)
        for s in repo.weight_sets(db)
    ]


@router.put("/portfolio/weight-sets", response_model=WeightSetOut)
def save_weight_set(data: WeightSetIn, db: DbSession, actor: Writer) -> WeightSetOut:
    """Create a weight set or change one with the same name; weights must add up to 100."""
    saved = service.save_weight_set(db, data=data, actor=actor)
    return WeightSetOut(name=saved.name, weights=saved.weights, is_default=saved.is_default)


@router.delete("/portfolio/weight-sets/{name:path}", status_code=204)
def delete_weight_set(name: str, db: DbSession, actor: Writer) -> None:
    """Delete a weight set: 409 for the default one or one an active focus area was decided with."""
    service.delete_weight_set(db, name=name, actor=actor)


@router.put("/use-cases/{ref}/portfolio-score", status_code=204)
def save_score(ref: str, data: ScoreIn, db: DbSession, actor: Writer) -> None:
    """Record the token owner's own scores of a use case."""
    uc = registry_repo.get_use_case_by_ref(db, ref)
    if uc is None:
        raise NotFound()
    service.save_score(db, use_case_id=uc.id, data=data, actor=actor)


def _area_out(area: FocusArea) -> FocusAreaOut:
    return FocusAreaOut(
        id=area.id,
        title=area.title,
        period_start=area.period_start,
        period_end=area.period_end,
        owner=area.owner,
        rationale=area.rationale,
        weight_set=area.weight_set_name,
        use_cases=[r["ref"] for r in area.snapshot],
        status="withdrawn" if area.withdrawn_at else "active",
        decided_at=area.decided_at,
        changed_at=area.changed_at,
        withdrawn_at=area.withdrawn_at,
        withdrawal_reason=area.withdrawal_reason,
    )


@router.get("/focus-areas", response_model=list[FocusAreaOut])
def focus_areas(
    db: DbSession, actor: Reader, include_withdrawn: bool = False
) -> list[FocusAreaOut]:
    """The active focus areas (and the withdrawn ones with ``include_withdrawn=true``)."""
    found = repo.focus_areas(db, withdrawn=None if include_withdrawn else False)
    return [_area_out(a) for a in found]


@router.post("/focus-areas", response_model=FocusAreaOut, status_code=201)
def designate(data: FocusAreaIn, db: DbSession, actor: Writer) -> FocusAreaOut:
    """Designate a focus area over scored use cases, named by reference (the decision record)."""
    return _area_out(flows.designate(db, data=data, actor=actor))


@router.get("/focus-areas/{focus_area_id}", response_model=FocusAreaOut)
def focus_area(focus_area_id: uuid.UUID, db: DbSession, actor: Reader) -> FocusAreaOut:
    """One focus area, active or withdrawn."""
    return _area_out(flows.get_focus_area(db, focus_area_id=focus_area_id))


@router.put("/focus-areas/{focus_area_id}", response_model=FocusAreaOut)
def change(
    focus_area_id: uuid.UUID, data: FocusAreaIn, db: DbSession, actor: Writer
) -> FocusAreaOut:
    """Change an active focus area: title, period, owner, rationale, use cases (references)."""
    return _area_out(flows.change(db, focus_area_id=focus_area_id, data=data, actor=actor))


@router.post("/focus-areas/{focus_area_id}/withdraw", response_model=FocusAreaOut)
def withdraw(
    focus_area_id: uuid.UUID, data: WithdrawIn, db: DbSession, actor: Writer
) -> FocusAreaOut:
    """Withdraw an active focus area with a reason; it is kept and shown as withdrawn."""
    return _area_out(flows.withdraw(db, focus_area_id=focus_area_id, data=data, actor=actor))
