"""The fact schema of a use case (guidelines research §8): what the rulebook reads.

Facts describe the use case, never legal conclusions. Fields that are not given take the neutral
default of §10 (false, empty, ``none``); the engine separately reports the *mandatory* facts that
are missing or ``unknown``, which make the verdict "needs assessment". Unknown field names are
refused (``extra="forbid"``), so a typo in a use-case file is an error, not a silent default.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from tryggki.registry.vocabulary import (
    AffectedGroup,
    ClinicalFunction,
    DataCategory,
    HumanInvolvement,
    PurposeDomain,
    Stage,
    Technique,
    UserGroup,
)


def _yes_no(value: Any) -> Any:
    """YAML 1.1 reads ``yes``/``no`` as booleans; the schema's tri-state codes are strings."""
    if value is True:
        return "yes"
    if value is False:
        return "no"
    return value


YesNoUnknown = Annotated[Literal["yes", "no", "unknown"], BeforeValidator(_yes_no)]
Training = Annotated[
    Literal["yes", "no", "opt_out_contractual", "unknown"], BeforeValidator(_yes_no)
]


class Org(StrEnum):
    """Organisations of the fact schema."""

    helse_vest_rhf = "helse_vest_rhf"
    helse_bergen = "helse_bergen"
    helse_stavanger = "helse_stavanger"
    helse_fonna = "helse_fonna"
    helse_forde = "helse_forde"
    sjukehusapoteka_vest = "sjukehusapoteka_vest"
    helse_vest_ikt = "helse_vest_ikt"
    other = "other"
    external = "external"


class _Facts(BaseModel):
    model_config = ConfigDict(extra="forbid", use_enum_values=True)


class Clinical(_Facts):
    """Klinisk bruk."""

    function: ClinicalFunction = ClinicalFunction.none
    situation: Literal["non_serious", "serious", "critical", "n_a"] = "n_a"
    influences_diagnosis_or_treatment: bool = False
    emergency_triage: bool = False
    access_to_care_assessment: bool = False
    patient_facing_advice: bool = False


class People(_Facts):
    """Brukarar og råka personar."""

    users: list[UserGroup] = Field(default_factory=list)
    affected: list[AffectedGroup] = Field(default_factory=list)
    interacts_directly_with_natural_persons: bool = False
    workplace_use: bool = False
    estimated_data_subjects: int | None = Field(default=None, ge=0)


ContentKind = Literal["none", "text", "image", "audio", "video", "code"]


class AIProfile(_Facts):
    """KI-eigenskapar."""

    is_ai_system: YesNoUnknown | None = None
    technique: list[Technique] = Field(default_factory=list)
    gpai_based: bool = False
    gpai_model: str | None = None
    gpai_model_provider: str | None = None
    model_modification: Literal[
        "none", "prompting", "rag", "fine_tuning", "substantial_fine_tuning"
    ] = "none"
    generates_content: list[ContentKind] = Field(default_factory=list)
    content_published_to_public: bool = False
    content_public_interest: bool = False
    realistic_synthetic_media: bool = False
    human_editorial_review: bool = False
    emotion_recognition: bool = False
    biometric_identification: bool = False
    biometric_categorisation: bool = False
    sensitive_inference_from_biometrics: bool = False
    profiling: bool = False
    continuous_learning: bool = False


class AnnexIII(_Facts):
    """Høgrisikoområde (vedlegg III)."""

    area: Literal[
        "none",
        "1_biometrics",
        "4a_recruitment",
        "4b_work_management",
        "5a_public_benefits_healthcare_eligibility",
        "5d_emergency_triage",
        "other",
    ] = "none"
    art6_3_claim: Literal[
        "none",
        "a_narrow_procedural",
        "b_improve_prior_human",
        "c_detect_patterns",
        "d_preparatory",
    ] = "none"
    art6_3_documented: bool = False


class ProhibitedScreen(_Facts):
    """Forbodne praksisar."""

    manipulative_techniques: bool = False
    exploits_vulnerability: bool = False
    social_scoring: bool = False
    untargeted_face_scraping: bool = False
    emotion_recognition_workplace: bool = False
    emotion_recognition_medical_or_safety_reason: bool = False
    biometric_categorisation_sensitive: bool = False
    ncii_csam_capable_without_safeguards: bool = False


class Device(_Facts):
    """Medisinsk utstyr."""

    qualification: Literal["not_md", "md", "ivd", "accessory", "unknown"] | None = None
    mdr_class: Literal["I", "Is_Im_Ir", "IIa", "IIb", "III", "n_a"] = "n_a"
    ivdr_class: Literal["A", "A_sterile", "B", "C", "D", "n_a"] = "n_a"
    ce_marked: bool = False
    notified_body_certificate: bool = False
    in_house_art5_5: bool = False
    manufacturer_entity: Org | None = None
    used_within_intended_purpose: bool = True
    ai_is_safety_component: bool = False
    clinical_investigation_approved: bool = False


class Sourcing(_Facts):
    """Anskaffing og leverandør."""

    model: (
        Literal[
            "cots_onprem",
            "saas_enterprise",
            "consumer_free",
            "consumer_paid_personal",
            "in_house",
            "co_developed",
            "research_prototype",
        ]
        | None
    ) = None
    vendor: str | None = None
    developed_by: Org | None = None
    marketed_under_own_name: bool = False
    substantial_modification: bool = False
    intended_purpose_changed: bool = False
    vendor_role: (
        Literal["processor", "independent_controller", "joint_controller", "no_personal_data"]
        | None
    ) = None
    dpa_in_place: bool = False
    normen_obligations_in_contract: bool = False
    vendor_uses_inputs_for_training: Training = "unknown"
    retention_days: int | None = Field(default=None, ge=0)
    zero_data_retention: bool = False


DataSource = Literal[
    "ehr",
    "pacs_imaging",
    "lab",
    "audio_consultation",
    "quality_register",
    "national_register",
    "user_prompt",
    "public_web",
    "m365_tenant",
    "source_code",
]


class Data(_Facts):
    """Data og personopplysningar."""

    categories: list[DataCategory] = Field(default_factory=list)
    subject_to_professional_secrecy: bool = False
    sources: list[DataSource] = Field(default_factory=list)
    use_phase: list[
        Literal["inference", "training", "fine_tuning", "validation", "research_analysis"]
    ] = Field(default_factory=list)
    scale: Literal["individual", "unit", "trust", "region", "national"] | None = None
    combines_datasets: bool = False
    anonymisation_assessed: bool = False
    # §8.1 puts this under people; the worked examples F02/F03 put it here. Both are read.
    estimated_data_subjects: int | None = Field(default=None, ge=0)


LocationCode = Literal[
    "onprem_helse_vest",
    "norway_cloud",
    "eea_cloud",
    "adequate_third_country",
    "usa_dpf_certified",
    "usa_not_certified",
    "other_third_country",
    "unknown",
]


class LocationFacts(_Facts):
    """Lagring og behandling."""

    storage: LocationCode | None = None
    processing: LocationCode | None = None
    third_country_remote_access: bool = False
    subprocessors_outside_eea: bool = False
    transfer_mechanism: (
        Literal["none_needed", "adequacy", "dpf", "scc_with_tia", "bcr", "derogation", "none"]
        | None
    ) = None


NorBasis = Literal[
    "helsehjelp_pjl",
    "hpl_26_internal",
    "hpl_29_dispensation_granted",
    "hpl_29_dispensation_applied",
    "consent_hpl_22",
    "hfl_rek_approval",
    "hrl_register",
    "pjl_11_automated",
    "employment_contract_aml",
    "public_task_other",
    "none",
]


class Decision(_Facts):
    """Avgjerder og menneskeleg kontroll."""

    human_involvement: HumanInvolvement | None = None
    decision_effect: Literal[
        "none", "internal_workflow", "individual_significant", "individual_minor"
    ] = "none"
    explanation_available: bool = False
    override_possible: bool = False


Control = Literal[
    "human_oversight_assigned",
    "log_retention_configured",
    "secure_development_controls",
    "information_management_ready",
    "vendor_documentation_reviewed",
    "ropa_entry",
    "privacy_notice_and_retention",
    "supplier_security_reviewed",
    "genai_guideline_acknowledged",
    "llm_evaluation_done",
    "dpia_done",
    "fria_done",
    "ros_done",
    "dpa_signed",
    "tia_done",
    "local_validation_done",
    "bias_assessment_done",
    "monitoring_plan",
    "incident_procedure",
    "training_delivered",
    "patient_information",
    "workers_consulted",
    "registered_in_inventory",
    "eu_database_registration",
    "art5_5_declaration_published",
    "editorial_policy",
    "benefits_plan",
    "baseline_measured",
]
CONTROLS: tuple[str, ...] = Control.__args__  # type: ignore[attr-defined]


class BenefitFacts(_Facts):
    """Gevinstar."""

    type: list[Literal["budget", "alternative_use", "quality", "other_actors"]] = Field(
        default_factory=list
    )
    events_per_year: float | None = None
    minutes_saved_per_event: float | None = None
    adoption_rate: float | None = None
    rework_share: float | None = None
    quality_indicators: list[str] = Field(default_factory=list)
    baseline_date: date | None = None


class UseCaseFacts(_Facts):
    """A use case as the rulebook reads it (the top-level object of §8.1)."""

    id: str | None = None
    schema_version: str | None = None
    title: str | None = None
    description: str | None = None
    intended_purpose: str | None = None
    organisation: Org | None = None
    owner_unit: str | None = None
    system_owner: str | None = None
    benefit_owner: str | None = None
    lifecycle_stage: Stage | None = None
    planned_go_live: date | None = None
    assessment_date: date | None = None
    purpose_domain: PurposeDomain | None = None
    clinical: Clinical = Field(default_factory=Clinical)
    people: People = Field(default_factory=People)
    ai: AIProfile = Field(default_factory=AIProfile)
    annex_iii: AnnexIII = Field(default_factory=AnnexIII)
    prohibited_screen: ProhibitedScreen = Field(default_factory=ProhibitedScreen)
    device: Device = Field(default_factory=Device)
    sourcing: Sourcing = Field(default_factory=Sourcing)
    data: Data = Field(default_factory=Data)
    location: LocationFacts = Field(default_factory=LocationFacts)
    legal_basis_claimed: list[NorBasis] = Field(default_factory=list)
    decision: Decision = Field(default_factory=Decision)
    controls_in_place: list[Control] = Field(default_factory=list)
    benefits: BenefitFacts = Field(default_factory=BenefitFacts)


def flatten(facts: UseCaseFacts) -> dict[str, Any]:
    """Facts as ``{"ai.is_ai_system": "yes", ...}``: the names conditions refer to."""
    flat: dict[str, Any] = {}
    for name, value in facts.model_dump().items():
        if isinstance(value, dict):
            for sub, inner in value.items():
                flat[f"{name}.{sub}"] = inner
        else:
            flat[name] = value
    return flat


def fact_names() -> dict[str, Any]:
    """Every fact name with its annotation, for checking rule conditions when they are loaded."""
    names: dict[str, Any] = {}
    for name, field in UseCaseFacts.model_fields.items():
        annotation = field.annotation
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            for sub, inner in annotation.model_fields.items():
                names[f"{name}.{sub}"] = inner.annotation
        else:
            names[name] = annotation
    return names
