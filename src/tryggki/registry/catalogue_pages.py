"""HTML pages of the shared catalogue: AI systems and vendors, and the organisations."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from tryggki.audit.service import history
from tryggki.auth.permissions import may_edit_catalogue
from tryggki.exceptions import ValidationFailed
from tryggki.forms import form_values, parse_form
from tryggki.registry import catalogue
from tryggki.registry import repository as repo
from tryggki.registry.mapping import ai_system_in, vendor_in
from tryggki.registry.schemas import AISystemIn, VendorIn
from tryggki.registry.views import list_options
from tryggki.web.deps import CurrentUser, DbSession, Form, WebActor
from tryggki.web.templating import redirect, render, render_form

router = APIRouter()


@router.get("/organisations", response_class=HTMLResponse)
def organisation_list(request: Request, db: DbSession, user: CurrentUser) -> HTMLResponse:
    """The organisations of the plan."""
    return render(request, "registry/organisations.html", {"organisations": repo.organisations(db)})


@router.get("/ai-systems", response_class=HTMLResponse)
def system_list(request: Request, db: DbSession, actor: WebActor) -> HTMLResponse:
    """All AI systems."""
    return render(
        request,
        "registry/systems.html",
        {"systems": repo.ai_systems(db), "can_edit": may_edit_catalogue(actor)},
    )


def _system_form(
    request: Request,
    db: Session,
    data: Any,
    errors: dict[str, str],
    system_id: Any = None,
    version: int | None = None,
) -> HTMLResponse:
    context = {
        "data": data,
        "errors": errors,
        "system_id": system_id,
        "version": version,
        **list_options(db),
    }
    return render_form(request, db, "registry/system_form.html", context)


def _system_values(form: Form) -> dict[str, Any]:
    values = form_values(form, AISystemIn)
    # Model names are typed one per line or comma-separated in a single text area.
    raw = str(form.get("model_names_text", ""))
    values["model_names"] = [n.strip() for n in raw.replace(",", "\n").splitlines() if n.strip()]
    return values


@router.get("/ai-systems/new", response_class=HTMLResponse)
def system_new(request: Request, db: DbSession, actor: WebActor) -> HTMLResponse:
    """The form for a new AI system."""
    return _system_form(request, db, {"md_qualification": "unknown", "hosting": "unknown"}, {})


@router.post("/ai-systems")
def system_create(request: Request, db: DbSession, actor: WebActor, form: Form) -> Response:
    """Save a new AI system."""
    values = _system_values(form)
    try:
        system = catalogue.save_ai_system(db, data=parse_form(AISystemIn, values), actor=actor)
    except ValidationFailed as exc:
        return _system_form(request, db, values, exc.errors)
    return redirect(f"/ai-systems/{system.id}")


@router.get("/ai-systems/{system_id}", response_class=HTMLResponse)
def system_detail(
    request: Request, system_id: uuid.UUID, db: DbSession, actor: WebActor
) -> HTMLResponse:
    """An AI system with the use cases that use it."""
    system = catalogue.get_ai_system(db, system_id=system_id)
    context = {
        "system": system,
        "use_cases": repo.use_cases_of_system(db, system_id),
        "events": history(db, entity_type="ai_system", entity_id=str(system_id)),
        "can_edit": may_edit_catalogue(actor),
    }
    return render(request, "registry/system_detail.html", context)


@router.get("/ai-systems/{system_id}/edit", response_class=HTMLResponse)
def system_edit(
    request: Request, system_id: uuid.UUID, db: DbSession, actor: WebActor
) -> HTMLResponse:
    """The edit form of an AI system."""
    system = catalogue.get_ai_system(db, system_id=system_id)
    return _system_form(
        request, db, ai_system_in(system).model_dump(), {}, system.id, system.version
    )


@router.post("/ai-systems/{system_id}")
def system_update(
    request: Request, system_id: uuid.UUID, db: DbSession, actor: WebActor, form: Form
) -> Response:
    """Save changes to an AI system."""
    values = _system_values(form)
    version_raw = str(form.get("version", ""))
    try:
        catalogue.save_ai_system(
            db,
            data=parse_form(AISystemIn, values),
            actor=actor,
            system_id=system_id,
            expected_version=int(version_raw) if version_raw.isdigit() else None,
        )
    except ValidationFailed as exc:
        return _system_form(request, db, values, exc.errors, system_id)
    return redirect(f"/ai-systems/{system_id}")


@router.post("/ai-systems/{system_id}/delete")
def system_delete(system_id: uuid.UUID, db: DbSession, actor: WebActor) -> Response:
    """Delete an unused AI system."""
    catalogue.delete_ai_system(db, system_id=system_id, actor=actor)
    return redirect("/ai-systems")


@router.get("/vendors", response_class=HTMLResponse)
def vendor_list(request: Request, db: DbSession, actor: WebActor) -> HTMLResponse:
    """All vendors, with a form for a new one."""
    context = {
        "vendors": repo.vendors(db),
        "can_edit": may_edit_catalogue(actor),
        "data": {},
        "errors": {},
    }
    return render(request, "registry/vendors.html", context)


def _vendor_page(
    request: Request,
    db: Session,
    actor: WebActor,
    data: Any,
    errors: dict[str, str],
    vendor_id: uuid.UUID | None,
) -> HTMLResponse:
    context = {
        "vendors": repo.vendors(db),
        "can_edit": may_edit_catalogue(actor),
        "data": data,
        "errors": errors,
        "vendor_id": vendor_id,
    }
    return render_form(request, db, "registry/vendors.html", context)


@router.post("/vendors")
def vendor_create(request: Request, db: DbSession, actor: WebActor, form: Form) -> Response:
    """Save a new vendor."""
    values = form_values(form, VendorIn)
    try:
        catalogue.save_vendor(db, data=parse_form(VendorIn, values), actor=actor)
    except ValidationFailed as exc:
        return _vendor_page(request, db, actor, values, exc.errors, None)
    return redirect("/vendors")


@router.get("/vendors/{vendor_id}/edit", response_class=HTMLResponse)
def vendor_edit(
    request: Request, vendor_id: uuid.UUID, db: DbSession, actor: WebActor
) -> HTMLResponse:
    """The vendor list with the form filled in for one vendor."""
    vendor = catalogue.get_vendor(db, vendor_id=vendor_id)
    return _vendor_page(request, db, actor, vendor_in(vendor).model_dump(), {}, vendor.id)


@router.post("/vendors/{vendor_id}")
def vendor_update(
    request: Request, vendor_id: uuid.UUID, db: DbSession, actor: WebActor, form: Form
) -> Response:
    """Save changes to a vendor."""
    values = form_values(form, VendorIn)
    try:
        catalogue.save_vendor(
            db, data=parse_form(VendorIn, values), actor=actor, vendor_id=vendor_id
        )
    except ValidationFailed as exc:
        return _vendor_page(request, db, actor, values, exc.errors, vendor_id)
    return redirect("/vendors")
