"""Queries of the portfolio: the only place that builds them."""

from __future__ import annotations

import uuid
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from tryggki.models import (
    AISystem,
    Assessment,
    Benefit,
    BenefitMeasurement,
    FocusArea,
    Organisation,
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


def all_scores(session: Session) -> list[tuple[uuid.UUID, dict[str, int]]]:
    """Every reviewer's scores as (use case id, scores): columns only."""
    stmt = select(PortfolioScore.use_case_id, PortfolioScore.scores).order_by(
        PortfolioScore.created_at
    )
    return [(row[0], row[1]) for row in session.execute(stmt)]


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


@dataclass(frozen=True)
class OrganisationFacts:
    """What the portfolio shows of an organisation."""

    code: str
    name: str


@dataclass(frozen=True)
class SystemFacts:
    """What the focus-area suggestions read of an AI system."""

    id: uuid.UUID
    name: str
    techniques: list[str]


@dataclass(frozen=True)
class UseCaseFacts:
    """What the ranking, its chart and the focus areas read of a scored use case."""

    id: uuid.UUID
    ref: str
    title: str
    purpose_domain: str
    organisation_id: uuid.UUID
    organisation: OrganisationFacts
    ai_system: SystemFacts | None


def use_cases_for_scoring(session: Session, ids: Collection[uuid.UUID]) -> list[UseCaseFacts]:
    """Use cases with their organisation and AI system, as plain rows in one query (benefits:
    ``benefit_facts``)."""
    if not ids:
        return []
    stmt = (
        select(
            UseCase.id,
            UseCase.ref,
            UseCase.title,
            UseCase.purpose_domain,
            UseCase.organisation_id,
            Organisation.code,
            Organisation.name,
            AISystem.id,
            AISystem.name,
            AISystem.techniques,
        )
        .join(Organisation, Organisation.id == UseCase.organisation_id)
        .outerjoin(AISystem, AISystem.id == UseCase.ai_system_id)
        .where(UseCase.id.in_(list(ids)))
        .order_by(UseCase.ref)
    )
    return [
        UseCaseFacts(
            row[0],
            row[1],
            row[2],
            row[3],
            row[4],
            OrganisationFacts(row[5], row[6]),
            SystemFacts(row[7], row[8], list(row[9] or [])) if row[7] is not None else None,
        )
        for row in session.execute(stmt)
    ]


@dataclass
class MeasurementFacts:
    """A realised value of a benefit."""

    period_start: date
    period_end: date
    value: float


@dataclass
class BenefitFacts:
    """What the portfolio reads of a benefit: its estimate inputs and realised values."""

    measure: str
    events_per_year: float | None
    minutes_saved_per_event: float | None
    adoption_rate: float | None
    rework_share: float | None
    estimate_value: float | None
    measurements: list[MeasurementFacts] = field(default_factory=list)


def benefit_facts(
    session: Session, ids: Collection[uuid.UUID]
) -> dict[uuid.UUID, list[BenefitFacts]]:
    """Use case id → its benefits with their realised values: two column queries, no ORM rows."""
    if not ids:
        return {}
    wanted = list(ids)
    by_id: dict[uuid.UUID, BenefitFacts] = {}
    out: dict[uuid.UUID, list[BenefitFacts]] = {i: [] for i in wanted}
    columns = select(
        Benefit.id,
        Benefit.use_case_id,
        Benefit.measure,
        Benefit.events_per_year,
        Benefit.minutes_saved_per_event,
        Benefit.adoption_rate,
        Benefit.rework_share,
        Benefit.estimate_value,
    ).where(Benefit.use_case_id.in_(wanted))
    for row in session.execute(columns):
        by_id[row[0]] = BenefitFacts(row[2], row[3], row[4], row[5], row[6], row[7])
        out[row[1]].append(by_id[row[0]])
    values = (
        select(
            BenefitMeasurement.benefit_id,
            BenefitMeasurement.period_start,
            BenefitMeasurement.period_end,
            BenefitMeasurement.value,
        )
        .join(Benefit, Benefit.id == BenefitMeasurement.benefit_id)
        .where(Benefit.use_case_id.in_(wanted))
    )
    for b_id, start, end, value in session.execute(values):
        by_id[b_id].measurements.append(MeasurementFacts(start, end, value))
    return out


def tiers(session: Session, ids: Collection[uuid.UUID]) -> dict[uuid.UUID, str | None]:
    """The AI Act tier of each use case's latest assessment result."""
    if not ids:
        return {}
    stmt = select(Assessment.use_case_id, Assessment.tier).where(
        Assessment.use_case_id.in_(list(ids))
    )
    return {row[0]: row[1] for row in session.execute(stmt)}


def focus_areas(session: Session, *, withdrawn: bool | None = False) -> list[FocusArea]:
    """Focus areas with their use cases, newest period first: the active ones (default), the
    withdrawn ones (``withdrawn=True``) or all (``None``)."""
    stmt = (
        select(FocusArea)
        .options(selectinload(FocusArea.use_case_rows))
        .order_by(FocusArea.period_start.desc(), FocusArea.title)
    )
    if withdrawn is not None:
        stmt = stmt.where(
            FocusArea.withdrawn_at.is_not(None) if withdrawn else FocusArea.withdrawn_at.is_(None)
        )
    return list(session.scalars(stmt))


def refs_of(session: Session, ids: Collection[uuid.UUID]) -> list[str]:
    """The current references of use cases, in reference order."""
    if not ids:
        return []
    stmt = select(UseCase.ref).where(UseCase.id.in_(list(ids))).order_by(UseCase.ref)
    return list(session.scalars(stmt))


def known_refs(session: Session, refs: Collection[str]) -> set[str]:
    """Which of ``refs`` are use-case references in the registry."""
    if not refs:
        return set()
    return set(session.scalars(select(UseCase.ref).where(UseCase.ref.in_(list(refs)))))


def focus_areas_using(session: Session, weight_set_name: str) -> list[str]:
    """Titles of the active focus areas decided with a weight set."""
    stmt = select(FocusArea.title).where(
        FocusArea.weight_set_name == weight_set_name, FocusArea.withdrawn_at.is_(None)
    )
    return list(session.scalars(stmt.order_by(FocusArea.title)))


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
