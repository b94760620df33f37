"""Assessing registered use cases: answers, controls with evidence, submission and review."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from tryggki.assessments import compose
from tryggki.assessments import repository as repo
from tryggki.assessments.facts import facts_of, registry_facts
from tryggki.assessments.schemas import EvidenceIn
from tryggki.audit.service import record_change
from tryggki.auth.actor import Actor
from tryggki.auth.permissions import require_edit_organisation, require_review_assessment
from tryggki.config import Settings
from tryggki.db.base import oslo_today, utcnow
from tryggki.exceptions import Conflict, NotFound, ValidationFailed
from tryggki.i18n import gettext as _
from tryggki.models import Assessment, AssessmentDecision, ControlEvidence, UseCase
from tryggki.registry import repository as registry_repo
from tryggki.rules.engine import Assessment as Result
from tryggki.rules.engine import EngineSettings, assess
from tryggki.rules.facts import UseCaseFacts
from tryggki.rules.model import Rulebook
from tryggki.validation import errors_from


@dataclass(frozen=True)
class Context:
    """What every assessment needs besides the use case: the rulebook and when to assess."""

    rulebook: Rulebook
    engine: EngineSettings

    @classmethod
    def for_today(cls, rulebook: Rulebook, settings: Settings) -> Context:
        """Assess as of today in Norway, under the configured AI Act dates."""
        engine = EngineSettings(
            assessment_date=oslo_today(), omnibus_in_force=settings.omnibus_in_force
        )
        return cls(rulebook, engine)


def evaluate(
    uc: UseCase, assessment: Assessment | None, ctx: Context
) -> tuple[UseCaseFacts, Result]:
    """Facts and the rulebook's result for a use case."""
    facts = facts_of(uc, assessment)
    return facts, assess(facts, ctx.rulebook, ctx.engine)


def needs_reassessment(
    assessment: Assessment | None, facts: UseCaseFacts, rulebook: Rulebook
) -> bool:
    """An approval whose rulebook or facts are no longer today's."""
    if assessment is None:
        return False
    rulebook_changed, changes = compose.staleness(
        assessment.approved_facts, assessment.approved_fingerprint, facts, rulebook.fingerprint
    )
    return rulebook_changed or bool(changes)


def store_result(assessment: Assessment, result: Result) -> None:
    """Keep the latest result on the assessment, for lists, indicators and re-assessment."""
    assessment.verdict = result.verdict
    assessment.tier = result.tier
    assessment.rulebook_fingerprint = result.rulebook_fingerprint
    assessment.assessed_at = utcnow()


def get(session: Session, *, use_case_id: uuid.UUID) -> tuple[UseCase, Assessment | None]:
    """A use case and its assessment (None when nobody has started one)."""
    uc = registry_repo.get_use_case(session, use_case_id)
    if uc is None:
        raise NotFound()
    return uc, repo.get_assessment(session, use_case_id)


def _editable(session: Session, use_case_id: uuid.UUID, actor: Actor) -> tuple[UseCase, Assessment]:
    uc, assessment = get(session, use_case_id=use_case_id)
    require_edit_organisation(actor, uc.organisation_id)
    if assessment is None:
        assessment = Assessment(use_case_id=uc.id, answers={}, status="draft")
        session.add(assessment)
        session.flush()
        assessment = repo.get_assessment(session, uc.id)
        assert assessment is not None
    return uc, assessment


def _flush(session: Session) -> None:
    try:
        session.flush()
    except StaleDataError as exc:
        raise Conflict() from exc


def _audit(
    session: Session,
    actor: Actor,
    use_case_id: uuid.UUID,
    action: str,
    old: dict[str, Any],
    new: dict[str, Any],
) -> None:
    record_change(
        session,
        actor=actor,
        entity_type="assessment",
        entity_id=str(use_case_id),
        action=action,
        old=old,
        new=new,
    )


def save_answers(
    session: Session, *, use_case_id: uuid.UUID, answers: dict[str, Any], actor: Actor, ctx: Context
) -> Result:
    """Store the questionnaire's answers after checking them against the fact schema."""
    uc, assessment = _editable(session, use_case_id, actor)
    try:
        facts = UseCaseFacts.model_validate(compose.merge(registry_facts(uc, assessment), answers))
    except ValidationError as exc:
        raise ValidationFailed(errors_from(exc)) from exc
    old = dict(assessment.answers)
    assessment.answers = answers
    result = assess(facts, ctx.rulebook, ctx.engine)
    store_result(assessment, result)
    _flush(session)
    _audit(
        session, actor, uc.id, "update", compose.flat_answers(old), compose.flat_answers(answers)
    )
    return result


def _evidence_audit(row: ControlEvidence) -> dict[str, Any]:
    """What the audit trail keeps of a control: state, due date and file size. Notes, owners and
    file names are free text that may name people, so they are not copied."""
    return {
        f"{row.control}.in_place": bool(row.in_place),
        f"{row.control}.due_date": row.due_date.isoformat() if row.due_date else None,
        f"{row.control}.file_bytes": row.file_size,
    }


def save_evidence(
    session: Session, *, use_case_id: uuid.UUID, data: EvidenceIn, actor: Actor, ctx: Context
) -> ControlEvidence:
    """Record a control of the checklist: in place or not, evidence, owner and due date."""
    uc, assessment = _editable(session, use_case_id, actor)
    row = next((e for e in assessment.evidence if e.control == data.control), None)
    if row is None:
        row = ControlEvidence(assessment_id=assessment.id, control=data.control)
        assessment.evidence.append(row)
    before = _evidence_audit(row)
    row.in_place = data.in_place
    row.note, row.link, row.owner, row.due_date = data.note, data.link, data.owner, data.due_date
    if data.file is not None:
        row.file_name, row.file_type = data.file.name, data.file.content_type
        row.file_size, row.file_data = len(data.file.content), data.file.content
    store_result(assessment, evaluate(uc, assessment, ctx)[1])
    _flush(session)
    _audit(session, actor, uc.id, "update", before, _evidence_audit(row))
    return row


def evidence_file(session: Session, *, evidence_id: uuid.UUID) -> ControlEvidence:
    """An evidence row with its file, for download."""
    row = repo.get_evidence_with_file(session, evidence_id)
    if row is None or row.file_data is None:
        raise NotFound()
    return row


def _decide(
    session: Session,
    assessment: Assessment,
    result: Result,
    action: str,
    actor: Actor,
    comment: str | None,
) -> None:
    assessment.decisions.append(
        AssessmentDecision(
            action=action,
            comment=comment,
            actor_id=actor.user_id,
            at=utcnow(),
            rulebook_version=result.rulebook_version,
            verdict=result.verdict,
        )
    )
    store_result(assessment, result)
    _flush(session)
    new = {"verdict": result.verdict, "status": assessment.status}
    _audit(session, actor, assessment.use_case_id, action, {}, new)


def submit(
    session: Session, *, use_case_id: uuid.UUID, actor: Actor, comment: str | None, ctx: Context
) -> Result:
    """Send the assessment to a reviewer; refused while mandatory facts are missing."""
    uc, assessment = _editable(session, use_case_id, actor)
    result = evaluate(uc, assessment, ctx)[1]
    if result.missing_facts:
        raise ValidationFailed(
            {
                "facts": _("Answer the missing facts before you submit: %(facts)s")
                % {"facts": ", ".join(result.missing_facts)}
            }
        )
    if assessment.status == "submitted":
        raise Conflict(_("The assessment is already waiting for review."))
    assessment.status = "submitted"
    assessment.submitted_by_id = actor.user_id
    _decide(session, assessment, result, "submitted", actor, comment)
    return result


def _reviewable(
    session: Session, use_case_id: uuid.UUID, actor: Actor
) -> tuple[UseCase, Assessment]:
    uc, assessment = get(session, use_case_id=use_case_id)
    require_review_assessment(actor)
    if assessment is None or assessment.status != "submitted":
        raise Conflict(_("Only a submitted assessment can be approved or sent back."))
    return uc, assessment


def approve(
    session: Session, *, use_case_id: uuid.UUID, actor: Actor, comment: str | None, ctx: Context
) -> Result:
    """Approve the assessment as it stands today: bound to this rulebook version and these facts."""
    uc, assessment = _reviewable(session, use_case_id, actor)
    if actor.user_id is not None and assessment.submitted_by_id == actor.user_id:
        raise Conflict(_("Someone other than the person who submitted must approve."))
    facts, result = evaluate(uc, assessment, ctx)
    if result.verdict == "not_allowed":
        raise Conflict(_("The rulebook does not allow this use: it cannot be approved."))
    if result.missing_facts:
        raise Conflict(_("Mandatory facts are missing: it cannot be approved."))
    if result.verdict == "needs_assessment" and not comment:
        raise ValidationFailed(
            {"comment": _("Some rules ask for a legal assessment: write your conclusion.")}
        )
    assessment.status = "approved"
    assessment.comment = comment
    assessment.approved_at = utcnow()
    assessment.approved_by_id = actor.user_id
    assessment.approved_rulebook_version = result.rulebook_version
    assessment.approved_fingerprint = result.rulebook_fingerprint
    assessment.approved_facts = compose.comparable(facts)
    assessment.approved_verdict = result.verdict
    assessment.approved_tier = result.tier
    _decide(session, assessment, result, "approved", actor, comment)
    return result


def send_back(
    session: Session, *, use_case_id: uuid.UUID, actor: Actor, comment: str | None, ctx: Context
) -> Result:
    """Return the assessment to its owner with a comment on what to change."""
    uc, assessment = _reviewable(session, use_case_id, actor)
    if not comment:
        raise ValidationFailed({"comment": _("Say what must be changed.")})
    result = evaluate(uc, assessment, ctx)[1]
    assessment.status = "returned"
    assessment.comment = comment
    _decide(session, assessment, result, "returned", actor, comment)
    return result


@dataclass(frozen=True)
class OverviewRow:
    """A use case's assessment in the overview, with whether its approval must be renewed."""

    uc: UseCase
    assessment: Assessment
    stale: bool


def overview(session: Session, *, rulebook: Rulebook) -> list[OverviewRow]:
    """Every started assessment; approvals whose rulebook or facts changed come first."""
    rows = []
    for uc, assessment in repo.use_cases_with_assessments(session, only_assessed=True):
        assert assessment is not None
        stale = needs_reassessment(assessment, facts_of(uc, assessment), rulebook)
        rows.append(OverviewRow(uc, assessment, stale))
    return sorted(rows, key=lambda r: not r.stale)


@dataclass(frozen=True)
class Summary:
    """A use case's assessment in one line: today's verdict, review status, approval to renew."""

    verdict: str
    status: str
    stale: bool


def summary(session: Session, *, uc: UseCase, ctx: Context) -> Summary:
    """Today's verdict and the review state of a loaded use case."""
    assessment = repo.get_assessment(session, uc.id)
    facts, result = evaluate(uc, assessment, ctx)
    status = assessment.status if assessment else "not_started"
    return Summary(result.verdict, status, needs_reassessment(assessment, facts, ctx.rulebook))
