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


def label(table: dict[str, str], code: str) -> str:
    """The translated label of a code, or the code itself when the table does not know it."""
    return _(table[code]) if code in table else code
