"""Writing, reading and verifying audit events."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC
from typing import Any

from pydantic import BaseModel
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from tryggki.audit.chain import GENESIS, diff, event_hash
from tryggki.auth.actor import Actor
from tryggki.db.base import utcnow
from tryggki.models import AuditEvent, User

# Names of people are personal data: the audit trail records that they changed, not the values.
PERSONAL_FIELDS = frozenset(
    {"email", "display_name", "system_owner", "benefit_owner", "owner", "password"}
)
# Any constant: serialises chain appends across PostgreSQL connections for one transaction.
_CHAIN_LOCK_KEY = 7_420_001


def record_change(
    session: Session,
    *,
    actor: Actor,
    entity_type: str,
    entity_id: str,
    action: str,
    old: dict[str, Any],
    new: dict[str, Any],
) -> AuditEvent | None:
    """Append an event for the fields that differ; nothing is written when nothing changed."""
    changes = diff(old, new, PERSONAL_FIELDS)
    if not changes and action == "update":
        return None
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _CHAIN_LOCK_KEY})
    last = session.scalar(select(AuditEvent.hash).order_by(AuditEvent.seq.desc()).limit(1))
    prev = last or GENESIS
    at = utcnow()
    actor_id = str(actor.user_id) if actor.user_id else None
    event = AuditEvent(
        at=at,
        actor_id=actor.user_id,
        channel=actor.channel,
        entity_type=entity_type,
        entity_id=entity_id,
        action=action,
        changes=changes,
        prev_hash=prev,
        hash=event_hash(
            prev_hash=prev,
            at=at,
            actor_id=actor_id,
            channel=actor.channel,
            entity_type=entity_type,
            entity_id=entity_id,
            action=action,
            changes=changes,
        ),
    )
    session.add(event)
    session.flush()
    return event


def record_snapshots(
    session: Session,
    *,
    actor: Actor,
    entity_type: str,
    entity_id: object,
    action: str,
    old: BaseModel | None,
    new: BaseModel | None,
) -> AuditEvent | None:
    """``record_change`` for two snapshots of a record as schemas (None: it did not exist)."""
    return record_change(
        session,
        actor=actor,
        entity_type=entity_type,
        entity_id=str(entity_id),
        action=action,
        old=old.model_dump(mode="json") if old else {},
        new=new.model_dump(mode="json") if new else {},
    )


def history(
    session: Session, *, entity_type: str, entity_id: str
) -> list[tuple[AuditEvent, str | None]]:
    """A record's events with the acting user's name, newest first."""
    stmt = (
        select(AuditEvent, User.display_name)
        .outerjoin(User, User.id == AuditEvent.actor_id)
        .where(AuditEvent.entity_type == entity_type, AuditEvent.entity_id == entity_id)
        .order_by(AuditEvent.seq.desc())
    )
    return [(row[0], row[1]) for row in session.execute(stmt)]


@dataclass(frozen=True)
class VerifyResult:
    """Outcome of a chain check: the number of events and the first broken one, if any."""

    checked: int
    broken_seq: int | None


def verify(session: Session) -> VerifyResult:
    """Recompute every hash in order; report the first event whose hash or link does not match."""
    prev = GENESIS
    checked = 0
    stmt = select(AuditEvent).order_by(AuditEvent.seq).execution_options(yield_per=1000)
    for event in session.scalars(stmt):
        expected = event_hash(
            prev_hash=prev,
            at=event.at.astimezone(UTC),
            actor_id=str(event.actor_id) if event.actor_id else None,
            channel=event.channel,
            entity_type=event.entity_type,
            entity_id=event.entity_id,
            action=event.action,
            changes=event.changes,
        )
        if event.prev_hash != prev or event.hash != expected:
            return VerifyResult(checked=checked, broken_seq=event.seq)
        prev = event.hash
        checked += 1
    return VerifyResult(checked=checked, broken_seq=None)
