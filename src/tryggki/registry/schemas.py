"""Registry input and output shapes (Pydantic); used by forms, the API and import/export."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)
from stdnum.no import orgnr

from tryggki.i18n import gettext as _
from tryggki.registry.vocabulary import (
    AffectedGroup,
    BenefitMeasure,
    BenefitType,
    ClinicalFunction,
    DataCategory,
    DeviceClass,
    DeviceQualification,
    EffectGoal,
    HumanInvolvement,
    Location,
    PurposeDomain,
    SourcingModel,
    Stage,
    Technique,
    UserGroup,
    VendorTraining,
)
from tryggki.validation import invalid

Text200 = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
OptText200 = Annotated[str | None, StringConstraints(strip_whitespace=True, max_length=200)]
LongText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=10_000)]
Ref = Annotated[
    str, StringConstraints(strip_whitespace=True, pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$")
]


class BaseIn(BaseModel):
    """The base of every input schema: unknown fields refused, blanks read as 'not given'."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    @field_validator("*", mode="before")
    @classmethod
    def _blank_is_none(cls, value: object) -> object:
        """Empty form fields and CSV cells mean 'not given'."""
        return None if isinstance(value, str) and value.strip() == "" else value


class VendorIn(BaseIn):
    """A vendor as entered."""

    name: Text200
    org_number: str | None = None
    country: Annotated[str | None, StringConstraints(pattern=r"^[A-Za-z]{2}$")] = None
    website: Annotated[str | None, StringConstraints(max_length=300, pattern=r"^https?://\S+$")] = (
        None
    )
    notes: LongText | None = None

    @field_validator("org_number")
    @classmethod
    def _valid_orgnr(cls, value: str | None) -> str | None:
        if value is None:
            return None
        if not orgnr.is_valid(value):
            raise invalid(_("Not a valid Norwegian organisation number (9 digits, MOD11)."))
        return str(orgnr.compact(value))

    @field_validator("country")
    @classmethod
    def _upper(cls, value: str | None) -> str | None:
        return value.upper() if value else None


class AISystemIn(BaseIn):
    """An AI system as entered; the vendor is named, not referred to by id."""

    name: Text200
    description: LongText | None = None
    vendor: OptText200 = None
    techniques: list[Technique] = Field(default_factory=list)
    gpai_based: bool = False
    gpai_model: OptText200 = None
    md_qualification: DeviceQualification = DeviceQualification.unknown
    device_class: DeviceClass = DeviceClass.n_a
    ce_marked: bool | None = None
    sourcing_model: SourcingModel | None = None
    hosting: Location = Location.unknown
    vendor_uses_inputs_for_training: VendorTraining = VendorTraining.unknown
    retention_days: int | None = Field(default=None, ge=0, le=36_500)
    model_names: list[Annotated[str, StringConstraints(min_length=1, max_length=100)]] = Field(
        default_factory=list
    )

    @model_validator(mode="after")
    def _device_class_fits(self) -> AISystemIn:
        is_device = self.md_qualification in (DeviceQualification.md, DeviceQualification.ivd)
        if is_device and self.device_class == DeviceClass.n_a:
            raise invalid(_("A medical device needs its risk class."), "device_class")
        if self.gpai_based and not self.gpai_model:
            raise invalid(_("Name the general-purpose model the system builds on."), "gpai_model")
        return self


class UseCaseIn(BaseIn):
    """A use case as entered; organisation by code and AI system by name."""

    ref: Ref | None = None
    title: Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=200)]
    description: LongText | None = None
    intended_purpose: LongText | None = None
    organisation: Annotated[str, StringConstraints(min_length=1, max_length=64)]
    ai_system: OptText200 = None
    purpose_domain: PurposeDomain
    lifecycle_stage: Stage
    clinical_function: ClinicalFunction = ClinicalFunction.none
    human_involvement: HumanInvolvement | None = None
    users: list[UserGroup] = Field(default_factory=list)
    affected: list[AffectedGroup] = Field(default_factory=list)
    data_categories: list[DataCategory] = Field(default_factory=list)
    owner_unit: OptText200 = None
    system_owner: OptText200 = None
    benefit_owner: OptText200 = None
    planned_go_live: date | None = None
    in_use_since: date | None = None
    is_public: bool = False
    public_summary: LongText | None = None

    @field_validator("users", "affected", "data_categories")
    @classmethod
    def _canonical_order(cls, values: list[StrEnum]) -> list[StrEnum]:
        """Sets of codes, kept sorted so that equal facts compare equal."""
        return sorted(set(values))

    @model_validator(mode="after")
    def _public_needs_summary(self) -> UseCaseIn:
        if self.is_public and not self.public_summary:
            raise invalid(
                _("A public use case needs a plain-language summary for the public."),
                "public_summary",
            )
        return self


class BenefitIn(BaseIn):
    """A benefit as entered; hours are estimated with the DFØ arithmetic."""

    title: Text200
    effect_goal: EffectGoal
    benefit_type: BenefitType
    measure: BenefitMeasure
    unit_label: Annotated[str | None, StringConstraints(max_length=60)] = None
    higher_is_better: bool = True
    baseline_value: float | None = None
    baseline_date: date | None = None
    events_per_year: float | None = Field(default=None, ge=0)
    minutes_saved_per_event: float | None = Field(default=None, ge=0)
    adoption_rate: float | None = Field(default=None, ge=0, le=1)
    rework_share: float | None = Field(default=None, ge=0, le=1)
    estimate_value: float | None = None
    owner: OptText200 = None
    measurement_plan: LongText | None = None

    @model_validator(mode="after")
    def _estimate_inputs(self) -> BenefitIn:
        if self.measure == BenefitMeasure.hours:
            if None in (self.events_per_year, self.minutes_saved_per_event, self.adoption_rate):
                raise invalid(
                    _("An estimate in hours needs events per year, minutes saved and adoption."),
                    "events_per_year",
                )
        elif self.estimate_value is None:
            raise invalid(_("Give the estimated value per year."), "estimate_value")
        if self.measure == BenefitMeasure.indicator and not self.unit_label:
            raise invalid(_("Name the unit of the indicator."), "unit_label")
        return self


class MeasurementIn(BaseIn):
    """A realised value over a period."""

    period_start: date
    period_end: date
    value: float
    note: LongText | None = None

    @model_validator(mode="after")
    def _period_order(self) -> MeasurementIn:
        if self.period_end < self.period_start:
            raise invalid(_("The period must end on or after the day it starts."), "period_end")
        return self


class MeasurementOut(MeasurementIn):
    """A stored measurement."""

    model_config = ConfigDict(extra="ignore")
    id: uuid.UUID


class BenefitOut(BenefitIn):
    """A stored benefit with its computed estimate."""

    model_config = ConfigDict(extra="ignore")
    id: uuid.UUID
    yearly_estimate: float | None
    fte: float | None
    nok_value: float | None
    measurements: list[MeasurementOut]


class UseCaseOut(UseCaseIn):
    """A stored use case."""

    model_config = ConfigDict(extra="ignore")
    id: uuid.UUID
    ref: str
    organisation_name: str
    adopted_from: str | None
    last_reviewed_at: datetime
    stale: bool
    created_at: datetime
    updated_at: datetime
    version: int


class AISystemOut(AISystemIn):
    """A stored AI system."""

    model_config = ConfigDict(extra="ignore")
    id: uuid.UUID
    last_reviewed_at: datetime | None
    version: int


class VendorOut(VendorIn):
    """A stored vendor."""

    model_config = ConfigDict(extra="ignore")
    id: uuid.UUID


class OrganisationOut(BaseModel):
    """An organisation."""

    code: str
    name: str
    kind: str
    org_number: str | None
    is_helse_vest: bool
    website: str | None
    public_contact: str | None
