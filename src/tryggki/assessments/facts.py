"""A registered use case as the rulebook reads it: the registry's facts and the answers.

The registry is the source for every fact it holds (use case, AI system, benefits); the
questionnaire's answers fill in the rest and never override it.
"""

from __future__ import annotations

from typing import Any

from tryggki.assessments import compose
from tryggki.models import Assessment, UseCase
from tryggki.rules.facts import UseCaseFacts

MDR_CLASSES = frozenset({"I", "Is_Im_Ir", "IIa", "IIb", "III"})
IVDR_CLASSES = frozenset({"A", "B", "C", "D"})


def _system_facts(uc: UseCase) -> dict[str, Any]:
    system = uc.ai_system
    if system is None:
        return {}
    external = system.vendor is not None
    hosting = None if system.hosting == "unknown" else system.hosting
    md = None if system.md_qualification == "unknown" else system.md_qualification
    return {
        "ai": {
            "technique": list(system.techniques),
            "gpai_based": system.gpai_based,
            "gpai_model": system.gpai_model,
        },
        "device": {
            "qualification": md,
            "mdr_class": system.device_class if system.device_class in MDR_CLASSES else "n_a",
            "ivdr_class": system.device_class if system.device_class in IVDR_CLASSES else "n_a",
            "ce_marked": bool(system.ce_marked),
        },
        "sourcing": {
            "model": system.sourcing_model,
            "vendor": system.vendor.name if system.vendor else None,
            "vendor_uses_inputs_for_training": system.vendor_uses_inputs_for_training
            if external
            else "no",
            "retention_days": system.retention_days,
        },
        # The registry records one hosting place for storage and processing alike.
        "location": {"storage": hosting, "processing": hosting},
    }


def _benefit_facts(uc: UseCase) -> dict[str, Any]:
    hours = next((b for b in uc.benefits if b.measure == "hours"), None)
    baselines = [b.baseline_date for b in uc.benefits if b.baseline_date]
    return {
        "type": sorted({b.benefit_type for b in uc.benefits}),
        "events_per_year": hours.events_per_year if hours else None,
        "minutes_saved_per_event": hours.minutes_saved_per_event if hours else None,
        "adoption_rate": hours.adoption_rate if hours else None,
        "rework_share": hours.rework_share if hours else None,
        "baseline_date": min(baselines) if baselines else None,
    }


def _registry_controls(uc: UseCase) -> set[str]:
    """Controls the registry itself shows: the record is the inventory entry (BEN-01), and a
    benefit with a measured baseline or a measurement plan meets BEN-02's parts."""
    controls = {"registered_in_inventory"}
    if any(b.baseline_value is not None and b.baseline_date for b in uc.benefits):
        controls.add("baseline_measured")
    if any(b.measurement_plan for b in uc.benefits):
        controls.add("benefits_plan")
    return controls


def registry_facts(uc: UseCase, assessment: Assessment | None) -> dict[str, Any]:
    """The facts the registry holds about a use case, nested as in the fact schema."""
    system = _system_facts(uc)
    in_place = {e.control for e in assessment.evidence if e.in_place} if assessment else set()
    in_place |= _registry_controls(uc)
    return {
        **system,
        "id": uc.ref,
        "title": uc.title,
        "description": uc.description,
        "intended_purpose": uc.intended_purpose,
        "organisation": uc.organisation.code,
        "lifecycle_stage": uc.lifecycle_stage,
        "planned_go_live": uc.planned_go_live,
        "purpose_domain": uc.purpose_domain,
        "clinical": {"function": uc.clinical_function},
        "people": {"users": list(uc.users), "affected": list(uc.affected)},
        "data": {"categories": uc.data_categories},
        "decision": {"human_involvement": uc.human_involvement},
        "controls_in_place": sorted(in_place),
        "benefits": _benefit_facts(uc),
    }


def facts_of(uc: UseCase, assessment: Assessment | None) -> UseCaseFacts:
    """The whole fact set of a use case: the registry's facts and the assessment's answers."""
    answers = assessment.answers if assessment else {}
    return UseCaseFacts.model_validate(compose.merge(registry_facts(uc, assessment), answers))
