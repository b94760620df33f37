"""Assessments (vurderingar): the rulebook's verdict on a use case, its controls and its review."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, deferred, mapped_column, relationship

from tryggki.db.base import Base, IdMixin, TimestampMixin, utcnow


class Assessment(IdMixin, TimestampMixin, Base):
    """One per use case: the answers the registry does not hold, the review state and the approval.

    An approval is bound to what it saw: the rulebook fingerprint and the facts. When either
    differs from today's, the use case is flagged for re-assessment.
    """

    __tablename__ = "assessments"

    use_case_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("use_cases.id", ondelete="CASCADE"), unique=True
    )
    # Facts of the fact schema that the registry does not hold, nested as in the schema.
    answers: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    status: Mapped[str] = mapped_column(String(20), default="draft", index=True)
    # The latest result, so lists, indicators and the re-assessment report need no engine run.
    verdict: Mapped[str | None] = mapped_column(String(30), index=True)
    tier: Mapped[str | None] = mapped_column(String(40), index=True)
    rulebook_fingerprint: Mapped[str | None] = mapped_column(String(64))
    assessed_at: Mapped[datetime | None] = mapped_column()
    submitted_by_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL")
    )
    comment: Mapped[str | None] = mapped_column(Text)
    approved_at: Mapped[datetime | None] = mapped_column()
    approved_by_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL")
    )
    approved_rulebook_version: Mapped[str | None] = mapped_column(String(40))
    approved_fingerprint: Mapped[str | None] = mapped_column(String(64))
    approved_facts: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    approved_verdict: Mapped[str | None] = mapped_column(String(30))
    approved_tier: Mapped[str | None] = mapped_column(String(40))
    version: Mapped[int] = mapped_column(default=1)

    evidence: Mapped[list[ControlEvidence]] = relationship(
        lazy="raise", cascade="all, delete-orphan", order_by="ControlEvidence.control"
    )
    decisions: Mapped[list[AssessmentDecision]] = relationship(
        lazy="raise", cascade="all, delete-orphan", order_by="AssessmentDecision.at.desc()"
    )

    __mapper_args__ = {"version_id_col": version}


class ControlEvidence(IdMixin, TimestampMixin, Base):
    """A control (tiltak) of the checklist: in place or not, evidence, owner and due date."""

    __tablename__ = "control_evidence"
    __table_args__ = (UniqueConstraint("assessment_id", "control"),)

    assessment_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("assessments.id", ondelete="CASCADE"), index=True
    )
    control: Mapped[str] = mapped_column(String(60))
    in_place: Mapped[bool] = mapped_column(default=False)
    note: Mapped[str | None] = mapped_column(Text)
    link: Mapped[str | None] = mapped_column(String(500))
    owner: Mapped[str | None] = mapped_column(String(200))
    due_date: Mapped[date | None] = mapped_column()
    file_name: Mapped[str | None] = mapped_column(String(200))
    file_type: Mapped[str | None] = mapped_column(String(100))
    file_size: Mapped[int | None] = mapped_column()
    # Kept in the database, so a backup of it is a backup of the evidence; loaded only on download.
    file_data: Mapped[bytes | None] = deferred(mapped_column(LargeBinary))


class AssessmentDecision(IdMixin, Base):
    """A step of the review: submitted, approved or sent back, with the reviewer's comment."""

    __tablename__ = "assessment_decisions"

    assessment_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("assessments.id", ondelete="CASCADE"), index=True
    )
    action: Mapped[str] = mapped_column(String(20))
    comment: Mapped[str | None] = mapped_column(Text)
    actor_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    at: Mapped[datetime] = mapped_column(default=utcnow)
    rulebook_version: Mapped[str] = mapped_column(String(40))
    verdict: Mapped[str] = mapped_column(String(30))
