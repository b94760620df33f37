"""Vendors of AI systems."""

from __future__ import annotations

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from tryggki.db.base import Base, IdMixin, TimestampMixin


class Vendor(IdMixin, TimestampMixin, Base):
    """A supplier; Norwegian organisation numbers are validated (MOD11) and stored compact."""

    __tablename__ = "vendors"

    name: Mapped[str] = mapped_column(String(200), unique=True)
    org_number: Mapped[str | None] = mapped_column(String(9))
    country: Mapped[str | None] = mapped_column(String(2))
    website: Mapped[str | None] = mapped_column(String(300))
    notes: Mapped[str | None] = mapped_column(Text)
    is_demo: Mapped[bool] = mapped_column(default=False)
