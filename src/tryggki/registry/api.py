"""JSON routes of the registry under /api/v1."""

from __future__ import annotations

import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Body, Query, Request, Response
from pydantic import BaseModel

from tryggki.api.deps import Reader, Writer
from tryggki.db.base import utcnow
from tryggki.exceptions import ValidationFailed
from tryggki.registry import calculations, catalogue, flows, public, service
from tryggki.registry import repository as repo
from tryggki.registry.exchange import FORMAT_VERSION, Format, UnreadableFile, json_schema
from tryggki.registry.mapping import (
    ai_system_out,
    benefit_out,
    measurement_out,
    use_case_out,
    vendor_out,
)
from tryggki.registry.repository import SortKey, UseCaseFilter
from tryggki.registry.schemas import (
    AISystemIn,
    AISystemOut,
    BenefitIn,
    BenefitOut,
    MeasurementIn,
    MeasurementOut,
    OrganisationOut,
    UseCaseIn,
    UseCaseOut,
    VendorIn,
    VendorOut,
)
from tryggki.registry.vocabulary import DataCategory, EffectGoal, PurposeDomain, Stage
from tryggki.web.deps import DbSession, SettingsDep

router = APIRouter()


class UseCasePage(BaseModel):
    """One page of use cases."""

    items: list[UseCaseOut]
    total: int
    page: int
    page_size: int


class AdoptIn(BaseModel):
    """Where to adopt a use case."""

    organisation: str


class ImportResult(BaseModel):
    """Counts of what an import created and updated."""

    created: dict[str, int]
    updated: dict[str, int]


@router.get("/use-cases", response_model=UseCasePage, tags=["use cases"])
def list_use_cases(
    db: DbSession,
    settings: SettingsDep,
    actor: Reader,
    organisation: str | None = None,
    stage: Stage | None = None,
    domain: PurposeDomain | None = None,
    effect_goal: EffectGoal | None = None,
    data_category: DataCategory | None = None,
    q: Annotated[str | None, Query(max_length=200)] = None,
    stale: bool = False,
    sort: SortKey = "title",
    order: Literal["asc", "desc"] = "asc",
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
    page_size: Annotated[int, Query(ge=1, le=200)] = 50,
) -> UseCasePage:
    """Use cases, filtered, sorted and paged."""
    cutoff = calculations.stale_cutoff(utcnow(), settings.stale_after_months)
    f = UseCaseFilter(
        organisation=organisation,
        stage=stage,
        domain=domain,
        effect_goal=effect_goal,
        data_category=data_category,
        q=q,
        stale_before=cutoff if stale else None,
    )
    rows, total = repo.list_use_cases(
        db, f, sort=sort, descending=order == "desc", offset=(page - 1) * page_size, limit=page_size
    )
    lineage = repo.refs_by_id(db, {uc.adopted_from_id for uc in rows if uc.adopted_from_id})
    items = [
        use_case_out(
            uc,
            stale_before=cutoff,
            adopted_from_ref=lineage.get(uc.adopted_from_id) if uc.adopted_from_id else None,
        )
        for uc in rows
    ]
    return UseCasePage(items=items, total=total, page=page, page_size=page_size)


def _out(db: DbSession, settings: SettingsDep, use_case_id: uuid.UUID) -> UseCaseOut:
    uc = service.get_use_case(db, use_case_id=use_case_id)
    cutoff = calculations.stale_cutoff(utcnow(), settings.stale_after_months)
    return use_case_out(
        uc, stale_before=cutoff, adopted_from_ref=uc.adopted_from.ref if uc.adopted_from else None
    )


@router.post("/use-cases", response_model=UseCaseOut, status_code=201, tags=["use cases"])
def create_use_case(
    data: UseCaseIn, db: DbSession, settings: SettingsDep, actor: Writer
) -> UseCaseOut:
    """Register a use case."""
    uc = service.create_use_case(db, data=data, actor=actor)
    return _out(db, settings, uc.id)


@router.get("/use-cases/{use_case_id}", response_model=UseCaseOut, tags=["use cases"])
def get_use_case(
    use_case_id: uuid.UUID, db: DbSession, settings: SettingsDep, actor: Reader
) -> UseCaseOut:
    """One use case."""
    return _out(db, settings, use_case_id)


@router.put("/use-cases/{use_case_id}", response_model=UseCaseOut, tags=["use cases"])
def update_use_case(
    use_case_id: uuid.UUID,
    data: UseCaseIn,
    db: DbSession,
    settings: SettingsDep,
    actor: Writer,
    request: Request,
) -> UseCaseOut:
    """Replace a use case's fields; send ``If-Match: <version>`` to refuse lost updates."""
    if_match = request.headers.get("If-Match", "").strip('"')
    service.update_use_case(
        db,
        use_case_id=use_case_id,
        data=data,
        actor=actor,
        expected_version=int(if_match) if if_match.isdigit() else None,
    )
    return _out(db, settings, use_case_id)


@router.delete("/use-cases/{use_case_id}", status_code=204, tags=["use cases"])
def delete_use_case(use_case_id: uuid.UUID, db: DbSession, actor: Writer) -> Response:
    """Delete a use case with its benefits."""
    service.delete_use_case(db, use_case_id=use_case_id, actor=actor)
    return Response(status_code=204)


@router.post("/use-cases/{use_case_id}/review", response_model=UseCaseOut, tags=["use cases"])
def review_use_case(
    use_case_id: uuid.UUID, db: DbSession, settings: SettingsDep, actor: Writer
) -> UseCaseOut:
    """Confirm the record is up to date (clears the stale flag)."""
    service.mark_reviewed(db, use_case_id=use_case_id, actor=actor)
    return _out(db, settings, use_case_id)


@router.post(
    "/use-cases/{use_case_id}/adopt", response_model=UseCaseOut, status_code=201, tags=["use cases"]
)
def adopt_use_case(
    use_case_id: uuid.UUID, data: AdoptIn, db: DbSession, settings: SettingsDep, actor: Writer
) -> UseCaseOut:
    """Copy a use case into another trust, keeping the lineage."""
    copy = service.adopt_use_case(
        db, use_case_id=use_case_id, organisation_code=data.organisation, actor=actor
    )
    return _out(db, settings, copy.id)


@router.get("/use-cases/{use_case_id}/benefits", response_model=list[BenefitOut], tags=["benefits"])
def list_benefits(
    use_case_id: uuid.UUID, db: DbSession, settings: SettingsDep, actor: Reader
) -> list[BenefitOut]:
    """The benefits of a use case with estimates and measurements."""
    uc = service.get_use_case(db, use_case_id=use_case_id)
    return [
        benefit_out(b, hours_per_fte=settings.hours_per_fte, hour_cost_nok=settings.hour_cost_nok)
        for b in uc.benefits
    ]


@router.post(
    "/use-cases/{use_case_id}/benefits",
    response_model=BenefitOut,
    status_code=201,
    tags=["benefits"],
)
def create_benefit(
    use_case_id: uuid.UUID, data: BenefitIn, db: DbSession, settings: SettingsDep, actor: Writer
) -> BenefitOut:
    """Add a benefit to a use case."""
    b = service.add_benefit(db, use_case_id=use_case_id, data=data, actor=actor)
    return _benefit(db, settings, b.id)


def _benefit(db: DbSession, settings: SettingsDep, benefit_id: uuid.UUID) -> BenefitOut:
    b = service.get_benefit(db, benefit_id=benefit_id)
    db.refresh(b, ["measurements"])
    return benefit_out(
        b, hours_per_fte=settings.hours_per_fte, hour_cost_nok=settings.hour_cost_nok
    )


@router.get("/benefits/{benefit_id}", response_model=BenefitOut, tags=["benefits"])
def get_benefit(
    benefit_id: uuid.UUID, db: DbSession, settings: SettingsDep, actor: Reader
) -> BenefitOut:
    """One benefit."""
    return _benefit(db, settings, benefit_id)


@router.put("/benefits/{benefit_id}", response_model=BenefitOut, tags=["benefits"])
def update_benefit(
    benefit_id: uuid.UUID, data: BenefitIn, db: DbSession, settings: SettingsDep, actor: Writer
) -> BenefitOut:
    """Replace a benefit's fields."""
    service.update_benefit(db, benefit_id=benefit_id, data=data, actor=actor)
    return _benefit(db, settings, benefit_id)


@router.delete("/benefits/{benefit_id}", status_code=204, tags=["benefits"])
def delete_benefit(benefit_id: uuid.UUID, db: DbSession, actor: Writer) -> Response:
    """Delete a benefit and its measurements."""
    service.delete_benefit(db, benefit_id=benefit_id, actor=actor)
    return Response(status_code=204)


@router.post(
    "/benefits/{benefit_id}/measurements",
    response_model=MeasurementOut,
    status_code=201,
    tags=["benefits"],
)
def create_measurement(
    benefit_id: uuid.UUID, data: MeasurementIn, db: DbSession, actor: Writer
) -> MeasurementOut:
    """Record a realised value of a benefit."""
    return measurement_out(
        service.add_measurement(db, benefit_id=benefit_id, data=data, actor=actor)
    )


@router.delete("/measurements/{measurement_id}", status_code=204, tags=["benefits"])
def delete_measurement(measurement_id: uuid.UUID, db: DbSession, actor: Writer) -> Response:
    """Delete a measurement."""
    service.delete_measurement(db, measurement_id=measurement_id, actor=actor)
    return Response(status_code=204)


@router.get("/ai-systems", response_model=list[AISystemOut], tags=["AI systems"])
def list_ai_systems(db: DbSession, actor: Reader) -> list[AISystemOut]:
    """All AI systems."""
    return [ai_system_out(s) for s in repo.ai_systems(db)]


@router.post("/ai-systems", response_model=AISystemOut, status_code=201, tags=["AI systems"])
def create_ai_system(data: AISystemIn, db: DbSession, actor: Writer) -> AISystemOut:
    """Register an AI system."""
    return ai_system_out(catalogue.save_ai_system(db, data=data, actor=actor))


@router.get("/ai-systems/{system_id}", response_model=AISystemOut, tags=["AI systems"])
def get_ai_system(system_id: uuid.UUID, db: DbSession, actor: Reader) -> AISystemOut:
    """One AI system."""
    return ai_system_out(catalogue.get_ai_system(db, system_id=system_id))


@router.put("/ai-systems/{system_id}", response_model=AISystemOut, tags=["AI systems"])
def update_ai_system(
    system_id: uuid.UUID, data: AISystemIn, db: DbSession, actor: Writer
) -> AISystemOut:
    """Replace an AI system's fields."""
    return ai_system_out(catalogue.save_ai_system(db, data=data, actor=actor, system_id=system_id))


@router.delete("/ai-systems/{system_id}", status_code=204, tags=["AI systems"])
def delete_ai_system(system_id: uuid.UUID, db: DbSession, actor: Writer) -> Response:
    """Delete an AI system no use case refers to."""
    catalogue.delete_ai_system(db, system_id=system_id, actor=actor)
    return Response(status_code=204)


@router.get("/vendors", response_model=list[VendorOut], tags=["vendors"])
def list_vendors(db: DbSession, actor: Reader) -> list[VendorOut]:
    """All vendors."""
    return [vendor_out(v) for v in repo.vendors(db)]


@router.post("/vendors", response_model=VendorOut, status_code=201, tags=["vendors"])
def create_vendor(data: VendorIn, db: DbSession, actor: Writer) -> VendorOut:
    """Register a vendor."""
    return vendor_out(catalogue.save_vendor(db, data=data, actor=actor))


@router.get("/vendors/{vendor_id}", response_model=VendorOut, tags=["vendors"])
def get_vendor(vendor_id: uuid.UUID, db: DbSession, actor: Reader) -> VendorOut:
    """One vendor."""
    return vendor_out(catalogue.get_vendor(db, vendor_id=vendor_id))


@router.put("/vendors/{vendor_id}", response_model=VendorOut, tags=["vendors"])
def update_vendor(vendor_id: uuid.UUID, data: VendorIn, db: DbSession, actor: Writer) -> VendorOut:
    """Replace a vendor's fields."""
    return vendor_out(catalogue.save_vendor(db, data=data, actor=actor, vendor_id=vendor_id))


@router.delete("/vendors/{vendor_id}", status_code=204, tags=["vendors"])
def delete_vendor(vendor_id: uuid.UUID, db: DbSession, actor: Writer) -> Response:
    """Delete a vendor that supplies no AI system."""
    catalogue.delete_vendor(db, vendor_id=vendor_id, actor=actor)
    return Response(status_code=204)


@router.get("/organisations", response_model=list[OrganisationOut], tags=["organisations"])
def list_organisations(db: DbSession, actor: Reader) -> list[OrganisationOut]:
    """The organisations of the plan."""
    return [OrganisationOut.model_validate(o, from_attributes=True) for o in repo.organisations(db)]


@router.get("/export", tags=["exchange"])
def export(db: DbSession, actor: Reader, format: Format = "json") -> Response:
    """The registry in CSV, Excel or JSON (see the schema endpoint)."""
    return Response(flows.export(db, format), media_type=flows.MEDIA_TYPES[format])


@router.post("/import", response_model=ImportResult, tags=["exchange"])
def import_registry(
    db: DbSession,
    actor: Writer,
    format: Format,
    body: Annotated[bytes, Body(media_type="application/octet-stream")],
) -> ImportResult:
    """Import a file; all or nothing, with every bad row and field reported (422)."""
    try:
        report = flows.import_file(db, data=body, fmt=format, actor=actor)
    except UnreadableFile as exc:
        raise ValidationFailed({"file": exc.message}) from exc
    return ImportResult(created=report.created, updated=report.updated)


@router.get(f"/schema/registry-{FORMAT_VERSION}.json", tags=["exchange"])
def registry_schema() -> dict[str, object]:
    """The JSON Schema of the exchange format, version 1.0."""
    return json_schema()


@router.get("/public/use-cases", tags=["public"])
def public_feed(db: DbSession) -> dict[str, object]:
    """The public register as an open feed (no authentication)."""
    return public.feed(db)
