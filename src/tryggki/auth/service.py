"""Accounts, login sessions and API tokens."""

from __future__ import annotations

import re
import uuid
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from tryggki.audit.service import record_change
from tryggki.auth.actor import Actor
from tryggki.auth.permissions import require_admin
from tryggki.auth.secrets import hash_password, new_token, token_hash, verify_password
from tryggki.db.base import utcnow
from tryggki.exceptions import NotFound, ValidationFailed
from tryggki.i18n import gettext as _
from tryggki.models import ApiToken, LoginSession, Organisation, Role, User

SESSION_TTL = timedelta(hours=12)
MIN_PASSWORD_LENGTH = 12
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def actor_for(user: User, channel: str) -> Actor:
    """The actor that ``user`` acts as on a channel."""
    return Actor(
        user_id=user.id,
        role=Role(user.role),
        organisation_id=user.organisation_id,
        channel="api" if channel == "api" else "web" if channel == "web" else "cli",
        display_name=user.display_name,
    )


def _role_and_organisation(
    session: Session, role: str, organisation_code: str | None, errors: dict[str, str]
) -> Organisation | None:
    """Check the role and resolve the organisation; editors must have one."""
    if role not in {r.value for r in Role}:
        errors["role"] = _("Choose a valid role.")
    if not organisation_code:
        if role == Role.editor:
            errors["organisation"] = _("An editor must belong to an organisation.")
        return None
    organisation = session.scalar(
        select(Organisation).where(Organisation.code == organisation_code)
    )
    if organisation is None:
        errors["organisation"] = _("Unknown organisation.")
    return organisation


def _validate_user(
    session: Session,
    *,
    email: str,
    display_name: str,
    password: str | None,
    role: str,
    organisation_code: str | None,
) -> tuple[dict[str, str], Organisation | None]:
    errors: dict[str, str] = {}
    if not _EMAIL.match(email):
        errors["email"] = _("Enter a valid e-mail address.")
    elif session.scalar(select(User.id).where(User.email == email)) is not None:
        errors["email"] = _("A user with this e-mail address already exists.")
    if not display_name.strip():
        errors["display_name"] = _("This field is required.")
    if password is not None and len(password) < MIN_PASSWORD_LENGTH:
        errors["password"] = _("The password must have at least 12 characters.")
    organisation = _role_and_organisation(session, role, organisation_code, errors)
    return errors, organisation


def create_user(
    session: Session,
    *,
    email: str,
    display_name: str,
    password: str,
    role: str,
    organisation_code: str | None,
    actor: Actor,
) -> User:
    """Create a local account; only administrators (or the system, for the first one) may."""
    require_admin(actor)
    email = email.strip().lower()
    errors, organisation = _validate_user(
        session,
        email=email,
        display_name=display_name,
        password=password,
        role=role,
        organisation_code=organisation_code,
    )
    if errors:
        raise ValidationFailed(errors)
    user = User(
        id=uuid.uuid4(),
        email=email,
        display_name=display_name.strip(),
        password_hash=hash_password(password),
        role=role,
        organisation_id=organisation.id if organisation else None,
    )
    session.add(user)
    session.flush()
    record_change(
        session,
        actor=actor,
        entity_type="user",
        entity_id=str(user.id),
        action="create",
        old={},
        new={
            "email": email,
            "display_name": user.display_name,
            "role": role,
            "organisation": organisation_code,
        },
    )
    return user


def list_users(session: Session, *, actor: Actor) -> list[User]:
    """Every account, for administrators."""
    require_admin(actor)
    stmt = select(User).options(selectinload(User.organisation)).order_by(User.email)
    return list(session.scalars(stmt))


def set_user_access(
    session: Session,
    *,
    user_id: uuid.UUID,
    role: str,
    organisation_code: str | None,
    is_active: bool,
    actor: Actor,
) -> User:
    """Change a user's role, organisation or active state."""
    require_admin(actor)
    user = session.get(User, user_id)
    if user is None:
        raise NotFound()
    errors: dict[str, str] = {}
    organisation = _role_and_organisation(session, role, organisation_code, errors)
    if errors:
        raise ValidationFailed(errors)
    old = {
        "role": user.role,
        "organisation_id": str(user.organisation_id),
        "active": user.is_active,
    }
    user.role = role
    user.organisation_id = organisation.id if organisation else None
    user.is_active = is_active
    if not is_active:
        for login in session.scalars(select(LoginSession).where(LoginSession.user_id == user.id)):
            session.delete(login)
    new = {"role": user.role, "organisation_id": str(user.organisation_id), "active": is_active}
    record_change(
        session,
        actor=actor,
        entity_type="user",
        entity_id=str(user.id),
        action="update",
        old=old,
        new=new,
    )
    return user


def authenticate(session: Session, *, email: str, password: str) -> User | None:
    """The active user with these credentials, or None."""
    user = session.scalar(select(User).where(User.email == email.strip().lower()))
    ok = verify_password(user.password_hash if user else None, password)
    if user is None or not ok or not user.is_active:
        return None
    user.last_login_at = utcnow()
    return user


def start_session(session: Session, *, user: User) -> str:
    """A new login session; returns the cookie token (only its hash is stored)."""
    token = new_token("s_")
    session.add(
        LoginSession(
            token_hash=token_hash(token), user_id=user.id, expires_at=utcnow() + SESSION_TTL
        )
    )
    session.flush()
    return token


def end_session(session: Session, *, token: str) -> None:
    """Log out: forget the session."""
    login = session.scalar(select(LoginSession).where(LoginSession.token_hash == token_hash(token)))
    if login is not None:
        session.delete(login)


def user_for_session(session: Session, *, token: str) -> User | None:
    """The active user of a live session token."""
    stmt = (
        select(User)
        .join(LoginSession, LoginSession.user_id == User.id)
        .where(LoginSession.token_hash == token_hash(token), LoginSession.expires_at > utcnow())
        .where(User.is_active.is_(True))
    )
    return session.scalar(stmt)


def create_api_token(session: Session, *, user: User, name: str) -> tuple[ApiToken, str]:
    """A new API token for ``user``; the plain token is returned once and never stored."""
    if not name.strip() or len(name) > 100:
        raise ValidationFailed({"name": _("Give the token a name of at most 100 characters.")})
    plain = new_token("tki_")
    token = ApiToken(
        name=name.strip(), token_hash=token_hash(plain), prefix=plain[:10], user_id=user.id
    )
    session.add(token)
    session.flush()
    return token, plain


def list_api_tokens(session: Session, *, user_id: uuid.UUID) -> list[ApiToken]:
    """A user's API tokens, newest first."""
    stmt = select(ApiToken).where(ApiToken.user_id == user_id).order_by(ApiToken.created_at.desc())
    return list(session.scalars(stmt))


def revoke_api_token(session: Session, *, token_id: uuid.UUID, user_id: uuid.UUID) -> None:
    """Revoke one of the user's own tokens."""
    token = session.get(ApiToken, token_id)
    if token is None or token.user_id != user_id:
        raise NotFound()
    token.revoked_at = token.revoked_at or utcnow()


def user_for_api_token(session: Session, *, token: str, now: datetime | None = None) -> User | None:
    """The active user of a live API token."""
    stmt = (
        select(ApiToken, User)
        .join(User, User.id == ApiToken.user_id)
        .where(ApiToken.token_hash == token_hash(token), ApiToken.revoked_at.is_(None))
        .where(User.is_active.is_(True))
    )
    row = session.execute(stmt).first()
    if row is None:
        return None
    row[0].last_used_at = now or utcnow()
    return row[1]
