"""JSON route of assessments under /api/v1: a use case's verdict, reasons and checklist."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Request
from pydantic import BaseModel

from tryggki.api.deps import Reader
from tryggki.assessments import service, views
from tryggki.assessments.service import Context
from tryggki.exceptions import NotFound
from tryggki.registry import repository as registry_repo
from tryggki.web.deps import DbSession, SettingsDep

router = APIRouter()


class ControlOut(BaseModel):
    """A control of the checklist."""

    control: str
    in_place: bool
    rule_ids: list[str]
    owner: str | None
    due_date: date | None
    overdue: bool


class AssessmentOut(BaseModel):
    """The rulebook's verdict on a use case today and the state of its review."""

    use_case: str
    rulebook_version: str
    verdict: str
    tier: str | None
    status: str
    needs_reassessment: bool
    missing_facts: list[str]
    fired_rule_ids: list[str]
    conclusions: dict[str, object]
    checklist: list[ControlOut]
    approved_rulebook_version: str | None
    approved_verdict: str | None


@router.get("/use-cases/{ref}/assessment", response_model=AssessmentOut, tags=["assessments"])
def assessment(
    ref: str, request: Request, db: DbSession, settings: SettingsDep, actor: Reader
) -> AssessmentOut:
    """Assess the use case against today's rulebook (nothing is stored)."""
    found = registry_repo.get_use_case_by_ref(db, ref)
    if found is None:
        raise NotFound()
    uc, stored = service.get(db, use_case_id=found.id)
    ctx = Context.for_today(request.app.state.rulebook, settings)
    facts, result = service.evaluate(uc, stored, ctx)
    view = views.build(uc, stored, facts, result, ctx.rulebook)
    out = result.to_dict()
    return AssessmentOut(
        use_case=uc.ref,
        rulebook_version=result.rulebook_version,
        verdict=result.verdict,
        tier=result.tier,
        status=view.status,
        needs_reassessment=view.stale,
        missing_facts=list(result.missing_facts),
        fired_rule_ids=result.fired_rule_ids,
        conclusions={k: out[k] for k in views.CONCLUSION_KEYS},
        checklist=[
            ControlOut(
                control=item.control,
                in_place=item.in_place,
                rule_ids=list(item.rule_ids),
                owner=item.evidence.owner if item.evidence else None,
                due_date=item.evidence.due_date if item.evidence else None,
                overdue=item.overdue,
            )
            for item in view.checklist
        ],
        approved_rulebook_version=stored.approved_rulebook_version if stored else None,
        approved_verdict=stored.approved_verdict if stored else None,
    )
