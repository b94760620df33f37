"""The AI gateway's records: keys, the published policy snapshot and one row per call.

The gateway process never uses these classes: it reads the snapshot row and appends call rows
with plain SQLAlchemy Core (``tryggki.gateway.store``), so the names here are a contract.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tryggki.db.base import Base, IdMixin, utcnow
from tryggki.models.organisation import Organisation
from tryggki.models.use_case import UseCase


class GatewayKey(IdMixin, Base):
    """A key for the AI gateway, bound to a person or a service, an organisation and a use case.

    Only the SHA-256 of the key is stored; the key itself is shown once.
    """

    __tablename__ = "gateway_keys"

    name: Mapped[str] = mapped_column(String(100))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    prefix: Mapped[str] = mapped_column(String(16))
    # A person (user_id) or a service (service_name): exactly one is set.
    user_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    service_name: Mapped[str | None] = mapped_column(String(100))
    organisation_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organisations.id", ondelete="RESTRICT"), index=True
    )
    use_case_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("use_cases.id", ondelete="RESTRICT"), index=True
    )
    requests_per_minute: Mapped[int | None] = mapped_column()
    tokens_per_day: Mapped[int | None] = mapped_column()
    created_by_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column()

    organisation: Mapped[Organisation] = relationship(lazy="raise")
    use_case: Mapped[UseCase] = relationship(lazy="raise")


class GatewayPolicy(Base):
    """The policy snapshot the gateway serves from: one row, replaced when anything changes."""

    __tablename__ = "gateway_policy"

    id: Mapped[int] = mapped_column(primary_key=True)
    fingerprint: Mapped[str] = mapped_column(String(64))
    body: Mapped[dict[str, Any]] = mapped_column(JSON)
    published_at: Mapped[datetime] = mapped_column(default=utcnow)


class GatewayCall(Base):
    """One call through the gateway: who, what, how much, how it ended. Never the content."""

    __tablename__ = "gateway_calls"
    __table_args__ = (Index("ix_gateway_calls_org_at", "organisation_id", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(index=True)
    key_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    organisation_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    use_case_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    endpoint: Mapped[str] = mapped_column(String(20))
    model: Mapped[str] = mapped_column(String(100))
    stream: Mapped[bool] = mapped_column(default=False)
    status: Mapped[int] = mapped_column()
    outcome: Mapped[str] = mapped_column(String(20))
    prompt_tokens: Mapped[int] = mapped_column(default=0)
    completion_tokens: Mapped[int] = mapped_column(default=0)
    identifiers: Mapped[int] = mapped_column(default=0)
    identifiers_by_class: Mapped[dict[str, int]] = mapped_column(JSON, default=dict)
    latency_ms: Mapped[float] = mapped_column(default=0.0)
    overhead_ms: Mapped[float] = mapped_column(default=0.0)
    # SHA-256 of the body as received: shows two calls were the same without keeping either.
    request_hash: Mapped[str] = mapped_column(String(64))
