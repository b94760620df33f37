"""Effect-goal indicators: the versioned catalogue and the measured or computed values."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tryggki.db.base import Base, IdMixin, TimestampMixin


class Indicator(IdMixin, TimestampMixin, Base):
    """One version of an indicator; a change adds a version and keeps the old one."""

    __tablename__ = "indicators"
    __table_args__ = (UniqueConstraint("code", "version"),)

    code: Mapped[str] = mapped_column(String(60), index=True)
    version: Mapped[int] = mapped_column(default=1)
    is_current: Mapped[bool] = mapped_column(default=True, index=True)
    # Built-in indicators store English msgids here, translated when shown.
    name: Mapped[str] = mapped_column(String(200))
    definition: Mapped[str] = mapped_column(Text, default="")
    effect_goal: Mapped[str] = mapped_column(String(40), index=True)
    kind: Mapped[str] = mapped_column(String(10))
    unit: Mapped[str] = mapped_column(String(20))
    direction: Mapped[str] = mapped_column(String(10))
    numerator: Mapped[str | None] = mapped_column(Text)
    denominator: Mapped[str | None] = mapped_column(Text)
    data_source: Mapped[str] = mapped_column(Text, default="")
    frequency: Mapped[str] = mapped_column(String(10))
    target: Mapped[float | None] = mapped_column()
    owner: Mapped[str | None] = mapped_column(String(200))
    # Set on the current version when the indicator is retired: its values stay, no new ones.
    retired_at: Mapped[datetime | None] = mapped_column()

    use_case_rows: Mapped[list[IndicatorUseCase]] = relationship(
        lazy="raise", cascade="all, delete-orphan"
    )


class IndicatorUseCase(Base):
    """A use case an indicator version follows."""

    __tablename__ = "indicator_use_cases"

    indicator_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("indicators.id", ondelete="CASCADE"), primary_key=True
    )
    use_case_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("use_cases.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class IndicatorValue(IdMixin, TimestampMixin, Base):
    """The value of an indicator for one organisation (or the region) and one period."""

    __tablename__ = "indicator_values"
    __table_args__ = (UniqueConstraint("indicator_code", "scope", "period"),)

    indicator_code: Mapped[str] = mapped_column(String(60), index=True)
    # An organisation code, or ``region`` for Helse Vest as a whole.
    scope: Mapped[str] = mapped_column(String(64), index=True)
    period: Mapped[str] = mapped_column(String(7))
    period_start: Mapped[date] = mapped_column(index=True)
    period_end: Mapped[date] = mapped_column()
    value: Mapped[float | None] = mapped_column()
    numerator: Mapped[float | None] = mapped_column()
    denominator: Mapped[float | None] = mapped_column()
    source: Mapped[str] = mapped_column(String(10))
    indicator_version: Mapped[int] = mapped_column(default=1)
    note: Mapped[str | None] = mapped_column(Text)
    entered_by_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL")
    )
