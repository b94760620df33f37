"""Getting a database ready: migrations, reference data, demo data and the first administrator."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tryggki.access import snapshot
from tryggki.assessments.demo import load_demo_assessments
from tryggki.assessments.service import Context
from tryggki.auth import service as auth
from tryggki.auth.actor import Actor
from tryggki.config import Settings
from tryggki.db import migrate
from tryggki.db.base import oslo_today
from tryggki.db.session import make_engine, make_sessionmaker, unit_of_work
from tryggki.indicators.demo import load_demo_indicators
from tryggki.indicators.service import ensure_catalogue
from tryggki.models import Role, UseCase, User
from tryggki.portfolio.demo import load_demo_portfolio
from tryggki.registry.demo import load_demo_data
from tryggki.registry.flows import ImportReport
from tryggki.registry.organisations import ensure_organisations
from tryggki.rules import versions
from tryggki.rules.loader import load_rulebook

FIRST_ADMIN_EMAIL = "admin@tryggki.local"


@dataclass(frozen=True)
class Prepared:
    """What preparing the database did."""

    demo_loaded: bool
    admin_password: str | None


def upgrade_database(settings: Settings) -> None:
    """Create the data directory, apply migrations and insert the reference organisations."""
    if settings.is_sqlite:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
    migrate.upgrade(settings.sqlalchemy_url)
    engine = make_engine(settings.sqlalchemy_url)
    with unit_of_work(make_sessionmaker(engine)) as session:
        ensure_organisations(session)
        ensure_catalogue(session)
        # The running rulebook joins the version history (for the document's history and diffs).
        versions.record(session, load_rulebook())
    engine.dispose()


def prepare(settings: Settings) -> Prepared:
    """Everything a first start needs: schema, organisations, demo data, a first administrator."""
    upgrade_database(settings)
    engine = make_engine(settings.sqlalchemy_url)
    try:
        with unit_of_work(make_sessionmaker(engine)) as session:
            demo = settings.load_demo_data and _registry_empty(session)
            if demo:
                load_demo(session, settings)
            password = _first_admin(session)
            # The gateway serves from this snapshot; a start is when systems or approvals change.
            snapshot.publish(session)
    finally:
        engine.dispose()
    return Prepared(demo_loaded=demo, admin_password=password)


def load_demo(session: Session, settings: Settings) -> ImportReport:
    """The demo registry and the demo assessments (loading again duplicates nothing)."""
    report = load_demo_data(session)
    load_demo_assessments(session, Context.for_today(load_rulebook(), settings))
    load_demo_portfolio(session)
    load_demo_indicators(session, settings, oslo_today())
    return report


def _registry_empty(session: Session) -> bool:
    return (session.scalar(select(func.count()).select_from(UseCase)) or 0) == 0


def _first_admin(session: Session) -> str | None:
    """Create ``admin@tryggki.local`` with a random password when there is no administrator
    (the demo data's reviewers carry demo scores only and cannot log in)."""
    admins = select(func.count()).select_from(User).where(User.role == Role.admin)
    if (session.scalar(admins) or 0) > 0:
        return None
    password = secrets.token_urlsafe(12)
    auth.create_user(
        session,
        email=FIRST_ADMIN_EMAIL,
        display_name="Administrator",
        password=password,
        role="admin",
        organisation_code=None,
        actor=Actor.system("cli"),
    )
    return password
