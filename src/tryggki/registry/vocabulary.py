"""Closed vocabularies of the registry, with the codes of the fact schema (guidelines research §8).

The codes are stable (they are what the rulebook, the API and the export formats use); the labels
are English msgids translated to nn/nb/en by the catalogues.
"""

from __future__ import annotations

from enum import StrEnum

from tryggki.i18n import N_, gettext


class Stage(StrEnum):
    """Lifecycle stage of a use case."""

    idea = "idea"
    procurement = "procurement"
    development = "development"
    validation = "validation"
    pilot = "pilot"
    production = "production"
    change = "change"
    retired = "retired"


class PurposeDomain(StrEnum):
    """What the use case is for."""

    clinical_care = "clinical_care"
    clinical_logistics = "clinical_logistics"
    administrative = "administrative"
    patient_communication = "patient_communication"
    research = "research"
    quality_improvement = "quality_improvement"
    hr_workforce = "hr_workforce"
    software_development = "software_development"
    communication_content = "communication_content"
    education = "education"


class ClinicalFunction(StrEnum):
    """The clinical function of the output (IMDRF significance)."""

    none = "none"
    inform = "inform"
    drive = "drive"
    diagnose_or_treat = "diagnose_or_treat"
    monitor_physiology = "monitor_physiology"
    monitor_vital_parameters = "monitor_vital_parameters"


class UserGroup(StrEnum):
    """Who uses the AI."""

    clinicians = "clinicians"
    admin_staff = "admin_staff"
    managers = "managers"
    developers = "developers"
    researchers = "researchers"
    communication_staff = "communication_staff"
    patients = "patients"
    citizens = "citizens"


class AffectedGroup(StrEnum):
    """Who is affected by the AI's output."""

    patients = "patients"
    relatives = "relatives"
    employees = "employees"
    job_applicants = "job_applicants"
    citizens = "citizens"
    children = "children"
    none = "none"


class DataCategory(StrEnum):
    """Categories of data the use case processes."""

    none = "none"
    anonymous = "anonymous"
    synthetic = "synthetic"
    pseudonymised = "pseudonymised"
    personal_general = "personal_general"
    health = "health"
    genetic = "genetic"
    biometric = "biometric"
    national_id = "national_id"
    children = "children"
    employee = "employee"
    confidential_business = "confidential_business"
    classified = "classified"


class HumanInvolvement(StrEnum):
    """How a human takes part in what the AI produces."""

    human_decides_ai_suggests = "human_decides_ai_suggests"
    human_reviews_every_output = "human_reviews_every_output"
    human_on_the_loop = "human_on_the_loop"
    fully_automated = "fully_automated"


class Technique(StrEnum):
    """AI technique."""

    ml_classification = "ml_classification"
    ml_prediction = "ml_prediction"
    computer_vision = "computer_vision"
    nlp = "nlp"
    llm_generative = "llm_generative"
    speech_to_text = "speech_to_text"
    optimisation = "optimisation"
    rules_only = "rules_only"


class DeviceQualification(StrEnum):
    """Medical-device qualification."""

    not_md = "not_md"
    md = "md"
    ivd = "ivd"
    accessory = "accessory"
    unknown = "unknown"


class DeviceClass(StrEnum):
    """MDR or IVDR risk class."""

    mdr_i = "I"
    mdr_is_im_ir = "Is_Im_Ir"
    mdr_iia = "IIa"
    mdr_iib = "IIb"
    mdr_iii = "III"
    ivdr_a = "A"
    ivdr_b = "B"
    ivdr_c = "C"
    ivdr_d = "D"
    n_a = "n_a"


class Location(StrEnum):
    """Where data is stored and processed."""

    onprem_helse_vest = "onprem_helse_vest"
    norway_cloud = "norway_cloud"
    eea_cloud = "eea_cloud"
    adequate_third_country = "adequate_third_country"
    usa_dpf_certified = "usa_dpf_certified"
    usa_not_certified = "usa_not_certified"
    other_third_country = "other_third_country"
    unknown = "unknown"


class SourcingModel(StrEnum):
    """How the AI system is obtained."""

    cots_onprem = "cots_onprem"
    saas_enterprise = "saas_enterprise"
    consumer_free = "consumer_free"
    consumer_paid_personal = "consumer_paid_personal"
    in_house = "in_house"
    co_developed = "co_developed"
    research_prototype = "research_prototype"


class VendorTraining(StrEnum):
    """Whether the vendor uses our inputs to train its models."""

    yes = "yes"
    no = "no"
    opt_out_contractual = "opt_out_contractual"
    unknown = "unknown"


class EffectGoal(StrEnum):
    """The three effect goals of the plan."""

    patient_experience = "patient_experience"
    security_and_safety = "security_and_safety"
    freed_resources = "freed_resources"


class BenefitType(StrEnum):
    """DFØ benefit types; freed time is redeployed (alternative use) unless positions go."""

    budget = "budget"
    alternative_use = "alternative_use"
    quality = "quality"
    other_actors = "other_actors"


class BenefitMeasure(StrEnum):
    """What a benefit is measured in."""

    hours = "hours"
    nok = "nok"
    indicator = "indicator"


class OrganisationKind(StrEnum):
    """Kind of organisation."""

    regional_health_authority = "regional_health_authority"
    health_trust = "health_trust"
    pharmacy_trust = "pharmacy_trust"
    it_provider = "it_provider"
    agency = "agency"
    research_centre = "research_centre"
    municipal_sector = "municipal_sector"
    other = "other"


# Keyed by vocabulary, since equal codes in different vocabularies ("none", "unknown") are
# equal strings and would collide in one flat mapping.
LABELS: dict[type[StrEnum], dict[str, str]] = {
    Stage: {
        Stage.idea: N_("Idea / need"),
        Stage.procurement: N_("Procurement"),
        Stage.development: N_("Development"),
        Stage.validation: N_("Validation / trial"),
        Stage.pilot: N_("Pilot"),
        Stage.production: N_("In operation"),
        Stage.change: N_("Change"),
        Stage.retired: N_("Retired"),
    },
    PurposeDomain: {
        PurposeDomain.clinical_care: N_("Clinical patient care"),
        PurposeDomain.clinical_logistics: N_("Clinical logistics and workflow"),
        PurposeDomain.administrative: N_("Administrative support"),
        PurposeDomain.patient_communication: N_("Communication with patients and citizens"),
        PurposeDomain.research: N_("Research"),
        PurposeDomain.quality_improvement: N_("Quality improvement"),
        PurposeDomain.hr_workforce: N_("Staff and workforce"),
        PurposeDomain.software_development: N_("Software development"),
        PurposeDomain.communication_content: N_("Content production"),
        PurposeDomain.education: N_("Education and training"),
    },
    ClinicalFunction: {
        ClinicalFunction.none: N_("No clinical function"),
        ClinicalFunction.inform: N_("Informs clinical management"),
        ClinicalFunction.drive: N_("Drives clinical management"),
        ClinicalFunction.diagnose_or_treat: N_("Diagnoses or treats"),
        ClinicalFunction.monitor_physiology: N_("Monitors physiological processes"),
        ClinicalFunction.monitor_vital_parameters: N_("Monitors vital parameters"),
    },
    UserGroup: {
        UserGroup.clinicians: N_("Health personnel"),
        UserGroup.admin_staff: N_("Administrative staff"),
        UserGroup.managers: N_("Managers"),
        UserGroup.developers: N_("Developers"),
        UserGroup.researchers: N_("Researchers"),
        UserGroup.communication_staff: N_("Communication advisers"),
        UserGroup.patients: N_("Patients"),
        UserGroup.citizens: N_("Citizens"),
    },
    AffectedGroup: {
        AffectedGroup.patients: N_("Patients"),
        AffectedGroup.relatives: N_("Relatives"),
        AffectedGroup.employees: N_("Employees"),
        AffectedGroup.job_applicants: N_("Job applicants"),
        AffectedGroup.citizens: N_("Citizens"),
        AffectedGroup.children: N_("Children"),
        AffectedGroup.none: N_("Nobody"),
    },
    DataCategory: {
        DataCategory.none: N_("No data"),
        DataCategory.anonymous: N_("Anonymous data"),
        DataCategory.synthetic: N_("Synthetic data"),
        DataCategory.pseudonymised: N_("Pseudonymised data"),
        DataCategory.personal_general: N_("General personal data"),
        DataCategory.health: N_("Health data"),
        DataCategory.genetic: N_("Genetic data"),
        DataCategory.biometric: N_("Biometric data"),
        DataCategory.national_id: N_("National ID numbers"),
        DataCategory.children: N_("Data about children"),
        DataCategory.employee: N_("Data about employees"),
        DataCategory.confidential_business: N_("Confidential business information"),
        DataCategory.classified: N_("Classified information"),
    },
    HumanInvolvement: {
        HumanInvolvement.human_decides_ai_suggests: N_("A human decides, the AI suggests"),
        HumanInvolvement.human_reviews_every_output: N_("A human checks every result"),
        HumanInvolvement.human_on_the_loop: N_("A human monitors"),
        HumanInvolvement.fully_automated: N_("Fully automated"),
    },
    Technique: {
        Technique.ml_classification: N_("Machine learning: classification"),
        Technique.ml_prediction: N_("Machine learning: prediction"),
        Technique.computer_vision: N_("Image analysis"),
        Technique.nlp: N_("Language processing"),
        Technique.llm_generative: N_("Generative language model"),
        Technique.speech_to_text: N_("Speech recognition"),
        Technique.optimisation: N_("Optimisation"),
        Technique.rules_only: N_("Rules only"),
    },
    DeviceQualification: {
        DeviceQualification.not_md: N_("Not a medical device"),
        DeviceQualification.md: N_("Medical device (MDR)"),
        DeviceQualification.ivd: N_("In vitro diagnostic device (IVDR)"),
        DeviceQualification.accessory: N_("Accessory"),
        DeviceQualification.unknown: N_("Not yet clarified"),
    },
    DeviceClass: {
        DeviceClass.mdr_i: N_("Class I"),
        DeviceClass.mdr_is_im_ir: N_("Class Is/Im/Ir"),
        DeviceClass.mdr_iia: N_("Class IIa"),
        DeviceClass.mdr_iib: N_("Class IIb"),
        DeviceClass.mdr_iii: N_("Class III"),
        DeviceClass.ivdr_a: N_("IVDR class A"),
        DeviceClass.ivdr_b: N_("IVDR class B"),
        DeviceClass.ivdr_c: N_("IVDR class C"),
        DeviceClass.ivdr_d: N_("IVDR class D"),
        DeviceClass.n_a: N_("Not applicable"),
    },
    Location: {
        Location.onprem_helse_vest: N_("Own operation at Helse Vest IKT"),
        Location.norway_cloud: N_("Cloud in Norway"),
        Location.eea_cloud: N_("Cloud in the EEA"),
        Location.adequate_third_country: N_("Third country with adequacy decision"),
        Location.usa_dpf_certified: N_("USA, DPF-certified recipient"),
        Location.usa_not_certified: N_("USA, not certified"),
        Location.other_third_country: N_("Other third country"),
        Location.unknown: N_("Unknown"),
    },
    SourcingModel: {
        SourcingModel.cots_onprem: N_("Off-the-shelf, run locally"),
        SourcingModel.saas_enterprise: N_("Cloud service with agreement"),
        SourcingModel.consumer_free: N_("Free consumer service"),
        SourcingModel.consumer_paid_personal: N_("Private paid subscription"),
        SourcingModel.in_house: N_("Developed in-house"),
        SourcingModel.co_developed: N_("Developed together with others"),
        SourcingModel.research_prototype: N_("Research prototype"),
    },
    VendorTraining: {
        VendorTraining.yes: N_("Yes"),
        VendorTraining.no: N_("No"),
        VendorTraining.opt_out_contractual: N_("Opted out by contract"),
        VendorTraining.unknown: N_("Unknown"),
    },
    EffectGoal: {
        EffectGoal.patient_experience: N_("Better patient experiences"),
        EffectGoal.security_and_safety: N_("More information security and patient safety"),
        EffectGoal.freed_resources: N_("Resources freed for patient-facing work"),
    },
    BenefitType: {
        BenefitType.budget: N_("Budget saving"),
        BenefitType.alternative_use: N_("Freed time put to other use"),
        BenefitType.quality: N_("Quality"),
        BenefitType.other_actors: N_("Benefit for other actors"),
    },
    BenefitMeasure: {
        BenefitMeasure.hours: N_("Hours per year"),
        BenefitMeasure.nok: N_("NOK per year"),
        BenefitMeasure.indicator: N_("Other indicator"),
    },
    OrganisationKind: {
        OrganisationKind.regional_health_authority: N_("Regional health authority"),
        OrganisationKind.health_trust: N_("Health trust"),
        OrganisationKind.pharmacy_trust: N_("Hospital pharmacy trust"),
        OrganisationKind.it_provider: N_("IT provider"),
        OrganisationKind.agency: N_("Government agency"),
        OrganisationKind.research_centre: N_("Research centre"),
        OrganisationKind.municipal_sector: N_("Municipal sector"),
        OrganisationKind.other: N_("Other"),
    },
}


def label(value: StrEnum | str, vocabulary: type[StrEnum] | None = None) -> str:
    """The translated label of a vocabulary value (a stored code needs its vocabulary)."""
    kind = vocabulary or type(value)
    return gettext(LABELS[kind][value])  # type: ignore[index]
