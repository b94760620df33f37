"""Jinja2 environment (one for every locale) and the page-rendering helpers."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader
from sqlalchemy.orm import Session

from tryggki.i18n import LOCALES, get_locale, gettext, ngettext
from tryggki.i18n.formatting import format_date, format_datetime, format_number
from tryggki.registry import history, vocabulary
from tryggki.registry.vocabulary import label
from tryggki.web.middleware import csrf_form_token

TEMPLATE_DIR = Path(__file__).parent / "templates"
LANGUAGE_NAMES = {"nn": "Nynorsk", "nb": "Bokmål", "en": "English"}


def choices(values: Iterable[StrEnum]) -> list[tuple[str, str]]:
    """(code, translated label) pairs for select boxes and checkbox groups."""
    return [(v.value, label(v)) for v in values]


def _make_templates() -> Jinja2Templates:
    env = Environment(
        loader=FileSystemLoader(TEMPLATE_DIR), autoescape=True, extensions=["jinja2.ext.i18n"]
    )
    # gettext reads the request's locale from a ContextVar, so the environment is never mutated
    # per request.
    env.install_gettext_callables(gettext, ngettext, newstyle=True)  # type: ignore[attr-defined]
    env.globals.update(
        label=label,
        choices=choices,
        org_choices=lambda orgs: [(o.code, o.name) for o in orgs],
        same_choices=lambda names: [(n, n) for n in names],
        V=vocabulary,
        field_label=history.field_label,
        value_text=history.value_text,
        channel_text=history.channel_text,
        format_date=format_date,
        format_datetime=format_datetime,
        format_number=format_number,
        get_locale=get_locale,
        LOCALES=LOCALES,
        LANGUAGE_NAMES=LANGUAGE_NAMES,
    )
    return Jinja2Templates(env=env)


templates = _make_templates()


def is_htmx(request: Request, target: str | None = None) -> bool:
    """A targeted HTMX request (not a history restore), optionally aimed at ``target``."""
    if request.headers.get("HX-Request") != "true":
        return False
    if request.headers.get("HX-History-Restore-Request") == "true":
        return False
    return target is None or request.headers.get("HX-Target") == target


def render(
    request: Request, template: str, context: dict[str, Any] | None = None, status: int = 200
) -> HTMLResponse:
    """Render a page with the common context; responses vary by HX-Request."""
    settings = request.app.state.settings
    ctx: dict[str, Any] = {
        "user": getattr(request.state, "user", None),
        "csrf_token": csrf_form_token(settings.secret_key, request.state.csrf_cookie),
        "path": request.url.path,
        "query": str(request.url.query),
        "settings": settings,
    }
    ctx.update(context or {})
    response = templates.TemplateResponse(request, template, ctx, status_code=status)
    response.headers["Vary"] = "HX-Request, Cookie, Accept-Language"
    return response


def render_invalid(
    request: Request, db: Session, template: str, context: dict[str, Any]
) -> HTMLResponse:
    """Re-render a form with its errors as 400; nothing of the request is saved.

    The page is rendered before the rollback, which would expire the objects it shows.
    """
    response = render(request, template, context, status=400)
    db.rollback()
    return response


def render_form(
    request: Request, db: Session, template: str, context: dict[str, Any]
) -> HTMLResponse:
    """A form page: 200 when it is blank or prefilled, 400 (rolled back) when it has errors."""
    if context.get("errors"):
        return render_invalid(request, db, template, context)
    return render(request, template, context)


def redirect(url: str, **params: str) -> RedirectResponse:
    """303 See Other after a successful POST."""
    query = urlencode({k: v for k, v in params.items() if v})
    return RedirectResponse(url + ("?" + query if query else ""), status_code=303)
