"""Queries of indicators and the data computed indicators read: the only place that builds them."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from tryggki.indicators import calculations as calc
from tryggki.models import (
    Assessment,
    AssessmentDecision,
    Benefit,
    BenefitMeasurement,
    ControlEvidence,
    Indicator,
    IndicatorValue,
    Organisation,
    UseCase,
)
from tryggki.registry.calculations import yearly_estimate

IMPACT_CONTROLS = ("dpia_done", "fria_done")


def current_indicators(session: Session, *, retired: bool | None = None) -> list[Indicator]:
    """The current version of every indicator, with its linked use cases: all of them, or only
    the active (``retired=False``) or the retired ones."""
    stmt = (
        select(Indicator)
        .where(Indicator.is_current.is_(True))
        .options(selectinload(Indicator.use_case_rows))
        .order_by(Indicator.effect_goal, Indicator.code)
    )
    if retired is not None:
        stmt = stmt.where(
            Indicator.retired_at.is_not(None) if retired else Indicator.retired_at.is_(None)
        )
    return list(session.scalars(stmt))


def value_count(session: Session, code: str) -> int:
    """How many values an indicator has."""
    stmt = select(func.count()).where(IndicatorValue.indicator_code == code)
    return session.scalar(stmt) or 0


def versions(session: Session, code: str) -> list[Indicator]:
    """Every version of an indicator, newest first."""
    stmt = (
        select(Indicator)
        .where(Indicator.code == code)
        .options(selectinload(Indicator.use_case_rows))
        .order_by(Indicator.version.desc())
    )
    return list(session.scalars(stmt))


def values(
    session: Session, codes: Collection[str], *, since: date | None = None
) -> list[IndicatorValue]:
    """Stored values of indicators, oldest period first."""
    stmt = select(IndicatorValue).where(IndicatorValue.indicator_code.in_(list(codes)))
    if since is not None:
        stmt = stmt.where(IndicatorValue.period_start >= since)
    return list(session.scalars(stmt.order_by(IndicatorValue.period_start, IndicatorValue.scope)))


def stored_value(session: Session, code: str, scope: str, period: str) -> IndicatorValue | None:
    """The stored value of one indicator, scope and period."""
    stmt = select(IndicatorValue).where(
        IndicatorValue.indicator_code == code,
        IndicatorValue.scope == scope,
        IndicatorValue.period == period,
    )
    return session.scalars(stmt).one_or_none()


def stored_values(
    session: Session, code: str, periods: Collection[str]
) -> dict[tuple[str, str], IndicatorValue]:
    """Stored values of one indicator for some periods, by (scope, period)."""
    stmt = select(IndicatorValue).where(
        IndicatorValue.indicator_code == code, IndicatorValue.period.in_(list(periods))
    )
    return {(v.scope, v.period): v for v in session.scalars(stmt)}


def organisation_names(session: Session) -> dict[str, str]:
    """Organisation code → name."""
    return {row[0]: row[1] for row in session.execute(select(Organisation.code, Organisation.name))}


def helse_vest_codes(session: Session) -> frozenset[str]:
    """Codes of the Helse Vest organisations, whose values make up the region."""
    stmt = select(Organisation.code).where(Organisation.is_helse_vest.is_(True))
    return frozenset(session.scalars(stmt))


def use_cases_by_id(session: Session, ids: Collection[object]) -> list[UseCase]:
    """Use cases with their organisation, by id."""
    if not ids:
        return []
    stmt = select(UseCase).where(UseCase.id.in_(list(ids))).order_by(UseCase.ref)
    return list(session.scalars(stmt.options(selectinload(UseCase.organisation))))


def snapshot(session: Session, stale_after_months: int) -> calc.Snapshot:
    """What the computed indicators read, as plain rows (a handful of column queries)."""
    orgs = {row[0]: row[1] for row in session.execute(select(Organisation.id, Organisation.code))}
    assessments = {
        row[0]: row
        for row in session.execute(
            select(
                Assessment.use_case_id,
                Assessment.id,
                Assessment.tier,
                Assessment.status,
                Assessment.approved_at,
            )
        )
    }
    first = {
        row[0]: row[1]
        for row in session.execute(
            select(AssessmentDecision.assessment_id, func.min(AssessmentDecision.at))
            .where(AssessmentDecision.action == "approved")
            .group_by(AssessmentDecision.assessment_id)
        )
    }
    controls: dict[object, dict[str, object]] = {}
    for aid, control, since in session.execute(
        select(
            ControlEvidence.assessment_id, ControlEvidence.control, ControlEvidence.updated_at
        ).where(ControlEvidence.in_place.is_(True), ControlEvidence.control.in_(IMPACT_CONTROLS))
    ):
        controls.setdefault(aid, {})[control] = since
    use_cases = []
    org_of_uc = {}
    for uc_id, org_id, created, stage, reviewed in session.execute(
        select(
            UseCase.id,
            UseCase.organisation_id,
            UseCase.created_at,
            UseCase.lifecycle_stage,
            UseCase.last_reviewed_at,
        )
    ):
        a = assessments.get(uc_id)
        org_of_uc[uc_id] = orgs[org_id]
        use_cases.append(
            calc.UseCaseRow(
                id=str(uc_id),
                organisation=orgs[org_id],
                created=created,
                stage=stage,
                last_reviewed=reviewed,
                tier=a.tier if a else None,
                approved_at=a.approved_at if a and a.status == "approved" else None,
                first_approval=first.get(a.id) if a else None,
                controls=dict(controls.get(a.id, {})) if a else {},  # type: ignore[arg-type]
            )
        )
    benefit_columns = select(
        Benefit.id,
        Benefit.use_case_id,
        Benefit.effect_goal,
        Benefit.measure,
        Benefit.events_per_year,
        Benefit.minutes_saved_per_event,
        Benefit.adoption_rate,
        Benefit.rework_share,
        Benefit.estimate_value,
    )
    # Rows carry the attributes the estimate reads, so no ORM objects are built.
    benefits = [
        calc.BenefitRow(
            str(b.id), org_of_uc[b.use_case_id], b.effect_goal, b.measure, yearly_estimate(b)
        )
        for b in session.execute(benefit_columns)
    ]
    measurements = [
        calc.MeasurementRow(str(row[0]), row[1], row[2], row[3])
        for row in session.execute(
            select(
                BenefitMeasurement.benefit_id,
                BenefitMeasurement.period_start,
                BenefitMeasurement.period_end,
                BenefitMeasurement.value,
            )
        )
    ]
    return calc.Snapshot(use_cases, benefits, measurements, stale_after_months)
