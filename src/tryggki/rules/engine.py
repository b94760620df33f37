"""The assessment engine: facts + rulebook → conclusions, obligations and a verdict. Pure, no I/O.

Evaluation (research §8.4): rules run in rulebook order and the first case of a rule that holds
fires it. A rule may set conclusions (tier, roles, transparency, FRIA) that later rules read as
``conclusion.*``. Obligations whose ``applies_from`` lies after the assessment date are reported as
*upcoming* and do not count for the verdict; classifications (``sets``) count at once, since the
tier of a system does not wait for its obligations. Once a use case is found to be no AI system,
or excluded as research, the remaining AI Act rules are skipped.

Verdict: *not allowed* if a blocking rule fires; else *needs assessment* if a mandatory fact is
missing or a rule asks for legal review; else *allowed with conditions* if a condition is not met
by the controls in place; else *allowed*.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any, Literal

from tryggki.rules.derive import derive, missing_facts
from tryggki.rules.facts import UseCaseFacts, flatten
from tryggki.rules.model import LIST_CONCLUSIONS, Effect, Rule, Rulebook

Verdict = Literal["allowed", "allowed_with_conditions", "not_allowed", "needs_assessment"]
HIGH_RISK = ("high_risk_annex_i", "high_risk_annex_iii", "high_risk_both")
# Which derived conclusion each rule documents: a conclusion's reasons are the rules that fired.
DERIVED_BY = {
    "dpia": ("GDPR-08",),
    "dpa": ("GDPR-05", "GDPR-06"),
    "transfer": ("GDPR-11",),
    "art22": ("GDPR-10",),
    "confidentiality_exception": ("NOR-01",),
    "evidence_tier": ("QUAL-01",),
    "mdr_status": ("MDR-01", "MDR-02", "MDR-06"),
    "mdr_route": ("MDR-03", "MDR-05"),
    "gdpr_applies": ("GDPR-01",),
}


@dataclass(frozen=True)
class EngineSettings:
    """When to assess, and whether the Digital Omnibus on AI is in force."""

    assessment_date: date
    omnibus_in_force: bool = True


@dataclass(frozen=True)
class Firing:
    """A rule that fired for this use case."""

    rule_id: str
    theme: str
    effect: Effect
    status: Literal["in_force", "upcoming"]
    applies_from: date | None
    applies_from_base: date | None
    applies_from_omnibus: date | None
    controls: tuple[str, ...]
    met: bool
    blocking: bool
    legal_review: bool


@dataclass(frozen=True)
class Assessment:
    """The rulebook's conclusions about one use case."""

    rulebook_version: str
    rulebook_fingerprint: str
    assessment_date: date
    omnibus_in_force: bool
    verdict: Verdict
    in_scope: str
    tier: str | None
    tier_confidence: str
    roles: tuple[str, ...]
    transparency: tuple[str, ...]
    fria_required: str
    mdr_status: str
    mdr_route: str
    evidence_tier: str
    gdpr_applies: bool
    dpia: str
    dpa: str
    transfer: str
    art22: str
    confidentiality_exception: tuple[str, ...]
    missing_facts: tuple[str, ...]
    firings: tuple[Firing, ...]
    reasons: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def fired_rule_ids(self) -> list[str]:
        """Ids of every rule that fired, in rulebook order."""
        return [f.rule_id for f in self.firings]

    def by_effect(self, effect: Effect, *, in_force_only: bool = True) -> list[Firing]:
        """Firings with one effect."""
        return [
            f
            for f in self.firings
            if f.effect == effect and (f.status == "in_force" or not in_force_only)
        ]

    @property
    def unmet_conditions(self) -> list[Firing]:
        """Conditions in force whose controls are not all in place."""
        return [f for f in self.by_effect("condition") if not f.met]

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dictionary (dates as ISO strings)."""
        out: dict[str, Any] = _iso(asdict(self))
        out["fired_rule_ids"] = self.fired_rule_ids
        return out


def _iso(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _iso(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_iso(v) for v in value]
    return value


def combine_tiers(tiers: set[str], is_ai: str | None) -> str | None:
    """The one tier that follows from every tier the rules set."""
    for dominant in ("not_ai_system", "out_of_scope_research", "prohibited"):
        if dominant in tiers:
            return dominant
    annex_i = "high_risk_annex_i" in tiers
    annex_iii = "high_risk_annex_iii" in tiers and "annex_iii_exempt_6_3" not in tiers
    if annex_i and annex_iii:
        return "high_risk_both"
    if annex_i:
        return "high_risk_annex_i"
    if annex_iii:
        return "high_risk_annex_iii"
    if "annex_iii_exempt_6_3" in tiers:
        return "annex_iii_exempt_6_3"
    return "minimal" if is_ai == "yes" else None


class _State:
    """Conclusions drawn so far, mirrored into the condition environment."""

    def __init__(self, env: dict[str, Any]) -> None:
        self.env = env
        self.tiers: set[str] = set()
        self.values: dict[str, Any] = {
            "tier_confidence": "settled",
            "fria_required": "not_required",
        }
        self.lists: dict[str, list[str]] = {"roles": [], "transparency": []}
        self.reasons: dict[str, list[str]] = {}
        self.tier: str | None = None
        self._publish()

    def apply(self, rule_id: str, sets: Mapping[str, Any]) -> None:
        if not sets:
            return
        for key, value in sets.items():
            self.reasons.setdefault(key, []).append(rule_id)
            if key == "tier":
                self.tiers.add(value)
            elif key in LIST_CONCLUSIONS:
                for v in value if isinstance(value, list) else [value]:
                    if v not in self.lists[key]:
                        self.lists[key].append(v)
            elif key == "fria_required" and self.values[key] == "required":
                continue  # a later "recommended" never weakens a legal requirement
            else:
                self.values[key] = value
        self._publish()

    def _publish(self) -> None:
        tier = self.tier = combine_tiers(self.tiers, self.env["ai.is_ai_system"])
        roles = self.lists["roles"]
        self.env.update(
            {
                "conclusion.tier": tier,
                "conclusion.high_risk": tier in HIGH_RISK,
                "conclusion.annex_i": tier in ("high_risk_annex_i", "high_risk_both"),
                "conclusion.annex_iii": tier in ("high_risk_annex_iii", "high_risk_both"),
                "conclusion.roles": list(roles),
                "conclusion.provider": "provider" in roles,
                "conclusion.deployer": "deployer" in roles,
            }
        )


def _firing(
    rule: Rule, case_index: int, rulebook: Rulebook, settings: EngineSettings, controls: set[str]
) -> Firing:
    case = rule.cases[case_index]
    base = omni = start = None
    if rule.applies_from and rule.applies_from in rulebook.dates:
        pair = rulebook.dates[rule.applies_from]
        base, omni = pair.base, pair.omnibus
        start = pair.pick(settings.omnibus_in_force)
    elif rule.applies_from:
        base = omni = start = date.fromisoformat(rule.applies_from)
    return Firing(
        rule_id=rule.id,
        theme=rule.theme,
        effect=case.effect,
        status="upcoming" if start and settings.assessment_date < start else "in_force",
        applies_from=start,
        applies_from_base=base,
        applies_from_omnibus=omni,
        controls=case.controls,
        met=set(case.controls) <= controls,
        blocking=case.blocking,
        legal_review=rule.legal_review,
    )


def _verdict(firings: list[Firing], missing: list[str]) -> Verdict:
    live = [f for f in firings if f.status == "in_force"]
    if any(f.effect == "block" for f in live):
        return "not_allowed"
    if missing or any(f.effect == "review" for f in live):
        return "needs_assessment"
    if any(f.effect == "condition" and not f.met for f in live):
        return "allowed_with_conditions"
    return "allowed"


def assess(facts: UseCaseFacts, rulebook: Rulebook, settings: EngineSettings) -> Assessment:
    """Assess one use case against the rulebook."""
    flat = flatten(facts)
    derived = derive(flat)
    state = _State({**flat, **derived})
    controls = set(flat["controls_in_place"])
    firings: list[Firing] = []
    for rule in rulebook.rules:
        if rule.applies_to and settings.assessment_date > rule.applies_to:
            continue
        if rule.theme.startswith("aia_") and state.tier in (
            "not_ai_system",
            "out_of_scope_research",
        ):
            continue
        for index, case in enumerate(rule.cases):
            if case.when(state.env):
                firings.append(_firing(rule, index, rulebook, settings, controls))
                state.apply(rule.id, case.sets)
                break
    missing = missing_facts(flat)
    fired = {f.rule_id for f in firings}
    reasons = {k: tuple(v) for k, v in state.reasons.items()}
    reasons.update({k: tuple(r for r in ids if r in fired) for k, ids in DERIVED_BY.items()})
    tier = state.tier
    return Assessment(
        rulebook_version=rulebook.version,
        rulebook_fingerprint=rulebook.fingerprint,
        assessment_date=settings.assessment_date,
        omnibus_in_force=settings.omnibus_in_force,
        verdict=_verdict(firings, missing),
        in_scope={
            "not_ai_system": "no_not_ai",
            "out_of_scope_research": "no_research_exclusion",
            None: "unknown",
        }.get(tier, "yes"),
        tier=tier,
        tier_confidence=state.values["tier_confidence"],
        roles=tuple(state.lists["roles"]),
        transparency=tuple(state.lists["transparency"]),
        fria_required=state.values["fria_required"],
        mdr_status=derived["derived.mdr_status"],
        mdr_route=derived["derived.mdr_route"],
        evidence_tier=derived["derived.evidence_tier"],
        gdpr_applies=derived["derived.personal_data"],
        dpia=derived["derived.dpia"],
        dpa=derived["derived.dpa"],
        transfer=derived["derived.transfer"],
        art22=derived["derived.art22"],
        confidentiality_exception=tuple(derived["derived.confidentiality"]),
        missing_facts=tuple(missing),
        firings=tuple(firings),
        reasons=reasons,
    )
