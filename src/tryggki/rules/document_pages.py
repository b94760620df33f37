"""The guideline document: HTML (printable), PDF, version history and the diff of two versions."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from tryggki.db.base import utcnow
from tryggki.i18n import get_locale
from tryggki.i18n.formatting import format_date
from tryggki.rules import versions
from tryggki.rules.document import describe, diff, snapshot
from tryggki.rules.labels import CONTROL_LABELS, EFFECT_LABELS, label
from tryggki.rules.model import Rulebook
from tryggki.rules.pdf import render_pdf
from tryggki.web.deps import DbSession, OptionalUser
from tryggki.web.templating import render

router = APIRouter()
HELPERS = {
    "describe": describe,
    "control_label": lambda c: label(CONTROL_LABELS, c),
    "effect_label": lambda e: label(EFFECT_LABELS, e),
}


def _current(request: Request) -> Rulebook:
    rulebook: Rulebook = request.app.state.rulebook
    return rulebook


@router.get("/retningslinjer", response_class=HTMLResponse)
def guidelines(request: Request, user: OptionalUser) -> HTMLResponse:
    """The current guidelines, grouped by theme, generated from the rulebook itself."""
    rulebook = _current(request)
    context = {"snap": snapshot(rulebook), "dates": rulebook.dates, **HELPERS}
    return render(request, "rules/guidelines.html", context)


@router.get("/retningslinjer.pdf")
def guidelines_pdf(request: Request, user: OptionalUser) -> Response:
    """The current guidelines as PDF in the reader's language."""
    rulebook = _current(request)
    body = render_pdf(snapshot(rulebook), get_locale(), format_date(utcnow().date()))
    name = f"retningslinjer-ki-helse-vest-{rulebook.version}.pdf"
    return Response(
        body,
        media_type="application/pdf",
        headers={"Content-Disposition": f'inline; filename="{name}"'},
    )


@router.get("/retningslinjer/versjonar", response_class=HTMLResponse)
def history(request: Request, db: DbSession, user: OptionalUser) -> HTMLResponse:
    """Every version the product has run with, and a form to compare two."""
    rows = versions.history(db)
    return render(request, "rules/versions.html", {"rows": rows, "current": _current(request)})


@router.get("/retningslinjer/endringar", response_class=HTMLResponse)
def changes(
    request: Request, db: DbSession, user: OptionalUser, fra: uuid.UUID, til: uuid.UUID
) -> HTMLResponse:
    """What changed from one version to another, rule by rule."""
    old, new = versions.get(db, fra), versions.get(db, til)
    context = {"old": old, "new": new, "changes": diff(old.snapshot, new.snapshot), **HELPERS}
    return render(request, "rules/changes.html", context)
