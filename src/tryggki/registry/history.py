"""The change history in words: field names and coded values as the forms show them."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Any

from tryggki.i18n import N_
from tryggki.i18n import gettext as _
from tryggki.i18n.formatting import format_date, format_datetime
from tryggki.registry import vocabulary as v

FIELD_LABELS = {
    "ref": N_("Reference"),
    "title": N_("Title"),
    "description": N_("Description"),
    "intended_purpose": N_("Intended purpose"),
    "organisation": N_("Organisation"),
    "ai_system": N_("AI system"),
    "purpose_domain": N_("Purpose domain"),
    "lifecycle_stage": N_("Lifecycle stage"),
    "clinical_function": N_("Clinical function"),
    "human_involvement": N_("Human involvement"),
    "users": N_("Users"),
    "affected": N_("Affected persons"),
    "data_categories": N_("Data categories"),
    "owner_unit": N_("Responsible unit"),
    "system_owner": N_("System owner"),
    "benefit_owner": N_("Benefit owner"),
    "planned_go_live": N_("Planned go-live"),
    "in_use_since": N_("In use since"),
    "is_public": N_("Public register"),
    "public_summary": N_("Plain-language summary for the public"),
    "last_reviewed_at": N_("Last reviewed"),
    "name": N_("Name"),
    "vendor": N_("Vendor"),
    "techniques": N_("Technique"),
    "gpai_based": N_("Builds on a general-purpose AI model"),
    "gpai_model": N_("General-purpose model"),
    "md_qualification": N_("Medical-device status"),
    "device_class": N_("Risk class"),
    "ce_marked": N_("CE marked"),
    "sourcing_model": N_("Sourcing"),
    "hosting": N_("Hosting location"),
    "vendor_uses_inputs_for_training": N_("Vendor trains on our inputs"),
    "retention_days": N_("Retention at the vendor (days)"),
    "model_names": N_("Model names exposed"),
    "owner": N_("Owner"),
    "period_start": N_("Period from"),
    "period_end": N_("Period to"),
    "weight_set": N_("Weight set"),
    "use_cases": N_("Use cases"),
    "status": N_("Status"),
}
# Coded values outside the fact-schema vocabularies (focus areas).
VALUE_LABELS: dict[str, dict[str, str]] = {
    "status": {"active": N_("Active"), "withdrawn": N_("Withdrawn")},
}
VOCABULARIES: dict[str, type[StrEnum]] = {
    "purpose_domain": v.PurposeDomain,
    "lifecycle_stage": v.Stage,
    "clinical_function": v.ClinicalFunction,
    "human_involvement": v.HumanInvolvement,
    "users": v.UserGroup,
    "affected": v.AffectedGroup,
    "data_categories": v.DataCategory,
    "techniques": v.Technique,
    "md_qualification": v.DeviceQualification,
    "device_class": v.DeviceClass,
    "sourcing_model": v.SourcingModel,
    "hosting": v.Location,
    "vendor_uses_inputs_for_training": v.VendorTraining,
}
CHANNELS = {
    "web": N_("in the browser"),
    "api": N_("through the API"),
    "cli": N_("on the command line"),
    "system": N_("by the system"),
}


def field_label(field: str) -> str:
    """The form label of a recorded field (the code itself for fields without one)."""
    return _(FIELD_LABELS[field]) if field in FIELD_LABELS else field


def value_text(field: str, value: Any) -> str:
    """A recorded value as the pages show it."""
    if value is None or value == [] or value == "":
        return "–"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, list):
        return ", ".join(value_text(field, item) for item in value)
    if str(value) in VALUE_LABELS.get(field, {}):
        return _(VALUE_LABELS[field][str(value)])
    vocabulary = VOCABULARIES.get(field)
    if vocabulary is not None and str(value) in {m.value for m in vocabulary}:
        return v.label(str(value), vocabulary)
    return _when(value) if isinstance(value, str) else str(value)


def _when(value: str) -> str:
    """ISO dates and times (as the audit trail stores them) in the reader's format."""
    try:
        if len(value) == 10:
            return format_date(date.fromisoformat(value))
        if len(value) > 10 and value[10] == "T":
            return format_datetime(datetime.fromisoformat(value))
    except ValueError:
        pass
    return value


def channel_text(channel: str) -> str:
    """Where a change was made, in words."""
    return _(CHANNELS[channel]) if channel in CHANNELS else channel
