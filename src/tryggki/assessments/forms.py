"""The checklist form of a control: fields and an optional evidence file."""

from __future__ import annotations

from pathlib import PurePath

from starlette.datastructures import FormData, UploadFile

from tryggki.assessments.schemas import EvidenceFile, EvidenceIn
from tryggki.exceptions import ValidationFailed
from tryggki.forms import parse_form
from tryggki.i18n import gettext as _

# Documents people keep as evidence; anything else (HTML, scripts) is refused.
ALLOWED_TYPES = {
    ".pdf": "application/pdf",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".txt": "text/plain",
    ".csv": "text/csv",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".odt": "application/vnd.oasis.opendocument.text",
}


def read_upload(upload: UploadFile, max_bytes: int) -> EvidenceFile:
    """Check an uploaded file's type and size; the stored name keeps only safe characters."""
    name = PurePath(upload.filename or "").name
    suffix = PurePath(name).suffix.lower()
    if suffix not in ALLOWED_TYPES:
        raise ValidationFailed(
            {"file": _("Upload a PDF, image, text, Word, Excel, PowerPoint or ODT file.")}
        )
    # The form parser has spooled the upload already; reading it here does not block the loop.
    content = upload.file.read(max_bytes + 1)
    if len(content) > max_bytes:
        raise ValidationFailed(
            {"file": _("The file is too large: at most %(mb)s MB.") % {"mb": max_bytes // 2**20}}
        )
    if not content:
        raise ValidationFailed({"file": _("The file is empty.")})
    safe = "".join(c if c.isalnum() or c in "._- " else "_" for c in name)[-200:]
    return EvidenceFile(name=safe, content_type=ALLOWED_TYPES[suffix], content=content)


def evidence_from_form(form: FormData, file: EvidenceFile | None) -> EvidenceIn:
    """The control's fields from the form, with the already checked file."""
    values = {
        "control": form.get("control"),
        "in_place": str(form.get("in_place", "")).lower() in ("on", "true", "1"),
        "note": form.get("note"),
        "link": form.get("link"),
        "owner": form.get("owner"),
        "due_date": form.get("due_date"),
        "file": file,
    }
    return parse_form(EvidenceIn, values)
