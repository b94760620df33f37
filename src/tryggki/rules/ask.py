""" "Kan eg bruke KI til dette?": an employee's question as facts, and the rulebook's plain answer.

The employee names a tool, a task and the kind of data. The question becomes a use case in the
fact schema and is assessed by the same rulebook as every registered use case. On top of the
verdict, Helse Vest's "approved tools only" policy (PUB-07) is applied to registered tools: a tool
is approved for the data categories of its use cases in pilot or production, nothing more.
Pure: the caller passes the tool's profile, so no database is read here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from tryggki.i18n import N_
from tryggki.rules.engine import Assessment, EngineSettings, assess
from tryggki.rules.facts import UseCaseFacts
from tryggki.rules.model import Rulebook

Answer = Literal["yes", "yes_with_care", "no", "ask_first"]


@dataclass(frozen=True)
class ToolProfile:
    """What the rulebook needs to know about a tool."""

    key: str
    name: str
    sourcing_model: str
    vendor_role: str | None
    trains_on_inputs: str
    storage: str | None
    transfer_mechanism: str | None
    gpai_based: bool = True
    techniques: tuple[str, ...] = ("llm_generative",)
    md_qualification: str = "not_md"
    device_class: str = "n_a"
    ce_marked: bool = False
    dpa_in_place: bool = False
    # None: not a registered tool; otherwise the data categories it is approved for.
    approved_categories: frozenset[str] | None = None


# Tools that are never registered but that staff ask about every day.
OPEN_TOOLS = {
    "consumer_free": ToolProfile(
        key="consumer_free",
        name=N_("A free AI service on the internet (e.g. ChatGPT free)"),
        sourcing_model="consumer_free",
        vendor_role="independent_controller",
        trains_on_inputs="yes",
        storage="unknown",
        transfer_mechanism="none",
    ),
    "consumer_paid": ToolProfile(
        key="consumer_paid",
        name=N_("A private paid AI subscription"),
        sourcing_model="consumer_paid_personal",
        vendor_role="independent_controller",
        trains_on_inputs="unknown",
        storage="unknown",
        transfer_mechanism="none",
    ),
}

# Task → facts about purpose and output (research §8 codes).
TASKS: dict[str, tuple[str, dict[str, Any]]] = {
    "write_text": (
        N_("Write, improve or translate a text"),
        {"purpose_domain": "administrative", "ai.generates_content": ["text"]},
    ),
    "summarise_records": (
        N_("Summarise or draft patient records"),
        {
            "purpose_domain": "clinical_care",
            "ai.generates_content": ["text"],
            "clinical.function": "inform",
            "people.affected": ["patients"],
            "data.sources": ["ehr"],
            "legal_basis_claimed": ["helsehjelp_pjl"],
        },
    ),
    "diagnose": (
        N_("Get suggestions for diagnosis or treatment"),
        {
            "purpose_domain": "clinical_care",
            "ai.generates_content": ["text"],
            "clinical.function": "diagnose_or_treat",
            "clinical.situation": "serious",
            "clinical.influences_diagnosis_or_treatment": True,
            "people.affected": ["patients"],
            "legal_basis_claimed": ["helsehjelp_pjl"],
            "device.qualification": "unknown",
        },
    ),
    "meetings_email": (
        N_("Summarise meetings, e-mail or documents at work"),
        {
            "purpose_domain": "administrative",
            "ai.generates_content": ["text"],
            "people.affected": ["employees"],
        },
    ),
    "code": (
        N_("Write or explain program code"),
        {
            "purpose_domain": "software_development",
            "ai.generates_content": ["code"],
            "people.users": ["developers"],
            "data.sources": ["source_code"],
        },
    ),
    "images": (
        N_("Make images or illustrations"),
        {"purpose_domain": "communication_content", "ai.generates_content": ["image"]},
    ),
    "research": (
        N_("Analyse data for research"),
        {"purpose_domain": "research", "data.use_phase": ["research_analysis"]},
    ),
}

# Kind of data → categories (research §8.2).
DATA_KINDS: dict[str, tuple[str, dict[str, Any]]] = {
    "public": (N_("Only public information, no personal data"), {"data.categories": ["none"]}),
    "personal": (
        N_("Names or contact details of people"),
        {"data.categories": ["personal_general"]},
    ),
    "health": (
        N_("Health information about patients"),
        {"data.categories": ["health"], "data.subject_to_professional_secrecy": True},
    ),
    "national_id": (
        N_("National ID numbers (fødselsnummer)"),
        {"data.categories": ["national_id", "personal_general"]},
    ),
    "employees": (N_("Information about employees"), {"data.categories": ["employee"]}),
    "internal": (
        N_("Internal or confidential documents"),
        {"data.categories": ["confidential_business"]},
    ),
}

# What to do instead, by the rule that said no (msgids, translated by the caller).
ADVICE = {
    "PUB-01": N_(
        "Use an approved AI service in Helse Vest, such as the internal AI chat through "
        "the AI gateway, which removes personal data before anything leaves."
    ),
    "PUB-07": N_(
        "Use a tool that Helse Vest has approved for this kind of data, or ask the AI "
        "coordinator to assess this one."
    ),
    "GDPR-04": N_("Remove the national ID number first (the AI gateway does this for you)."),
    "GDPR-06": N_(
        "Do not paste personal data into a service whose vendor decides over the data "
        "itself; use an approved service with a data processing agreement."
    ),
    "GDPR-07": N_("Choose a service where the vendor does not train on what you type."),
    "GDPR-11": N_(
        "The service sends data out of the EEA without a lawful basis; use a service "
        "hosted in Norway or the EEA."
    ),
    "NOR-01": N_(
        "Patient information may only be used for this with a legal basis; ask the "
        "privacy ombud (personvernombodet)."
    ),
    "MDR-01": N_(
        "AI that suggests diagnosis or treatment must be an approved medical device; "
        "use the clinical tools your department has approved."
    ),
    "MDR-03": N_("Use only CE-marked medical devices on patients."),
}
# Conditions that concern the person using the tool, shown with a "yes, with care".
USER_DUTIES = ("PUB-01", "PUB-07", "PUB-03", "PUB-05", "PUB-06", "NOR-06", "AIA-55", "GDPR-04")
NOT_APPROVED = N_("This tool is not approved in Helse Vest for this kind of data.")


@dataclass(frozen=True)
class Question:
    """An employee's question."""

    tool: ToolProfile
    task: str
    data_kinds: tuple[str, ...]
    organisation: str = "helse_vest_rhf"


@dataclass(frozen=True)
class Reply:
    """The answer with the rules behind it."""

    answer: Answer
    assessment: Assessment
    reasons: tuple[str, ...]
    duties: tuple[str, ...]
    advice: tuple[str, ...]
    not_approved: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


def _nest(flat: dict[str, Any]) -> dict[str, Any]:
    nested: dict[str, Any] = {}
    for name, value in flat.items():
        if "." in name:
            group, key = name.split(".", 1)
            nested.setdefault(group, {})[key] = value
        else:
            nested[name] = value
    return nested


def question_facts(q: Question) -> UseCaseFacts:
    """The question as a use case in the fact schema."""
    tool = q.tool
    flat: dict[str, Any] = {
        "organisation": q.organisation,
        "lifecycle_stage": "production",
        "people.users": ["clinicians", "admin_staff"],
        "ai.is_ai_system": "yes",
        "ai.gpai_based": tool.gpai_based,
        "ai.technique": list(tool.techniques),
        "device.qualification": tool.md_qualification,
        "device.mdr_class": tool.device_class,
        "device.ce_marked": tool.ce_marked,
        "device.used_within_intended_purpose": True,
        "sourcing.model": tool.sourcing_model,
        "sourcing.vendor_role": tool.vendor_role,
        "sourcing.dpa_in_place": tool.dpa_in_place,
        "sourcing.vendor_uses_inputs_for_training": tool.trains_on_inputs,
        "location.storage": tool.storage,
        "location.processing": tool.storage,
        "location.transfer_mechanism": tool.transfer_mechanism,
        "decision.human_involvement": "human_reviews_every_output",
    }
    flat.update(TASKS[q.task][1])
    categories: list[str] = []
    for kind in q.data_kinds:
        for name, value in DATA_KINDS[kind][1].items():
            if name == "data.categories":
                categories += [c for c in value if c not in categories]
            else:
                flat[name] = value
    flat["data.categories"] = [c for c in categories if c != "none" or len(categories) == 1]
    if tool.md_qualification != "not_md" and flat.get("device.qualification") == "unknown":
        flat["device.qualification"] = tool.md_qualification
    return UseCaseFacts.model_validate(_nest(flat))


def answer(q: Question, rulebook: Rulebook, on: date) -> Reply:
    """Assess the question and turn the verdict into an answer an employee can act on."""
    facts = question_facts(q)
    result = assess(facts, rulebook, EngineSettings(assessment_date=on))
    blocking = [
        f.rule_id
        for f in result.firings
        if f.status == "in_force" and f.effect in ("block", "review")
    ]
    # Helse Vest's own policy is the reason staff recognise; the legal grounds follow it.
    blocking.sort(key=lambda rule_id: not rule_id.startswith("PUB-"))
    duties = tuple(
        f.rule_id for f in result.firings if f.rule_id in USER_DUTIES and f.effect == "condition"
    )
    approved = q.tool.approved_categories
    not_approved = approved is not None and not set(facts.data.categories) <= approved
    advice = [ADVICE[r] for r in blocking if r in ADVICE]
    if not_approved:
        advice.append(ADVICE["PUB-07"])
    if result.verdict == "not_allowed":
        kind: Answer = "no"
    elif result.verdict == "needs_assessment" or not_approved:
        kind = "ask_first"
    elif duties or result.verdict == "allowed_with_conditions":
        kind = "yes_with_care"
    else:
        kind = "yes"
    return Reply(
        answer=kind,
        assessment=result,
        reasons=tuple(blocking),
        duties=duties,
        advice=tuple(dict.fromkeys(advice)),
        not_approved=not_approved,
    )
