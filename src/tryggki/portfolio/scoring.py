"""Portfolio scoring: criteria, weights, aggregation of reviewers, ranking and sensitivity.

Pure functions, no I/O. Every score is 1–5 where 5 is always the better end (for cost: the lowest
cost; for risk: the lowest risk tier), so a weighted sum needs no inversion. The total of a use
case is ``Σ weight × (median − 1) / 4`` with weights in per cent: 0 to 100 points.
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property
from typing import Protocol

from tryggki.i18n import N_
from tryggki.i18n import gettext as _
from tryggki.registry.calculations import (
    BenefitInputs,
    Measured,
    realisation,
    yearly_estimate,
)

MIN_SCORE = 1
MAX_SCORE = 5
WEIGHT_TOTAL = 100.0
TOLERANCE = 0.01
SENSITIVITY_STEP = 0.2


class Criterion(StrEnum):
    """A criterion of the portfolio score."""

    benefit_patient_experience = "benefit_patient_experience"
    benefit_security_safety = "benefit_security_safety"
    benefit_freed_resources = "benefit_freed_resources"
    realised_benefit = "realised_benefit"
    strategic_fit = "strategic_fit"
    readiness = "readiness"
    maturity = "maturity"
    cost = "cost"
    risk = "risk"
    reuse = "reuse"


CRITERION_LABELS: dict[str, str] = {
    Criterion.benefit_patient_experience: N_("Expected benefit: better patient experiences"),
    Criterion.benefit_security_safety: N_("Expected benefit: security and patient safety"),
    Criterion.benefit_freed_resources: N_("Expected benefit: resources freed"),
    Criterion.realised_benefit: N_("Realised benefit so far"),
    Criterion.strategic_fit: N_("Strategic fit"),
    Criterion.readiness: N_("Data and organisational readiness"),
    Criterion.maturity: N_("Evidence and maturity"),
    Criterion.cost: N_("Cost (5 = lowest cost)"),
    Criterion.risk: N_("Risk (5 = lowest risk tier)"),
    Criterion.reuse: N_("Potential for reuse across trusts"),
}
# Read off the registry and the assessment rather than scored by reviewers.
AUTOMATIC = (Criterion.realised_benefit, Criterion.risk)
REVIEWED = tuple(c for c in Criterion if c not in AUTOMATIC)
EXPECTED_BENEFIT = (
    Criterion.benefit_patient_experience,
    Criterion.benefit_security_safety,
    Criterion.benefit_freed_resources,
)

DEFAULT_WEIGHTS: dict[str, float] = {
    Criterion.benefit_patient_experience: 12,
    Criterion.benefit_security_safety: 12,
    Criterion.benefit_freed_resources: 16,
    Criterion.realised_benefit: 5,
    Criterion.strategic_fit: 15,
    Criterion.readiness: 10,
    Criterion.maturity: 8,
    Criterion.cost: 8,
    Criterion.risk: 6,
    Criterion.reuse: 8,
}

# AI Act tier → risk score. No assessment scores the middle and says so in the reasons.
TIER_SCORES: dict[str, int] = {
    "minimal": 5,
    "not_ai_system": 5,
    "out_of_scope_research": 5,
    "annex_iii_exempt_6_3": 4,
    "high_risk_annex_i": 2,
    "high_risk_annex_iii": 2,
    "high_risk_both": 1,
    "prohibited": 1,
}
UNASSESSED_RISK = 3


def criterion_label(code: str) -> str:
    """The translated name of a criterion."""
    return _(CRITERION_LABELS[code]) if code in CRITERION_LABELS else code


def weight_problems(weights: Mapping[str, float]) -> dict[str, str]:
    """Field → message for weights that are unknown, negative or do not add up to 100 %."""
    problems: dict[str, str] = {}
    for code, value in weights.items():
        if code not in CRITERION_LABELS:
            problems[code] = _("Unknown criterion.")
        elif value < 0 or value > WEIGHT_TOTAL:
            problems[code] = _("A weight must be between 0 and 100.")
    total = sum(weights.values())
    if abs(total - WEIGHT_TOTAL) > TOLERANCE:
        problems["__root__"] = _(
            "The weights add up to %(total)s %%; they must add up to exactly 100 %%."
        ) % {"total": f"{total:g}"}
    return problems


def risk_score(tier: str | None) -> int:
    """The risk criterion from the assessment's AI Act tier (5 = lowest risk)."""
    return TIER_SCORES.get(tier, UNASSESSED_RISK) if tier else UNASSESSED_RISK


def realised_score(ratio: float | None) -> int:
    """The realised-benefit criterion from realised ÷ expected so far (1 when nothing measured)."""
    if ratio is None or ratio <= 0:
        return 1
    if ratio >= 1:
        return 5
    if ratio >= 0.75:
        return 4
    return 3 if ratio >= 0.5 else 2


class MeasuredBenefit(BenefitInputs, Protocol):
    """A benefit with its realised values."""

    @property
    def measurements(self) -> Sequence[Measured]:
        """The realised values."""
        ...


def realised_ratio(benefits: Sequence[MeasuredBenefit]) -> float | None:
    """Cumulative realised ÷ expected over a use case's benefits with an estimate and values."""
    expected = realised = 0.0
    for b in benefits:
        rows = realisation(yearly_estimate(b), list(b.measurements))
        if rows and rows[-1].cumulative_expected:
            expected += rows[-1].cumulative_expected
            realised += rows[-1].cumulative_realised
    return realised / expected if expected else None


@dataclass(frozen=True)
class Candidate:
    """What the score of one use case is computed from."""

    key: str
    reviews: Sequence[Mapping[str, int]]
    automatic: Mapping[str, int]


@dataclass(frozen=True)
class CriterionResult:
    """The aggregated score of one criterion: median, spread and weighted contribution."""

    criterion: str
    median: float
    low: int
    high: int
    weight: float
    points: float

    @property
    def spread(self) -> int:
        """Highest minus lowest reviewer score (0 when reviewers agree or it is automatic)."""
        return self.high - self.low


@dataclass(frozen=True)
class Scored:
    """A use case's total under one weight set."""

    key: str
    total: float
    reviewers: int
    criteria: tuple[CriterionResult, ...]

    @cached_property
    def _by(self) -> dict[str, CriterionResult]:
        return {c.criterion: c for c in self.criteria}

    def by(self, criterion: str) -> CriterionResult:
        """The result of one criterion."""
        return self._by[criterion]

    @cached_property
    def strengths(self) -> list[CriterionResult]:
        """The three criteria that add the most points, strongest first."""
        ranked = sorted(self.criteria, key=lambda c: (-c.points, c.criterion))
        return [c for c in ranked if c.points > 0][:3]

    @cached_property
    def weaknesses(self) -> list[CriterionResult]:
        """Weighted criteria scored 2 or lower, weakest first."""
        low = [c for c in self.criteria if c.weight > 0 and c.median <= 2]
        return sorted(low, key=lambda c: (c.median, -c.weight, c.criterion))[:3]

    @cached_property
    def disagreement(self) -> list[CriterionResult]:
        """Criteria on which reviewers differ by two points or more."""
        return [c for c in self.criteria if c.spread >= 2]

    @cached_property
    def expected_benefit(self) -> float:
        """Mean median of the three expected-benefit criteria (1–5)."""
        return statistics.fmean(self.by(c).median for c in EXPECTED_BENEFIT)

    @cached_property
    def cost_and_risk(self) -> float:
        """Burden of cost and risk on a 1–5 scale where 5 is heaviest (for the portfolio chart)."""
        return (MAX_SCORE + 1) - statistics.fmean(
            (self.by(Criterion.cost).median, self.by(Criterion.risk).median)
        )


def aggregate(candidate: Candidate, weights: Mapping[str, float]) -> Scored:
    """Median of the reviewers per criterion (automatic criteria as read), weighted into a total."""
    results = []
    for criterion in Criterion:
        if criterion in candidate.automatic:
            values = [candidate.automatic[criterion]]
        else:
            values = [r[criterion] for r in candidate.reviews if criterion in r]
        if not values:
            values = [MIN_SCORE]
        median = float(statistics.median(values))
        weight = float(weights.get(criterion, 0.0))
        points = weight * (median - MIN_SCORE) / (MAX_SCORE - MIN_SCORE)
        results.append(CriterionResult(criterion, median, min(values), max(values), weight, points))
    total = round(sum(r.points for r in results), 6)
    return Scored(candidate.key, total, len(candidate.reviews), tuple(results))


@dataclass(frozen=True)
class Ranked:
    """A position in the ranking with the gap to the next one."""

    rank: int
    scored: Scored
    ahead_by: float | None


def rank(candidates: Sequence[Candidate], weights: Mapping[str, float]) -> list[Ranked]:
    """Scored use cases (at least one reviewer), best first; ties share a rank, ordered by key."""
    scored = sorted(
        (aggregate(c, weights) for c in candidates if c.reviews),
        key=lambda s: (-s.total, s.key),
    )
    out: list[Ranked] = []
    for i, s in enumerate(scored):
        position = out[-1].rank if out and out[-1].scored.total == s.total else i + 1
        ahead = s.total - scored[i + 1].total if i + 1 < len(scored) else None
        out.append(Ranked(position, s, ahead))
    return out


def positions(candidates: Sequence[Candidate], weights: Mapping[str, float]) -> dict[str, int]:
    """Key → rank under ``weights``."""
    return {r.scored.key: r.rank for r in rank(candidates, weights)}


def _ranks_of(totals: Mapping[str, float]) -> dict[str, int]:
    """Key → rank for totals, with the ties and order of ``rank``."""
    ordered = sorted(totals, key=lambda k: (-totals[k], k))
    out: dict[str, int] = {}
    for i, key in enumerate(ordered):
        same = i > 0 and totals[ordered[i - 1]] == totals[key]
        out[key] = out[ordered[i - 1]] if same else i + 1
    return out


def nudged(weights: Mapping[str, float], criterion: str, factor: float) -> dict[str, float]:
    """``weights`` with one weight multiplied by ``factor`` and the others rescaled to total 100."""
    old = float(weights.get(criterion, 0.0))
    new = old * factor
    rest = WEIGHT_TOTAL - old
    scale = (WEIGHT_TOTAL - new) / rest if rest else 0.0
    return {c: (new if c == criterion else float(w) * scale) for c, w in weights.items()}


@dataclass(frozen=True)
class Sensitivity:
    """How far a use case's rank moves when each weight moves by ±20 %."""

    key: str
    rank: int
    best: int
    worst: int
    # The criterion whose change moves the rank furthest, if any moves it.
    most_sensitive_to: str | None

    @property
    def stable(self) -> bool:
        """The rank does not move at all."""
        return self.best == self.worst == self.rank


def sensitivity(
    candidates: Sequence[Candidate], weights: Mapping[str, float], step: float = SENSITIVITY_STEP
) -> list[Sensitivity]:
    """Rank range of every scored use case over all one-at-a-time weight changes of ±``step``."""
    return sensitivity_of([aggregate(c, weights) for c in candidates if c.reviews], weights, step)


def sensitivity_of(
    scored: Sequence[Scored], weights: Mapping[str, float], step: float = SENSITIVITY_STEP
) -> list[Sensitivity]:
    """``sensitivity`` from totals already aggregated under ``weights`` (computed once).

    Moving weight ``c`` by ``factor`` and rescaling the others by ``s`` gives each use case
    ``s × (total − points_c) + factor × points_c``: linear in the points already known, so each
    of the 20 re-rankings costs one pass over the use cases.
    """
    exact = {x.key: sum(c.points for c in x.criteria) for x in scored}
    points = {x.key: {c.criterion: c.points for c in x.criteria} for x in scored}
    base = _ranks_of({k: round(t, 6) for k, t in exact.items()})
    ranges = {k: [r, r] for k, r in base.items()}
    moved: dict[str, tuple[int, str | None]] = {k: (0, None) for k in base}
    for criterion, weight in sorted(weights.items()):
        if weight <= 0 or weight >= WEIGHT_TOTAL:
            continue
        for factor in (1 - step, 1 + step):
            scale = (WEIGHT_TOTAL - weight * factor) / (WEIGHT_TOTAL - weight)
            totals = {
                k: round(scale * (t - points[k][criterion]) + factor * points[k][criterion], 6)
                for k, t in exact.items()
            }
            for key, r in _ranks_of(totals).items():
                ranges[key][0] = min(ranges[key][0], r)
                ranges[key][1] = max(ranges[key][1], r)
                if abs(r - base[key]) > moved[key][0]:
                    moved[key] = (abs(r - base[key]), criterion)
    return [
        Sensitivity(k, base[k], ranges[k][0], ranges[k][1], moved[k][1])
        for k in sorted(base, key=lambda k: (base[k], k))
    ]


@dataclass(frozen=True)
class Comparison:
    """A use case's rank under two weight sets."""

    key: str
    rank_a: int
    rank_b: int
    total_a: float
    total_b: float

    @property
    def change(self) -> int:
        """Places gained (positive) or lost going from set A to set B."""
        return self.rank_a - self.rank_b


def compare(
    candidates: Sequence[Candidate],
    a: Mapping[str, float],
    b: Mapping[str, float],
    ranked_a: Sequence[Ranked] | None = None,
) -> list[Comparison]:
    """Ranks and totals under two weight sets side by side, in set A's order (``ranked_a``:
    the ranking under A when the caller has it already)."""
    ranked_b = {r.scored.key: r for r in rank(candidates, b)}
    return [
        Comparison(
            r.scored.key,
            r.rank,
            ranked_b[r.scored.key].rank,
            r.scored.total,
            ranked_b[r.scored.key].scored.total,
        )
        for r in (ranked_a if ranked_a is not None else rank(candidates, a))
    ]
