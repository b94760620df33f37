"""Queries of the portfolio: the only place that builds them."""

from __future__ import annotations

import uuid
from collections.abc import Collection

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload, selectinload

from tryggki.models import (
    Assessment,
    Benefit,
    FocusArea,
    PortfolioScore,
    UseCase,
    User,
    WeightSet,
)


def weight_sets(session: Session) -> list[WeightSet]:
    """Every weight set, the default first."""
    return list(
        session.scalars(select(WeightSet).order_by(WeightSet.is_default.desc(), WeightSet.name))
    )


def weight_set_by_name(session: Session, name: str) -> WeightSet | None:
    """A weight set by its name."""
    return session.scalars(select(WeightSet).where(WeightSet.name == name)).one_or_none()


def all_scores(session: Session) -> list[PortfolioScore]:
    """Every reviewer's scores."""
    return list(session.scalars(select(PortfolioScore).order_by(PortfolioScore.created_at)))


def score_of(
    session: Session, use_case_id: uuid.UUID, reviewer_id: uuid.UUID
) -> PortfolioScore | None:
    """One reviewer's scores of one use case."""
    stmt = select(PortfolioScore).where(
        PortfolioScore.use_case_id == use_case_id, PortfolioScore.reviewer_id == reviewer_id
    )
    return session.scalars(stmt).one_or_none()


def reviewer_names(session: Session, use_case_id: uuid.UUID) -> list[tuple[PortfolioScore, str]]:
    """The scores of one use case with the reviewers' names (shown to logged-in users only)."""
    stmt = (
        select(PortfolioScore, User.display_name)
        .join(User, User.id == PortfolioScore.reviewer_id)
        .where(PortfolioScore.use_case_id == use_case_id)
        .order_by(User.display_name)
    )
    return [(row[0], row[1]) for row in session.execute(stmt)]


def use_cases_for_scoring(session: Session, ids: Collection[uuid.UUID]) -> list[UseCase]:
    """Use cases with organisation, AI system and benefits with their realised values."""
    if not ids:
        return []
    stmt = (
        select(UseCase)
        .where(UseCase.id.in_(list(ids)))
        .order_by(UseCase.ref)
        .options(
            joinedload(UseCase.organisation),
            joinedload(UseCase.ai_system),
            selectinload(UseCase.benefits).selectinload(Benefit.measurements),
        )
    )
    return list(session.scalars(stmt).unique())


def tiers(session: Session, ids: Collection[uuid.UUID]) -> dict[uuid.UUID, str | None]:
    """The AI Act tier of each use case's latest assessment result."""
    if not ids:
        return {}
    stmt = select(Assessment.use_case_id, Assessment.tier).where(
        Assessment.use_case_id.in_(list(ids))
    )
    return {row[0]: row[1] for row in session.execute(stmt)}


def focus_areas(session: Session) -> list[FocusArea]:
    """Every focus area with its use cases, newest period first."""
    stmt = (
        select(FocusArea)
        .options(selectinload(FocusArea.use_case_rows))
        .order_by(FocusArea.period_start.desc(), FocusArea.title)
    )
    return list(session.scalars(stmt))


def get_focus_area(session: Session, focus_area_id: uuid.UUID) -> FocusArea | None:
    """One focus area with its use cases."""
    stmt = (
        select(FocusArea)
        .where(FocusArea.id == focus_area_id)
        .options(selectinload(FocusArea.use_case_rows))
    )
    return session.scalars(stmt).one_or_none()


def user_by_email(session: Session, email: str) -> User | None:
    """A user by e-mail address (for the demo reviewers)."""
    return session.scalars(select(User).where(User.email == email)).one_or_none()
