"""Administration: user accounts and their roles."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from tryggki.auth import service as auth
from tryggki.auth.actor import Actor
from tryggki.auth.permissions import require_admin
from tryggki.exceptions import ValidationFailed
from tryggki.models import Role
from tryggki.registry import repository as repo
from tryggki.web.deps import DbSession, Form, WebActor
from tryggki.web.templating import redirect, render, render_invalid

router = APIRouter()


def _context(db: Session, actor: Actor, **extra: Any) -> dict[str, Any]:
    return {
        "users": auth.list_users(db, actor=actor),
        "roles": list(Role),
        "organisations": repo.organisations(db),
        "errors": {},
        "data": {},
        **extra,
    }


@router.get("/admin/users", response_class=HTMLResponse)
def users(request: Request, db: DbSession, actor: WebActor) -> HTMLResponse:
    """All accounts with a form for a new one."""
    require_admin(actor)
    return render(request, "admin/users.html", _context(db, actor))


@router.post("/admin/users")
def user_create(request: Request, db: DbSession, actor: WebActor, form: Form) -> Response:
    """Create an account."""
    data = {k: str(form.get(k, "")) for k in ("email", "display_name", "role", "organisation")}
    try:
        auth.create_user(
            db,
            email=data["email"],
            display_name=data["display_name"],
            password=str(form.get("password", "")),
            role=data["role"],
            organisation_code=data["organisation"] or None,
            actor=actor,
        )
    except ValidationFailed as exc:
        context = _context(db, actor, errors=exc.errors, data=data)
        return render_invalid(request, db, "admin/users.html", context)
    return redirect("/admin/users")


@router.post("/admin/users/{user_id}")
def user_update(
    request: Request, user_id: uuid.UUID, db: DbSession, actor: WebActor, form: Form
) -> Response:
    """Change an account's role, organisation or active state."""
    try:
        auth.set_user_access(
            db,
            user_id=user_id,
            role=str(form.get("role", "")),
            organisation_code=str(form.get("organisation", "")) or None,
            is_active=form.get("is_active") == "on",
            actor=actor,
        )
    except ValidationFailed as exc:
        context = _context(db, actor, row_errors={user_id: exc.errors})
        return render_invalid(request, db, "admin/users.html", context)
    return redirect("/admin/users")
