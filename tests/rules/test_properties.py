"""Invariants of the engine over generated use cases (hypothesis)."""

from __future__ import annotations

from datetime import date
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tryggki.registry.vocabulary import (
    AffectedGroup,
    ClinicalFunction,
    DataCategory,
    PurposeDomain,
    Stage,
    UserGroup,
)
from tryggki.rules.engine import EngineSettings, assess
from tryggki.rules.facts import CONTROLS, UseCaseFacts
from tryggki.rules.loader import load_rulebook

RULEBOOK = load_rulebook()
SETTINGS = EngineSettings(assessment_date=date(2026, 9, 1))
RANK = {"allowed": 0, "allowed_with_conditions": 1, "needs_assessment": 2, "not_allowed": 3}
SOURCING = [
    "cots_onprem",
    "saas_enterprise",
    "consumer_free",
    "consumer_paid_personal",
    "in_house",
    "co_developed",
    "research_prototype",
]
LOCATIONS = [
    "onprem_helse_vest",
    "norway_cloud",
    "eea_cloud",
    "usa_dpf_certified",
    "usa_not_certified",
    "unknown",
]


def _subset(values: list[Any]) -> st.SearchStrategy[list[Any]]:
    return st.lists(st.sampled_from(values), unique=True, max_size=4)


facts_strategy = st.fixed_dictionaries(
    {
        "organisation": st.sampled_from(["helse_bergen", "helse_vest_ikt", "helse_forde"]),
        "purpose_domain": st.sampled_from([p.value for p in PurposeDomain]),
        "lifecycle_stage": st.sampled_from([s.value for s in Stage]),
        "clinical": st.fixed_dictionaries(
            {
                "function": st.sampled_from([c.value for c in ClinicalFunction]),
                "situation": st.sampled_from(["non_serious", "serious", "critical", "n_a"]),
                "emergency_triage": st.booleans(),
                "access_to_care_assessment": st.booleans(),
            }
        ),
        "people": st.fixed_dictionaries(
            {
                "users": _subset([u.value for u in UserGroup]),
                "affected": _subset([a.value for a in AffectedGroup]),
                "interacts_directly_with_natural_persons": st.booleans(),
                "workplace_use": st.booleans(),
            }
        ),
        "ai": st.fixed_dictionaries(
            {
                "is_ai_system": st.sampled_from(["yes", "no", "unknown"]),
                "technique": _subset(["ml_prediction", "computer_vision", "nlp", "llm_generative"]),
                "gpai_based": st.booleans(),
                "generates_content": _subset(["text", "image", "code"]),
                "profiling": st.booleans(),
                "emotion_recognition": st.booleans(),
            }
        ),
        "prohibited_screen": st.fixed_dictionaries(
            {
                "manipulative_techniques": st.booleans(),
                "social_scoring": st.booleans(),
            }
        ),
        "device": st.fixed_dictionaries(
            {
                "qualification": st.sampled_from(["not_md", "md", "ivd", "unknown"]),
                "mdr_class": st.sampled_from(["I", "IIa", "IIb", "III", "n_a"]),
                "ce_marked": st.booleans(),
                "in_house_art5_5": st.booleans(),
            }
        ),
        "sourcing": st.fixed_dictionaries(
            {
                "model": st.sampled_from(SOURCING),
                "vendor_role": st.sampled_from(
                    ["processor", "independent_controller", "no_personal_data"]
                ),
                "vendor_uses_inputs_for_training": st.sampled_from(
                    ["yes", "no", "opt_out_contractual", "unknown"]
                ),
            }
        ),
        "data": st.fixed_dictionaries(
            {
                "categories": st.lists(
                    st.sampled_from([c.value for c in DataCategory]),
                    unique=True,
                    min_size=1,
                    max_size=4,
                ),
                "subject_to_professional_secrecy": st.booleans(),
                "sources": _subset(["ehr", "user_prompt", "m365_tenant", "audio_consultation"]),
            }
        ),
        "location": st.fixed_dictionaries(
            {
                "storage": st.sampled_from(LOCATIONS),
                "processing": st.sampled_from(LOCATIONS),
                "transfer_mechanism": st.sampled_from(
                    ["none_needed", "dpf", "scc_with_tia", "none"]
                ),
            }
        ),
        "legal_basis_claimed": _subset(
            ["helsehjelp_pjl", "hpl_26_internal", "hfl_rek_approval", "none"]
        ),
        "decision": st.fixed_dictionaries(
            {
                "human_involvement": st.sampled_from(
                    ["human_decides_ai_suggests", "fully_automated", "human_on_the_loop"]
                ),
                "decision_effect": st.sampled_from(
                    ["none", "internal_workflow", "individual_significant", "individual_minor"]
                ),
            }
        ),
        "controls_in_place": _subset(list(CONTROLS)),
    }
)
PROPERTY = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _assess(raw: dict[str, Any]) -> Any:
    return assess(UseCaseFacts.model_validate(raw), RULEBOOK, SETTINGS)


@PROPERTY
@given(facts_strategy)
def test_health_data_in_a_consumer_ai_service_is_never_allowed(raw: dict[str, Any]) -> None:
    raw["sourcing"]["model"] = "consumer_free"
    raw["data"]["categories"] = sorted({*raw["data"]["categories"], "health"})
    assert _assess(raw).verdict == "not_allowed"


@PROPERTY
@given(facts_strategy)
def test_a_prohibited_practice_is_never_allowed(raw: dict[str, Any]) -> None:
    raw["ai"]["is_ai_system"] = "yes"
    raw["purpose_domain"] = "clinical_care"
    raw["prohibited_screen"]["social_scoring"] = True
    result = _assess(raw)
    assert result.tier == "prohibited"
    assert result.verdict == "not_allowed"


@PROPERTY
@given(facts_strategy, st.sampled_from(list(CONTROLS)))
def test_adding_a_control_never_makes_the_verdict_worse(raw: dict[str, Any], control: str) -> None:
    before = _assess(raw)
    raw["controls_in_place"] = sorted({*raw["controls_in_place"], control})
    after = _assess(raw)
    assert RANK[after.verdict] <= RANK[before.verdict]


@PROPERTY
@given(facts_strategy)
def test_the_engine_is_deterministic(raw: dict[str, Any]) -> None:
    assert _assess(raw) == _assess(raw)


@PROPERTY
@given(facts_strategy)
def test_unknown_mandatory_facts_never_give_allowed(raw: dict[str, Any]) -> None:
    raw["ai"]["is_ai_system"] = "unknown"
    result = _assess(raw)
    assert "ai.is_ai_system" in result.missing_facts
    assert result.verdict in ("needs_assessment", "not_allowed")
