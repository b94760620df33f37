"""The assessment questionnaire: the facts of the schema that the registry does not hold.

Fields are read off the fact schema (``rules.facts``), so a new fact needs only a label here. Each
question is a yes/no box, a choice, a set of choices or a number; the form posts them under their
fact names (``ai.is_ai_system``) and ``answers_from_form`` nests them back into the schema's shape.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from types import UnionType
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from tryggki.i18n import N_, gettext
from tryggki.rules.facts import UseCaseFacts, fact_names, flatten

Kind = Literal["check", "choice", "choices", "number", "text"]


@dataclass(frozen=True)
class Question:
    """One fact to answer: its name, label, widget and the codes it may take."""

    name: str
    label: str
    kind: Kind
    codes: tuple[str, ...] = ()
    optional: bool = False


@dataclass(frozen=True)
class Section:
    """A group of questions, shown as one fieldset."""

    title: str
    questions: tuple[Question, ...]


SECTIONS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    (
        N_("AI and the AI Act"),
        (
            ("ai.is_ai_system", N_("Is it an AI system as the AI Act defines it?")),
            ("ai.model_modification", N_("How is a general-purpose model adapted?")),
            ("ai.gpai_model_provider", N_("Provider of the general-purpose model")),
            ("ai.generates_content", N_("Content it generates")),
            ("ai.content_published_to_public", N_("Generated content is published to the public")),
            ("ai.content_public_interest", N_("Text on matters of public interest")),
            ("ai.human_editorial_review", N_("A person reviews content before it is published")),
            ("ai.realistic_synthetic_media", N_("Makes realistic images, sound or video")),
            ("ai.profiling", N_("Profiles persons")),
            ("ai.continuous_learning", N_("Keeps learning in use")),
            ("ai.emotion_recognition", N_("Recognises emotions")),
            ("ai.biometric_identification", N_("Identifies persons biometrically")),
            ("ai.biometric_categorisation", N_("Sorts persons by biometric data")),
            (
                "ai.sensitive_inference_from_biometrics",
                N_("Infers sensitive traits from biometric data"),
            ),
            ("annex_iii.area", N_("High-risk area of Annex III")),
            ("annex_iii.art6_3_claim", N_("Exception claimed under Article 6(3)")),
            ("annex_iii.art6_3_documented", N_("The Article 6(3) assessment is documented")),
        ),
    ),
    (
        N_("Prohibited practices"),
        (
            ("prohibited_screen.manipulative_techniques", N_("Uses manipulative techniques")),
            ("prohibited_screen.exploits_vulnerability", N_("Exploits vulnerable persons")),
            ("prohibited_screen.social_scoring", N_("Scores persons socially")),
            ("prohibited_screen.untargeted_face_scraping", N_("Scrapes facial images")),
            (
                "prohibited_screen.emotion_recognition_workplace",
                N_("Recognises emotions at work or in education"),
            ),
            (
                "prohibited_screen.emotion_recognition_medical_or_safety_reason",
                N_("Emotion recognition is for medical or safety reasons"),
            ),
            (
                "prohibited_screen.biometric_categorisation_sensitive",
                N_("Categorises persons by sensitive traits from biometrics"),
            ),
            (
                "prohibited_screen.ncii_csam_capable_without_safeguards",
                N_("Can make intimate or abusive images without safeguards"),
            ),
        ),
    ),
    (
        N_("Clinical use and decisions"),
        (
            ("clinical.situation", N_("Seriousness of the health situation")),
            (
                "clinical.influences_diagnosis_or_treatment",
                N_("Influences diagnosis or treatment"),
            ),
            ("clinical.emergency_triage", N_("Used in emergency triage")),
            ("clinical.access_to_care_assessment", N_("Assesses the right to health care")),
            ("clinical.patient_facing_advice", N_("Gives advice directly to patients")),
            ("decision.decision_effect", N_("Effect of the decisions it supports")),
            ("decision.explanation_available", N_("An explanation of the output is available")),
            ("decision.override_possible", N_("A person can override the output")),
            (
                "people.interacts_directly_with_natural_persons",
                N_("Talks or writes directly with people"),
            ),
            ("people.workplace_use", N_("Used on employees at work")),
            (
                "people.estimated_data_subjects",
                N_("Estimated number of persons whose data it uses"),
            ),
        ),
    ),
    (
        N_("Medical device"),
        (
            ("device.notified_body_certificate", N_("Certificate from a notified body")),
            ("device.used_within_intended_purpose", N_("Used within the intended purpose")),
            ("device.ai_is_safety_component", N_("The AI is a safety component of a product")),
            ("device.in_house_art5_5", N_("Made and used in-house (MDR art. 5(5))")),
            ("device.manufacturer_entity", N_("Legal manufacturer")),
            (
                "device.clinical_investigation_approved",
                N_("Clinical investigation approved"),
            ),
        ),
    ),
    (
        N_("Vendor and contract"),
        (
            ("sourcing.developed_by", N_("Developed by")),
            ("sourcing.marketed_under_own_name", N_("We put it on the market under our name")),
            ("sourcing.substantial_modification", N_("We have modified it substantially")),
            (
                "sourcing.intended_purpose_changed",
                N_("We use it for another purpose than intended"),
            ),
            ("sourcing.vendor_role", N_("The vendor's role for personal data")),
            ("sourcing.dpa_in_place", N_("A data processing agreement is in place")),
            (
                "sourcing.normen_obligations_in_contract",
                N_("The contract holds the Normen obligations"),
            ),
            ("sourcing.zero_data_retention", N_("The vendor keeps no inputs (zero retention)")),
        ),
    ),
    (
        N_("Data and legal basis"),
        (
            (
                "data.subject_to_professional_secrecy",
                N_("The data is subject to professional secrecy"),
            ),
            ("data.sources", N_("Sources of the data")),
            ("data.use_phase", N_("What the data is used for")),
            ("data.scale", N_("Scale of the processing")),
            ("data.combines_datasets", N_("Combines data sets")),
            ("data.anonymisation_assessed", N_("Anonymisation assessed")),
            ("legal_basis_claimed", N_("Legal basis in Norwegian health law")),
            (
                "location.third_country_remote_access",
                N_("Support staff outside the EEA have access"),
            ),
            ("location.subprocessors_outside_eea", N_("Subprocessors outside the EEA")),
            ("location.transfer_mechanism", N_("Transfer mechanism")),
        ),
    ),
)
# Facts the registry supplies, named as on the registry's forms (for the re-assessment diff).
REGISTRY_LABELS: dict[str, str] = {
    "organisation": N_("Organisation"),
    "purpose_domain": N_("Purpose domain"),
    "lifecycle_stage": N_("Lifecycle stage"),
    "planned_go_live": N_("Planned go-live"),
    "intended_purpose": N_("Intended purpose"),
    "clinical.function": N_("Clinical function"),
    "people.users": N_("Users"),
    "people.affected": N_("Affected persons"),
    "data.categories": N_("Data categories"),
    "decision.human_involvement": N_("Human involvement"),
    "ai.technique": N_("Technique"),
    "ai.gpai_based": N_("Builds on a general-purpose AI model"),
    "ai.gpai_model": N_("General-purpose model"),
    "device.qualification": N_("Medical-device status"),
    "device.mdr_class": N_("Risk class"),
    "device.ivdr_class": N_("Risk class"),
    "device.ce_marked": N_("CE marked"),
    "sourcing.model": N_("Sourcing"),
    "sourcing.vendor": N_("Vendor"),
    "sourcing.vendor_uses_inputs_for_training": N_("Vendor trains on our inputs"),
    "sourcing.retention_days": N_("Retention at the vendor (days)"),
    "location.storage": N_("Hosting location"),
    "location.processing": N_("Hosting location"),
    "controls_in_place": N_("Controls in place"),
}
# Codes that need a label of their own; registry vocabularies bring theirs.
OPTION_LABELS: dict[str, str] = {
    "yes": N_("Yes"),
    "no": N_("No"),
    "unknown": N_("Unknown"),
    "none": N_("None"),
    "n_a": N_("Not applicable"),
    "other": N_("Other"),
    "prompting": N_("Prompting only"),
    "rag": N_("Retrieval from our documents (RAG)"),
    "fine_tuning": N_("Fine-tuning"),
    "substantial_fine_tuning": N_("Substantial fine-tuning"),
    "text": N_("Text"),
    "image": N_("Images"),
    "audio": N_("Sound"),
    "video": N_("Video"),
    "code": N_("Program code"),
    "1_biometrics": N_("Biometrics"),
    "4a_recruitment": N_("Recruitment"),
    "4b_work_management": N_("Decisions about employees"),
    "5a_public_benefits_healthcare_eligibility": N_("Eligibility for health care"),
    "5d_emergency_triage": N_("Emergency triage"),
    "a_narrow_procedural": N_("(a) a narrow procedural task"),
    "b_improve_prior_human": N_("(b) improves a finished human activity"),
    "c_detect_patterns": N_("(c) detects patterns without replacing a human assessment"),
    "d_preparatory": N_("(d) a preparatory task"),
    "non_serious": N_("Not serious"),
    "serious": N_("Serious"),
    "critical": N_("Critical"),
    "internal_workflow": N_("Internal workflow only"),
    "individual_significant": N_("Significant for the individual"),
    "individual_minor": N_("Minor for the individual"),
    "A": "A",
    "A_sterile": N_("A, sterile"),
    "B": "B",
    "C": "C",
    "D": "D",
    "helse_vest_rhf": "Helse Vest RHF",
    "helse_bergen": "Helse Bergen HF",
    "helse_stavanger": "Helse Stavanger HF",
    "helse_fonna": "Helse Fonna HF",
    "helse_forde": "Helse Førde HF",
    "sjukehusapoteka_vest": "Sjukehusapoteka Vest HF",
    "helse_vest_ikt": "Helse Vest IKT AS",
    "external": N_("An external manufacturer"),
    "processor": N_("Data processor"),
    "independent_controller": N_("Independent controller"),
    "joint_controller": N_("Joint controller"),
    "no_personal_data": N_("Receives no personal data"),
    "ehr": N_("Patient record"),
    "pacs_imaging": N_("Image archive (PACS)"),
    "lab": N_("Laboratory data"),
    "audio_consultation": N_("Sound from consultations"),
    "quality_register": N_("Quality register"),
    "national_register": N_("National health register"),
    "user_prompt": N_("What users type in"),
    "public_web": N_("Public web pages"),
    "m365_tenant": N_("Our Microsoft 365 content"),
    "source_code": N_("Source code"),
    "inference": N_("Use of the model"),
    "training": N_("Training"),
    "validation": N_("Validation"),
    "research_analysis": N_("Research analysis"),
    "individual": N_("One person at a time"),
    "unit": N_("One unit"),
    "trust": N_("One health trust"),
    "region": N_("The region"),
    "national": N_("National"),
    "none_needed": N_("No transfer"),
    "adequacy": N_("Adequacy decision"),
    "dpf": N_("EU-US Data Privacy Framework"),
    "scc_with_tia": N_("Standard contractual clauses with a transfer assessment"),
    "bcr": N_("Binding corporate rules"),
    "derogation": N_("Derogation (art. 49)"),
    "helsehjelp_pjl": N_("Providing health care (pasientjournallova)"),
    "hpl_26_internal": N_("Internal quality assurance (helsepersonellova § 26)"),
    "hpl_29_dispensation_granted": N_("Dispensation granted (helsepersonellova § 29)"),
    "hpl_29_dispensation_applied": N_("Dispensation applied for (helsepersonellova § 29)"),
    "consent_hpl_22": N_("Consent (helsepersonellova § 22)"),
    "hfl_rek_approval": N_("Research approved by REK (helseforskingslova)"),
    "hrl_register": N_("Health register law"),
    "pjl_11_automated": N_("Automated decision under pasientjournallova § 11"),
    "employment_contract_aml": N_("Employment (arbeidsmiljølova)"),
    "public_task_other": N_("Other public task"),
}


def _unwrap(annotation: Any) -> tuple[Any, bool, bool]:
    """The inner type of an annotation, whether it is a list and whether None is allowed."""
    origin = get_origin(annotation)
    if origin is Annotated:
        return _unwrap(get_args(annotation)[0])
    if origin is list:
        inner, _, _ = _unwrap(get_args(annotation)[0])
        return inner, True, False
    if origin in (Union, UnionType):
        args = [a for a in get_args(annotation) if a is not type(None)]
        inner, is_list, _ = _unwrap(args[0]) if len(args) == 1 else (args[0], False, False)
        return inner, is_list, True
    return annotation, False, False


def _codes(inner: Any) -> tuple[str, ...]:
    if get_origin(inner) is Annotated:
        return _codes(get_args(inner)[0])
    if get_origin(inner) is Literal:
        return tuple(str(a) for a in get_args(inner))
    if isinstance(inner, type) and issubclass(inner, Enum):
        return tuple(str(m.value) for m in inner)
    return ()


def _question(name: str, label: str, annotation: Any) -> Question:
    inner, is_list, optional = _unwrap(annotation)
    codes = _codes(inner)
    if inner is bool:
        return Question(name, label, "check")
    if codes:
        return Question(name, label, "choices" if is_list else "choice", codes, optional)
    return Question(name, label, "number" if inner in (int, float) else "text", (), optional)


def sections() -> tuple[Section, ...]:
    """The questionnaire, with each question's widget read off the fact schema."""
    names = fact_names()
    return tuple(
        Section(title, tuple(_question(name, label, names[name]) for name, label in questions))
        for title, questions in SECTIONS
    )


QUESTION_NAMES = frozenset(name for _, questions in SECTIONS for name, _ in questions)
_QUESTION_LABELS = {name: text for _, questions in SECTIONS for name, text in questions}


def fact_label(name: str) -> str:
    """The translated name of a fact: its question, its registry field, or the code itself."""
    text = _QUESTION_LABELS.get(name) or REGISTRY_LABELS.get(name)
    return gettext(text) if text else name


def _set(answers: dict[str, Any], name: str, value: Any) -> None:
    group, _, field = name.partition(".")
    if field:
        answers.setdefault(group, {})[field] = value
    else:
        answers[group] = value


def answers_from_form(form: Mapping[str, Any], getlist: Any) -> dict[str, Any]:
    """The answers of a posted questionnaire, nested as in the fact schema (not yet validated).

    An empty choice or number is left out, so the fact takes its schema default (or is reported
    as missing when it is mandatory).
    """
    answers: dict[str, Any] = {}
    for section in sections():
        for q in section.questions:
            if q.kind == "check":
                _set(answers, q.name, str(form.get(q.name, "")).lower() in ("on", "true", "1"))
            elif q.kind == "choices":
                _set(answers, q.name, [v for v in getlist(q.name) if isinstance(v, str) and v])
            else:
                raw = str(form.get(q.name, "") or "").strip()
                if raw:
                    _set(answers, q.name, raw.replace(",", ".") if q.kind == "number" else raw)
    return answers


def option_label(code: str) -> str:
    """The translated label of an answer code."""
    return gettext(OPTION_LABELS[code]) if code in OPTION_LABELS else code


def form_data(facts: UseCaseFacts) -> dict[str, Any]:
    """Today's facts as the questionnaire's field values."""
    flat = flatten(facts)
    return {name: flat[name] for name in QUESTION_NAMES}
