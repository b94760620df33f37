"""Importing values from CSV or Excel (all or nothing, errors by row)."""

from __future__ import annotations

import csv
import io
from typing import Any

from openpyxl import load_workbook
from pydantic import ValidationError
from sqlalchemy.orm import Session

from tryggki.auth.actor import Actor
from tryggki.i18n import gettext as _
from tryggki.indicators import service
from tryggki.indicators.schemas import MeasurementIn
from tryggki.registry.exchange import UnreadableFile
from tryggki.registry.flows import ImportFailed
from tryggki.validation import errors_from

COLUMNS = ("indicator", "organisation", "period", "value", "note")
REQUIRED = ("indicator", "organisation", "period", "value")


def _csv_rows(data: bytes) -> list[list[Any]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnreadableFile(_("The file is not UTF-8 text.")) from exc
    try:
        dialect: Any = csv.Sniffer().sniff(text.splitlines()[0] if text else "", delimiters=",;")
    except csv.Error:
        dialect = csv.excel
    return list(csv.reader(io.StringIO(text), dialect))


def _xlsx_rows(data: bytes) -> list[list[Any]]:
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:
        raise UnreadableFile(_("The file is not a readable Excel workbook (.xlsx).")) from exc
    rows = [list(r) for r in wb.worksheets[0].iter_rows(values_only=True)]
    wb.close()
    return rows


def read_rows(data: bytes, filename: str) -> list[tuple[str, dict[str, Any]]]:
    """(where, values) of every data row of a CSV or XLSX file with the measurement columns."""
    name = filename.lower()
    if name.endswith(".csv"):
        rows = _csv_rows(data)
    elif name.endswith(".xlsx"):
        rows = _xlsx_rows(data)
    else:
        raise UnreadableFile(_("The file must end in .csv or .xlsx."))
    header = [str(h or "").strip().lower() for h in (rows[0] if rows else [])]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise UnreadableFile(
            _("The header row must name the columns %(columns)s.") % {"columns": ", ".join(COLUMNS)}
        )
    out = []
    for number, row in enumerate(rows[1:], start=2):
        if all(c in (None, "") for c in row):
            continue
        values = {h: row[i] for i, h in enumerate(header) if h in COLUMNS and i < len(row)}
        # Excel gives periods such as 2026 as numbers: a period is always text.
        values = {k: (str(v) if k != "value" and v is not None else v) for k, v in values.items()}
        out.append((_("row %(row)s") % {"row": number}, values))
    return out


def import_measurements(session: Session, *, data: bytes, filename: str, actor: Actor) -> int:
    """Validate every row, then save all of them, or nothing with the problems by row."""
    errors: list[tuple[str, str, str]] = []
    parsed: list[tuple[str, MeasurementIn]] = []
    for where, values in read_rows(data, filename):
        try:
            parsed.append((where, MeasurementIn.model_validate(values)))
        except ValidationError as exc:
            errors += [(where, f, m) for f, m in errors_from(exc).items()]
    if errors:
        raise ImportFailed(errors)
    if not parsed:
        raise UnreadableFile(_("The file has no rows of values."))
    return service.record_measurements(session, rows=parsed, actor=actor)
