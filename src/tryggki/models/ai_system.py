"""AI systems: products or in-house solutions, independent of where they are used."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tryggki.db.base import Base, IdMixin, TimestampMixin

if TYPE_CHECKING:
    from tryggki.models.vendor import Vendor


class AISystem(IdMixin, TimestampMixin, Base):
    """An AI product with its technique, device status and data terms."""

    __tablename__ = "ai_systems"

    name: Mapped[str] = mapped_column(String(200), unique=True)
    description: Mapped[str | None] = mapped_column(Text)
    vendor_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("vendors.id", ondelete="RESTRICT"), index=True
    )
    techniques: Mapped[list[str]] = mapped_column(JSON, default=list)
    gpai_based: Mapped[bool] = mapped_column(default=False)
    gpai_model: Mapped[str | None] = mapped_column(String(200))
    md_qualification: Mapped[str] = mapped_column(String(20), default="unknown")
    device_class: Mapped[str] = mapped_column(String(10), default="n_a")
    ce_marked: Mapped[bool | None] = mapped_column()
    sourcing_model: Mapped[str | None] = mapped_column(String(40))
    hosting: Mapped[str] = mapped_column(String(40), default="unknown")
    vendor_uses_inputs_for_training: Mapped[str] = mapped_column(String(30), default="unknown")
    retention_days: Mapped[int | None] = mapped_column()
    # Model names this system exposes; the gateway routes requests by them.
    model_names: Mapped[list[str]] = mapped_column(JSON, default=list)
    last_reviewed_at: Mapped[datetime | None] = mapped_column()
    is_demo: Mapped[bool] = mapped_column(default=False)
    version: Mapped[int] = mapped_column(default=1)

    vendor: Mapped[Vendor | None] = relationship(lazy="raise")

    __mapper_args__ = {"version_id_col": version}
