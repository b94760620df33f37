"""The public register: use cases marked public, in plain language, and its open JSON feed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tryggki.db.base import utcnow
from tryggki.exceptions import NotFound
from tryggki.models import Organisation, UseCase
from tryggki.registry import repository as repo
from tryggki.registry.repository import UseCaseFilter

FEED_VERSION = "1.0"


@dataclass(frozen=True)
class PublicEntry:
    """What the public sees of a use case (no names of staff)."""

    ref: str
    title: str
    summary: str
    organisation: str
    organisation_code: str
    contact: str | None
    responsible_unit: str | None
    purpose_domain: str
    lifecycle_stage: str
    human_involvement: str | None
    data_categories: list[str]
    ai_system: str | None
    vendor: str | None
    in_use_since: date | None
    last_reviewed_at: datetime


def _entry(uc: UseCase) -> PublicEntry:
    system = uc.ai_system
    return PublicEntry(
        ref=uc.ref,
        title=uc.title,
        summary=uc.public_summary or "",
        organisation=uc.organisation.name,
        organisation_code=uc.organisation.code,
        contact=uc.organisation.public_contact,
        responsible_unit=uc.owner_unit,
        purpose_domain=uc.purpose_domain,
        lifecycle_stage=uc.lifecycle_stage,
        human_involvement=uc.human_involvement,
        data_categories=uc.data_categories,
        ai_system=system.name if system else None,
        vendor=system.vendor.name if system and system.vendor else None,
        in_use_since=uc.in_use_since,
        last_reviewed_at=uc.last_reviewed_at,
    )


def entries(
    session: Session, *, q: str | None = None, organisation: str | None = None
) -> list[PublicEntry]:
    """Every public use case (optionally searched), by organisation and title."""
    f = UseCaseFilter(public_only=True, q=q, organisation=organisation)
    rows = repo.all_use_cases_for_export(session, f, with_vendor=True)
    rows.sort(key=lambda uc: (uc.organisation.name, uc.title))
    return [_entry(uc) for uc in rows]


def entry(session: Session, *, ref: str) -> PublicEntry:
    """One public use case by reference; non-public ones are as unknown as missing ones."""
    uc = repo.get_use_case_by_ref(session, ref)
    if uc is None or not uc.is_public:
        raise NotFound()
    return _entry(uc)


def organisations_with_entries(session: Session) -> list[Organisation]:
    """Organisations that have at least one public use case."""
    stmt = (
        select(Organisation)
        .where(Organisation.id.in_(select(UseCase.organisation_id).where(UseCase.is_public)))
        .order_by(Organisation.name)
    )
    return list(session.scalars(stmt))


def feed(session: Session) -> dict[str, Any]:
    """The open JSON feed: codes from the fact schema, texts in Nynorsk as written."""
    items = []
    for e in entries(session):
        item = {k: v for k, v in e.__dict__.items()}
        item["in_use_since"] = e.in_use_since.isoformat() if e.in_use_since else None
        item["last_reviewed_at"] = e.last_reviewed_at.isoformat()
        item["url"] = f"/offentleg/{e.ref}"
        items.append(item)
    return {
        "feed_version": FEED_VERSION,
        "publisher": "Helse Vest",
        "generated_at": utcnow().isoformat(),
        "count": len(items),
        "use_cases": items,
    }
