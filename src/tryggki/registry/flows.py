"""Import and export of the registry: multi-step work with side effects.

An import is all-or-nothing: every record is validated (fields, references, permissions) before
anything is written, and the writes run in a savepoint that is rolled back if any of them fails.
Records are matched by natural key (vendor and AI system by name, use case by reference, benefit by
title within its use case, measurement by period), so importing an export again changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ValidationError
from sqlalchemy.orm import Session

from tryggki.auth.actor import Actor
from tryggki.auth.permissions import may_edit_catalogue, may_edit_organisation
from tryggki.db.base import utcnow
from tryggki.exceptions import DomainError, ValidationFailed
from tryggki.i18n import gettext as _
from tryggki.models import UseCase
from tryggki.registry import catalogue, service
from tryggki.registry import repository as repo
from tryggki.registry.exchange import (
    BenefitDoc,
    Format,
    Item,
    ParsedFile,
    RegistryDocument,
    UseCaseDoc,
    parse,
    to_csv,
    to_json,
    to_xlsx,
)
from tryggki.registry.mapping import ai_system_in, benefit_in, use_case_in, vendor_in
from tryggki.registry.repository import UseCaseFilter
from tryggki.registry.schemas import AISystemIn, BenefitIn, MeasurementIn, VendorIn
from tryggki.validation import errors_from

MODELS: dict[str, type[BaseModel]] = {
    "vendor": VendorIn,
    "ai_system": AISystemIn,
    "use_case": UseCaseDoc,
    "benefit": BenefitIn,
    "measurement": MeasurementIn,
}


@dataclass
class ImportReport:
    """What an import did, or every problem that stopped it."""

    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    errors: list[tuple[str, str, str]] = field(default_factory=list)

    def count(self, bucket: dict[str, int], kind: str) -> None:
        """Add one to a counter."""
        bucket[kind] = bucket.get(kind, 0) + 1


class ImportFailed(DomainError):
    """The file had problems; nothing was saved. ``errors`` lists (where, field, message)."""

    code = "import_failed"
    status = 422

    def __init__(self, errors: list[tuple[str, str, str]]) -> None:
        self.errors = errors
        super().__init__(_("The file has %(n)s problems. Nothing was saved.") % {"n": len(errors)})


# ---- export ------------------------------------------------------------------------------------


def build_document(
    session: Session, f: UseCaseFilter | None = None, *, with_benefits: bool = True
) -> RegistryDocument:
    """The registry (optionally filtered use cases) as an exchange document."""
    use_cases = repo.all_use_cases_for_export(
        session, f or UseCaseFilter(), with_benefits=with_benefits
    )
    docs = []
    for uc in use_cases:
        benefits = [
            BenefitDoc.model_construct(
                **benefit_in(b).model_dump(),
                measurements=[
                    MeasurementIn.model_construct(
                        period_start=m.period_start,
                        period_end=m.period_end,
                        value=m.value,
                        note=m.note,
                    )
                    for m in b.measurements
                ],
            )
            for b in (uc.benefits if with_benefits else [])
        ]
        docs.append(
            UseCaseDoc.model_construct(
                **use_case_in(uc).model_dump(),
                adopted_from=uc.adopted_from.ref if uc.adopted_from else None,
                benefits=benefits if with_benefits else None,
            )
        )
    return RegistryDocument(
        exported_at=utcnow(),
        vendors=[vendor_in(v) for v in repo.vendors(session)],
        ai_systems=[ai_system_in(s) for s in repo.ai_systems(session)],
        use_cases=docs,
    )


EXPORTERS: dict[Format, Callable[[RegistryDocument], bytes]] = {
    "json": to_json,
    "csv": to_csv,
    "xlsx": to_xlsx,
}
MEDIA_TYPES: dict[Format, str] = {
    "json": "application/json",
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def export(session: Session, fmt: Format, f: UseCaseFilter | None = None) -> bytes:
    """The registry serialised in ``fmt``."""
    # CSV holds only the use-case table: benefits and measurements are not even loaded.
    return EXPORTERS[fmt](build_document(session, f, with_benefits=fmt != "csv"))


# ---- import ------------------------------------------------------------------------------------


@dataclass
class _Valid:
    item: Item
    data: Any


def _validate(session: Session, parsed: ParsedFile, actor: Actor) -> list[_Valid]:
    errors = list(parsed.errors)
    valid: list[_Valid] = []
    for item in parsed.items:
        try:
            data = MODELS[item.kind].model_validate(item.values)
        except ValidationError as exc:
            errors.extend((item.where, f, m) for f, m in errors_from(exc).items())
            continue
        valid.append(_Valid(item, data))
    errors.extend(_check_references(session, valid, actor))
    if errors:
        raise ImportFailed(errors)
    return valid


def _check_references(
    session: Session, valid: list[_Valid], actor: Actor
) -> list[tuple[str, str, str]]:
    errors: list[tuple[str, str, str]] = []
    names = {k: {v.data.name for v in valid if v.item.kind == k} for k in ("vendor", "ai_system")}
    refs: dict[str, str] = {}
    benefits: set[tuple[str, str]] = set()
    for v in valid:
        kind, where, data = v.item.kind, v.item.where, v.data
        if kind in ("vendor", "ai_system"):
            errors.extend(_check_catalogue_item(session, v, actor, names["vendor"]))
        elif kind == "use_case":
            errors.extend(_check_use_case(session, where, data, actor, names["ai_system"], refs))
        elif kind == "benefit":
            key = (v.item.parent[0], data.title)
            if key in benefits:
                errors.append((where, "title", _("Two benefits of one use case have this title.")))
            benefits.add(key)
    for v in valid:
        errors.extend(_check_links(session, v, refs, benefits))
    return errors


def _check_catalogue_item(
    session: Session, v: _Valid, actor: Actor, vendor_names: set[str]
) -> list[tuple[str, str, str]]:
    errors = []
    if not may_edit_catalogue(actor):
        errors.append((v.item.where, "name", _("You do not have permission to do this.")))
    vendor = v.data.vendor if v.item.kind == "ai_system" else None
    if vendor and vendor not in vendor_names and repo.vendor_by_name(session, vendor) is None:
        errors.append((v.item.where, "vendor", _("Unknown vendor: register it first.")))
    return errors


def _check_links(
    session: Session, v: _Valid, refs: dict[str, str], benefits: set[tuple[str, str]]
) -> list[tuple[str, str, str]]:
    """Lineage and parent references must resolve in the file or the registry."""
    where = v.item.where
    if v.item.kind == "use_case":
        source = v.data.adopted_from
        if source and source not in refs and repo.get_use_case_by_ref(session, source) is None:
            return [(where, "adopted_from", _("Unknown use case reference."))]
    elif v.item.kind in ("benefit", "measurement"):
        if v.item.parent[0] not in refs:
            return [(where, "use_case_ref", _("The use case must be in the same file."))]
        if v.item.kind == "measurement" and v.item.parent not in benefits:
            return [(where, "benefit_title", _("The benefit must be in the same file."))]
    return []


def _check_use_case(
    session: Session,
    where: str,
    data: UseCaseDoc,
    actor: Actor,
    system_names: set[str],
    refs: dict[str, str],
) -> list[tuple[str, str, str]]:
    errors: list[tuple[str, str, str]] = []
    if not data.ref:
        errors.append((where, "ref", _("This field is required.")))
    elif data.ref in refs:
        errors.append((where, "ref", _("The reference appears twice in the file.")))
    else:
        refs[data.ref] = where
    org = repo.organisation_by_code(session, data.organisation)
    if org is None:
        errors.append((where, "organisation", _("Unknown organisation.")))
    elif not may_edit_organisation(actor, org.id):
        errors.append(
            (where, "organisation", _("Editors can only change records of their own organisation."))
        )
    existing = repo.get_use_case_by_ref(session, data.ref) if data.ref else None
    if existing is not None and not may_edit_organisation(actor, existing.organisation_id):
        errors.append(
            (where, "ref", _("Editors can only change records of their own organisation."))
        )
    system = data.ai_system
    if system and system not in system_names and repo.ai_system_by_name(session, system) is None:
        errors.append((where, "ai_system", _("Unknown AI system: register it first.")))
    return errors


def import_file(
    session: Session, *, data: bytes, fmt: Format, actor: Actor, is_demo: bool = False
) -> ImportReport:
    """Validate the whole file, then write it in one savepoint; ImportFailed saves nothing."""
    valid = _validate(session, parse(data, fmt), actor)
    report = ImportReport()
    savepoint = session.begin_nested()
    try:
        _apply(session, valid, actor, report, is_demo)
    except ValidationFailed as exc:
        savepoint.rollback()
        raise ImportFailed([("", f, m) for f, m in exc.errors.items()]) from exc
    except DomainError as exc:
        savepoint.rollback()
        raise ImportFailed([("", "", exc.message)]) from exc
    savepoint.commit()
    return report


def _apply(
    session: Session, valid: list[_Valid], actor: Actor, report: ImportReport, is_demo: bool
) -> None:
    for v in valid:
        if v.item.kind == "vendor":
            _save_vendor(session, v.data, actor, report, is_demo)
    for v in valid:
        if v.item.kind == "ai_system":
            _save_system(session, v.data, actor, report, is_demo)
    saved: dict[str, UseCase] = {}
    for v in valid:
        if v.item.kind == "use_case":
            saved[v.data.ref] = _save_use_case(session, v.data, actor, report, is_demo)
    for v in valid:
        if v.item.kind == "use_case" and v.data.adopted_from:
            source = saved.get(v.data.adopted_from) or repo.get_use_case_by_ref(
                session, v.data.adopted_from
            )
            assert source is not None
            saved[v.data.ref].adopted_from_id = source.id
    _apply_benefits(session, valid, saved, actor, report)
    session.flush()


def _save_vendor(
    session: Session, data: VendorIn, actor: Actor, report: ImportReport, is_demo: bool
) -> None:
    existing = repo.vendor_by_name(session, data.name)
    if existing is not None and vendor_in(existing) == data:
        return
    catalogue.save_vendor(
        session,
        data=data,
        actor=actor,
        is_demo=is_demo,
        vendor_id=existing.id if existing else None,
    )
    report.count(report.updated if existing else report.created, "vendor")


def _save_system(
    session: Session, data: AISystemIn, actor: Actor, report: ImportReport, is_demo: bool
) -> None:
    found = repo.ai_system_by_name(session, data.name)
    existing = catalogue.get_ai_system(session, system_id=found.id) if found else None
    if existing is not None and ai_system_in(existing) == data:
        return
    catalogue.save_ai_system(
        session,
        data=data,
        actor=actor,
        is_demo=is_demo,
        system_id=existing.id if existing else None,
    )
    report.count(report.updated if existing else report.created, "ai_system")


def _save_use_case(
    session: Session, data: UseCaseDoc, actor: Actor, report: ImportReport, is_demo: bool
) -> UseCase:
    fields = data.model_dump(exclude={"adopted_from", "benefits"})
    existing = repo.get_use_case_by_ref(session, data.ref or "")
    plain = UseCaseDoc.model_validate(fields)
    if existing is None:
        report.count(report.created, "use_case")
        return service.create_use_case(session, data=plain, actor=actor, is_demo=is_demo)
    if use_case_in(existing).model_dump() == UseCaseDoc.model_validate(fields).model_dump(
        exclude={"adopted_from", "benefits"}
    ):
        return existing
    report.count(report.updated, "use_case")
    return service.update_use_case(session, use_case_id=existing.id, data=plain, actor=actor)


def _apply_benefits(
    session: Session,
    valid: list[_Valid],
    saved: dict[str, UseCase],
    actor: Actor,
    report: ImportReport,
) -> None:
    benefit_ids: dict[tuple[str, str], Any] = {}
    for v in valid:
        if v.item.kind != "benefit":
            continue
        uc = saved[v.item.parent[0]]
        current = {b.title: b for b in service.get_use_case(session, use_case_id=uc.id).benefits}
        existing = current.get(v.data.title)
        if existing is None:
            benefit = service.add_benefit(session, use_case_id=uc.id, data=v.data, actor=actor)
            report.count(report.created, "benefit")
        else:
            benefit = existing
            if benefit_in(existing).model_dump() != v.data.model_dump():
                service.update_benefit(session, benefit_id=existing.id, data=v.data, actor=actor)
                report.count(report.updated, "benefit")
        benefit_ids[(v.item.parent[0], v.data.title)] = benefit.id
    for v in valid:
        if v.item.kind != "measurement":
            continue
        benefit_id = benefit_ids[(v.item.parent[0], v.item.parent[1])]
        known = {
            (m.period_start, m.period_end): m
            for m in service.get_benefit(session, benefit_id=benefit_id).measurements
        }
        match = known.get((v.data.period_start, v.data.period_end))
        if match is None:
            service.add_measurement(session, benefit_id=benefit_id, data=v.data, actor=actor)
            report.count(report.created, "measurement")
        elif (match.value, match.note) != (v.data.value, v.data.note):
            match.value, match.note = v.data.value, v.data.note
            report.count(report.updated, "measurement")
