"""What the assessment page shows: verdict, reasons, checklist of controls and review state."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from tryggki.assessments import compose, questionnaire
from tryggki.i18n import N_, gettext
from tryggki.models import Assessment, ControlEvidence, UseCase
from tryggki.registry import vocabulary
from tryggki.rules.engine import Assessment as Result
from tryggki.rules.engine import Firing
from tryggki.rules.facts import UseCaseFacts
from tryggki.rules.labels import (
    CONCLUSION_LABELS,
    CONTROL_LABELS,
    TIER_LABELS,
    VERDICT_LABELS,
    label,
    mdr_status_label,
)
from tryggki.rules.model import Rulebook


@dataclass(frozen=True)
class ChecklistItem:
    """A control the rules ask for (or that has evidence), with what is known of it."""

    control: str
    label: str
    rule_ids: tuple[str, ...]
    upcoming: bool
    evidence: ControlEvidence | None
    in_place: bool
    # In place by what the registry shows (e.g. the registry entry itself), not by evidence.
    from_registry: bool
    overdue: bool


@dataclass(frozen=True)
class AssessmentView:
    """The assessment page of one use case."""

    uc: UseCase
    assessment: Assessment | None
    facts: UseCaseFacts
    result: Result
    checklist: tuple[ChecklistItem, ...]
    stale: bool
    fact_changes: tuple[compose.FactChange, ...]
    rulebook_changed: bool

    @property
    def status(self) -> str:
        """draft, submitted, approved or returned; ``not_started`` before any answer."""
        return self.assessment.status if self.assessment else "not_started"

    def firings(self, effect: str) -> list[Firing]:
        """Fired rules with one effect, in force first."""
        chosen = [f for f in self.result.firings if f.effect == effect]
        return sorted(chosen, key=lambda f: f.status != "in_force")


def checklist(
    result: Result, assessment: Assessment | None, facts: UseCaseFacts, today: date
) -> tuple[ChecklistItem, ...]:
    """Controls of the conditions that fired, then any other control with evidence."""
    evidence = {e.control: e for e in assessment.evidence} if assessment else {}
    wanted: dict[str, list[Firing]] = {}
    for firing in result.by_effect("condition", in_force_only=False):
        for control in firing.controls:
            wanted.setdefault(control, []).append(firing)
    items = []
    for control in [*wanted, *sorted(set(evidence) - set(wanted))]:
        row = evidence.get(control)
        firings = wanted.get(control, [])
        by_evidence = bool(row and row.in_place)
        in_place = control in facts.controls_in_place
        items.append(
            ChecklistItem(
                control=control,
                label=label(CONTROL_LABELS, control),
                rule_ids=tuple(dict.fromkeys(f.rule_id for f in firings)),
                upcoming=bool(firings) and all(f.status == "upcoming" for f in firings),
                evidence=row,
                in_place=in_place,
                from_registry=in_place and not by_evidence,
                overdue=bool(row and not in_place and row.due_date and row.due_date < today),
            )
        )
    return tuple(items)


def build(
    uc: UseCase,
    assessment: Assessment | None,
    facts: UseCaseFacts,
    result: Result,
    rulebook: Rulebook,
) -> AssessmentView:
    """The page's view of a use case's assessment."""
    rulebook_changed, changes = (
        compose.staleness(
            assessment.approved_facts, assessment.approved_fingerprint, facts, rulebook.fingerprint
        )
        if assessment
        else (False, [])
    )
    return AssessmentView(
        uc=uc,
        assessment=assessment,
        facts=facts,
        result=result,
        checklist=checklist(result, assessment, facts, result.assessment_date),
        stale=rulebook_changed or bool(changes),
        fact_changes=tuple(changes),
        rulebook_changed=rulebook_changed,
    )


STATUS_LABELS = {
    "not_started": N_("Not started"),
    "draft": N_("Draft"),
    "submitted": N_("Submitted for review"),
    "approved": N_("Approved"),
    "returned": N_("Sent back"),
}


def fact_value(value: Any) -> str:
    """A fact's value in words: yes/no, labels of codes, or the value itself."""
    if value is None or value == []:
        return "–"
    if isinstance(value, bool):
        return gettext("Yes") if value else gettext("No")
    if isinstance(value, list):
        return ", ".join(fact_value(v) for v in value)
    code = str(value)
    if code in questionnaire.OPTION_LABELS:
        return questionnaire.option_label(code)
    for labels in vocabulary.LABELS.values():
        if code in labels:
            return gettext(labels[code])
    return label(CONTROL_LABELS, code)


def _value(table: str, code: str) -> str:
    return gettext(CONCLUSION_LABELS[table][code])


def _many(table: str, codes: tuple[str, ...]) -> str:
    return ", ".join(_value(table, c) for c in codes) or "–"


CONCLUSION_KEYS = (
    "tier",
    "roles",
    "transparency",
    "fria_required",
    "mdr_status",
    "mdr_route",
    "dpia",
    "dpa",
    "transfer",
    "art22",
    "confidentiality_exception",
    "evidence_tier",
)


def conclusions(r: Result) -> list[tuple[str, str, str]]:
    """(reason key, question, conclusion) rows of the assessment's legal conclusions."""
    return [
        ("tier", gettext("AI Act risk tier"), gettext(TIER_LABELS[r.tier]) if r.tier else "–"),
        ("roles", gettext("Our role under the AI Act"), _many("roles", r.roles)),
        (
            "transparency",
            gettext("Transparency duties (Article 50)"),
            ", ".join("50(" + t.split("_")[1] + ")" for t in r.transparency) or "–",
        ),
        (
            "fria_required",
            gettext("Fundamental rights impact assessment"),
            _value("requirement", r.fria_required),
        ),
        ("mdr_status", gettext("Medical-device status"), mdr_status_label(r.mdr_status)),
        (
            "mdr_route",
            gettext("Route to lawful use as a device"),
            _value("mdr_route", r.mdr_route),
        ),
        ("dpia", gettext("Data protection impact assessment"), _value("requirement", r.dpia)),
        ("dpa", gettext("Data processing agreement"), _value("dpa", r.dpa)),
        ("transfer", gettext("Transfer outside the EEA"), _value("transfer", r.transfer)),
        ("art22", gettext("Automated decisions (GDPR art. 22)"), _value("art22", r.art22)),
        (
            "confidentiality_exception",
            gettext("Exception from confidentiality"),
            _many("confidentiality", r.confidentiality_exception),
        ),
        (
            "evidence_tier",
            gettext("Evidence standard (NICE tier)"),
            r.evidence_tier.removeprefix("nice_"),
        ),
    ]


HELPERS: dict[str, Callable[..., Any]] = {
    "verdict_label": lambda code: label(VERDICT_LABELS, code),
    "tier_label": lambda code: label(TIER_LABELS, code),
    "status_label": lambda code: label(STATUS_LABELS, code),
    "fact_label": questionnaire.fact_label,
    "fact_value": fact_value,
    "conclusions": conclusions,
}
