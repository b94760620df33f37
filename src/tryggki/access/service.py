"""Gateway keys: issue, list and revoke. The plain key is returned once; only its hash is kept."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from tryggki.access import snapshot
from tryggki.audit.service import record_change
from tryggki.auth.actor import Actor
from tryggki.auth.permissions import require_edit_organisation
from tryggki.auth.secrets import new_token, token_hash
from tryggki.db.base import utcnow
from tryggki.exceptions import NotFound, ValidationFailed
from tryggki.i18n import gettext as _
from tryggki.models import GatewayKey, UseCase, User
from tryggki.models.user import Role

KEY_PREFIX = "tkg_"


def _validate(
    name: str,
    user: User | None,
    service_name: str | None,
    requests_per_minute: int | None,
    tokens_per_day: int | None,
) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not name.strip() or len(name.strip()) > 100:
        errors["name"] = _("Give the key a name of at most 100 characters.")
    if (user is None) == (not service_name):
        errors["holder"] = _("Bind the key to either a person or a service.")
    if service_name and len(service_name) > 100:
        errors["holder"] = _("The service name can be at most 100 characters.")
    for field, value in (("requests_per_minute", requests_per_minute), ("tokens", tokens_per_day)):
        if value is not None and value < 1:
            errors[field] = _("A limit must be a whole number above zero.")
    return errors


def create_key(
    session: Session,
    *,
    actor: Actor,
    name: str,
    use_case_id: uuid.UUID,
    user: User | None = None,
    service_name: str | None = None,
    requests_per_minute: int | None = None,
    tokens_per_day: int | None = None,
) -> tuple[GatewayKey, str]:
    """A new gateway key for a use case, bound to a person or a service; the key is shown once."""
    use_case = session.get(UseCase, use_case_id)
    if use_case is None:
        raise NotFound()
    require_edit_organisation(actor, use_case.organisation_id)
    service_name = (service_name or "").strip() or None
    errors = _validate(name, user, service_name, requests_per_minute, tokens_per_day)
    if errors:
        raise ValidationFailed(errors)
    plain = new_token(KEY_PREFIX)
    key = GatewayKey(
        name=name.strip(),
        token_hash=token_hash(plain),
        prefix=plain[:10],
        user_id=user.id if user else None,
        service_name=service_name,
        organisation_id=use_case.organisation_id,
        use_case_id=use_case.id,
        requests_per_minute=requests_per_minute,
        tokens_per_day=tokens_per_day,
        created_by_id=actor.user_id,
    )
    session.add(key)
    _changed(session, actor, key, "create", {}, {"use_case": use_case.ref, "prefix": key.prefix})
    return key, plain


def _changed(
    session: Session,
    actor: Actor,
    key: GatewayKey,
    action: str,
    old: dict[str, object],
    new: dict[str, object],
) -> None:
    """Audit a key change and publish the gateway's policy in the same transaction."""
    session.flush()
    record_change(
        session,
        actor=actor,
        entity_type="gateway_key",
        entity_id=str(key.id),
        action=action,
        old=old,
        new=new,
    )
    snapshot.publish(session)


def list_keys(session: Session, *, actor: Actor, include_revoked: bool = True) -> list[GatewayKey]:
    """Keys the actor may see: administrators and reviewers all, others their organisation's."""
    query = (
        select(GatewayKey)
        .options(joinedload(GatewayKey.use_case), joinedload(GatewayKey.organisation))
        .order_by(GatewayKey.created_at.desc())
    )
    if actor.role not in (Role.admin, Role.reviewer):
        query = query.where(GatewayKey.organisation_id == actor.organisation_id)
    if not include_revoked:
        query = query.where(GatewayKey.revoked_at.is_(None))
    return list(session.scalars(query))


def revoke_key(session: Session, *, actor: Actor, key_id: uuid.UUID) -> GatewayKey:
    """Revoke a key; the gateway refuses it from its next policy refresh."""
    key = session.get(GatewayKey, key_id)
    if key is None:
        raise NotFound()
    require_edit_organisation(actor, key.organisation_id)
    if key.revoked_at is None:
        key.revoked_at = utcnow()
        _changed(session, actor, key, "revoke", {"revoked": False}, {"revoked": True})
    return key


def find_key(session: Session, *, prefix: str) -> GatewayKey | None:
    """A key by its visible prefix (the CLI revokes by prefix)."""
    return session.scalar(select(GatewayKey).where(GatewayKey.prefix == prefix))


def issuable_use_cases(session: Session, *, actor: Actor) -> list[UseCase]:
    """Use cases with an AI system that the actor may issue keys for."""
    query = select(UseCase).where(UseCase.ai_system_id.is_not(None)).order_by(UseCase.ref)
    if actor.role != Role.admin:
        query = query.where(UseCase.organisation_id == actor.organisation_id)
    return list(session.scalars(query))
