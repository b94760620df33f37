"""HTML pages of the registry: use cases with their benefits and measurements."""

from __future__ import annotations

import math
import uuid
from contextlib import suppress
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from tryggki.assessments import service as assessments
from tryggki.assessments import views as assessment_views
from tryggki.assessments.service import Context
from tryggki.audit.service import history
from tryggki.auth.actor import Actor
from tryggki.auth.permissions import may_edit_organisation, may_mark_reviewed
from tryggki.db.base import utcnow
from tryggki.exceptions import ValidationFailed
from tryggki.forms import form_values, parse_form
from tryggki.i18n import gettext as _
from tryggki.models import UseCase
from tryggki.registry import calculations, service
from tryggki.registry import repository as repo
from tryggki.registry.mapping import benefit_in, use_case_in
from tryggki.registry.schemas import BenefitIn, MeasurementIn, UseCaseIn
from tryggki.registry.views import benefit_view, filter_from_query, list_options
from tryggki.web.deps import CurrentUser, DbSession, Form, SettingsDep, WebActor
from tryggki.web.templating import is_htmx, redirect, render, render_form, render_invalid

router = APIRouter()


@router.get("/use-cases", response_class=HTMLResponse)
def use_case_list(
    request: Request, db: DbSession, settings: SettingsDep, user: CurrentUser
) -> HTMLResponse:
    """The registry list with filters, sorting and paging."""
    now = utcnow()
    listing = filter_from_query(request.query_params, settings, now)
    rows, total = repo.list_use_cases(
        db,
        listing.filter,
        sort=listing.sort,
        descending=listing.descending,
        offset=(listing.page - 1) * settings.page_size,
        limit=settings.page_size,
    )
    context: dict[str, Any] = {
        "rows": rows,
        "total": total,
        "listing": listing,
        "pages": max(1, math.ceil(total / settings.page_size)),
        "stale_before": calculations.stale_cutoff(now, settings.stale_after_months),
        **list_options(db),
    }
    if is_htmx(request, "results"):
        return render(request, "registry/_results.html", context)
    return render(request, "registry/list.html", context)


def _form(
    request: Request, db: Session, data: Any, errors: dict[str, str], **extra: Any
) -> HTMLResponse:
    context = {"data": data, "errors": errors, **list_options(db), **extra}
    return render_form(request, db, "registry/form.html", context)


@router.get("/use-cases/new", response_class=HTMLResponse)
def use_case_new(request: Request, db: DbSession, user: CurrentUser) -> HTMLResponse:
    """The form for a new use case, preset to the user's organisation."""
    org = next((o.code for o in repo.organisations(db) if o.id == user.organisation_id), None)
    data = {"organisation": org, "lifecycle_stage": "idea", "clinical_function": "none"}
    return _form(request, db, data, {})


@router.post("/use-cases")
def use_case_create(request: Request, db: DbSession, actor: WebActor, form: Form) -> Response:
    """Save a new use case, or show the form again with the problems."""
    values = form_values(form, UseCaseIn)
    try:
        uc = service.create_use_case(db, data=parse_form(UseCaseIn, values), actor=actor)
    except ValidationFailed as exc:
        return _form(request, db, values, exc.errors)
    return redirect(f"/use-cases/{uc.id}")


def _detail_context(
    request: Request, db: Session, uc: UseCase, actor: Actor, settings: SettingsDep
) -> dict[str, Any]:
    ctx = Context.for_today(request.app.state.rulebook, settings)
    return {
        "uc": uc,
        "assessment": assessments.summary(db, uc=uc, ctx=ctx),
        "verdict_label": assessment_views.HELPERS["verdict_label"],
        "status_label": assessment_views.HELPERS["status_label"],
        "benefits": [benefit_view(b, settings) for b in uc.benefits],
        "adoptions": repo.adoptions_of(db, uc.id),
        "events": history(db, entity_type="use_case", entity_id=str(uc.id)),
        "stale": calculations.is_stale(uc.last_reviewed_at, utcnow(), settings.stale_after_months),
        "can_edit": may_edit_organisation(actor, uc.organisation_id),
        "can_review": may_mark_reviewed(actor, uc.organisation_id),
        "adopt_targets": [
            o
            for o in repo.organisations(db)
            if o.is_helse_vest and o.id != uc.organisation_id and may_edit_organisation(actor, o.id)
        ],
        **list_options(db),
    }


@router.get("/use-cases/{use_case_id}", response_class=HTMLResponse)
def use_case_detail(
    request: Request,
    use_case_id: uuid.UUID,
    db: DbSession,
    settings: SettingsDep,
    actor: WebActor,
) -> HTMLResponse:
    """A use case with its benefits, lineage and change history."""
    uc = service.get_use_case(db, use_case_id=use_case_id)
    return render(
        request, "registry/detail.html", _detail_context(request, db, uc, actor, settings)
    )


@router.get("/use-cases/{use_case_id}/edit", response_class=HTMLResponse)
def use_case_edit(
    request: Request, use_case_id: uuid.UUID, db: DbSession, user: CurrentUser
) -> HTMLResponse:
    """The edit form of a use case."""
    uc = service.get_use_case(db, use_case_id=use_case_id)
    data = use_case_in(uc).model_dump()
    return _form(request, db, data, {}, uc=uc)


@router.post("/use-cases/{use_case_id}")
def use_case_update(
    request: Request, use_case_id: uuid.UUID, db: DbSession, actor: WebActor, form: Form
) -> Response:
    """Save changes to a use case (optimistic locking on the version shown in the form)."""
    values = form_values(form, UseCaseIn)
    try:
        version = int(str(form.get("version", "")))
    except ValueError:
        version = None
    try:
        uc = service.update_use_case(
            db,
            use_case_id=use_case_id,
            data=parse_form(UseCaseIn, values),
            actor=actor,
            expected_version=version,
        )
    except ValidationFailed as exc:
        current = service.get_use_case(db, use_case_id=use_case_id)
        return _form(request, db, values, exc.errors, uc=current)
    return redirect(f"/use-cases/{uc.id}")


@router.post("/use-cases/{use_case_id}/delete")
def use_case_delete(use_case_id: uuid.UUID, db: DbSession, actor: WebActor) -> Response:
    """Delete a use case and go back to the list."""
    service.delete_use_case(db, use_case_id=use_case_id, actor=actor)
    return redirect("/use-cases")


@router.post("/use-cases/{use_case_id}/review")
def use_case_review(use_case_id: uuid.UUID, db: DbSession, actor: WebActor) -> Response:
    """Confirm that the record is up to date."""
    service.mark_reviewed(db, use_case_id=use_case_id, actor=actor)
    return redirect(f"/use-cases/{use_case_id}")


@router.post("/use-cases/{use_case_id}/adopt")
def use_case_adopt(
    request: Request,
    use_case_id: uuid.UUID,
    db: DbSession,
    actor: WebActor,
    form: Form,
    settings: SettingsDep,
) -> Response:
    """Copy the use case into another trust with lineage."""
    try:
        copy = service.adopt_use_case(
            db,
            use_case_id=use_case_id,
            organisation_code=str(form.get("organisation", "")),
            actor=actor,
        )
    except ValidationFailed as exc:
        uc = service.get_use_case(db, use_case_id=use_case_id)
        context = {**_detail_context(request, db, uc, actor, settings), "adopt_errors": exc.errors}
        return render_invalid(request, db, "registry/detail.html", context)
    return redirect(f"/use-cases/{copy.id}")


def _benefit_form(
    request: Request,
    db: Session,
    uc: UseCase,
    data: Any,
    errors: dict[str, str],
    benefit_id: uuid.UUID | None = None,
) -> HTMLResponse:
    context = {
        "uc": uc,
        "data": data,
        "errors": errors,
        "benefit_id": benefit_id,
        **list_options(db),
    }
    return render_form(request, db, "registry/benefit_form.html", context)


PERCENT_FIELDS = ("adoption_rate", "rework_share")


def benefit_form_values(form: Any) -> dict[str, Any]:
    """Benefit fields from a form; adoption and rework are entered in percent."""
    values = form_values(form, BenefitIn)
    for name in PERCENT_FIELDS:
        # Text that is no number is left as it is: validation reports "Enter a number."
        with suppress(ValueError):
            values[name] = float(str(values.get(name)).replace(",", ".")) / 100
    return values


def _percent_errors(errors: dict[str, str]) -> dict[str, str]:
    """Shares are typed in per cent on the form, so their range message speaks of per cent."""
    return {
        k: _("Enter a percentage between 0 and 100.") if k in PERCENT_FIELDS else v
        for k, v in errors.items()
    }


@router.get("/use-cases/{use_case_id}/benefits/new", response_class=HTMLResponse)
def benefit_new(
    request: Request, use_case_id: uuid.UUID, db: DbSession, user: CurrentUser
) -> HTMLResponse:
    """The form for a new benefit."""
    uc = service.get_use_case(db, use_case_id=use_case_id)
    data = {
        "measure": "hours",
        "effect_goal": "freed_resources",
        "benefit_type": "alternative_use",
        "higher_is_better": True,
    }
    return _benefit_form(request, db, uc, data, {})


@router.post("/use-cases/{use_case_id}/benefits")
def benefit_create(
    request: Request, use_case_id: uuid.UUID, db: DbSession, actor: WebActor, form: Form
) -> Response:
    """Save a new benefit."""
    values = benefit_form_values(form)
    try:
        service.add_benefit(
            db, use_case_id=use_case_id, data=parse_form(BenefitIn, values), actor=actor
        )
    except ValidationFailed as exc:
        uc = service.get_use_case(db, use_case_id=use_case_id)
        return _benefit_form(request, db, uc, values, _percent_errors(exc.errors))
    return redirect(f"/use-cases/{use_case_id}")


@router.get("/benefits/{benefit_id}/edit", response_class=HTMLResponse)
def benefit_edit(
    request: Request, benefit_id: uuid.UUID, db: DbSession, user: CurrentUser
) -> HTMLResponse:
    """The edit form of a benefit."""
    benefit = service.get_benefit(db, benefit_id=benefit_id)
    uc = service.get_use_case(db, use_case_id=benefit.use_case_id)
    return _benefit_form(request, db, uc, benefit_in(benefit).model_dump(), {}, benefit.id)


@router.post("/benefits/{benefit_id}")
def benefit_update(
    request: Request, benefit_id: uuid.UUID, db: DbSession, actor: WebActor, form: Form
) -> Response:
    """Save changes to a benefit."""
    values = benefit_form_values(form)
    try:
        benefit = service.update_benefit(
            db, benefit_id=benefit_id, data=parse_form(BenefitIn, values), actor=actor
        )
    except ValidationFailed as exc:
        current = service.get_benefit(db, benefit_id=benefit_id)
        uc = service.get_use_case(db, use_case_id=current.use_case_id)
        return _benefit_form(request, db, uc, values, _percent_errors(exc.errors), benefit_id)
    return redirect(f"/use-cases/{benefit.use_case_id}")


@router.post("/benefits/{benefit_id}/delete")
def benefit_delete(benefit_id: uuid.UUID, db: DbSession, actor: WebActor) -> Response:
    """Delete a benefit."""
    use_case_id = service.delete_benefit(db, benefit_id=benefit_id, actor=actor)
    return redirect(f"/use-cases/{use_case_id}")


@router.post("/benefits/{benefit_id}/measurements")
def measurement_create(
    request: Request,
    benefit_id: uuid.UUID,
    db: DbSession,
    actor: WebActor,
    form: Form,
    settings: SettingsDep,
) -> Response:
    """Record a realised value; errors are shown next to the measurement form of the benefit."""
    values = form_values(form, MeasurementIn)
    try:
        measurement = service.add_measurement(
            db, benefit_id=benefit_id, data=parse_form(MeasurementIn, values), actor=actor
        )
    except ValidationFailed as exc:
        benefit = service.get_benefit(db, benefit_id=benefit_id)
        uc = service.get_use_case(db, use_case_id=benefit.use_case_id)
        context = {
            **_detail_context(request, db, uc, actor, settings),
            "measurement_errors": {benefit_id: exc.errors},
            "measurement_values": {benefit_id: values},
        }
        return render_invalid(request, db, "registry/detail.html", context)
    benefit = service.get_benefit(db, benefit_id=measurement.benefit_id)
    return redirect(f"/use-cases/{benefit.use_case_id}#benefit-{benefit_id}")


@router.post("/measurements/{measurement_id}/delete")
def measurement_delete(measurement_id: uuid.UUID, db: DbSession, actor: WebActor) -> Response:
    """Delete a measurement."""
    use_case_id = service.delete_measurement(db, measurement_id=measurement_id, actor=actor)
    return redirect(f"/use-cases/{use_case_id}")
