"""Request dependencies shared by the HTML pages and the API: settings, unit of work, user."""

from __future__ import annotations

import hmac
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session, sessionmaker
from starlette.datastructures import FormData

from tryggki.auth import service as auth
from tryggki.auth.actor import Actor
from tryggki.config import Settings
from tryggki.db.session import unit_of_work
from tryggki.exceptions import Forbidden, NotAuthenticated
from tryggki.i18n import gettext as _
from tryggki.models import User
from tryggki.web.middleware import csrf_form_token

SESSION_COOKIE = "tryggki_session"
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def get_settings(request: Request) -> Settings:
    """The settings the app was created with."""
    settings: Settings = request.app.state.settings
    return settings


def get_db(request: Request) -> Iterator[Session]:
    """One transaction per request: committed when the endpoint returns, else rolled back."""
    factory: sessionmaker[Session] = request.app.state.sessionmaker
    with unit_of_work(factory) as session:
        yield session


SettingsDep = Annotated[Settings, Depends(get_settings)]
# scope="function": the commit happens before the response is sent, so a failed commit is an
# error the user sees rather than a success that was never saved.
DbSession = Annotated[Session, Depends(get_db, scope="function")]


@dataclass(frozen=True)
class UserView:
    """What pages show of the logged-in user; a plain copy survives rollbacks and error pages."""

    id: uuid.UUID
    email: str
    display_name: str
    role: str
    organisation_id: uuid.UUID | None


def optional_user(request: Request, db: DbSession) -> User | None:
    """The user of the session cookie, if any; a view of it is kept for templates."""
    token = request.cookies.get(SESSION_COOKIE)
    user = auth.user_for_session(db, token=token) if token else None
    request.state.user = (
        UserView(user.id, user.email, user.display_name, user.role, user.organisation_id)
        if user
        else None
    )
    return user


def require_user(user: Annotated[User | None, Depends(optional_user)]) -> User:
    """The logged-in user, or NotAuthenticated (the web layer redirects to the login page)."""
    if user is None:
        raise NotAuthenticated()
    return user


def web_actor(user: Annotated[User, Depends(require_user)]) -> Actor:
    """The actor for changes made in the browser."""
    return auth.actor_for(user, "web")


OptionalUser = Annotated[User | None, Depends(optional_user)]
CurrentUser = Annotated[User, Depends(require_user)]
WebActor = Annotated[Actor, Depends(web_actor)]


async def csrf_protect(request: Request) -> None:
    """Refuse unsafe requests whose form field or header does not carry the CSRF token."""
    if request.method not in UNSAFE_METHODS:
        return
    cookie = request.state.csrf_cookie
    sent = request.headers.get("X-CSRF-Token")
    if sent is None:
        form = await request.form()
        value = form.get("csrf_token")
        sent = value if isinstance(value, str) else None
    expected = csrf_form_token(request.app.state.settings.secret_key, cookie)
    if not sent or not hmac.compare_digest(sent, expected):
        raise Forbidden(_("The form has expired or was not sent from this site. Try again."))


async def form_data(request: Request) -> FormData:
    """The parsed form body (read once; Starlette caches it on the request)."""
    return await request.form()


Form = Annotated[FormData, Depends(form_data)]
