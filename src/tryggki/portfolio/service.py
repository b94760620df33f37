"""Portfolio operations: weight sets, reviewers' scores, the ranking and its sensitivity."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from tryggki.audit.service import record_change
from tryggki.auth.actor import Actor
from tryggki.auth.permissions import require_score_portfolio
from tryggki.exceptions import Conflict, Forbidden, NotFound
from tryggki.i18n import N_
from tryggki.i18n import gettext as _
from tryggki.models import PortfolioScore, UseCase, WeightSet
from tryggki.portfolio import repository as repo
from tryggki.portfolio import scoring
from tryggki.portfolio.schemas import ScoreIn, WeightSetIn
from tryggki.registry import repository as registry_repo
from tryggki.registry.calculations import yearly_estimate

DEFAULT_SET = N_("Standard")
# A second set so a first start can compare: expected benefit counts for more.
DEMO_SETS: dict[str, dict[str, float]] = {
    DEFAULT_SET: scoring.DEFAULT_WEIGHTS,
    N_("Benefit first"): {
        "benefit_patient_experience": 15,
        "benefit_security_safety": 10,
        "benefit_freed_resources": 25,
        "realised_benefit": 10,
        "strategic_fit": 10,
        "readiness": 8,
        "maturity": 6,
        "cost": 6,
        "risk": 4,
        "reuse": 6,
    },
}


def ensure_weight_sets(session: Session) -> None:
    """The built-in weight sets (idempotent); the first is the default."""
    for i, (name, weights) in enumerate(DEMO_SETS.items()):
        if repo.weight_set_by_name(session, name) is None:
            session.add(WeightSet(name=name, weights=dict(weights), is_default=i == 0))
    session.flush()


def weight_set(session: Session, name: str | None) -> WeightSet:
    """A weight set by name, or the default one."""
    sets = repo.weight_sets(session)
    if not sets:
        ensure_weight_sets(session)
        sets = repo.weight_sets(session)
    if name is None:
        return sets[0]
    found = next((s for s in sets if s.name == name), None)
    if found is None:
        raise NotFound(_("There is no weight set with that name."))
    return found


def save_weight_set(session: Session, *, data: WeightSetIn, actor: Actor) -> WeightSet:
    """Create a weight set, or change the weights of the one with this name."""
    require_score_portfolio(actor)
    found = repo.weight_set_by_name(session, data.name)
    old = dict(found.weights) if found else {}
    if found is None:
        found = WeightSet(name=data.name, weights=dict(data.weights), is_default=False)
        session.add(found)
    else:
        found.weights = dict(data.weights)
    session.flush()
    record_change(
        session,
        actor=actor,
        entity_type="weight_set",
        entity_id=str(found.id),
        action="update" if old else "create",
        old=old,
        new=dict(data.weights),
    )
    return found


def delete_weight_set(session: Session, *, name: str, actor: Actor) -> None:
    """Delete a weight set nothing depends on: not the default, not one an active focus area was
    decided with (a withdrawn area keeps the name in its record). A comparison stores nothing."""
    require_score_portfolio(actor)
    found = repo.weight_set_by_name(session, name)
    if found is None:
        raise NotFound(_("There is no weight set with that name."))
    if found.is_default:
        raise Conflict(_("The default weight set cannot be deleted."))
    using = repo.focus_areas_using(session, found.name)
    if using:
        raise Conflict(
            _("The weight set cannot be deleted: the focus area “%(title)s” was decided with it.")
            % {"title": using[0]}
        )
    record_change(
        session,
        actor=actor,
        entity_type="weight_set",
        entity_id=str(found.id),
        action="delete",
        old={"name": found.name, **found.weights},
        new={},
    )
    session.delete(found)
    session.flush()


def save_score(session: Session, *, use_case_id: uuid.UUID, data: ScoreIn, actor: Actor) -> UseCase:
    """Record the acting reviewer's own scores of a use case (replacing their earlier ones);
    returns the use case."""
    require_score_portfolio(actor)
    if actor.user_id is None:
        raise Forbidden()
    uc = registry_repo.get_use_case(session, use_case_id)
    if uc is None:
        raise NotFound()
    row = repo.score_of(session, use_case_id, actor.user_id)
    old = dict(row.scores) if row else {}
    if row is None:
        row = PortfolioScore(use_case_id=use_case_id, reviewer_id=actor.user_id)
        session.add(row)
    row.scores = dict(data.scores)
    row.comment = data.comment
    session.flush()
    record_change(
        session,
        actor=actor,
        entity_type="portfolio_score",
        entity_id=str(row.id),
        action="update" if old else "create",
        old=old,
        new={**data.scores, "use_case_id": str(use_case_id)} if not old else dict(data.scores),
    )
    return uc


def hours_freed(benefits: Sequence[repo.BenefitFacts]) -> float:
    """Estimated hours freed a year over a use case's benefits measured in hours."""
    return sum(yearly_estimate(b) or 0.0 for b in benefits if b.measure == "hours")


def automatic_scores(benefits: Sequence[repo.BenefitFacts], tier: str | None) -> dict[str, int]:
    """The criteria read off the registry (realised benefit) and the assessment (risk tier)."""
    return {
        scoring.Criterion.realised_benefit: scoring.realised_score(
            scoring.realised_ratio(benefits)
        ),
        scoring.Criterion.risk: scoring.risk_score(tier),
    }


def automatic_of(session: Session, *, use_case_id: uuid.UUID) -> tuple[dict[str, int], str | None]:
    """The automatic criteria of one use case and its AI Act tier (for the score form)."""
    tier = repo.tiers(session, [use_case_id]).get(use_case_id)
    benefits = repo.benefit_facts(session, [use_case_id])[use_case_id]
    return automatic_scores(benefits, tier), tier


@dataclass(frozen=True)
class Loaded:
    """Scored use cases as scoring candidates, keyed by reference (read once per request)."""

    candidates: list[scoring.Candidate]
    use_cases: dict[str, repo.UseCaseFacts]
    tiers: dict[str, str | None]
    hours: dict[str, float]


def load(session: Session) -> Loaded:
    """Every use case with at least one reviewer's scores, ready to rank (five queries)."""
    reviews: dict[uuid.UUID, list[dict[str, int]]] = {}
    for use_case_id, scores in repo.all_scores(session):
        reviews.setdefault(use_case_id, []).append(dict(scores))
    use_cases = repo.use_cases_for_scoring(session, reviews.keys())
    tiers = repo.tiers(session, reviews.keys())
    benefits = repo.benefit_facts(session, reviews.keys())
    candidates = [
        scoring.Candidate(
            uc.ref, reviews[uc.id], automatic_scores(benefits[uc.id], tiers.get(uc.id))
        )
        for uc in use_cases
    ]
    return Loaded(
        candidates,
        {uc.ref: uc for uc in use_cases},
        {uc.ref: tiers.get(uc.id) for uc in use_cases},
        {uc.ref: hours_freed(benefits[uc.id]) for uc in use_cases},
    )


@dataclass(frozen=True)
class Row:
    """One position of the ranking with its use case, hours freed and rank range."""

    ranked: scoring.Ranked
    uc: repo.UseCaseFacts
    hours: float
    tier: str | None
    sensitivity: scoring.Sensitivity


@dataclass(frozen=True)
class Portfolio:
    """The ranking under one weight set (and what it was computed from, for a comparison)."""

    weight_set: WeightSet
    rows: list[Row]
    loaded: Loaded

    def by_ref(self) -> dict[str, Row]:
        """The rows by use-case reference."""
        return {r.uc.ref: r for r in self.rows}


def portfolio(session: Session, *, weight_set_name: str | None = None) -> Portfolio:
    """The ranking under a weight set with reasons and the rank range under ±20 % weights.

    Every use case is aggregated once; the sensitivity re-ranks from those totals."""
    ws = weight_set(session, weight_set_name)
    loaded = load(session)
    ranked = scoring.rank(loaded.candidates, ws.weights)
    ranges = {s.key: s for s in scoring.sensitivity_of([r.scored for r in ranked], ws.weights)}
    rows = [
        Row(
            r,
            loaded.use_cases[r.scored.key],
            loaded.hours[r.scored.key],
            loaded.tiers[r.scored.key],
            ranges[r.scored.key],
        )
        for r in ranked
    ]
    return Portfolio(ws, rows, loaded)


@dataclass(frozen=True)
class Compared:
    """Ranks under two weight sets side by side."""

    a: WeightSet
    b: WeightSet
    rows: list[tuple[scoring.Comparison, repo.UseCaseFacts]]


def comparison(session: Session, *, base: Portfolio, b: str) -> Compared:
    """The ranking of ``base`` side by side with the ranking under weight set ``b``."""
    set_b = weight_set(session, b)
    loaded = base.loaded
    rows = scoring.compare(
        loaded.candidates,
        base.weight_set.weights,
        set_b.weights,
        ranked_a=[r.ranked for r in base.rows],
    )
    return Compared(base.weight_set, set_b, [(c, loaded.use_cases[c.key]) for c in rows])


def my_score(session: Session, *, use_case_id: uuid.UUID, actor: Actor) -> PortfolioScore | None:
    """The acting reviewer's own scores of a use case, if any."""
    return repo.score_of(session, use_case_id, actor.user_id) if actor.user_id else None
