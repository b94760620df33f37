"""Between ORM rows and registry schemas (for forms, the API, audit snapshots and export)."""

from __future__ import annotations

from datetime import datetime

from tryggki.models import AISystem, Benefit, BenefitMeasurement, UseCase, Vendor
from tryggki.registry import calculations
from tryggki.registry.schemas import (
    AISystemIn,
    AISystemOut,
    BenefitIn,
    BenefitOut,
    MeasurementOut,
    UseCaseIn,
    UseCaseOut,
    VendorIn,
    VendorOut,
)
from tryggki.registry.vocabulary import (
    AffectedGroup,
    ClinicalFunction,
    DataCategory,
    HumanInvolvement,
    PurposeDomain,
    Stage,
    UserGroup,
)


def use_case_in(uc: UseCase) -> UseCaseIn:
    """The editable fields of a loaded use case (organisation and AI system must be loaded)."""
    return UseCaseIn.model_construct(
        ref=uc.ref,
        title=uc.title,
        description=uc.description or None,
        intended_purpose=uc.intended_purpose or None,
        organisation=uc.organisation.code,
        ai_system=uc.ai_system.name if uc.ai_system else None,
        purpose_domain=PurposeDomain(uc.purpose_domain),
        lifecycle_stage=Stage(uc.lifecycle_stage),
        clinical_function=ClinicalFunction(uc.clinical_function),
        human_involvement=HumanInvolvement(uc.human_involvement) if uc.human_involvement else None,
        users=[UserGroup(u) for u in uc.users],
        affected=[AffectedGroup(a) for a in uc.affected],
        data_categories=[DataCategory(c) for c in uc.data_categories],
        owner_unit=uc.owner_unit,
        system_owner=uc.system_owner,
        benefit_owner=uc.benefit_owner,
        planned_go_live=uc.planned_go_live,
        in_use_since=uc.in_use_since,
        is_public=uc.is_public,
        public_summary=uc.public_summary,
    )


def use_case_out(
    uc: UseCase, *, stale_before: datetime, adopted_from_ref: str | None
) -> UseCaseOut:
    """The API shape of a use case."""
    values = use_case_in(uc).model_dump()
    return UseCaseOut(
        **values,
        id=uc.id,
        organisation_name=uc.organisation.name,
        adopted_from=adopted_from_ref,
        last_reviewed_at=uc.last_reviewed_at,
        stale=uc.last_reviewed_at < stale_before,
        created_at=uc.created_at,
        updated_at=uc.updated_at,
        version=uc.version,
    )


BENEFIT_FIELDS = tuple(BenefitIn.model_fields)


def benefit_in(b: Benefit) -> BenefitIn:
    """The editable fields of a benefit."""
    return BenefitIn.model_validate({name: getattr(b, name) for name in BENEFIT_FIELDS})


def benefit_out(b: Benefit, *, hours_per_fte: float, hour_cost_nok: float) -> BenefitOut:
    """The API shape of a benefit with its estimate (measurements must be loaded)."""
    yearly = calculations.yearly_estimate(b)
    hours = yearly if b.measure == "hours" else None
    return BenefitOut(
        **benefit_in(b).model_dump(),
        id=b.id,
        yearly_estimate=yearly,
        fte=calculations.fte(hours, hours_per_fte) if hours is not None else None,
        nok_value=calculations.nok_value(hours, hour_cost_nok) if hours is not None else None,
        measurements=[measurement_out(m) for m in b.measurements],
    )


def measurement_out(m: BenefitMeasurement) -> MeasurementOut:
    """The API shape of a measurement."""
    return MeasurementOut(
        id=m.id, period_start=m.period_start, period_end=m.period_end, value=m.value, note=m.note
    )


AI_SYSTEM_FIELDS = tuple(name for name in AISystemIn.model_fields if name != "vendor")


def ai_system_in(s: AISystem) -> AISystemIn:
    """The editable fields of an AI system (vendor must be loaded)."""
    values = {name: getattr(s, name) for name in AI_SYSTEM_FIELDS}
    return AISystemIn.model_validate({**values, "vendor": s.vendor.name if s.vendor else None})


def ai_system_out(s: AISystem) -> AISystemOut:
    """The API shape of an AI system."""
    return AISystemOut(
        **ai_system_in(s).model_dump(),
        id=s.id,
        last_reviewed_at=s.last_reviewed_at,
        version=s.version,
    )


VENDOR_FIELDS = tuple(VendorIn.model_fields)


def vendor_in(v: Vendor) -> VendorIn:
    """The editable fields of a vendor."""
    return VendorIn.model_validate({name: getattr(v, name) for name in VENDOR_FIELDS})


def vendor_out(v: Vendor) -> VendorOut:
    """The API shape of a vendor."""
    return VendorOut(**vendor_in(v).model_dump(), id=v.id)
