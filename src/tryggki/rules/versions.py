"""The history of rulebook versions in the database."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from tryggki.exceptions import NotFound
from tryggki.models import RulebookVersion
from tryggki.rules.document import snapshot
from tryggki.rules.model import Rulebook


def record(session: Session, rulebook: Rulebook) -> RulebookVersion:
    """Store the rulebook's snapshot unless this exact version (fingerprint) is stored already."""
    found = session.scalar(
        select(RulebookVersion).where(RulebookVersion.fingerprint == rulebook.fingerprint)
    )
    if found is not None:
        return found
    row = RulebookVersion(
        version=rulebook.version, fingerprint=rulebook.fingerprint, snapshot=snapshot(rulebook)
    )
    session.add(row)
    session.flush()
    return row


def history(session: Session) -> list[RulebookVersion]:
    """Every recorded version, newest first."""
    stmt = select(RulebookVersion).order_by(RulebookVersion.recorded_at.desc())
    return list(session.scalars(stmt))


def get(session: Session, version_id: uuid.UUID) -> RulebookVersion:
    """One recorded version, or NotFound."""
    row = session.get(RulebookVersion, version_id)
    if row is None:
        raise NotFound()
    return row


def by_fingerprint(session: Session, fingerprint: str) -> RulebookVersion | None:
    """The recorded version with this fingerprint, if the product has run with it."""
    stmt = select(RulebookVersion).where(RulebookVersion.fingerprint == fingerprint)
    return session.scalars(stmt).one_or_none()
