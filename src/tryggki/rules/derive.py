"""Derived facts: what follows from the facts by fixed arithmetic or lookup, before any rule runs.

Rules refer to these as ``derived.<name>`` (and to earlier rules' conclusions as
``conclusion.<name>``). Each derivation names the rule in whose explanation it is documented.
Pure functions only.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from tryggki.rules.facts import fact_names
from tryggki.rules.model import TIERS

HELSE_VEST = frozenset(
    {
        "helse_vest_rhf",
        "helse_bergen",
        "helse_stavanger",
        "helse_fonna",
        "helse_forde",
        "sjukehusapoteka_vest",
        "helse_vest_ikt",
    }
)
NOT_PERSONAL = frozenset({"none", "anonymous", "synthetic"})
SPECIAL = frozenset({"health", "genetic", "biometric"})
IN_EEA = frozenset({"onprem_helse_vest", "norway_cloud", "eea_cloud"})
LIVE_STAGES = frozenset({"pilot", "production", "change"})
LARGE_SCALE_SUBJECTS = 5000  # GDPR-08 C5, configurable by the DPO (research §11 item 15)
# MDCG 2019-11 / IMDRF matrix (research §3.2): situation × significance → MDR class (Rule 11).
RULE_11 = {
    ("critical", "diagnose_or_treat"): "III",
    ("critical", "drive"): "IIb",
    ("critical", "inform"): "IIa",
    ("serious", "diagnose_or_treat"): "IIb",
    ("serious", "drive"): "IIa",
    ("serious", "inform"): "IIa",
    ("non_serious", "diagnose_or_treat"): "IIa",
    ("non_serious", "drive"): "IIa",
    ("non_serious", "inform"): "IIa",
}
CLASS_ORDER = {"I": 0, "Is_Im_Ir": 1, "IIa": 2, "IIb": 3, "III": 4}
CONFIDENTIALITY = {
    "helsehjelp_pjl": "helsehjelp",
    "hpl_26_internal": "hpl_26",
    "hpl_29_dispensation_granted": "hpl_29",
    "hpl_29_dispensation_applied": "hpl_29",
    "hfl_rek_approval": "rek_hfl",
    "consent_hpl_22": "consent",
}
# Facts without which no verdict can be given (research §8 principle 3).
MANDATORY = (
    "organisation",
    "purpose_domain",
    "lifecycle_stage",
    "ai.is_ai_system",
    "device.qualification",
    "sourcing.model",
    "data.categories",
)

DERIVED: dict[str, Any] = {
    "derived.personal_data": bool,
    "derived.health": bool,
    "derived.open_service": bool,
    "derived.public_body": bool,
    "derived.confidential": bool,
    "derived.outside_eea": bool,
    "derived.live": bool,
    "derived.device": bool,
    "derived.clinical_use": bool,
    "derived.own_system": bool,
    "derived.wp248_count": int,
    "derived.dpia": Literal["required", "recommended", "not_required"],
    "derived.dpa": Literal["required", "not_required", "unacceptable_vendor_role"],
    "derived.transfer": Literal["none", "adequacy", "dpf", "scc_tia", "blocked", "unknown"],
    "derived.art22": Literal["not_triggered", "permitted_pjl11", "prohibited"],
    "derived.confidentiality": list[
        Literal["helsehjelp", "hpl_26", "hpl_29", "rek_hfl", "consent", "not_needed", "missing"]
    ],
    "derived.evidence_tier": Literal["nice_A", "nice_B", "nice_C"],
    "derived.rule11_class": Literal["I", "IIa", "IIb", "III", "n_a"],
    "derived.rule11_mismatch": bool,
    "derived.mdr_status": str,
    "derived.mdr_route": Literal[
        "ce_marked_purchase", "in_house_art5_5", "clinical_investigation", "not_permitted", "none"
    ],
}
CONCLUSIONS: dict[str, Any] = {
    "conclusion.tier": Literal[TIERS],
    "conclusion.high_risk": bool,
    "conclusion.annex_i": bool,
    "conclusion.annex_iii": bool,
    "conclusion.roles": list[
        Literal["provider", "deployer", "product_manufacturer", "gpai_model_provider"]
    ],
    "conclusion.provider": bool,
    "conclusion.deployer": bool,
}
CONDITION_NAMES: dict[str, Any] = {**fact_names(), **DERIVED, **CONCLUSIONS}


def _subjects(f: Mapping[str, Any]) -> int:
    """The estimated number of data subjects, wherever the use case gives it."""
    return max(f["people.estimated_data_subjects"] or 0, f["data.estimated_data_subjects"] or 0)


def _wp248(f: Mapping[str, Any], personal: bool, health: bool) -> int:
    """The number of WP248 DPIA criteria met (GDPR-08)."""
    affected = set(f["people.affected"])
    categories = set(f["data.categories"])
    criteria = (
        f["ai.profiling"]
        or f["clinical.function"] in ("inform", "drive", "diagnose_or_treat")
        or f["annex_iii.area"] != "none",
        f["decision.human_involvement"] == "fully_automated"
        and f["decision.decision_effect"] == "individual_significant",
        _monitoring(f),
        health,
        f["data.scale"] in ("trust", "region", "national") or _subjects(f) >= LARGE_SCALE_SUBJECTS,
        f["data.combines_datasets"],
        bool(affected & {"patients", "children"}) or bool(categories & {"children", "employee"}),
        f["ai.is_ai_system"] == "yes",
        f["clinical.access_to_care_assessment"]
        or f["annex_iii.area"]
        in ("5a_public_benefits_healthcare_eligibility", "5d_emergency_triage"),
    )
    return sum(bool(c) for c in criteria) if personal else 0


def _monitoring(f: Mapping[str, Any]) -> bool:
    """WP248 C3: systematic monitoring (of staff, or by biometrics or emotion recognition)."""
    return bool(
        f["ai.emotion_recognition"]
        or f["ai.biometric_identification"]
        or f["prohibited_screen.emotion_recognition_workplace"]
        or f["annex_iii.area"] == "4b_work_management"
    )


def _dpia(f: Mapping[str, Any], personal: bool, health: bool) -> tuple[int, str]:
    count = _wp248(f, personal, health)
    large = (
        f["data.scale"] in ("trust", "region", "national") or _subjects(f) >= LARGE_SCALE_SUBJECTS
    )
    ai = f["ai.is_ai_system"] == "yes"
    if personal and (count >= 2 or (health and large) or _monitoring(f)):
        return count, "required"
    if personal and ai:
        return count, "recommended"
    return count, "not_required"


def _transfer(f: Mapping[str, Any], personal: bool, outside: bool) -> str:
    """GDPR-11: the Chapter V position for data leaving the EEA (unknown if not described)."""
    if not personal:
        return "none"
    if not outside:
        given = f["location.storage"] is not None and f["location.processing"] is not None
        return "none" if given else "unknown"
    return {"adequacy": "adequacy", "dpf": "dpf", "scc_with_tia": "scc_tia", "bcr": "scc_tia"}.get(
        f["location.transfer_mechanism"], "blocked"
    )


def _confidentiality(f: Mapping[str, Any], health: bool) -> list[str]:
    """NOR-01: the exceptions from professional secrecy that the claimed bases give."""
    if not (health and f["data.subject_to_professional_secrecy"]):
        return ["not_needed"]
    found: list[str] = []
    for basis in f["legal_basis_claimed"]:
        exception = CONFIDENTIALITY.get(basis)
        if exception and exception not in found:
            found.append(exception)
    return found or ["missing"]


def _mdr(f: Mapping[str, Any]) -> tuple[str, str, str, bool]:
    """MDR-02/03/05: status, route, the Rule 11 class and whether the declared class is lower."""
    qualification = f["device.qualification"]
    if qualification not in ("md", "ivd"):
        status = "unresolved" if qualification in (None, "unknown") else "not_md"
        return status, "none", "n_a", False
    declared = f["device.mdr_class"] if qualification == "md" else f["device.ivdr_class"]
    status = f"{qualification}_{declared}" if declared != "n_a" else "unresolved"
    derived = "n_a"
    if qualification == "md":
        function = f["clinical.function"]
        derived = RULE_11.get((f["clinical.situation"], function), "n_a")
        if function == "monitor_vital_parameters":
            derived = "IIb"
        elif function == "monitor_physiology":
            derived = "IIa"
    mismatch = derived != "n_a" and CLASS_ORDER.get(declared, 9) < CLASS_ORDER[derived]
    if f["device.ce_marked"]:
        route = "ce_marked_purchase"
    elif f["device.in_house_art5_5"] and f["device.manufacturer_entity"] == f["organisation"]:
        route = "in_house_art5_5"
    elif f["device.clinical_investigation_approved"]:
        route = "clinical_investigation"
    else:
        route = "not_permitted"
    return status, route, derived, mismatch


def _evidence_tier(f: Mapping[str, Any]) -> str:
    """QUAL-01: NICE evidence standards tier."""
    if f["device.qualification"] in ("md", "ivd") or f["clinical.function"] in (
        "drive",
        "diagnose_or_treat",
    ):
        return "nice_C"
    users = set(f["people.users"])
    if users & {"patients", "citizens"} or f["purpose_domain"] == "patient_communication":
        return "nice_B"
    return "nice_A"


def derive(f: Mapping[str, Any]) -> dict[str, Any]:
    """Every derived fact for one use case's flattened facts."""
    categories = set(f["data.categories"])
    personal = bool(categories - NOT_PERSONAL)
    health = bool(categories & SPECIAL) or f["data.subject_to_professional_secrecy"]
    outside = (
        f["location.storage"] not in IN_EEA
        or f["location.processing"] not in IN_EEA
        or f["location.third_country_remote_access"]
        or f["location.subprocessors_outside_eea"]
    )
    count, dpia = _dpia(f, personal, health)
    status, route, rule11, mismatch = _mdr(f)
    vendor_role = f["sourcing.vendor_role"]
    dpa = (
        "unacceptable_vendor_role"
        if personal and vendor_role == "independent_controller"
        else "required"
        if personal and vendor_role in ("processor", "joint_controller")
        else "not_required"
    )
    decision = (f["decision.human_involvement"], f["decision.decision_effect"])
    art22 = (
        "prohibited"
        if decision == ("fully_automated", "individual_significant")
        else "permitted_pjl11"
        if decision == ("fully_automated", "individual_minor")
        else "not_triggered"
    )
    model = f["sourcing.model"]
    return {
        "derived.personal_data": personal,
        "derived.health": bool(health),
        "derived.open_service": model in ("consumer_free", "consumer_paid_personal"),
        "derived.public_body": f["organisation"] in HELSE_VEST,
        "derived.confidential": "confidential_business" in categories,
        "derived.outside_eea": bool(outside),
        "derived.live": f["lifecycle_stage"] in LIVE_STAGES,
        "derived.device": f["device.qualification"] in ("md", "ivd"),
        "derived.clinical_use": f["clinical.function"] != "none"
        or f["clinical.influences_diagnosis_or_treatment"]
        or f["purpose_domain"] == "clinical_care",
        "derived.own_system": model in ("in_house", "co_developed")
        and (
            f["sourcing.developed_by"] in (f["organisation"], None)
            or f["sourcing.marketed_under_own_name"]
        ),
        "derived.wp248_count": count,
        "derived.dpia": dpia,
        "derived.dpa": dpa,
        "derived.transfer": _transfer(f, personal, bool(outside)),
        "derived.art22": art22,
        "derived.confidentiality": _confidentiality(f, bool(health)),
        "derived.evidence_tier": _evidence_tier(f),
        "derived.rule11_class": rule11,
        "derived.rule11_mismatch": mismatch,
        "derived.mdr_status": status,
        "derived.mdr_route": route,
    }


def missing_facts(f: Mapping[str, Any]) -> list[str]:
    """Mandatory facts that are absent or ``unknown``; where personal data goes is mandatory too."""
    missing = [name for name in MANDATORY if f.get(name) in (None, "unknown", [])]
    if set(f["data.categories"]) - NOT_PERSONAL:
        missing += [n for n in ("location.storage", "location.processing") if f[n] is None]
    return missing
