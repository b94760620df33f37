"""Organisations: the Helse Vest trusts and the external actors of the plan."""

from __future__ import annotations

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from tryggki.db.base import Base, IdMixin, TimestampMixin


class Organisation(IdMixin, TimestampMixin, Base):
    """A legal entity (verksemd); codes are those of the fact schema, e.g. ``helse_bergen``."""

    __tablename__ = "organisations"

    code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(40))
    org_number: Mapped[str | None] = mapped_column(String(9))
    is_helse_vest: Mapped[bool] = mapped_column(default=False)
    website: Mapped[str | None] = mapped_column(String(300))
    # Where the public can ask about AI use (a generic inbox, never a person's address).
    public_contact: Mapped[str | None] = mapped_column(String(300))
