"""Use cases: one use of an AI system for a purpose at one organisation."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tryggki.db.base import Base, IdMixin, TimestampMixin

if TYPE_CHECKING:
    from tryggki.models.ai_system import AISystem
    from tryggki.models.benefit import Benefit
    from tryggki.models.organisation import Organisation


class UseCase(IdMixin, TimestampMixin, Base):
    """A bruksområde with the facts the rulebook reads (fact schema §8 codes)."""

    __tablename__ = "use_cases"

    ref: Mapped[str] = mapped_column(String(40), unique=True)
    title: Mapped[str] = mapped_column(String(200), index=True)
    description: Mapped[str] = mapped_column(Text, default="")
    intended_purpose: Mapped[str] = mapped_column(Text, default="")
    organisation_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organisations.id", ondelete="RESTRICT"), index=True
    )
    ai_system_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("ai_systems.id", ondelete="RESTRICT"), index=True
    )
    purpose_domain: Mapped[str] = mapped_column(String(40), index=True)
    lifecycle_stage: Mapped[str] = mapped_column(String(20), index=True)
    clinical_function: Mapped[str] = mapped_column(String(40), default="none")
    human_involvement: Mapped[str | None] = mapped_column(String(40))
    users: Mapped[list[str]] = mapped_column(JSON, default=list)
    affected: Mapped[list[str]] = mapped_column(JSON, default=list)
    owner_unit: Mapped[str | None] = mapped_column(String(200))
    system_owner: Mapped[str | None] = mapped_column(String(200))
    benefit_owner: Mapped[str | None] = mapped_column(String(200))
    planned_go_live: Mapped[date | None] = mapped_column()
    in_use_since: Mapped[date | None] = mapped_column()
    is_public: Mapped[bool] = mapped_column(default=False, index=True)
    # Plain-language text for patients and citizens in the public register.
    public_summary: Mapped[str | None] = mapped_column(Text)
    adopted_from_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("use_cases.id", ondelete="SET NULL"), index=True
    )
    last_reviewed_at: Mapped[datetime] = mapped_column(index=True)
    created_by_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL")
    )
    is_demo: Mapped[bool] = mapped_column(default=False)
    version: Mapped[int] = mapped_column(default=1)

    organisation: Mapped[Organisation] = relationship(lazy="raise")
    ai_system: Mapped[AISystem | None] = relationship(lazy="raise")
    adopted_from: Mapped[UseCase | None] = relationship(remote_side="UseCase.id", lazy="raise")
    data_category_rows: Mapped[list[UseCaseDataCategory]] = relationship(
        lazy="raise", cascade="all, delete-orphan", order_by="UseCaseDataCategory.category"
    )
    benefits: Mapped[list[Benefit]] = relationship(
        back_populates="use_case", lazy="raise", cascade="all, delete-orphan"
    )

    __mapper_args__ = {"version_id_col": version}

    @property
    def data_categories(self) -> list[str]:
        """The data categories, in code order."""
        return [row.category for row in self.data_category_rows]


class UseCaseDataCategory(Base):
    """One data category of a use case; a table (not a JSON list) so it filters on every backend."""

    __tablename__ = "use_case_data_categories"

    use_case_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("use_cases.id", ondelete="CASCADE"), primary_key=True
    )
    category: Mapped[str] = mapped_column(String(40), primary_key=True, index=True)
