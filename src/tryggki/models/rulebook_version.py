"""Every rulebook version the product has run with, kept for history and diffs."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, String
from sqlalchemy.orm import Mapped, mapped_column

from tryggki.db.base import Base, IdMixin, utcnow


class RulebookVersion(IdMixin, Base):
    """A snapshot of the rulebook (texts, references, conditions), recorded once per fingerprint."""

    __tablename__ = "rulebook_versions"

    version: Mapped[str] = mapped_column(String(40))
    fingerprint: Mapped[str] = mapped_column(String(64), unique=True)
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)
    snapshot: Mapped[dict[str, Any]] = mapped_column(JSON)
