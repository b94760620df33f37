"""The open exchange format of the registry (JSON, CSV, Excel): documents, rows and the schema.

JSON and Excel carry everything (vendors, AI systems, use cases, benefits, measurements); CSV, being
one table, carries the use cases. Field names and codes are those of the API and the fact schema.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal

from openpyxl import Workbook, load_workbook
from pydantic import BaseModel, ConfigDict, Field

from tryggki.i18n import gettext as _
from tryggki.registry.schemas import AISystemIn, BenefitIn, MeasurementIn, UseCaseIn, VendorIn

FORMAT_NAME = "tryggki-registry"
FORMAT_VERSION = "1.0"
Format = Literal["json", "csv", "xlsx"]
FORMATS: tuple[Format, ...] = ("csv", "xlsx", "json")
LIST_SEPARATOR = ";"
SHEETS = ("use_cases", "benefits", "measurements", "ai_systems", "vendors")


class BenefitDoc(BenefitIn):
    """A benefit with its realised measurements."""

    measurements: list[MeasurementIn] = Field(default_factory=list)


class UseCaseDoc(UseCaseIn):
    """A use case with lineage (by reference) and benefits."""

    adopted_from: str | None = None
    benefits: list[BenefitDoc] | None = None


class RegistryDocument(BaseModel):
    """A whole registry export (format ``tryggki-registry``)."""

    model_config = ConfigDict(extra="forbid", title="Trygg KI registry exchange document")

    format: Literal["tryggki-registry"] = "tryggki-registry"
    version: Literal["1.0"] = "1.0"
    exported_at: datetime | None = None
    vendors: list[VendorIn] = Field(default_factory=list)
    ai_systems: list[AISystemIn] = Field(default_factory=list)
    use_cases: list[UseCaseDoc] = Field(default_factory=list)


def json_schema() -> dict[str, Any]:
    """The published JSON Schema of the exchange document, version ``FORMAT_VERSION``."""
    schema = RegistryDocument.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"https://tryggki.helse-vest.no/schema/registry-{FORMAT_VERSION}.json"
    return schema


@dataclass
class Item:
    """One record read from a file, with where it came from (for error reports)."""

    kind: Literal["vendor", "ai_system", "use_case", "benefit", "measurement"]
    where: str
    values: dict[str, Any]
    parent: tuple[str, ...] = ()


@dataclass
class ParsedFile:
    """Everything read from an import file, before validation."""

    items: list[Item] = field(default_factory=list)
    errors: list[tuple[str, str, str]] = field(default_factory=list)


class UnreadableFile(Exception):
    """The file cannot be read at all in the stated format; the message is translated."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__("unreadable import file")


# ---- export ------------------------------------------------------------------------------------


def _cell(value: Any) -> Any:
    if isinstance(value, list):
        return LIST_SEPARATOR.join(str(v) for v in value)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def _flat_use_case(uc: UseCaseDoc) -> dict[str, Any]:
    return {k: _cell(v) for k, v in uc.model_dump(mode="json", exclude={"benefits"}).items()}


USE_CASE_COLUMNS = [*UseCaseIn.model_fields, "adopted_from"]
BENEFIT_COLUMNS = ["use_case_ref", *BenefitIn.model_fields]
MEASUREMENT_COLUMNS = ["use_case_ref", "benefit_title", *MeasurementIn.model_fields]
SYSTEM_COLUMNS = list(AISystemIn.model_fields)
VENDOR_COLUMNS = list(VendorIn.model_fields)


def to_json(doc: RegistryDocument) -> bytes:
    """The document as pretty JSON."""
    return json.dumps(doc.model_dump(mode="json"), ensure_ascii=False, indent=2).encode()


def to_csv(doc: RegistryDocument) -> bytes:
    """The use cases as CSV (UTF-8 with BOM so spreadsheet programs read æøå)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=USE_CASE_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    for uc in doc.use_cases:
        writer.writerow(_flat_use_case(uc))
    return ("\ufeff" + out.getvalue()).encode()


def _sheet_rows(doc: RegistryDocument) -> dict[str, tuple[list[str], list[dict[str, Any]]]]:
    benefits: list[dict[str, Any]] = []
    measurements: list[dict[str, Any]] = []
    for uc in doc.use_cases:
        for b in uc.benefits or []:
            flat = {
                k: _cell(v) for k, v in b.model_dump(mode="json", exclude={"measurements"}).items()
            }
            benefits.append({"use_case_ref": uc.ref, **flat})
            for m in b.measurements:
                measurements.append(
                    {
                        "use_case_ref": uc.ref,
                        "benefit_title": b.title,
                        **{k: _cell(v) for k, v in m.model_dump(mode="json").items()},
                    }
                )
    return {
        "use_cases": (USE_CASE_COLUMNS, [_flat_use_case(uc) for uc in doc.use_cases]),
        "benefits": (BENEFIT_COLUMNS, benefits),
        "measurements": (MEASUREMENT_COLUMNS, measurements),
        "ai_systems": (
            SYSTEM_COLUMNS,
            [{k: _cell(v) for k, v in s.model_dump(mode="json").items()} for s in doc.ai_systems],
        ),
        "vendors": (
            VENDOR_COLUMNS,
            [{k: _cell(v) for k, v in v.model_dump(mode="json").items()} for v in doc.vendors],
        ),
    }


def to_xlsx(doc: RegistryDocument) -> bytes:
    """The whole document as an Excel workbook, one sheet per record kind."""
    wb = Workbook(write_only=True)
    for name, (columns, rows) in _sheet_rows(doc).items():
        ws = wb.create_sheet(name)
        ws.append(columns)
        for row in rows:
            ws.append([row.get(c) for c in columns])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


# ---- import ------------------------------------------------------------------------------------


def _split_lists(values: dict[str, Any], list_fields: set[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in values.items():
        if key in list_fields:
            if value is None or value == "":
                out[key] = []
            elif isinstance(value, str):
                out[key] = [p.strip() for p in value.split(LIST_SEPARATOR) if p.strip()]
            else:
                out[key] = value
        elif isinstance(value, datetime):
            out[key] = value.date().isoformat()
        else:
            out[key] = value
    return out


def _list_fields(model: type[BaseModel]) -> set[str]:
    return {n for n, f in model.model_fields.items() if "list" in str(f.annotation)}


def parse_json(data: bytes) -> ParsedFile:
    """Read a JSON exchange document."""
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UnreadableFile(_("The file is not valid JSON.")) from exc
    if not isinstance(doc, dict) or doc.get("format") != FORMAT_NAME:
        raise UnreadableFile(_("The file is not a Trygg KI registry document."))
    if doc.get("version") != FORMAT_VERSION:
        raise UnreadableFile(
            _("Unsupported format version; expected %(v)s.") % {"v": FORMAT_VERSION}
        )
    parsed = ParsedFile()
    for key in doc:
        if key not in RegistryDocument.model_fields:
            parsed.errors.append(("/", key, _("Unknown field.")))
    for kind, key in (("vendor", "vendors"), ("ai_system", "ai_systems")):
        for i, values in enumerate(_as_list(doc.get(key), key, parsed)):
            parsed.items.append(Item(kind, f"{key}[{i}]", values))  # type: ignore[arg-type]
    for i, uc in enumerate(_as_list(doc.get("use_cases"), "use_cases", parsed)):
        _use_case_items(parsed, f"use_cases[{i}]", uc)
    return parsed


def _use_case_items(parsed: ParsedFile, where: str, uc: dict[str, Any]) -> None:
    """A nested use case as flat items: the use case, its benefits, their measurements."""
    benefits = uc.pop("benefits", None)
    parsed.items.append(Item("use_case", where, uc))
    ref = str(uc.get("ref") or "")
    for j, b in enumerate(_as_list(benefits, f"{where}.benefits", parsed)):
        measurements = b.pop("measurements", [])
        b_where = f"{where}.benefits[{j}]"
        parsed.items.append(Item("benefit", b_where, b, (ref,)))
        parent = (ref, str(b.get("title") or ""))
        for k, m in enumerate(_as_list(measurements, f"{b_where}.measurements", parsed)):
            parsed.items.append(Item("measurement", f"{b_where}.measurements[{k}]", m, parent))


def _as_list(value: Any, where: str, parsed: ParsedFile) -> list[dict[str, Any]]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        parsed.errors.append((where, "", _("Expected a list of objects.")))
        return []
    return value


def _rows_to_items(
    parsed: ParsedFile,
    sheet: str,
    header: list[str],
    rows: list[tuple[int, list[Any]]],
) -> None:
    kind_of = {
        "use_cases": "use_case",
        "benefits": "benefit",
        "measurements": "measurement",
        "ai_systems": "ai_system",
        "vendors": "vendor",
    }
    model_of: dict[str, type[BaseModel]] = {
        "use_cases": UseCaseDoc,
        "benefits": BenefitIn,
        "measurements": MeasurementIn,
        "ai_systems": AISystemIn,
        "vendors": VendorIn,
    }
    lists = _list_fields(model_of[sheet])
    for number, cells in rows:
        if all(c in (None, "") for c in cells):
            continue
        values = dict(zip(header, cells, strict=False))
        values = _split_lists(values, lists)
        parent: tuple[str, ...] = ()
        if sheet == "benefits":
            parent = (str(values.pop("use_case_ref", "") or ""),)
        elif sheet == "measurements":
            parent = (
                str(values.pop("use_case_ref", "") or ""),
                str(values.pop("benefit_title", "") or ""),
            )
        where = _("sheet %(sheet)s, row %(row)s") % {"sheet": sheet, "row": number}
        parsed.items.append(Item(kind_of[sheet], where, values, parent))  # type: ignore[arg-type]


def parse_csv(data: bytes) -> ParsedFile:
    """Read use cases from CSV (comma or semicolon separated, UTF-8)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnreadableFile(_("The file is not UTF-8 text.")) from exc
    try:
        dialect = csv.Sniffer().sniff(text.splitlines()[0] if text else "", delimiters=",;")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    rows = list(reader)
    if not rows or "title" not in rows[0]:
        raise UnreadableFile(_("The CSV file has no header row with the registry's columns."))
    parsed = ParsedFile()
    header = [h.strip() for h in rows[0]]
    body: list[tuple[int, list[Any]]] = [
        (i + 2, [c if c != "" else None for c in r]) for i, r in enumerate(rows[1:])
    ]
    _rows_to_items(parsed, "use_cases", header, body)
    # CSV rows carry no benefits, and a CSV import leaves existing benefits as they are.
    return parsed


def parse_xlsx(data: bytes) -> ParsedFile:
    """Read an Excel workbook with the export's sheets (any subset of them)."""
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:
        raise UnreadableFile(_("The file is not a readable Excel workbook (.xlsx).")) from exc
    parsed = ParsedFile()
    known = [s for s in SHEETS if s in wb.sheetnames]
    if not known:
        raise UnreadableFile(_("The workbook has none of the registry's sheets."))
    for sheet in ("vendors", "ai_systems", "use_cases", "benefits", "measurements"):
        if sheet not in wb.sheetnames:
            continue
        rows = list(wb[sheet].iter_rows(values_only=True))
        if not rows:
            continue
        header = ["" if h is None else str(h).strip() for h in rows[0]]
        _rows_to_items(parsed, sheet, header, [(i + 2, list(r)) for i, r in enumerate(rows[1:])])
    wb.close()
    return parsed


def format_named(name: str) -> Format | None:
    """The format called ``name`` (``csv``, ``.xlsx``, ``JSON``), or None."""
    wanted = name.lower().lstrip(".")
    return next((f for f in FORMATS if f == wanted), None)


def parse(data: bytes, fmt: Format) -> ParsedFile:
    """Read an import file of the given format."""
    if fmt == "json":
        return parse_json(data)
    if fmt == "csv":
        return parse_csv(data)
    return parse_xlsx(data)
