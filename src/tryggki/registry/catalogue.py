"""AI systems and vendors: the catalogue shared by every trust's use cases."""

from __future__ import annotations

import uuid

from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from tryggki.audit.service import record_snapshots
from tryggki.auth.actor import Actor
from tryggki.auth.permissions import require_admin, require_edit_catalogue
from tryggki.exceptions import Conflict, NotFound, ValidationFailed
from tryggki.i18n import gettext as _
from tryggki.models import AISystem, Vendor
from tryggki.registry import repository as repo
from tryggki.registry.mapping import AI_SYSTEM_FIELDS, ai_system_in, vendor_in
from tryggki.registry.schemas import AISystemIn, VendorIn


def _vendor_id(session: Session, name: str | None) -> uuid.UUID | None:
    if not name:
        return None
    vendor = repo.vendor_by_name(session, name)
    if vendor is None:
        raise ValidationFailed({"vendor": _("Unknown vendor: register it first.")})
    return vendor.id


def get_ai_system(session: Session, *, system_id: uuid.UUID) -> AISystem:
    """An AI system, or NotFound."""
    system = repo.get_ai_system(session, system_id)
    if system is None:
        raise NotFound()
    return system


def save_ai_system(
    session: Session,
    *,
    data: AISystemIn,
    actor: Actor,
    system_id: uuid.UUID | None = None,
    expected_version: int | None = None,
    is_demo: bool = False,
) -> AISystem:
    """Create an AI system, or update the one with ``system_id``."""
    require_edit_catalogue(actor)
    existing = repo.ai_system_by_name(session, data.name)
    if existing is not None and existing.id != system_id:
        raise ValidationFailed({"name": _("An AI system with this name already exists.")})
    vendor_id = _vendor_id(session, data.vendor)
    if system_id is None:
        system = AISystem(id=uuid.uuid4(), is_demo=is_demo)
        old = None
        session.add(system)
    else:
        system = get_ai_system(session, system_id=system_id)
        if expected_version is not None and expected_version != system.version:
            raise Conflict()
        old = ai_system_in(system)
    for name in AI_SYSTEM_FIELDS:
        value = getattr(data, name)
        setattr(system, name, list(value) if isinstance(value, list) else value)
    system.vendor_id = vendor_id
    try:
        session.flush()
    except StaleDataError as exc:
        raise Conflict() from exc
    system = get_ai_system(session, system_id=system.id)
    session.refresh(system, ["vendor"])
    record_snapshots(
        session,
        actor=actor,
        entity_type="ai_system",
        entity_id=system.id,
        action="update" if old else "create",
        old=old,
        new=ai_system_in(system),
    )
    return system


def delete_ai_system(session: Session, *, system_id: uuid.UUID, actor: Actor) -> None:
    """Remove an AI system that no use case refers to (administrators only)."""
    require_admin(actor)
    system = get_ai_system(session, system_id=system_id)
    if repo.use_cases_of_system(session, system_id):
        raise Conflict(_("The AI system is used by use cases and cannot be deleted."))
    record_snapshots(
        session,
        actor=actor,
        entity_type="ai_system",
        entity_id=system.id,
        action="delete",
        old=ai_system_in(system),
        new=None,
    )
    session.delete(system)
    session.flush()


def get_vendor(session: Session, *, vendor_id: uuid.UUID) -> Vendor:
    """A vendor, or NotFound."""
    vendor = session.get(Vendor, vendor_id)
    if vendor is None:
        raise NotFound()
    return vendor


def save_vendor(
    session: Session,
    *,
    data: VendorIn,
    actor: Actor,
    vendor_id: uuid.UUID | None = None,
    is_demo: bool = False,
) -> Vendor:
    """Create a vendor, or update the one with ``vendor_id``."""
    require_edit_catalogue(actor)
    existing = repo.vendor_by_name(session, data.name)
    if existing is not None and existing.id != vendor_id:
        raise ValidationFailed({"name": _("A vendor with this name already exists.")})
    if vendor_id is None:
        vendor = Vendor(id=uuid.uuid4(), is_demo=is_demo)
        old = None
        session.add(vendor)
    else:
        vendor = get_vendor(session, vendor_id=vendor_id)
        old = vendor_in(vendor)
    for name, value in data.model_dump().items():
        setattr(vendor, name, value)
    session.flush()
    record_snapshots(
        session,
        actor=actor,
        entity_type="vendor",
        entity_id=vendor.id,
        action="update" if old else "create",
        old=old,
        new=data,
    )
    return vendor


def delete_vendor(session: Session, *, vendor_id: uuid.UUID, actor: Actor) -> None:
    """Remove a vendor that supplies no AI system (administrators only)."""
    require_admin(actor)
    vendor = get_vendor(session, vendor_id=vendor_id)
    if repo.system_count_of_vendor(session, vendor_id):
        raise Conflict(_("The vendor supplies AI systems and cannot be deleted."))
    record_snapshots(
        session,
        actor=actor,
        entity_type="vendor",
        entity_id=vendor.id,
        action="delete",
        old=vendor_in(vendor),
        new=None,
    )
    session.delete(vendor)
    session.flush()
