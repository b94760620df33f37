"""Facts of a registered use case: registry facts merged with the assessment's answers. Pure.

An approval is bound to the facts it saw. Descriptive fields (title, owners) do not bind it, and
neither does a control put in place after the approval: adding a met control never makes a verdict
worse, so it is no reason to assess again. Removing one is.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from tryggki.rules.facts import UseCaseFacts, flatten

# Fields that describe the use case for people; no rule reads them, and owners are personal data.
DESCRIPTIVE = frozenset(
    {
        "id",
        "schema_version",
        "title",
        "description",
        "owner_unit",
        "system_owner",
        "benefit_owner",
        "assessment_date",
    }
)


def merge(registry: dict[str, Any], answers: dict[str, Any]) -> dict[str, Any]:
    """Nested facts: the answers, overridden where the registry holds the fact."""
    merged: dict[str, Any] = {k: dict(v) if isinstance(v, dict) else v for k, v in answers.items()}
    for key, value in registry.items():
        if isinstance(value, dict):
            merged[key] = {**merged.get(key, {}), **value}
        else:
            merged[key] = value
    return merged


def comparable(facts: UseCaseFacts) -> dict[str, Any]:
    """The flat facts an approval is bound to, JSON-ready and with lists in a stable order."""
    out: dict[str, Any] = {}
    for name, value in flatten(facts).items():
        if name in DESCRIPTIVE:
            continue
        if isinstance(value, list):
            value = sorted(value, key=str)
        out[name] = value.isoformat() if isinstance(value, date) else value
    return out


@dataclass(frozen=True)
class FactChange:
    """A fact whose value differs from what the approval saw."""

    name: str
    approved: Any
    current: Any


def changes(approved: dict[str, Any], current: dict[str, Any]) -> list[FactChange]:
    """Facts that differ; controls count only when one the approval relied on is gone."""
    out: list[FactChange] = []
    for name in sorted(set(approved) | set(current)):
        old, new = approved.get(name), current.get(name)
        if name == "controls_in_place" and set(old or []) <= set(new or []):
            continue
        if old != new:
            out.append(FactChange(name, old, new))
    return out


def staleness(
    approved: dict[str, Any] | None,
    approved_fingerprint: str | None,
    facts: UseCaseFacts,
    fingerprint: str,
) -> tuple[bool, list[FactChange]]:
    """Why an approval is no longer today's: whether the rulebook changed, and which facts did.
    Nothing is stale where nothing was approved."""
    if approved is None:
        return False, []
    return approved_fingerprint != fingerprint, changes(approved, comparable(facts))


def flat_answers(answers: dict[str, Any]) -> dict[str, Any]:
    """Answers as ``{"ai.is_ai_system": "yes"}``, for the audit trail's field-by-field changes."""
    flat: dict[str, Any] = {}
    for key, value in answers.items():
        if isinstance(value, dict):
            flat.update({f"{key}.{sub}": inner for sub, inner in value.items()})
        else:
            flat[key] = value
    return flat
