"""Translatable labels of the rulebook's own vocabulary: controls and effects."""

from __future__ import annotations

from tryggki.i18n import N_
from tryggki.i18n import gettext as _

CONTROL_LABELS = {
    "human_oversight_assigned": N_("Human oversight assigned"),
    "log_retention_configured": N_("Log retention configured"),
    "secure_development_controls": N_("Secure development: code review and scanning"),
    "information_management_ready": N_("Information management tidied up"),
    "vendor_documentation_reviewed": N_("Vendor documentation and terms reviewed"),
    "ropa_entry": N_("Entry in the record of processing"),
    "privacy_notice_and_retention": N_("Privacy notice and retention periods set"),
    "supplier_security_reviewed": N_("Supplier security assessed"),
    "genai_guideline_acknowledged": N_("Guideline for generative AI acknowledged"),
    "llm_evaluation_done": N_("Language model evaluated"),
    "dpia_done": N_("Data protection impact assessment (DPIA) done"),
    "fria_done": N_("Fundamental rights impact assessment (FRIA) done"),
    "ros_done": N_("Risk assessment (ROS) done"),
    "dpa_signed": N_("Data processing agreement signed"),
    "tia_done": N_("Transfer impact assessment (TIA) done"),
    "local_validation_done": N_("Local validation done"),
    "bias_assessment_done": N_("Bias assessment done"),
    "monitoring_plan": N_("Monitoring plan"),
    "incident_procedure": N_("Incident procedure"),
    "training_delivered": N_("Training delivered"),
    "patient_information": N_("Information to patients"),
    "workers_consulted": N_("Employee representatives informed and consulted"),
    "registered_in_inventory": N_("Registered in the AI inventory"),
    "eu_database_registration": N_("Registered in the EU database"),
    "art5_5_declaration_published": N_("In-house device declaration published (MDR art. 5(5))"),
    "editorial_policy": N_("Editorial policy"),
    "benefits_plan": N_("Benefits realisation plan"),
    "baseline_measured": N_("Baseline measured"),
}
EFFECT_LABELS = {
    "block": N_("Not allowed"),
    "condition": N_("Condition"),
    "info": N_("Information"),
    "review": N_("Needs legal assessment"),
}

VERDICT_LABELS = {
    "allowed": N_("Allowed"),
    "allowed_with_conditions": N_("Allowed with conditions"),
    "not_allowed": N_("Not allowed"),
    "needs_assessment": N_("Needs assessment"),
}
TIER_LABELS = {
    "prohibited": N_("Prohibited practice"),
    "high_risk_annex_i": N_("High risk (product safety, Annex I)"),
    "high_risk_annex_iii": N_("High risk (Annex III)"),
    "high_risk_both": N_("High risk (Annex I and III)"),
    "annex_iii_exempt_6_3": N_("Annex III area, exempt under Article 6(3)"),
    "minimal": N_("Minimal or transparency risk"),
    "not_ai_system": N_("Not an AI system"),
    "out_of_scope_research": N_("Outside the AI Act (research)"),
}
# Values of the other conclusions, keyed by conclusion since some codes recur with other meanings.
CONCLUSION_LABELS: dict[str, dict[str, str]] = {
    "requirement": {
        "required": N_("Required"),
        "recommended": N_("Recommended"),
        "not_required": N_("Not required"),
    },
    "dpa": {
        "required": N_("Required"),
        "not_required": N_("Not required"),
        "unacceptable_vendor_role": N_("The vendor's role is not acceptable"),
    },
    "transfer": {
        "none": N_("No transfer outside the EEA"),
        "adequacy": N_("Adequacy decision"),
        "dpf": N_("EU-US Data Privacy Framework"),
        "scc_tia": N_("Standard contractual clauses with a transfer assessment"),
        "blocked": N_("Not permitted"),
        "unknown": N_("Unknown"),
    },
    "art22": {
        "not_triggered": N_("No automated individual decision"),
        "permitted_pjl11": N_("Permitted under pasientjournallova § 11"),
        "prohibited": N_("Prohibited automated decision"),
    },
    "mdr_route": {
        "ce_marked_purchase": N_("CE-marked product"),
        "in_house_art5_5": N_("In-house device (art. 5(5))"),
        "clinical_investigation": N_("Clinical investigation"),
        "not_permitted": N_("No lawful route"),
        "none": N_("Not a medical device"),
    },
    "roles": {
        "provider": N_("Provider"),
        "deployer": N_("Deployer"),
        "product_manufacturer": N_("Product manufacturer"),
        "gpai_model_provider": N_("Provider of a general-purpose model"),
    },
    "confidentiality": {
        "helsehjelp": N_("Health care (helsepersonellova § 25)"),
        "hpl_26": N_("Quality assurance (helsepersonellova § 26)"),
        "hpl_29": N_("Dispensation (helsepersonellova § 29)"),
        "rek_hfl": N_("Research approved by REK"),
        "consent": N_("Consent"),
        "not_needed": N_("No exception needed"),
        "missing": N_("No exception from confidentiality"),
    },
}
MDR_QUALIFICATION = {
    "md": N_("Medical device, class %(cls)s"),
    "ivd": N_("In vitro diagnostic device, class %(cls)s"),
}


def mdr_status_label(status: str) -> str:
    """``md_IIa`` → "Medical device, class IIa"; ``not_md`` and ``unresolved`` in words."""
    kind, _sep, cls = status.partition("_")
    if kind in MDR_QUALIFICATION and cls and status != "not_md":
        return _(MDR_QUALIFICATION[kind]) % {"cls": cls}
    return _("Not a medical device") if status == "not_md" else _("Not settled")


def label(table: dict[str, str], code: str) -> str:
    """The translated label of a code, or the code itself when the table does not know it."""
    return _(table[code]) if code in table else code
