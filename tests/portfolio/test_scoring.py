"""The pure portfolio core against hand-computed figures."""

from __future__ import annotations

import pytest

from tryggki.i18n import set_locale
from tryggki.portfolio import scoring
from tryggki.portfolio.scoring import Candidate, Criterion

EVEN = {c.value: 10.0 for c in Criterion}


def review(value: int, **overrides: int) -> dict[str, int]:
    """A reviewer who gives ``value`` everywhere except ``overrides``."""
    return {**{c.value: value for c in scoring.REVIEWED}, **overrides}


AUTO_MID = {"realised_benefit": 3, "risk": 3}


def test_median_spread_and_total_by_hand() -> None:
    c = Candidate(
        "A", [review(4, strategic_fit=5), review(2, strategic_fit=1), review(4)], AUTO_MID
    )
    s = scoring.aggregate(c, EVEN)
    fit = s.by("strategic_fit")
    assert (fit.median, fit.low, fit.high, fit.spread) == (4.0, 1, 5, 4)
    # 8 reviewed criteria at median 4 → 10 × 3/4 each; two automatic at 3 → 10 × 2/4 each.
    assert s.total == pytest.approx(8 * 7.5 + 2 * 5.0)
    assert [c.criterion for c in s.disagreement] == list(scoring.REVIEWED)


def test_weights_must_add_up_to_100_with_the_sum_in_the_message() -> None:
    set_locale("nb")
    problems = scoring.weight_problems({**EVEN, "cost": 5.0})
    assert problems == {"__root__": "Vektene summerer til 95 %; de må summere til nøyaktig 100 %."}
    assert scoring.weight_problems(EVEN) == {}
    assert "bogus" in scoring.weight_problems({**EVEN, "bogus": 0.0})
    set_locale("nn")


def test_ranking_ties_share_a_rank_and_gaps_are_shown() -> None:
    cands = [
        Candidate("B", [review(3)], AUTO_MID),
        Candidate("A", [review(3)], AUTO_MID),
        Candidate("C", [review(5)], AUTO_MID),
        Candidate("unscored", [], AUTO_MID),
    ]
    ranked = scoring.rank(cands, EVEN)
    assert [(r.rank, r.scored.key) for r in ranked] == [(1, "C"), (2, "A"), (2, "B")]
    assert ranked[0].ahead_by == pytest.approx(8 * 10 * 2 / 4)
    assert ranked[-1].ahead_by is None


def test_nudged_weights_still_add_up_to_100() -> None:
    w = scoring.nudged(scoring.DEFAULT_WEIGHTS, "cost", 1.2)
    assert sum(w.values()) == pytest.approx(100)
    assert w["cost"] == pytest.approx(scoring.DEFAULT_WEIGHTS["cost"] * 1.2)


def test_sensitivity_finds_a_rank_that_flips_and_one_that_cannot() -> None:
    weights = {c.value: 0.0 for c in Criterion} | {"cost": 50.0, "strategic_fit": 50.0}
    cands = [
        # A: cheap but weak fit; B: costly but strong fit; equal at 50/50 ± a little.
        Candidate("A", [review(3, cost=5, strategic_fit=2)], AUTO_MID),
        Candidate(
            "B", [review(3, cost=2, strategic_fit=4), review(3, cost=2, strategic_fit=5)], AUTO_MID
        ),
        Candidate("Z", [review(1)], AUTO_MID),
    ]
    result = {s.key: s for s in scoring.sensitivity(cands, weights)}
    assert result["A"].rank == 1
    assert (result["A"].best, result["A"].worst) == (1, 2)
    assert result["A"].most_sensitive_to in {"cost", "strategic_fit"}
    assert result["Z"].stable


def test_compare_two_weight_sets_side_by_side() -> None:
    cheap_first = {c.value: 0.0 for c in Criterion} | {"cost": 100.0}
    fit_first = {c.value: 0.0 for c in Criterion} | {"strategic_fit": 100.0}
    cands = [
        Candidate("cheap", [review(3, cost=5, strategic_fit=1)], AUTO_MID),
        Candidate("fit", [review(3, cost=1, strategic_fit=5)], AUTO_MID),
    ]
    rows = {r.key: r for r in scoring.compare(cands, cheap_first, fit_first)}
    assert (rows["cheap"].rank_a, rows["cheap"].rank_b, rows["cheap"].change) == (1, 2, -1)
    assert (rows["fit"].total_a, rows["fit"].total_b) == (0.0, 100.0)


@pytest.mark.parametrize(
    ("tier", "score"),
    [(None, 3), ("minimal", 5), ("high_risk_annex_iii", 2), ("high_risk_both", 1), ("odd", 3)],
)
def test_risk_score_from_the_assessment_tier(tier: str | None, score: int) -> None:
    assert scoring.risk_score(tier) == score


@pytest.mark.parametrize(
    ("ratio", "score"), [(None, 1), (0.0, 1), (0.3, 2), (0.5, 3), (0.8, 4), (1.3, 5)]
)
def test_realised_score_bands(ratio: float | None, score: int) -> None:
    assert scoring.realised_score(ratio) == score


def test_sensitivity_starts_from_the_ranking_it_explains() -> None:
    import random

    rng = random.Random(7)
    cands = [
        Candidate(f"K{i:02d}", [review(rng.randint(1, 5)), review(rng.randint(1, 5))], AUTO_MID)
        for i in range(40)
    ]
    ranges = scoring.sensitivity(cands, scoring.DEFAULT_WEIGHTS)
    assert {s.key: s.rank for s in ranges} == scoring.positions(cands, scoring.DEFAULT_WEIGHTS)
    assert all(s.best <= s.rank <= s.worst for s in ranges)


def test_sensitivity_from_the_totals_equals_re_ranking_every_nudged_weight_set() -> None:
    # The shortcut (s × (total − points) + factor × points) must give the ranks that ranking
    # again under each of the 20 nudged weight sets gives, ties included.
    import random

    rng = random.Random(7)
    candidates = [
        Candidate(
            f"UC-{i:03d}",
            [{c.value: rng.randint(1, 5) for c in scoring.REVIEWED} for _r in range(2)],
            {Criterion.realised_benefit: rng.randint(1, 5), Criterion.risk: rng.randint(1, 5)},
        )
        for i in range(60)
    ]
    weights = scoring.DEFAULT_WEIGHTS
    base = scoring.positions(candidates, weights)
    expected = {k: [r, r] for k, r in base.items()}
    for criterion in weights:
        for factor in (0.8, 1.2):
            for key, r in scoring.positions(
                candidates, scoring.nudged(weights, criterion, factor)
            ).items():
                expected[key] = [min(expected[key][0], r), max(expected[key][1], r)]
    got = {s.key: [s.best, s.worst] for s in scoring.sensitivity(candidates, weights)}
    assert got == expected
    assert any(lo != hi for lo, hi in got.values())
