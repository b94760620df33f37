"""Rulebook operations that read the registry: tool profiles for the staff question."""

from __future__ import annotations

import uuid

from sqlalchemy.orm import Session

from tryggki.assessments import repository as assessments
from tryggki.exceptions import ValidationFailed
from tryggki.i18n import gettext as _
from tryggki.models import AISystem
from tryggki.registry import repository as repo
from tryggki.rules.ask import DATA_KINDS, OPEN_TOOLS, TASKS, Question, ToolProfile

TRANSFER_BY_HOSTING = {
    "onprem_helse_vest": "none_needed",
    "norway_cloud": "none_needed",
    "eea_cloud": "none_needed",
    "adequate_third_country": "adequacy",
    "usa_dpf_certified": "dpf",
}


def tool_profile(session: Session, system: AISystem) -> ToolProfile:
    """A registered AI system as the rulebook sees it.

    Registered enterprise tools are assumed to have a data processing agreement; the tool is
    approved for the data categories of its use cases with an approved assessment (PUB-07), the
    same approvals the AI gateway serves.
    """
    external = system.vendor_id is not None
    sourcing = system.sourcing_model or ("saas_enterprise" if external else "in_house")
    return ToolProfile(
        key=f"system:{system.id}",
        name=system.name,
        sourcing_model=sourcing,
        vendor_role="processor" if external else None,
        trains_on_inputs=system.vendor_uses_inputs_for_training if external else "no",
        storage=system.hosting,
        transfer_mechanism=TRANSFER_BY_HOSTING.get(system.hosting, "none"),
        gpai_based=system.gpai_based,
        techniques=tuple(system.techniques) or ("llm_generative",),
        md_qualification=system.md_qualification
        if system.md_qualification != "unknown"
        else "not_md",
        device_class=system.device_class
        if system.device_class in ("I", "IIa", "IIb", "III")
        else "n_a",
        ce_marked=bool(system.ce_marked),
        dpa_in_place=external and sourcing in ("saas_enterprise", "cots_onprem"),
        approved_categories=frozenset(assessments.approved_data_categories(session, system.id)),
    )


def build_question(
    session: Session, *, tool: str, task: str, data: list[str], organisation: str | None
) -> Question:
    """Validate the staff question's choices and resolve the tool."""
    errors: dict[str, str] = {}
    profile: ToolProfile | None = OPEN_TOOLS.get(tool)
    if profile is None and tool.startswith("system:"):
        try:
            system = repo.get_ai_system(session, uuid.UUID(tool.removeprefix("system:")))
        except ValueError:
            system = None
        profile = tool_profile(session, system) if system else None
    if profile is None:
        errors["tool"] = _("Choose a tool.")
    if task not in TASKS:
        errors["task"] = _("Choose a task.")
    if not data or any(kind not in DATA_KINDS for kind in data):
        errors["data"] = _("Choose what kind of information you will use.")
    if errors:
        raise ValidationFailed(errors)
    assert profile is not None
    return Question(
        tool=profile,
        task=task,
        data_kinds=tuple(dict.fromkeys(data)),
        organisation=organisation or "helse_vest_rhf",
    )
