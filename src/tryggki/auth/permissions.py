"""Permission checks; each raises ``Forbidden`` with a message in the user's language."""

from __future__ import annotations

import uuid

from tryggki.auth.actor import Actor
from tryggki.exceptions import Forbidden
from tryggki.i18n import gettext as _
from tryggki.models.user import Role


def may_edit_organisation(actor: Actor, organisation_id: uuid.UUID) -> bool:
    """Administrators edit everything; editors only their own organisation's records."""
    if actor.role == Role.admin:
        return True
    return actor.role == Role.editor and actor.organisation_id == organisation_id


def require_edit_organisation(actor: Actor, organisation_id: uuid.UUID) -> None:
    """Refuse changes to another organisation's records."""
    if not may_edit_organisation(actor, organisation_id):
        if actor.role == Role.editor:
            raise Forbidden(_("Editors can only change records of their own organisation."))
        raise Forbidden()


def may_edit_catalogue(actor: Actor) -> bool:
    """AI systems and vendors are shared across trusts: editors and administrators maintain them."""
    return actor.role in (Role.editor, Role.admin)


def require_edit_catalogue(actor: Actor) -> None:
    """Refuse catalogue changes to readers and reviewers."""
    if not may_edit_catalogue(actor):
        raise Forbidden()


def may_mark_reviewed(actor: Actor, organisation_id: uuid.UUID) -> bool:
    """Reviewers confirm records of any organisation; editors their own."""
    return actor.role == Role.reviewer or may_edit_organisation(actor, organisation_id)


def require_admin(actor: Actor) -> None:
    """Refuse everything but administrators."""
    if actor.role != Role.admin:
        raise Forbidden()


def require_review_assessment(actor: Actor) -> None:
    """Assessments are approved or sent back by reviewers (and administrators)."""
    if actor.role not in (Role.reviewer, Role.admin):
        raise Forbidden(_("Only reviewers can approve or send back an assessment."))


def may_review_assessment(actor: Actor) -> bool:
    """Whether the actor may approve or send back assessments."""
    return actor.role in (Role.reviewer, Role.admin)


def may_score_portfolio(actor: Actor) -> bool:
    """Reviewers and administrators (the regional AI coordinator) score and set priorities."""
    return actor.role in (Role.reviewer, Role.admin)


def require_score_portfolio(actor: Actor) -> None:
    """Refuse portfolio scores, weight sets and focus areas to editors and readers."""
    if not may_score_portfolio(actor):
        raise Forbidden(_("Only reviewers and administrators can score and set priorities."))


def require_manage_indicators(actor: Actor) -> None:
    """The indicator catalogue is kept by reviewers and administrators."""
    if actor.role not in (Role.reviewer, Role.admin):
        raise Forbidden(_("Only reviewers and administrators can change the indicator catalogue."))


def require_enter_measurement(actor: Actor, organisation_id: uuid.UUID | None) -> None:
    """Reviewers and administrators enter values for any scope, editors for their organisation."""
    if actor.role in (Role.reviewer, Role.admin):
        return
    if actor.role == Role.editor and organisation_id and actor.organisation_id == organisation_id:
        return
    raise Forbidden(_("You may enter values only for your own organisation."))
