"""Registry queries: the only place in the domain that builds SQL."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from sqlalchemy import Select, exists, func, or_, select
from sqlalchemy.orm import Session, joinedload, selectinload

from tryggki.models import (
    AISystem,
    Benefit,
    BenefitMeasurement,
    Organisation,
    UseCase,
    UseCaseDataCategory,
    Vendor,
)

SortKey = Literal["title", "organisation", "stage", "domain", "updated", "ref", "reviewed"]
SORT_COLUMNS = {
    "title": UseCase.title,
    "organisation": Organisation.name,
    "stage": UseCase.lifecycle_stage,
    "domain": UseCase.purpose_domain,
    "updated": UseCase.updated_at,
    "ref": UseCase.ref,
    "reviewed": UseCase.last_reviewed_at,
}


@dataclass(frozen=True)
class UseCaseFilter:
    """Registry list filters; empty values do not filter."""

    organisation: str | None = None
    stage: str | None = None
    domain: str | None = None
    effect_goal: str | None = None
    data_category: str | None = None
    q: str | None = None
    stale_before: datetime | None = None
    public_only: bool = False
    organisation_ids: frozenset[uuid.UUID] = field(default_factory=frozenset)


def _filtered(stmt: Select[UseCase], f: UseCaseFilter) -> Select[UseCase]:
    if f.organisation:
        stmt = stmt.where(Organisation.code == f.organisation)
    if f.stage:
        stmt = stmt.where(UseCase.lifecycle_stage == f.stage)
    if f.domain:
        stmt = stmt.where(UseCase.purpose_domain == f.domain)
    if f.effect_goal:
        stmt = stmt.where(
            exists().where(Benefit.use_case_id == UseCase.id, Benefit.effect_goal == f.effect_goal)
        )
    if f.data_category:
        stmt = stmt.where(
            exists().where(
                UseCaseDataCategory.use_case_id == UseCase.id,
                UseCaseDataCategory.category == f.data_category,
            )
        )
    if f.q:
        # LIKE wildcards typed by the user are matched literally (references may contain "_").
        escaped = f.q.strip().lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        pattern = f"%{escaped}%"
        stmt = stmt.where(
            or_(
                *(
                    func.lower(column).like(pattern, escape="\\")
                    for column in (UseCase.title, UseCase.description, UseCase.ref)
                )
            )
        )
    if f.stale_before is not None:
        stmt = stmt.where(UseCase.last_reviewed_at < f.stale_before)
    if f.public_only:
        stmt = stmt.where(UseCase.is_public.is_(True))
    return stmt


def list_use_cases(
    session: Session,
    f: UseCaseFilter,
    *,
    sort: SortKey = "title",
    descending: bool = False,
    offset: int = 0,
    limit: int = 25,
) -> tuple[list[UseCase], int]:
    """One page of use cases and the total count, in three queries whatever the page size."""
    base = select(UseCase).join(Organisation, Organisation.id == UseCase.organisation_id)
    base = _filtered(base, f)
    total = session.scalar(select(func.count()).select_from(base.order_by(None).subquery())) or 0
    column = SORT_COLUMNS[sort]
    stmt = (
        base.options(
            joinedload(UseCase.organisation),
            joinedload(UseCase.ai_system),
            selectinload(UseCase.data_category_rows),
        )
        .order_by(column.desc() if descending else column.asc(), UseCase.id)
        .offset(offset)
        .limit(limit)
    )
    return list(session.scalars(stmt).unique()), total


def all_use_cases_for_export(
    session: Session, f: UseCaseFilter, *, with_vendor: bool = False, with_benefits: bool = True
) -> list[UseCase]:
    """Every matching use case with what an export writes, loaded eagerly in batches of 500."""
    system = joinedload(UseCase.ai_system)
    options = [
        joinedload(UseCase.organisation),
        system.joinedload(AISystem.vendor) if with_vendor else system,
        joinedload(UseCase.adopted_from),
        selectinload(UseCase.data_category_rows),
    ]
    if with_benefits:
        options.append(selectinload(UseCase.benefits).selectinload(Benefit.measurements))
    stmt = (
        _filtered(select(UseCase).join(Organisation, Organisation.id == UseCase.organisation_id), f)
        .options(*options)
        .order_by(UseCase.ref)
    )
    return list(session.scalars(stmt).unique())


def get_use_case(session: Session, use_case_id: uuid.UUID) -> UseCase | None:
    """A use case with its organisation, AI system, lineage, categories and benefits."""
    stmt = (
        select(UseCase)
        .where(UseCase.id == use_case_id)
        .options(
            joinedload(UseCase.organisation),
            joinedload(UseCase.ai_system).joinedload(AISystem.vendor),
            joinedload(UseCase.adopted_from).joinedload(UseCase.organisation),
            selectinload(UseCase.data_category_rows),
            selectinload(UseCase.benefits).selectinload(Benefit.measurements),
        )
    )
    return session.scalars(stmt).unique().one_or_none()


def get_use_case_by_ref(session: Session, ref: str) -> UseCase | None:
    """A use case by its reference, with the same loading as ``get_use_case``."""
    found = session.scalar(select(UseCase.id).where(UseCase.ref == ref))
    return get_use_case(session, found) if found else None


def adoptions_of(session: Session, use_case_id: uuid.UUID) -> list[UseCase]:
    """Use cases adopted from this one, with their organisations."""
    stmt = (
        select(UseCase)
        .where(UseCase.adopted_from_id == use_case_id)
        .options(joinedload(UseCase.organisation))
        .order_by(UseCase.ref)
    )
    return list(session.scalars(stmt))


def ref_taken(session: Session, ref: str, *, except_id: uuid.UUID | None = None) -> bool:
    """Whether another use case has this reference."""
    stmt = select(UseCase.id).where(UseCase.ref == ref)
    if except_id is not None:
        stmt = stmt.where(UseCase.id != except_id)
    return session.scalar(stmt) is not None


def organisations(session: Session) -> list[Organisation]:
    """All organisations, Helse Vest first, then by name."""
    stmt = select(Organisation).order_by(Organisation.is_helse_vest.desc(), Organisation.name)
    return list(session.scalars(stmt))


def organisation_by_code(session: Session, code: str) -> Organisation | None:
    """An organisation by its code."""
    return session.scalar(select(Organisation).where(Organisation.code == code))


def ai_systems(session: Session) -> list[AISystem]:
    """All AI systems with their vendors, by name."""
    stmt = select(AISystem).options(joinedload(AISystem.vendor)).order_by(AISystem.name)
    return list(session.scalars(stmt))


def ai_system_by_name(session: Session, name: str) -> AISystem | None:
    """An AI system by its (unique) name."""
    return session.scalar(select(AISystem).where(AISystem.name == name))


def get_ai_system(session: Session, system_id: uuid.UUID) -> AISystem | None:
    """An AI system with its vendor."""
    stmt = select(AISystem).where(AISystem.id == system_id).options(joinedload(AISystem.vendor))
    return session.scalar(stmt)


def use_cases_of_system(session: Session, system_id: uuid.UUID) -> list[UseCase]:
    """The use cases that use an AI system."""
    stmt = (
        select(UseCase)
        .where(UseCase.ai_system_id == system_id)
        .options(joinedload(UseCase.organisation))
        .order_by(UseCase.ref)
    )
    return list(session.scalars(stmt))


def vendors(session: Session) -> list[Vendor]:
    """All vendors by name."""
    return list(session.scalars(select(Vendor).order_by(Vendor.name)))


def vendor_by_name(session: Session, name: str) -> Vendor | None:
    """A vendor by its (unique) name."""
    return session.scalar(select(Vendor).where(Vendor.name == name))


def system_count_of_vendor(session: Session, vendor_id: uuid.UUID) -> int:
    """How many AI systems a vendor supplies."""
    stmt = select(func.count()).select_from(AISystem).where(AISystem.vendor_id == vendor_id)
    return session.scalar(stmt) or 0


def get_benefit(session: Session, benefit_id: uuid.UUID) -> Benefit | None:
    """A benefit with its measurements and its use case."""
    stmt = (
        select(Benefit)
        .where(Benefit.id == benefit_id)
        .options(selectinload(Benefit.measurements), joinedload(Benefit.use_case))
    )
    return session.scalar(stmt)


def get_measurement(session: Session, measurement_id: uuid.UUID) -> BenefitMeasurement | None:
    """A measurement."""
    return session.get(BenefitMeasurement, measurement_id)


def refs_by_id(session: Session, ids: set[uuid.UUID]) -> dict[uuid.UUID, str]:
    """References of the given use cases, in one query."""
    if not ids:
        return {}
    rows = session.execute(select(UseCase.id, UseCase.ref).where(UseCase.id.in_(ids)))
    return {row.id: row.ref for row in rows}
