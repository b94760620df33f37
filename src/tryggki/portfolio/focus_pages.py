"""HTML pages of focus areas: suggestions, the decision form, the record and its board paper."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from tryggki.audit.service import history
from tryggki.auth.actor import Actor
from tryggki.auth.permissions import may_score_portfolio
from tryggki.db.base import oslo_today
from tryggki.exceptions import ValidationFailed
from tryggki.forms import form_values, parse_form
from tryggki.i18n import get_locale, parse_locale, set_locale
from tryggki.i18n.formatting import format_date
from tryggki.portfolio import flows, pdf, service, views
from tryggki.portfolio import repository as repo
from tryggki.portfolio.schemas import FocusAreaIn, WithdrawIn
from tryggki.web.deps import CurrentUser, DbSession, Form, WebActor
from tryggki.web.templating import redirect, render, render_form, render_invalid

router = APIRouter()
WeightSetQuery = Annotated[str | None, Query(alias="set")]


@router.get("/focus-areas", response_class=HTMLResponse)
def focus_areas(
    request: Request, db: DbSession, actor: WebActor, weight_set: WeightSetQuery = None
) -> HTMLResponse:
    """Designated focus areas and suggestions grouped from the ranking."""
    portfolio = service.portfolio(db, weight_set_name=weight_set or None)
    context = {
        "p": portfolio,
        "suggestions": flows.suggestions(portfolio),
        "areas": repo.focus_areas(db),
        "withdrawn": repo.focus_areas(db, withdrawn=True),
        "can_score": may_score_portfolio(actor),
        **views.HELPERS,
    }
    return render(request, "portfolio/focus_areas.html", context)


def _form(
    request: Request,
    db: Session,
    data: dict[str, Any],
    errors: dict[str, str],
    area_id: uuid.UUID | None = None,
) -> HTMLResponse:
    portfolio = service.portfolio(db, weight_set_name=data.get("weight_set") or None)
    context = {"p": portfolio, "data": data, "errors": errors, "area_id": area_id, **views.HELPERS}
    context["set_choices"] = views.set_choices(repo.weight_sets(db))
    return render_form(request, db, "portfolio/focus_form.html", context)


@router.get("/focus-areas/new", response_class=HTMLResponse)
def focus_area_new(
    request: Request,
    db: DbSession,
    user: CurrentUser,
    candidate: str | None = None,
    weight_set: WeightSetQuery = None,
) -> HTMLResponse:
    """The decision form, prefilled from a suggestion."""
    found = flows.suggestion(db, key=candidate, weight_set_name=weight_set) if candidate else None
    today = oslo_today()
    data: dict[str, Any] = {
        "period_start": today.isoformat(),
        "period_end": today.replace(year=today.year + 2).isoformat(),
        "weight_set": weight_set or service.weight_set(db, None).name,
    }
    if found:
        data |= {
            "title": found.title,
            "candidate_key": found.key,
            "use_cases": [r.uc.ref for r in found.rows],
        }
    return _form(request, db, data, {})


@router.post("/focus-areas")
def focus_area_create(request: Request, db: DbSession, actor: WebActor, form: Form) -> Response:
    """Record the designation, or show the form again with the problems."""
    values = form_values(form, FocusAreaIn)
    try:
        area = flows.designate(db, data=parse_form(FocusAreaIn, values), actor=actor)
    except ValidationFailed as exc:
        return _form(request, db, values, exc.errors)
    return redirect(f"/focus-areas/{area.id}")


@router.get("/focus-areas/{focus_area_id}/edit", response_class=HTMLResponse)
def focus_area_edit(
    request: Request, focus_area_id: uuid.UUID, db: DbSession, user: CurrentUser
) -> HTMLResponse:
    """The form to change a focus area, filled with its current state."""
    area = flows.get_focus_area(db, focus_area_id=focus_area_id)
    data: dict[str, Any] = {
        "title": area.title,
        "period_start": area.period_start.isoformat(),
        "period_end": area.period_end.isoformat(),
        "owner": area.owner,
        "rationale": area.rationale,
        "weight_set": area.weight_set_name,
        "use_cases": flows.linked_refs(db, area),
    }
    return _form(request, db, data, {}, area.id)


@router.post("/focus-areas/{focus_area_id}")
def focus_area_change(
    request: Request, focus_area_id: uuid.UUID, db: DbSession, actor: WebActor, form: Form
) -> Response:
    """Save the change, or show the form again with the problems."""
    values = form_values(form, FocusAreaIn)
    try:
        flows.change(
            db, focus_area_id=focus_area_id, data=parse_form(FocusAreaIn, values), actor=actor
        )
    except ValidationFailed as exc:
        return _form(request, db, values, exc.errors, focus_area_id)
    return redirect(f"/focus-areas/{focus_area_id}")


@router.post("/focus-areas/{focus_area_id}/withdraw")
def focus_area_withdraw(
    request: Request, focus_area_id: uuid.UUID, db: DbSession, actor: WebActor, form: Form
) -> Response:
    """Withdraw the focus area with a reason, or show the record with the problem."""
    values = form_values(form, WithdrawIn)
    try:
        flows.withdraw(
            db, focus_area_id=focus_area_id, data=parse_form(WithdrawIn, values), actor=actor
        )
    except ValidationFailed as exc:
        context = _record(db, focus_area_id, actor) | {"errors": exc.errors, "data": values}
        return render_invalid(request, db, "portfolio/focus_detail.html", context)
    return redirect(f"/focus-areas/{focus_area_id}")


def _paper(db: Session, focus_area_id: uuid.UUID) -> dict[str, Any]:
    area = flows.get_focus_area(db, focus_area_id=focus_area_id)
    return {"area": area, "printed": format_date(oslo_today(), "long"), **views.HELPERS}


def _record(db: Session, focus_area_id: uuid.UUID, actor: Actor) -> dict[str, Any]:
    return _paper(db, focus_area_id) | {
        "events": history(db, entity_type="focus_area", entity_id=str(focus_area_id)),
        "can_score": may_score_portfolio(actor),
        "errors": {},
        "data": {},
    }


@router.get("/focus-areas/{focus_area_id}", response_class=HTMLResponse)
def focus_area_detail(
    request: Request, focus_area_id: uuid.UUID, db: DbSession, actor: WebActor
) -> HTMLResponse:
    """The decision record in its current state, with its history."""
    return render(request, "portfolio/focus_detail.html", _record(db, focus_area_id, actor))


@router.get("/focus-areas/{focus_area_id}/board-paper", response_class=HTMLResponse)
def board_paper(
    request: Request,
    focus_area_id: uuid.UUID,
    db: DbSession,
    user: CurrentUser,
    lang: str | None = None,
) -> HTMLResponse:
    """The decision as a printable board paper (styresak), in the chosen language."""
    set_locale(parse_locale(lang) or get_locale())
    return render(request, "portfolio/board_paper.html", _paper(db, focus_area_id))


@router.get("/focus-areas/{focus_area_id}/board-paper.pdf")
def board_paper_pdf(
    focus_area_id: uuid.UUID, db: DbSession, user: CurrentUser, lang: str | None = None
) -> Response:
    """The board paper as PDF, in the chosen language."""
    set_locale(parse_locale(lang) or get_locale())
    context = _paper(db, focus_area_id)
    body = pdf.board_paper(context["area"], context["printed"])
    return Response(
        body,
        media_type="application/pdf",
        headers={"Content-Disposition": f'inline; filename="styresak-{focus_area_id}.pdf"'},
    )
