"""HTML pages of effect goals and indicators: dashboard, catalogue, values, import, report."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session
from starlette.datastructures import UploadFile

from tryggki.auth.actor import Actor
from tryggki.auth.permissions import may_score_portfolio
from tryggki.db.base import oslo_today
from tryggki.exceptions import ValidationFailed
from tryggki.forms import form_values, parse_form
from tryggki.i18n import get_locale, parse_locale, set_locale
from tryggki.i18n import gettext as _
from tryggki.i18n.formatting import format_date
from tryggki.indicators import flows, report, service, views
from tryggki.indicators.schemas import IndicatorIn, MeasurementIn
from tryggki.registry import repository as registry_repo
from tryggki.registry.exchange import UnreadableFile
from tryggki.registry.flows import ImportFailed
from tryggki.web.deps import CurrentUser, DbSession, Form, SettingsDep, WebActor
from tryggki.web.templating import redirect, render, render_form, render_invalid

router = APIRouter()
MAX_IMPORT_BYTES = 5 * 1024 * 1024


def _goals(db: Session) -> list[views.Goal]:
    return views.goals(*service.dashboard(db, today=oslo_today()))


@router.get("/dashboard", response_class=HTMLResponse)
def dashboard(request: Request, db: DbSession, actor: WebActor) -> HTMLResponse:
    """Every effect goal with its indicators: latest value, status, trend and trusts compared."""
    context = {"goals": _goals(db), "can_manage": may_score_portfolio(actor), **views.HELPERS}
    return render(request, "indicators/dashboard.html", context)


@router.get("/dashboard/report", response_class=HTMLResponse)
def board_report(
    request: Request, db: DbSession, user: CurrentUser, lang: str | None = None
) -> HTMLResponse:
    """The board report as a printable page in the chosen language."""
    set_locale(parse_locale(lang) or get_locale())
    context = {"goals": _goals(db), "printed": format_date(oslo_today(), "long"), **views.HELPERS}
    return render(request, "indicators/report.html", context)


@router.get("/dashboard/report.pdf")
def board_report_pdf(db: DbSession, user: CurrentUser, lang: str | None = None) -> Response:
    """The board report as PDF with the same figures, charts and tables."""
    set_locale(parse_locale(lang) or get_locale())
    body = report.render(_goals(db), format_date(oslo_today(), "long"))
    return Response(
        body,
        media_type="application/pdf",
        headers={"Content-Disposition": 'inline; filename="effektmal.pdf"'},
    )


@router.get("/indicators", response_class=HTMLResponse)
def catalogue_page(request: Request, db: DbSession, actor: WebActor) -> HTMLResponse:
    """The indicator catalogue."""
    active, retired = service.catalogue_lists(db)
    context = {
        "indicators": active,
        "retired": retired,
        "can_manage": may_score_portfolio(actor),
        **views.HELPERS,
    }
    return render(request, "indicators/catalogue.html", context)


def _indicator_form(
    request: Request, db: Session, data: dict[str, Any], errors: dict[str, str]
) -> HTMLResponse:
    context = {"data": data, "errors": errors, **views.HELPERS}
    return render_form(request, db, "indicators/form.html", context)


@router.get("/indicators/new", response_class=HTMLResponse)
def indicator_new(
    request: Request, db: DbSession, user: CurrentUser, code: str | None = None
) -> HTMLResponse:
    """The form for a new indicator, or for a new version of ``code``."""
    data: dict[str, Any] = {"frequency": "quarterly", "direction": "higher"}
    if code:
        found = service.get(db, code=code)
        data = {k: getattr(found, k) for k in IndicatorIn.model_fields if k != "use_cases"}
        refs = [uc.ref for uc in service.detail(db, code=code)[4]]
        data["use_cases"] = ", ".join(refs)
    return _indicator_form(request, db, data, {})


@router.post("/indicators")
def indicator_save(request: Request, db: DbSession, actor: WebActor, form: Form) -> Response:
    """Save an indicator (a new version when the code exists)."""
    values = form_values(form, IndicatorIn)
    values["use_cases"] = [
        r.strip() for r in str(form.get("use_cases", "")).split(",") if r.strip()
    ]
    try:
        saved = service.save_indicator(db, data=parse_form(IndicatorIn, values), actor=actor)
    except ValidationFailed as exc:
        values["use_cases"] = ", ".join(values["use_cases"])
        return _indicator_form(request, db, values, exc.errors)
    return redirect(f"/indicators/{saved.code}")


def _detail(request: Request, db: Session, code: str, actor: Actor, **extra: Any) -> dict[str, Any]:
    indicator, versions, values, names, use_cases, members = service.detail(db, code=code)
    organisations = registry_repo.organisations(db)
    return {
        "i": indicator,
        "versions": versions,
        "values": values,
        "names": names,
        "use_cases": use_cases,
        "card": views.card(indicator, values, names, members),
        "chart": views.scope_chart(indicator, values, names),
        "organisations": organisations,
        "can_manage": may_score_portfolio(actor),
        # Editors correct and delete the values of their own organisation.
        "own_scope": next((o.code for o in organisations if o.id == actor.organisation_id), None),
        "deletable": service.deletable(indicator, values),
        "errors": {},
        "data": {},
        **views.HELPERS,
        **extra,
    }


@router.get("/indicators/{code}", response_class=HTMLResponse)
def indicator_page(
    request: Request,
    code: str,
    db: DbSession,
    actor: WebActor,
    organisation: str | None = None,
    period: str | None = None,
) -> HTMLResponse:
    """One indicator: definition, versions, values per trust and period, linked use cases; with
    ``organisation`` and ``period`` the entry form holds that value to correct it."""
    page = _detail(request, db, code, actor)
    page["data"] = views.correction(page["values"], organisation, period)
    return render(request, "indicators/detail.html", page)


@router.post("/indicators/{code}/retire")
def indicator_retire(code: str, db: DbSession, actor: WebActor) -> Response:
    """Retire an entered indicator (its values are kept)."""
    service.retire_indicator(db, code=code, actor=actor)
    return redirect(f"/indicators/{code}")


@router.post("/indicators/{code}/delete")
def indicator_delete(code: str, db: DbSession, actor: WebActor) -> Response:
    """Delete an entered indicator without values."""
    service.delete_indicator(db, code=code, actor=actor)
    return redirect("/indicators")


@router.post("/indicators/{code}/values/delete")
def value_delete(code: str, db: DbSession, actor: WebActor, form: Form) -> Response:
    """Delete one entered value (organisation and period from the form)."""
    service.delete_value(
        db,
        code=code,
        scope=str(form.get("organisation", "")),
        period=str(form.get("period", "")),
        actor=actor,
    )
    return redirect(f"/indicators/{code}")


@router.post("/indicators/{code}/values")
def value_save(request: Request, code: str, db: DbSession, actor: WebActor, form: Form) -> Response:
    """Enter a value of an entered indicator, or show the form with the problem."""
    values = {**form_values(form, MeasurementIn), "indicator": code}
    try:
        data = parse_form(MeasurementIn, values)
        service.record_measurements(db, rows=[("", data)], actor=actor)
    except ValidationFailed as exc:
        page = _detail(request, db, code, actor, errors=exc.errors, data=values)
        return render_invalid(request, db, "indicators/detail.html", page)
    return redirect(f"/indicators/{code}")


@router.get("/indicators-import", response_class=HTMLResponse)
def import_page(request: Request, user: CurrentUser) -> HTMLResponse:
    """Upload values as CSV or Excel."""
    return render(request, "indicators/import.html", {"errors": []})


@router.post("/indicators-import")
async def import_upload(request: Request, db: DbSession, actor: WebActor, form: Form) -> Response:
    """Import every row or none; the problems are listed by row."""
    upload = form.get("file")
    errors: list[tuple[str, str, str]] = []
    if not isinstance(upload, UploadFile) or not upload.filename:
        errors.append(("", "file", _("Choose a file to import.")))
    else:
        data = await upload.read(MAX_IMPORT_BYTES + 1)
        try:
            count = flows.import_measurements(db, data=data, filename=upload.filename, actor=actor)
            return render(request, "indicators/import.html", {"errors": [], "count": count})
        except UnreadableFile as exc:
            errors.append(("", "file", exc.message))
        except ImportFailed as exc:
            errors.extend(exc.errors)
    return render_invalid(request, db, "indicators/import.html", {"errors": errors})


@router.post("/indicators-compute")
def compute_now(db: DbSession, settings: SettingsDep, actor: WebActor) -> Response:
    """Compute the computed indicators for the last two years now (also run on a schedule)."""
    first, last = service.month_range(None, None, oslo_today())
    service.compute(db, settings=settings, first=first, last=last, actor=actor)
    return redirect("/dashboard")
