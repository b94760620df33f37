"""The rulebook as a guideline document: snapshots, readable conditions and version diffs. Pure."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tryggki.i18n import gettext as _
from tryggki.rules.model import RULE_FIELDS, Rulebook

SNAPSHOT_FORMAT = 1
COMPARED = ("theme", *RULE_FIELDS)


def snapshot(rulebook: Rulebook) -> dict[str, Any]:
    """Everything the document shows and the diff compares, as plain JSON data."""
    return {
        "format": SNAPSHOT_FORMAT,
        "version": rulebook.version,
        "fingerprint": rulebook.fingerprint,
        "title": dict(rulebook.title),
        "dates": {
            name: {
                "base": d.base.isoformat() if d.base else None,
                "omnibus": d.omnibus.isoformat() if d.omnibus else None,
            }
            for name, d in rulebook.dates.items()
        },
        "themes": [{"id": t.id, "title": dict(t.title)} for t in rulebook.themes],
        "rules": [
            {
                "id": r.id,
                "theme": r.theme,
                "title": dict(r.title),
                "explanation": dict(r.explanation),
                "legal_ref": r.legal_ref,
                "source_url": r.source_url,
                "applies_from": r.applies_from,
                "applies_to": r.applies_to.isoformat() if r.applies_to else None,
                "legal_review": r.legal_review,
                "cases": [
                    {
                        "effect": c.effect,
                        "controls": list(c.controls),
                        "blocking": c.blocking,
                        "sets": dict(c.sets),
                        "when": c.source,
                    }
                    for c in r.cases
                ],
            }
            for r in rulebook.rules
        ],
    }


def describe(condition: Any) -> str:
    """A condition in words, e.g. ``data.categories contains health and not (…)``."""
    if not isinstance(condition, dict):
        return str(condition)
    if "all" in condition or "any" in condition:
        joiner = _("and") if "all" in condition else _("or")
        parts = [describe(c) for c in condition.get("all") or condition.get("any") or []]
        return "(" + f" {joiner} ".join(parts) + ")"
    if "not" in condition:
        return f"{_('not')} {describe(condition['not'])}"
    fact = condition.get("fact", "?")
    op, value = next(((k, v) for k, v in condition.items() if k != "fact"), ("eq", None))
    words = {
        "eq": "=",
        "ne": "≠",
        "in": _("is one of"),
        "not_in": _("is none of"),
        "contains": _("contains"),
        "contains_any": _("contains one of"),
        "contains_none": _("contains none of"),
        "only": _("contains only"),
        "gte": "≥",
        "lte": "≤",
        "is_set": _("is given") if value else _("is not given"),
    }
    shown = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
    return f"{fact} {words.get(op, op)}" + ("" if op == "is_set" else f" {shown}")


@dataclass(frozen=True)
class RuleChange:
    """How one rule differs between two versions."""

    rule_id: str
    kind: str  # added | removed | changed
    fields: tuple[str, ...]
    old: dict[str, Any] | None
    new: dict[str, Any] | None


def diff(old: dict[str, Any], new: dict[str, Any]) -> list[RuleChange]:
    """Rules added, removed and changed (with the fields that changed), in the new order."""
    before = {r["id"]: r for r in old["rules"]}
    after = {r["id"]: r for r in new["rules"]}
    changes = [
        RuleChange(rid, "removed", (), before[rid], None) for rid in before if rid not in after
    ]
    for rid, rule in after.items():
        if rid not in before:
            changes.append(RuleChange(rid, "added", (), None, rule))
            continue
        fields = tuple(f for f in COMPARED if before[rid].get(f) != rule.get(f))
        if fields:
            changes.append(RuleChange(rid, "changed", fields, before[rid], rule))
    return changes
