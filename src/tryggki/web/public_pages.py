"""Pages open to everyone: home, login/logout, language switch and the public register."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from tryggki.auth import service as auth
from tryggki.config import Settings
from tryggki.i18n import gettext as _
from tryggki.i18n import parse_locale
from tryggki.registry import public
from tryggki.web.deps import SESSION_COOKIE, DbSession, Form, OptionalUser, SettingsDep
from tryggki.web.middleware import LANG_COOKIE
from tryggki.web.templating import redirect, render, render_invalid

router = APIRouter()


def _secure(request: Request, settings: Settings) -> bool:
    """Cookies are Secure when served over TLS (directly, or behind a proxy that says so)."""
    return settings.https or request.url.scheme == "https"


def _local_path(value: str | None, default: str = "/") -> str:
    """Only same-site paths are followed after login or a language switch (no open redirect)."""
    if value and value.startswith("/") and not value.startswith("//") and "\\" not in value:
        return value
    return default


@router.get("/")
def home(user: OptionalUser) -> Response:
    """Staff land on the registry, everyone else on the public register."""
    return redirect("/use-cases" if user else "/offentleg")


@router.get("/lang/{code}")
def switch_language(code: str, request: Request, settings: SettingsDep) -> Response:
    """Remember the chosen language in a cookie and go back."""
    locale = parse_locale(code)
    response = redirect(_local_path(request.query_params.get("next")))
    if locale:
        response.set_cookie(
            LANG_COOKIE,
            locale,
            max_age=365 * 24 * 3600,
            httponly=True,
            samesite="lax",
            secure=_secure(request, settings),
        )
    return response


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, user: OptionalUser) -> HTMLResponse:
    """The login form."""
    return render(request, "login.html", {"next": _local_path(request.query_params.get("next"))})


@router.post("/login")
def login(request: Request, db: DbSession, settings: SettingsDep, form: Form) -> Response:
    """Check the credentials and start a session."""
    email = str(form.get("email", ""))
    next_path = _local_path(str(form.get("next", "")), "/use-cases")
    user = auth.authenticate(db, email=email, password=str(form.get("password", "")))
    if user is None:
        request.state.user = None
        context = {
            "next": next_path,
            "email": email,
            "error": _("Wrong e-mail address or password."),
        }
        return render_invalid(request, db, "login.html", context)
    token = auth.start_session(db, user=user)
    response = redirect(next_path)
    response.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=int(auth.SESSION_TTL.total_seconds()),
        httponly=True,
        samesite="lax",
        secure=_secure(request, settings),
    )
    return response


@router.post("/logout")
def logout(request: Request, db: DbSession) -> Response:
    """End the session."""
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        auth.end_session(db, token=token)
    response = redirect("/offentleg")
    response.delete_cookie(SESSION_COOKIE)
    return response


@router.get("/offentleg", response_class=HTMLResponse)
def public_register(request: Request, db: DbSession, user: OptionalUser) -> HTMLResponse:
    """The public register of AI use, for patients and citizens."""
    q = request.query_params.get("q", "").strip()[:200]
    org = request.query_params.get("verksemd", "").strip()[:64]
    entries = public.entries(db, q=q or None, organisation=org or None)
    context: dict[str, Any] = {
        "entries": entries,
        "q": q,
        "org": org,
        "organisations": public.organisations_with_entries(db),
    }
    return render(request, "public/list.html", context)


@router.get("/offentleg.json")
def public_feed(db: DbSession) -> JSONResponse:
    """The public register as an open JSON feed."""
    return JSONResponse(public.feed(db), headers={"Access-Control-Allow-Origin": "*"})


@router.get("/offentleg/{ref}", response_class=HTMLResponse)
def public_entry(ref: str, request: Request, db: DbSession, user: OptionalUser) -> HTMLResponse:
    """One public entry in plain language."""
    return render(request, "public/detail.html", {"e": public.entry(db, ref=ref)})
