"""Shared form data for registry tests."""

from __future__ import annotations

from typing import Any


def use_case_form(**changes: Any) -> dict[str, Any]:
    """A valid new use-case form for Helse Bergen."""
    form: dict[str, Any] = {
        "title": "Talegjenkjenning i poliklinikk",
        "description": "Diktat blir til journaltekst.",
        "intended_purpose": "Støtte dokumentasjon.",
        "organisation": "helse_bergen",
        "purpose_domain": "clinical_care",
        "lifecycle_stage": "pilot",
        "clinical_function": "none",
        "users": ["clinicians"],
        "data_categories": ["health", "personal_general"],
        "is_public": "on",
        "public_summary": "Legar dikterer, og KI skriv eit utkast som legen les over.",
    }
    form.update(changes)
    return form


def use_case_json(**changes: Any) -> dict[str, Any]:
    """A valid use case for the API."""
    body: dict[str, Any] = {
        "title": "Prediksjon av sepsis",
        "organisation": "helse_bergen",
        "purpose_domain": "clinical_care",
        "lifecycle_stage": "validation",
        "clinical_function": "inform",
        "users": ["clinicians"],
        "affected": ["patients"],
        "data_categories": ["health"],
    }
    body.update(changes)
    return body


def hours_benefit(**changes: Any) -> dict[str, Any]:
    """A valid benefit in hours."""
    body: dict[str, Any] = {
        "title": "Mindre tid til dokumentasjon",
        "effect_goal": "freed_resources",
        "benefit_type": "alternative_use",
        "measure": "hours",
        "events_per_year": 120000,
        "minutes_saved_per_event": 2,
        "adoption_rate": 0.6,
        "rework_share": 0.1,
    }
    body.update(changes)
    return body
