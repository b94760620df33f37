"""The user's own account page: API tokens."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from tryggki.auth import service as auth
from tryggki.exceptions import ValidationFailed
from tryggki.web.deps import CurrentUser, DbSession, Form
from tryggki.web.templating import redirect, render, render_invalid

router = APIRouter()


@router.get("/account", response_class=HTMLResponse)
def account(request: Request, db: DbSession, user: CurrentUser) -> HTMLResponse:
    """The account page with the user's API tokens."""
    tokens = auth.list_api_tokens(db, user_id=user.id)
    return render(request, "account.html", {"tokens": tokens, "errors": {}})


@router.post("/account/tokens")
def token_create(request: Request, db: DbSession, user: CurrentUser, form: Form) -> Response:
    """Create an API token and show it once."""
    name = str(form.get("name", ""))
    try:
        _token, plain = auth.create_api_token(db, user=user, name=name)
    except ValidationFailed as exc:
        tokens = auth.list_api_tokens(db, user_id=user.id)
        return render_invalid(
            request, db, "account.html", {"tokens": tokens, "errors": exc.errors, "name": name}
        )
    tokens = auth.list_api_tokens(db, user_id=user.id)
    return render(request, "account.html", {"tokens": tokens, "errors": {}, "new_token": plain})


@router.post("/account/tokens/{token_id}/revoke")
def token_revoke(token_id: uuid.UUID, db: DbSession, user: CurrentUser) -> Response:
    """Revoke one of the user's tokens."""
    auth.revoke_api_token(db, token_id=token_id, user_id=user.id)
    return redirect("/account")
