"""Use cases and benefits: business operations. Services flush; the caller commits once."""

from __future__ import annotations

import secrets
import uuid

from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from tryggki.audit.service import record_change, record_snapshots
from tryggki.auth.actor import Actor
from tryggki.auth.permissions import may_mark_reviewed, require_edit_organisation
from tryggki.db.base import utcnow
from tryggki.exceptions import Conflict, Forbidden, NotFound, ValidationFailed
from tryggki.i18n import gettext as _
from tryggki.models import Benefit, BenefitMeasurement, Organisation, UseCase, UseCaseDataCategory
from tryggki.registry import repository as repo
from tryggki.registry.mapping import benefit_in, measurement_out, use_case_in
from tryggki.registry.schemas import BenefitIn, MeasurementIn, UseCaseIn
from tryggki.registry.vocabulary import Stage


def _resolve(session: Session, data: UseCaseIn) -> tuple[Organisation, uuid.UUID | None]:
    errors: dict[str, str] = {}
    organisation = repo.organisation_by_code(session, data.organisation)
    if organisation is None:
        errors["organisation"] = _("Unknown organisation.")
    system_id = None
    if data.ai_system:
        system = repo.ai_system_by_name(session, data.ai_system)
        if system is None:
            errors["ai_system"] = _("Unknown AI system: register it first.")
        else:
            system_id = system.id
    if errors:
        raise ValidationFailed(errors)
    assert organisation is not None
    return organisation, system_id


def _new_ref(session: Session, organisation: Organisation) -> str:
    """A readable reference such as ``HELSE-BERGEN-2026-4F2A``; retried on the rare clash."""
    prefix = organisation.code.upper().replace("_", "-")[:20]
    while True:
        ref = f"{prefix}-{utcnow().year}-{secrets.token_hex(2).upper()}"
        if not repo.ref_taken(session, ref):
            return ref


def _apply(
    uc: UseCase, data: UseCaseIn, organisation: Organisation, system_id: uuid.UUID | None
) -> None:
    uc.title = data.title
    uc.description = data.description or ""
    uc.intended_purpose = data.intended_purpose or ""
    uc.organisation_id = organisation.id
    uc.organisation = organisation
    uc.ai_system_id = system_id
    uc.purpose_domain = data.purpose_domain
    uc.lifecycle_stage = data.lifecycle_stage
    uc.clinical_function = data.clinical_function
    uc.human_involvement = data.human_involvement
    uc.users = list(data.users)
    uc.affected = list(data.affected)
    if uc.data_categories != data.data_categories:
        uc.data_category_rows = [UseCaseDataCategory(category=c) for c in data.data_categories]
    uc.owner_unit = data.owner_unit
    uc.system_owner = data.system_owner
    uc.benefit_owner = data.benefit_owner
    uc.planned_go_live = data.planned_go_live
    uc.in_use_since = data.in_use_since
    uc.is_public = data.is_public
    uc.public_summary = data.public_summary


def create_use_case(
    session: Session,
    *,
    data: UseCaseIn,
    actor: Actor,
    adopted_from_id: uuid.UUID | None = None,
    is_demo: bool = False,
) -> UseCase:
    """Register a use case in the actor's (or, for administrators, any) organisation."""
    organisation, system_id = _resolve(session, data)
    require_edit_organisation(actor, organisation.id)
    if data.ref and repo.ref_taken(session, data.ref):
        raise ValidationFailed({"ref": _("This reference is already in use.")})
    uc = UseCase(
        id=uuid.uuid4(),
        ref=data.ref or _new_ref(session, organisation),
        last_reviewed_at=utcnow(),
        created_by_id=actor.user_id,
        adopted_from_id=adopted_from_id,
        is_demo=is_demo,
        data_category_rows=[],
    )
    _apply(uc, data, organisation, system_id)
    session.add(uc)
    session.flush()
    loaded = repo.get_use_case(session, uc.id)
    assert loaded is not None
    record_snapshots(
        session,
        actor=actor,
        entity_type="use_case",
        entity_id=loaded.id,
        action="create",
        old=None,
        new=use_case_in(loaded),
    )
    return loaded


def get_use_case(session: Session, *, use_case_id: uuid.UUID) -> UseCase:
    """A use case, or NotFound."""
    uc = repo.get_use_case(session, use_case_id)
    if uc is None:
        raise NotFound()
    return uc


def update_use_case(
    session: Session,
    *,
    use_case_id: uuid.UUID,
    data: UseCaseIn,
    actor: Actor,
    expected_version: int | None = None,
) -> UseCase:
    """Change a use case; both its old and new organisation must be the editor's."""
    uc = get_use_case(session, use_case_id=use_case_id)
    require_edit_organisation(actor, uc.organisation_id)
    if expected_version is not None and expected_version != uc.version:
        raise Conflict()
    organisation, system_id = _resolve(session, data)
    require_edit_organisation(actor, organisation.id)
    if data.ref and data.ref != uc.ref and repo.ref_taken(session, data.ref, except_id=uc.id):
        raise ValidationFailed({"ref": _("This reference is already in use.")})
    old = use_case_in(uc)
    uc.ref = data.ref or uc.ref
    _apply(uc, data, organisation, system_id)
    uc.last_reviewed_at = utcnow()
    try:
        session.flush()
    except StaleDataError as exc:
        raise Conflict() from exc
    loaded = repo.get_use_case(session, uc.id)
    assert loaded is not None
    record_snapshots(
        session,
        actor=actor,
        entity_type="use_case",
        entity_id=loaded.id,
        action="update",
        old=old,
        new=use_case_in(loaded),
    )
    return loaded


def delete_use_case(session: Session, *, use_case_id: uuid.UUID, actor: Actor) -> None:
    """Remove a use case with its benefits; adoptions keep their data but lose the link."""
    uc = get_use_case(session, use_case_id=use_case_id)
    require_edit_organisation(actor, uc.organisation_id)
    old = use_case_in(uc)
    record_snapshots(
        session,
        actor=actor,
        entity_type="use_case",
        entity_id=uc.id,
        action="delete",
        old=old,
        new=None,
    )
    session.delete(uc)
    session.flush()


def mark_reviewed(session: Session, *, use_case_id: uuid.UUID, actor: Actor) -> UseCase:
    """Confirm that a record is still correct; clears the stale flag."""
    uc = get_use_case(session, use_case_id=use_case_id)
    if not may_mark_reviewed(actor, uc.organisation_id):
        raise Forbidden()
    before = uc.last_reviewed_at
    uc.last_reviewed_at = utcnow()
    record_change(
        session,
        actor=actor,
        entity_type="use_case",
        entity_id=str(uc.id),
        action="review",
        old={"last_reviewed_at": before.isoformat()},
        new={"last_reviewed_at": uc.last_reviewed_at.isoformat()},
    )
    return uc


def adopt_use_case(
    session: Session, *, use_case_id: uuid.UUID, organisation_code: str, actor: Actor
) -> UseCase:
    """Copy a use case into another trust as a new idea, keeping lineage and the benefit plan."""
    source = get_use_case(session, use_case_id=use_case_id)
    organisation = repo.organisation_by_code(session, organisation_code)
    if organisation is None:
        raise ValidationFailed({"organisation": _("Unknown organisation.")})
    if organisation.id == source.organisation_id:
        raise ValidationFailed(
            {"organisation": _("The use case already belongs to this organisation.")}
        )
    data = use_case_in(source).model_copy(
        update={
            "ref": None,
            "organisation": organisation_code,
            "lifecycle_stage": Stage.idea,
            "is_public": False,
            "in_use_since": None,
            "planned_go_live": None,
            "system_owner": None,
            "benefit_owner": None,
            "owner_unit": None,
        }
    )
    copy = create_use_case(session, data=data, actor=actor, adopted_from_id=source.id)
    for benefit in source.benefits:
        add_benefit(
            session,
            use_case_id=copy.id,
            data=benefit_in(benefit).model_copy(
                update={"owner": None, "baseline_value": None, "baseline_date": None}
            ),
            actor=actor,
        )
    return get_use_case(session, use_case_id=copy.id)


def _editable_use_case(session: Session, use_case_id: uuid.UUID, actor: Actor) -> UseCase:
    uc = get_use_case(session, use_case_id=use_case_id)
    require_edit_organisation(actor, uc.organisation_id)
    return uc


def add_benefit(
    session: Session, *, use_case_id: uuid.UUID, data: BenefitIn, actor: Actor
) -> Benefit:
    """Add an expected benefit to a use case."""
    _editable_use_case(session, use_case_id, actor)
    benefit = Benefit(id=uuid.uuid4(), use_case_id=use_case_id, **data.model_dump())
    session.add(benefit)
    session.flush()
    record_snapshots(
        session,
        actor=actor,
        entity_type="benefit",
        entity_id=benefit.id,
        action="create",
        old=None,
        new=data,
    )
    return benefit


def get_benefit(session: Session, *, benefit_id: uuid.UUID) -> Benefit:
    """A benefit with its measurements and use case, or NotFound."""
    benefit = repo.get_benefit(session, benefit_id)
    if benefit is None:
        raise NotFound()
    return benefit


def _editable_benefit(session: Session, benefit_id: uuid.UUID, actor: Actor) -> Benefit:
    benefit = get_benefit(session, benefit_id=benefit_id)
    require_edit_organisation(actor, benefit.use_case.organisation_id)
    return benefit


def update_benefit(
    session: Session, *, benefit_id: uuid.UUID, data: BenefitIn, actor: Actor
) -> Benefit:
    """Change a benefit's estimate or plan."""
    benefit = _editable_benefit(session, benefit_id, actor)
    old = benefit_in(benefit)
    for name, value in data.model_dump().items():
        setattr(benefit, name, value)
    session.flush()
    record_snapshots(
        session,
        actor=actor,
        entity_type="benefit",
        entity_id=benefit.id,
        action="update",
        old=old,
        new=benefit_in(benefit),
    )
    return benefit


def delete_benefit(session: Session, *, benefit_id: uuid.UUID, actor: Actor) -> uuid.UUID:
    """Remove a benefit and its measurements; returns the use case id."""
    benefit = _editable_benefit(session, benefit_id, actor)
    record_snapshots(
        session,
        actor=actor,
        entity_type="benefit",
        entity_id=benefit.id,
        action="delete",
        old=benefit_in(benefit),
        new=None,
    )
    session.delete(benefit)
    session.flush()
    return benefit.use_case_id


def add_measurement(
    session: Session, *, benefit_id: uuid.UUID, data: MeasurementIn, actor: Actor
) -> BenefitMeasurement:
    """Record a realised value of a benefit for one period."""
    benefit = _editable_benefit(session, benefit_id, actor)
    measurement = BenefitMeasurement(id=uuid.uuid4(), benefit_id=benefit.id, **data.model_dump())
    session.add(measurement)
    session.flush()
    record_snapshots(
        session,
        actor=actor,
        entity_type="benefit_measurement",
        entity_id=measurement.id,
        action="create",
        old=None,
        new=data,
    )
    return measurement


def delete_measurement(session: Session, *, measurement_id: uuid.UUID, actor: Actor) -> uuid.UUID:
    """Remove a measurement; returns its benefit's use case id."""
    measurement = repo.get_measurement(session, measurement_id)
    if measurement is None:
        raise NotFound()
    benefit = _editable_benefit(session, measurement.benefit_id, actor)
    record_snapshots(
        session,
        actor=actor,
        entity_type="benefit_measurement",
        entity_id=measurement.id,
        action="delete",
        old=measurement_out(measurement),
        new=None,
    )
    session.delete(measurement)
    session.flush()
    return benefit.use_case_id
