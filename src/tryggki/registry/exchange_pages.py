"""HTML pages for import and export of the registry."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.datastructures import UploadFile

from tryggki.db.base import utcnow
from tryggki.exceptions import ValidationFailed
from tryggki.i18n import gettext as _
from tryggki.registry import flows
from tryggki.registry.exchange import UnreadableFile, format_named
from tryggki.registry.views import filter_from_query
from tryggki.web.deps import CurrentUser, DbSession, Form, SettingsDep, WebActor
from tryggki.web.templating import render, render_invalid

router = APIRouter()
MAX_IMPORT_BYTES = 20 * 1024 * 1024


@router.get("/exchange", response_class=HTMLResponse)
def exchange(request: Request, user: CurrentUser) -> HTMLResponse:
    """Import and export."""
    return render(request, "registry/exchange.html", {"errors": []})


@router.get("/export.{fmt}")
def export(
    fmt: str, request: Request, db: DbSession, settings: SettingsDep, user: CurrentUser
) -> Response:
    """Download the registry (filtered like the list when list parameters are given)."""
    chosen = format_named(fmt)
    if chosen is None:
        raise ValidationFailed({"format": _("Choose CSV, Excel or JSON.")})
    listing = filter_from_query(request.query_params, settings, utcnow())
    body = flows.export(db, chosen, listing.filter)
    stamp = utcnow().strftime("%Y%m%d")
    return Response(
        body,
        media_type=flows.MEDIA_TYPES[chosen],
        headers={
            "Content-Disposition": f'attachment; filename="tryggki-registry-{stamp}.{chosen}"'
        },
    )


@router.post("/import", response_class=HTMLResponse)
def import_upload(request: Request, db: DbSession, actor: WebActor, form: Form) -> HTMLResponse:
    """Import a file: all or nothing, with every problem listed by row and field."""
    upload = form.get("file")
    errors: list[tuple[str, str, str]] = []
    fmt = (
        format_named(upload.filename.rsplit(".", 1)[-1])
        if isinstance(upload, UploadFile) and upload.filename and "." in upload.filename
        else None
    )
    if not isinstance(upload, UploadFile) or not upload.filename:
        errors.append(("", "file", _("Choose a file to import.")))
    elif fmt is None:
        errors.append(("", "file", _("The file must end in .csv, .xlsx or .json.")))
    else:
        content = upload.file.read(MAX_IMPORT_BYTES + 1)
        if len(content) > MAX_IMPORT_BYTES:
            errors.append(("", "file", _("The file is larger than 20 MB.")))
        else:
            try:
                report = flows.import_file(db, data=content, fmt=fmt, actor=actor)
            except UnreadableFile as exc:
                errors.append(("", "file", exc.message))
            except flows.ImportFailed as exc:
                errors.extend(exc.errors)
            else:
                return render(request, "registry/exchange.html", {"errors": [], "report": report})
    return render_invalid(request, db, "registry/exchange.html", {"errors": errors})
