"""Queries of assessments: the only place that builds them."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

from sqlalchemy import ColumnElement, and_, select
from sqlalchemy.orm import Session, joinedload, selectinload, undefer

from tryggki.models import AISystem, Assessment, ControlEvidence, UseCase, UseCaseDataCategory, User


def approved_for_use() -> ColumnElement[bool]:
    """The one meaning of "approved" that the gateway and the staff question share (PUB-07):
    the use case's assessment is approved, its verdict does not forbid use, and the use case
    is not retired. For a query that joins ``UseCase`` and ``Assessment``."""
    return and_(
        Assessment.status == "approved",
        Assessment.verdict != "not_allowed",
        UseCase.lifecycle_stage != "retired",
    )


def approved_data_categories(session: Session, system_id: uuid.UUID) -> set[str]:
    """Data categories an AI system is approved for: those of its approved use cases."""
    stmt = (
        select(UseCaseDataCategory.category)
        .join(UseCase, UseCase.id == UseCaseDataCategory.use_case_id)
        .join(Assessment, Assessment.use_case_id == UseCase.id)
        .where(UseCase.ai_system_id == system_id, approved_for_use())
        .distinct()
    )
    return set(session.scalars(stmt))


def get_assessment(session: Session, use_case_id: uuid.UUID) -> Assessment | None:
    """The assessment of a use case with its evidence (files not loaded) and decisions."""
    stmt = (
        select(Assessment)
        .where(Assessment.use_case_id == use_case_id)
        .options(selectinload(Assessment.evidence), selectinload(Assessment.decisions))
    )
    return session.scalars(stmt).one_or_none()


def get_evidence_with_file(session: Session, evidence_id: uuid.UUID) -> ControlEvidence | None:
    """One evidence row with its file content."""
    stmt = (
        select(ControlEvidence)
        .where(ControlEvidence.id == evidence_id)
        .options(undefer(ControlEvidence.file_data))
    )
    return session.scalars(stmt).one_or_none()


def user_names(session: Session, ids: set[uuid.UUID]) -> dict[uuid.UUID, str]:
    """Display names of users, for the review history."""
    if not ids:
        return {}
    rows = session.execute(select(User.id, User.display_name).where(User.id.in_(ids)))
    return {row[0]: row[1] for row in rows}


def use_cases_with_assessments(
    session: Session, *, only_assessed: bool = False, batch: int = 500
) -> Iterator[tuple[UseCase, Assessment | None]]:
    """Use cases with what their facts need and their assessments, in batches (bounded memory)."""
    stmt_ids = select(UseCase.id).order_by(UseCase.ref)
    if only_assessed:
        stmt_ids = stmt_ids.join(Assessment, Assessment.use_case_id == UseCase.id)
    ids = list(session.scalars(stmt_ids))
    for start in range(0, len(ids), batch):
        chunk = ids[start : start + batch]
        stmt = (
            select(UseCase)
            .where(UseCase.id.in_(chunk))
            .order_by(UseCase.ref)
            .options(
                joinedload(UseCase.organisation),
                joinedload(UseCase.ai_system).joinedload(AISystem.vendor),
                selectinload(UseCase.data_category_rows),
                selectinload(UseCase.benefits),
            )
        )
        use_cases = list(session.scalars(stmt).unique())
        found = session.scalars(
            select(Assessment)
            .where(Assessment.use_case_id.in_(chunk))
            .options(selectinload(Assessment.evidence))
        )
        by_use_case = {a.use_case_id: a for a in found}
        for uc in use_cases:
            yield uc, by_use_case.get(uc.id)
