"""The rulebook as loaded: rules with compiled conditions, themes, dates and a version."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from tryggki.rules.conditions import Predicate

Effect = Literal["block", "condition", "info", "review"]
Locale = Literal["nn", "nb", "en"]
Text = Mapping[str, str]

TIERS = (
    "prohibited",
    "high_risk_annex_i",
    "high_risk_annex_iii",
    "high_risk_both",
    "annex_iii_exempt_6_3",
    "minimal",
    "not_ai_system",
    "out_of_scope_research",
)
# What a rule may conclude with ``sets``: name → allowed values (lists add up across rules).
SETTABLE: dict[str, tuple[str, ...]] = {
    "tier": TIERS,
    "tier_confidence": ("settled", "contested"),
    "roles": ("provider", "deployer", "product_manufacturer", "gpai_model_provider"),
    "transparency": ("50_1", "50_2", "50_3", "50_4_deepfake", "50_4_text"),
    "fria_required": ("required", "recommended", "not_required"),
}
LIST_CONCLUSIONS = frozenset({"roles", "transparency"})
# The fields a rule file gives for every rule besides its id (and the one-case shorthand).
RULE_FIELDS = (
    "title",
    "explanation",
    "legal_ref",
    "source_url",
    "applies_from",
    "applies_to",
    "legal_review",
    "cases",
)


@dataclass(frozen=True)
class Case:
    """One branch of a rule: when it holds, the rule fires with this effect."""

    when: Predicate
    effect: Effect
    controls: tuple[str, ...] = ()
    blocking: bool = False
    sets: Mapping[str, Any] = field(default_factory=dict)
    # The condition as written, for the guideline document and version diffs.
    source: Mapping[str, Any] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class Rule:
    """A rule of the rulebook; its first case that holds decides the effect."""

    id: str
    theme: str
    title: Text
    explanation: Text
    legal_ref: str
    source_url: str | None
    applies_from: str | None
    applies_to: date | None
    legal_review: bool
    cases: tuple[Case, ...]
    file: str
    line: int


@dataclass(frozen=True)
class Theme:
    """A chapter of the guideline document; themes are evaluated in rulebook order."""

    id: str
    title: Text


@dataclass(frozen=True)
class DatePair:
    """When something applies, without and with the Digital Omnibus on AI."""

    base: date | None
    omnibus: date | None

    def pick(self, omnibus_in_force: bool) -> date | None:
        """The date in force under the setting."""
        return self.omnibus if omnibus_in_force and self.omnibus else self.base


@dataclass(frozen=True)
class Rulebook:
    """A versioned set of rules; ``fingerprint`` changes whenever any rule file changes."""

    version: str
    title: Text
    themes: tuple[Theme, ...]
    rules: tuple[Rule, ...]
    dates: Mapping[str, DatePair]
    fingerprint: str

    def rule(self, rule_id: str) -> Rule:
        """A rule by id."""
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)
