"""Pages of the AI gateway in the web app: keys, usage, and what would leave the building.

The try page pseudonymises with ``tryggki.deid`` directly (the web app never imports the
gateway): it shows the text a vendor would receive, and nothing is sent anywhere.
"""

from __future__ import annotations

import uuid
from collections import Counter

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from tryggki.access import service, snapshot, usage
from tryggki.deid import Vault, detect, tokenise
from tryggki.exceptions import ValidationFailed
from tryggki.i18n import gettext as _
from tryggki.web.deps import CurrentUser, DbSession, Form, WebActor
from tryggki.web.templating import redirect, render, render_invalid

router = APIRouter()
MAX_TRY_CHARS = 20_000


def _limit(value: object) -> int | None:
    text = str(value or "").strip()
    if not text:
        return None
    try:
        return int(text)
    except ValueError:
        return 0  # refused by the service's check, with its message


def _context(request: Request, db: DbSession, actor: WebActor) -> dict[str, object]:
    policy = snapshot.published_at(db)
    return {
        "keys": service.list_keys(db, actor=actor),
        "use_cases": [
            (str(uc.id), f"{uc.ref} – {uc.title}")
            for uc in service.issuable_use_cases(db, actor=actor)
        ],
        "gateway_url": request.app.state.settings.gateway_public_url,
        "published_at": policy.published_at if policy else None,
        "errors": {},
        "data": {},
    }


@router.get("/gateway", response_class=HTMLResponse)
def gateway_page(request: Request, db: DbSession, actor: WebActor) -> HTMLResponse:
    """Gateway keys and how to use them."""
    return render(request, "access/gateway.html", _context(request, db, actor))


@router.post("/gateway/keys")
def key_create(
    request: Request, db: DbSession, actor: WebActor, user: CurrentUser, form: Form
) -> Response:
    """Issue a key for a use case, to the current user or a named service; shown once."""
    data = {k: str(v) for k, v in form.items() if isinstance(v, str)}
    try:
        use_case_id = uuid.UUID(data.get("use_case", ""))
    except ValueError:
        use_case_id = uuid.UUID(int=0)
    service_name = data.get("service_name", "").strip() or None
    try:
        _key, plain = service.create_key(
            db,
            actor=actor,
            name=data.get("name", ""),
            use_case_id=use_case_id,
            user=None if service_name else user,
            service_name=service_name,
            requests_per_minute=_limit(data.get("requests_per_minute")),
            tokens_per_day=_limit(data.get("tokens_per_day")),
        )
    except ValidationFailed as exc:
        ctx = _context(request, db, actor) | {"errors": exc.errors, "data": data}
        return render_invalid(request, db, "access/gateway.html", ctx)
    return render(request, "access/gateway.html", _context(request, db, actor) | {"new_key": plain})


@router.post("/gateway/keys/{key_id}/revoke")
def key_revoke(key_id: uuid.UUID, db: DbSession, actor: WebActor) -> Response:
    """Revoke a key; the gateway refuses it from its next policy refresh."""
    service.revoke_key(db, actor=actor, key_id=key_id)
    return redirect("/gateway")


@router.get("/gateway/usage", response_class=HTMLResponse)
def usage_page(request: Request, db: DbSession, actor: WebActor, days: int = 30) -> HTMLResponse:
    """Calls, tokens, identifiers replaced and minutes saved per organisation and use case."""
    days = min(max(days, 1), 366)
    rows = usage.by_use_case(
        db,
        actor=actor,
        days=days,
        minutes_per_call=request.app.state.settings.gateway_minutes_saved_per_call,
    )
    classes: Counter[str] = Counter()
    for row in rows:
        classes.update(row.by_class)
    return render(
        request,
        "access/usage.html",
        {"rows": rows, "days": days, "classes": sorted(classes.items()), "labels": label_names()},
    )


@router.get("/gateway/try", response_class=HTMLResponse)
def try_page(request: Request, user: CurrentUser) -> HTMLResponse:
    """A form to see what a prompt would look like when it leaves the building."""
    return render(request, "access/try.html", {"text": "", "errors": {}})


@router.post("/gateway/try", response_class=HTMLResponse)
def try_prompt(request: Request, user: CurrentUser, form: Form) -> HTMLResponse:
    """The prompt as the vendor would receive it, and what was replaced, by class."""
    text = str(form.get("text", ""))
    if not text.strip() or len(text) > MAX_TRY_CHARS:
        errors = {"text": _("Write a text of at most %(n)s characters.") % {"n": MAX_TRY_CHARS}}
        return render(request, "access/try.html", {"text": text, "errors": errors}, status=400)
    safe = tokenise(text, Vault())
    counts = Counter(f.label.value for f in detect(text))
    return render(
        request,
        "access/try.html",
        {
            "text": text,
            "safe": safe,
            "counts": sorted(counts.items()),
            "labels": label_names(),
            "errors": {},
        },
    )


def label_names() -> dict[str, str]:
    """Translated names of the identifier classes."""
    return {
        "PERSON": _("Names"),
        "ID_NUMBER": _("National identity numbers"),
        "AGE": _("Ages"),
        "DATE": _("Dates"),
        "PHONE": _("Phone numbers"),
        "EMAIL": _("E-mail addresses"),
        "ADDRESS": _("Addresses"),
        "POSTCODE": _("Post codes"),
        "LOCATION": _("Places"),
        "HEALTH_UNIT": _("Health-care units"),
        "ORG_NUMBER": _("Organisation numbers"),
        "ACCOUNT_NUMBER": _("Account numbers"),
        "URL": _("Web addresses"),
        "IP_ADDRESS": _("IP addresses"),
        "RECORD_NUMBER": _("Record numbers"),
    }
