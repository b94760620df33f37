"""Portfolio: weight sets, reviewers' scores of use cases and the focus areas (satsingsområde)."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tryggki.db.base import Base, IdMixin, TimestampMixin


class WeightSet(IdMixin, TimestampMixin, Base):
    """Weights (in per cent, adding up to 100) of the portfolio criteria."""

    __tablename__ = "weight_sets"

    name: Mapped[str] = mapped_column(String(100), unique=True)
    weights: Mapped[dict[str, float]] = mapped_column(JSON, default=dict)
    is_default: Mapped[bool] = mapped_column(default=False)


class PortfolioScore(IdMixin, TimestampMixin, Base):
    """One reviewer's scores (1–5 per criterion) of one use case; reviewers score independently."""

    __tablename__ = "portfolio_scores"
    __table_args__ = (UniqueConstraint("use_case_id", "reviewer_id"),)

    use_case_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("use_cases.id", ondelete="CASCADE"), index=True
    )
    reviewer_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    scores: Mapped[dict[str, int]] = mapped_column(JSON, default=dict)
    comment: Mapped[str | None] = mapped_column(Text)


class FocusArea(IdMixin, TimestampMixin, Base):
    """A designated focus area: the decision record with period, owner, rationale and use cases."""

    __tablename__ = "focus_areas"

    title: Mapped[str] = mapped_column(String(200))
    # The suggestion it came from (e.g. ``domain:clinical_logistics``), if any.
    candidate_key: Mapped[str | None] = mapped_column(String(120))
    period_start: Mapped[date] = mapped_column()
    period_end: Mapped[date] = mapped_column()
    owner: Mapped[str] = mapped_column(String(200))
    rationale: Mapped[str] = mapped_column(Text)
    decided_at: Mapped[datetime] = mapped_column()
    decided_by_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL")
    )
    weight_set_name: Mapped[str] = mapped_column(String(100))
    # The ranking of the linked use cases as the decision saw it, so the board paper can be
    # reproduced after scores change.
    snapshot: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    # When the snapshot was taken: the decision, or the last change of the linked use cases.
    ranked_at: Mapped[datetime | None] = mapped_column()
    changed_at: Mapped[datetime | None] = mapped_column()
    # A withdrawn focus area is kept (history, its board paper) but left out of active lists.
    withdrawn_at: Mapped[datetime | None] = mapped_column(index=True)
    withdrawn_by_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL")
    )
    withdrawal_reason: Mapped[str | None] = mapped_column(Text)

    use_case_rows: Mapped[list[FocusAreaUseCase]] = relationship(
        lazy="raise", cascade="all, delete-orphan"
    )


class FocusAreaUseCase(Base):
    """A use case covered by a focus area."""

    __tablename__ = "focus_area_use_cases"

    focus_area_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("focus_areas.id", ondelete="CASCADE"), primary_key=True
    )
    use_case_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("use_cases.id", ondelete="CASCADE"), primary_key=True, index=True
    )
