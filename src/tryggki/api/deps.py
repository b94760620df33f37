"""API authentication: bearer tokens for everything, the browser session for reading only."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from tryggki.auth import service as auth
from tryggki.auth.actor import Actor
from tryggki.exceptions import NotAuthenticated
from tryggki.i18n import gettext as _
from tryggki.web.deps import SESSION_COOKIE, DbSession

bearer = HTTPBearer(auto_error=False, description="An API token from the account page or CLI.")
Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]


def api_reader(request: Request, db: DbSession, credentials: Credentials) -> Actor:
    """Anyone logged in may read: with an API token, or with the browser session."""
    if credentials is not None:
        user = auth.user_for_api_token(db, token=credentials.credentials)
        if user is None:
            raise NotAuthenticated(_("The API token is not valid."))
        return auth.actor_for(user, "api")
    token = request.cookies.get(SESSION_COOKIE)
    user = auth.user_for_session(db, token=token) if token else None
    if user is None:
        raise NotAuthenticated(_("Send an API token in the Authorization header."))
    return auth.actor_for(user, "api")


def api_writer(db: DbSession, credentials: Credentials) -> Actor:
    """Changes need an API token (a cookie alone is not enough: no CSRF exposure)."""
    if credentials is None:
        raise NotAuthenticated(_("Send an API token in the Authorization header."))
    user = auth.user_for_api_token(db, token=credentials.credentials)
    if user is None:
        raise NotAuthenticated(_("The API token is not valid."))
    return auth.actor_for(user, "api")


Reader = Annotated[Actor, Depends(api_reader)]
Writer = Annotated[Actor, Depends(api_writer)]
