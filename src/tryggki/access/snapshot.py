"""The policy snapshot: what the gateway may serve, published as one row for it to read.

Format (``FORMAT`` 1), all ids as strings::

    {"format": 1,
     "keys": {sha256: {"key_id", "organisation_id", "use_case_id", "requests_per_minute",
                       "tokens_per_day"}},
     "use_cases": {id: {"ref", "organisation_id", "approved", "data_classes", "system_id"}},
     "systems": {id: {"name", "models", "pseudonymise"}}}

A use case is approved as ``assessments.repository.approved_for_use`` says (approved, verdict
not ``not_allowed``, not retired): the same approvals the staff question counts. Text is passed
unchanged (``pseudonymise: false``) only to systems hosted on Helse Vest's own infrastructure.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from tryggki.assessments.repository import approved_for_use
from tryggki.db.base import utcnow
from tryggki.models import AISystem, Assessment, GatewayKey, GatewayPolicy, UseCase

FORMAT = 1
ONPREM_HOSTING = "onprem_helse_vest"
_ROW_ID = 1


def build(session: Session) -> dict[str, Any]:
    """The snapshot of today's keys, approvals and AI systems."""
    keys = session.scalars(select(GatewayKey).where(GatewayKey.revoked_at.is_(None))).all()
    rows = session.execute(
        select(UseCase, approved_for_use().label("approved"))
        .outerjoin(Assessment, Assessment.use_case_id == UseCase.id)
        .where(UseCase.ai_system_id.is_not(None))
        .options(selectinload(UseCase.data_category_rows))
    ).all()
    systems = session.scalars(select(AISystem)).all()
    return {
        "format": FORMAT,
        "keys": {
            k.token_hash: {
                "key_id": str(k.id),
                "organisation_id": str(k.organisation_id),
                "use_case_id": str(k.use_case_id),
                "requests_per_minute": k.requests_per_minute,
                "tokens_per_day": k.tokens_per_day,
            }
            for k in keys
        },
        "use_cases": {
            str(uc.id): {
                "ref": uc.ref,
                "organisation_id": str(uc.organisation_id),
                "approved": bool(approved),
                "data_classes": uc.data_categories,
                "system_id": str(uc.ai_system_id),
            }
            for uc, approved in rows
        },
        "systems": {
            str(s.id): {
                "name": s.name,
                "models": list(s.model_names or []),
                "pseudonymise": s.hosting != ONPREM_HOSTING,
            }
            for s in systems
            if s.model_names
        },
    }


def fingerprint(body: dict[str, Any]) -> str:
    """A stable hash of a snapshot, so an unchanged one is not written again."""
    return hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()


def publish(session: Session) -> bool:
    """Write the snapshot if it changed; True when it did."""
    # Lock the row before reading what goes into it: two publishers (a key change and the timer)
    # must not interleave, or a snapshot read before a revocation could be written after it.
    row = session.get(GatewayPolicy, _ROW_ID, with_for_update=True, populate_existing=True)
    body = build(session)
    digest = fingerprint(body)
    if row is not None and row.fingerprint == digest:
        return False
    if row is None:
        row = GatewayPolicy(id=_ROW_ID, fingerprint=digest, body=body)
        session.add(row)
    else:
        row.fingerprint, row.body, row.published_at = digest, body, utcnow()
    session.flush()
    return True


def published_at(session: Session) -> GatewayPolicy | None:
    """The published row (for the admin page: when the gateway's view was last renewed)."""
    return session.get(GatewayPolicy, _ROW_ID)
