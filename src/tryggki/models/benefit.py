"""Benefits (gevinstar) of a use case and their realised measurements."""

from __future__ import annotations

import uuid
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tryggki.db.base import Base, IdMixin, TimestampMixin

if TYPE_CHECKING:
    from tryggki.models.use_case import UseCase


class Benefit(IdMixin, TimestampMixin, Base):
    """One expected effect of a use case, tied to one effect goal (DFØ)."""

    __tablename__ = "benefits"

    use_case_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("use_cases.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(200))
    effect_goal: Mapped[str] = mapped_column(String(40), index=True)
    benefit_type: Mapped[str] = mapped_column(String(30))
    measure: Mapped[str] = mapped_column(String(20))
    unit_label: Mapped[str | None] = mapped_column(String(60))
    higher_is_better: Mapped[bool] = mapped_column(default=True)
    baseline_value: Mapped[float | None] = mapped_column()
    baseline_date: Mapped[date | None] = mapped_column()
    # DFØ arithmetic inputs, used when the benefit is measured in hours.
    events_per_year: Mapped[float | None] = mapped_column()
    minutes_saved_per_event: Mapped[float | None] = mapped_column()
    adoption_rate: Mapped[float | None] = mapped_column()
    rework_share: Mapped[float | None] = mapped_column()
    # The yearly estimate when the benefit is not measured in hours.
    estimate_value: Mapped[float | None] = mapped_column()
    owner: Mapped[str | None] = mapped_column(String(200))
    measurement_plan: Mapped[str | None] = mapped_column(Text)

    use_case: Mapped[UseCase] = relationship(back_populates="benefits", lazy="raise")
    measurements: Mapped[list[BenefitMeasurement]] = relationship(
        lazy="raise", cascade="all, delete-orphan", order_by="BenefitMeasurement.period_start"
    )


class BenefitMeasurement(IdMixin, TimestampMixin, Base):
    """A realised value of a benefit over one period."""

    __tablename__ = "benefit_measurements"

    benefit_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("benefits.id", ondelete="CASCADE"), index=True
    )
    period_start: Mapped[date] = mapped_column()
    period_end: Mapped[date] = mapped_column()
    value: Mapped[float] = mapped_column()
    note: Mapped[str | None] = mapped_column(Text)
