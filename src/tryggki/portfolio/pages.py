"""HTML pages of the portfolio: ranking, reviewers' scores, weight sets and comparison."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from tryggki.auth.actor import Actor
from tryggki.auth.permissions import may_score_portfolio
from tryggki.exceptions import NotFound, ValidationFailed
from tryggki.forms import parse_form
from tryggki.portfolio import repository as repo
from tryggki.portfolio import service, views
from tryggki.portfolio.schemas import ScoreIn, WeightSetIn
from tryggki.registry import repository as registry_repo
from tryggki.web.deps import CurrentUser, DbSession, Form, SettingsDep, WebActor
from tryggki.web.templating import redirect, render, render_form

router = APIRouter()


@router.get("/portfolio", response_class=HTMLResponse)
def ranking(
    request: Request,
    db: DbSession,
    actor: WebActor,
    settings: SettingsDep,
    weight_set: Annotated[str | None, Query(alias="set")] = None,
    compare: str | None = None,
    page: Annotated[int, Query(ge=1)] = 1,
    at: str | None = None,
) -> HTMLResponse:
    """The ranking under a weight set a page at a time (the page holding use case ``at``), the
    chart of every scored use case, the sensitivity and an optional comparison."""
    portfolio = service.portfolio(db, weight_set_name=weight_set or None)
    shown = views.page_of(portfolio.rows, number=page, size=settings.page_size, at=at)
    context: dict[str, Any] = {
        "p": portfolio,
        "shown": shown,
        "set_choices": views.set_choices(repo.weight_sets(db)),
        "chart": views.bubble_chart(portfolio.rows),
        "can_score": may_score_portfolio(actor),
        **views.HELPERS,
    }
    if compare:
        context["cmp"] = service.comparison(db, base=portfolio, b=compare)
    return render(request, "portfolio/ranking.html", context)


@router.get("/portfolio/score", response_class=HTMLResponse)
def score_by_ref(db: DbSession, user: CurrentUser, ref: str = "") -> Response:
    """Find a use case by reference and open its score form."""
    uc = registry_repo.get_use_case_by_ref(db, ref.strip())
    if uc is None:
        raise NotFound()
    return redirect(f"/portfolio/score/{uc.id}")


def _score_form(
    request: Request,
    db: Session,
    use_case_id: uuid.UUID,
    data: dict[str, Any],
    errors: dict[str, str],
    *,
    own: bool,
) -> HTMLResponse:
    uc = registry_repo.get_use_case(db, use_case_id)
    if uc is None:
        raise NotFound()
    automatic, tier = service.automatic_of(db, use_case_id=use_case_id)
    context = {
        "uc": uc,
        "automatic": automatic,
        "tier": tier,
        "data": data,
        "errors": errors,
        # Other reviewers' scores are shown only once this reviewer has saved their own.
        "others": repo.reviewer_names(db, use_case_id) if own else [],
        **views.HELPERS,
    }
    return render_form(request, db, "portfolio/score.html", context)


@router.get("/portfolio/score/{use_case_id}", response_class=HTMLResponse)
def score_edit(
    request: Request, use_case_id: uuid.UUID, db: DbSession, actor: WebActor
) -> HTMLResponse:
    """The acting reviewer's score form for a use case, filled with their earlier scores."""
    mine = service.my_score(db, use_case_id=use_case_id, actor=actor)
    data: dict[str, Any] = {f"scores.{k}": v for k, v in (mine.scores if mine else {}).items()}
    data["comment"] = mine.comment if mine else ""
    return _score_form(request, db, use_case_id, data, {}, own=mine is not None)


@router.post("/portfolio/score/{use_case_id}")
def score_save(
    request: Request, use_case_id: uuid.UUID, db: DbSession, actor: WebActor, form: Form
) -> Response:
    """Save the reviewer's scores, or show the form again with the problems."""
    data = {k: str(v) for k, v in form.items() if k.startswith("scores.") or k == "comment"}
    values = {
        "scores": {
            k.removeprefix("scores."): v for k, v in data.items() if k.startswith("scores.") and v
        },
        "comment": data.get("comment"),
    }
    try:
        saved = service.save_score(
            db, use_case_id=use_case_id, data=parse_form(ScoreIn, values), actor=actor
        )
    except ValidationFailed as exc:
        mine = service.my_score(db, use_case_id=use_case_id, actor=actor)
        return _score_form(request, db, use_case_id, data, exc.errors, own=mine is not None)
    return redirect("/portfolio", at=saved.ref)


def _weights_form(
    request: Request, db: Session, actor: Actor, data: dict[str, Any], errors: dict[str, str]
) -> HTMLResponse:
    context = {
        "sets": repo.weight_sets(db),
        "data": data,
        "errors": errors,
        "can_score": may_score_portfolio(actor),
        **views.HELPERS,
    }
    return render_form(request, db, "portfolio/weights.html", context)


@router.get("/portfolio/weights", response_class=HTMLResponse)
def weights_page(
    request: Request, db: DbSession, actor: WebActor, copy: str | None = None
) -> HTMLResponse:
    """The weight sets and a form for a new one (prefilled from ``copy`` or the default)."""
    base = service.weight_set(db, copy or None)
    data: dict[str, Any] = {f"weights.{k}": f"{v:g}" for k, v in base.weights.items()}
    return _weights_form(request, db, actor, data, {})


@router.post("/portfolio/weights")
def weights_save(request: Request, db: DbSession, actor: WebActor, form: Form) -> Response:
    """Save a weight set; weights that do not add up to 100 % are refused with the sum shown."""
    data = {k: str(v) for k, v in form.items() if k.startswith("weights.") or k == "name"}
    values = {
        "name": data.get("name"),
        "weights": {
            k.removeprefix("weights."): v or "0"
            for k, v in data.items()
            if k.startswith("weights.")
        },
    }
    try:
        saved = service.save_weight_set(db, data=parse_form(WeightSetIn, values), actor=actor)
    except ValidationFailed as exc:
        return _weights_form(request, db, actor, data, exc.errors)
    default = service.weight_set(db, None)
    return redirect("/portfolio", set=default.name, compare=saved.name)


@router.post("/portfolio/weights/{name:path}/delete")
def weights_delete(name: str, db: DbSession, actor: WebActor) -> Response:
    """Delete a weight set (refused with the reason when something depends on it)."""
    service.delete_weight_set(db, name=name, actor=actor)
    return redirect("/portfolio/weights")
