"""HTML pages of assessments: the verdict of a use case, its questionnaire, checklist and review."""

from __future__ import annotations

import uuid
from typing import Any, Literal

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session
from starlette.datastructures import UploadFile

from tryggki.assessments import compose, questionnaire, service, views
from tryggki.assessments import repository as repo
from tryggki.assessments.facts import facts_of
from tryggki.assessments.forms import evidence_from_form, read_upload
from tryggki.assessments.service import Context
from tryggki.auth.actor import Actor
from tryggki.auth.permissions import may_edit_organisation, may_review_assessment
from tryggki.config import Settings
from tryggki.exceptions import ValidationFailed
from tryggki.models import UseCase
from tryggki.rules import versions
from tryggki.rules.labels import EFFECT_LABELS, label
from tryggki.web.deps import CurrentUser, DbSession, Form, SettingsDep, WebActor
from tryggki.web.templating import redirect, render, render_form, render_invalid

router = APIRouter()


def context_for(request: Request, settings: Settings) -> Context:
    """The running rulebook and today's date under the configured AI Act dates."""
    return Context.for_today(request.app.state.rulebook, settings)


def _page(
    request: Request, db: Session, uc_id: uuid.UUID, actor: Actor, ctx: Context, **extra: Any
) -> dict[str, Any]:
    uc, assessment = service.get(db, use_case_id=uc_id)
    facts, result = service.evaluate(uc, assessment, ctx)
    view = views.build(uc, assessment, facts, result, ctx.rulebook)
    people = {d.actor_id for d in assessment.decisions} if assessment else set()
    approved_version = (
        versions.by_fingerprint(db, assessment.approved_fingerprint)
        if view.rulebook_changed and assessment and assessment.approved_fingerprint
        else None
    )
    return {
        "v": view,
        "uc": uc,
        "rulebook": ctx.rulebook,
        "names": repo.user_names(db, {p for p in people if p}),
        "approved_version": approved_version,
        "current_version": versions.by_fingerprint(db, ctx.rulebook.fingerprint),
        "can_edit": may_edit_organisation(actor, uc.organisation_id),
        "can_review": may_review_assessment(actor)
        and (assessment is None or assessment.submitted_by_id != actor.user_id),
        "effect_label": lambda e: label(EFFECT_LABELS, e),
        **views.HELPERS,
        "errors": {},
        "evidence_errors": {},
        **extra,
    }


def _url(uc_id: uuid.UUID) -> str:
    return f"/use-cases/{uc_id}/assessment"


@router.get("/use-cases/{use_case_id}/assessment", response_class=HTMLResponse)
def assessment_page(
    request: Request, use_case_id: uuid.UUID, db: DbSession, settings: SettingsDep, actor: WebActor
) -> HTMLResponse:
    """The rulebook's verdict on a use case, the reasons, the checklist and the review."""
    ctx = context_for(request, settings)
    return render(request, "assessments/detail.html", _page(request, db, use_case_id, actor, ctx))


def _answers_form(
    request: Request, db: Session, uc: UseCase, data: dict[str, Any], errors: dict[str, str]
) -> HTMLResponse:
    context = {"uc": uc, "sections": questionnaire.sections(), "data": data, "errors": errors}
    context["option_label"] = questionnaire.option_label
    return render_form(request, db, "assessments/answers.html", context)


@router.get("/use-cases/{use_case_id}/assessment/answers", response_class=HTMLResponse)
def answers_edit(
    request: Request, use_case_id: uuid.UUID, db: DbSession, user: CurrentUser
) -> HTMLResponse:
    """The questionnaire, filled in with today's facts."""
    uc, assessment = service.get(db, use_case_id=use_case_id)
    facts = facts_of(uc, assessment)
    data = questionnaire.form_data(facts)
    return _answers_form(request, db, uc, data, {})


@router.post("/use-cases/{use_case_id}/assessment/answers")
def answers_save(
    request: Request,
    use_case_id: uuid.UUID,
    db: DbSession,
    settings: SettingsDep,
    actor: WebActor,
    form: Form,
) -> Response:
    """Save the answers and show the new verdict, or the form again with the problems."""
    answers = questionnaire.answers_from_form(form, form.getlist)
    try:
        service.save_answers(
            db,
            use_case_id=use_case_id,
            answers=answers,
            actor=actor,
            ctx=context_for(request, settings),
        )
    except ValidationFailed as exc:
        uc = service.get(db, use_case_id=use_case_id)[0]
        data = compose.flat_answers(answers)
        return _answers_form(request, db, uc, data, exc.errors)
    return redirect(_url(use_case_id))


@router.post("/use-cases/{use_case_id}/assessment/controls")
def control_save(
    request: Request,
    use_case_id: uuid.UUID,
    db: DbSession,
    settings: SettingsDep,
    actor: WebActor,
    form: Form,
) -> Response:
    """Record a control of the checklist with its evidence (text, link or file)."""
    ctx = context_for(request, settings)
    upload = form.get("file")
    try:
        file = (
            read_upload(upload, settings.max_evidence_bytes)
            if isinstance(upload, UploadFile) and upload.filename
            else None
        )
        data = evidence_from_form(form, file)
        service.save_evidence(db, use_case_id=use_case_id, data=data, actor=actor, ctx=ctx)
    except ValidationFailed as exc:
        control = str(form.get("control", ""))
        values = {k: form.get(k) for k in ("note", "link", "owner", "due_date", "in_place")}
        page = _page(
            request,
            db,
            use_case_id,
            actor,
            ctx,
            errors=exc.errors,
            evidence_errors={control: exc.errors},
            evidence_values={control: values},
        )
        return render_invalid(request, db, "assessments/detail.html", page)
    return redirect(_url(use_case_id) + f"#control-{data.control}")


@router.get("/assessment-evidence/{evidence_id}")
def evidence_download(evidence_id: uuid.UUID, db: DbSession, user: CurrentUser) -> Response:
    """An evidence file, always as a download (never rendered in our origin)."""
    row = service.evidence_file(db, evidence_id=evidence_id)
    assert row.file_data is not None
    return Response(
        row.file_data,
        media_type=row.file_type or "application/octet-stream",
        headers={"Content-Disposition": f'attachment; filename="{row.file_name}"'},
    )


STEPS = {"submit": service.submit, "approve": service.approve, "send-back": service.send_back}


@router.post("/use-cases/{use_case_id}/assessment/{step}")
def review_step(
    request: Request,
    use_case_id: uuid.UUID,
    step: Literal["submit", "approve", "send-back"],
    db: DbSession,
    settings: SettingsDep,
    actor: WebActor,
    form: Form,
) -> Response:
    """Submit for review, approve or send back; a refused step shows the page with the message."""
    ctx = context_for(request, settings)
    comment = str(form.get("comment", "")).strip()[:4000] or None
    try:
        STEPS[step](db, use_case_id=use_case_id, actor=actor, comment=comment, ctx=ctx)
    except ValidationFailed as exc:
        page = _page(request, db, use_case_id, actor, ctx, errors=exc.errors, comment=comment)
        return render_invalid(request, db, "assessments/detail.html", page)
    return redirect(_url(use_case_id))


@router.get("/assessments", response_class=HTMLResponse)
def overview(request: Request, db: DbSession, user: CurrentUser) -> HTMLResponse:
    """Every assessment with its status and verdict; approvals to renew come first."""
    rows = service.overview(db, rulebook=request.app.state.rulebook)
    return render(request, "assessments/list.html", {"rows": rows, **views.HELPERS})
