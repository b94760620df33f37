"""Re-assessing every use case, e.g. after a new rulebook version or on a schedule."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from tryggki.assessments import repository as repo
from tryggki.assessments.service import Context, evaluate, needs_reassessment, store_result


@dataclass(frozen=True)
class Outcome:
    """One use case's result today next to the result stored before."""

    ref: str
    verdict: str
    tier: str | None
    old_verdict: str | None
    old_tier: str | None
    needs_reassessment: bool

    @property
    def changed(self) -> bool:
        """Whether an earlier stored result differs from today's."""
        return self.old_verdict is not None and (
            (self.old_verdict, self.old_tier) != (self.verdict, self.tier)
        )


@dataclass
class Report:
    """What a re-assessment run found."""

    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def changed(self) -> list[Outcome]:
        """Use cases whose verdict or tier changed."""
        return [o for o in self.outcomes if o.changed]

    @property
    def to_renew(self) -> list[Outcome]:
        """Approved use cases whose approval no longer matches the rulebook or the facts."""
        return [o for o in self.outcomes if o.needs_reassessment]


def reassess_all(session: Session, *, ctx: Context, store: bool = True) -> Report:
    """Assess every use case against today's rulebook; store the new results unless told not to."""
    report = Report()
    for uc, assessment in repo.use_cases_with_assessments(session):
        facts, result = evaluate(uc, assessment, ctx)
        report.outcomes.append(
            Outcome(
                ref=uc.ref,
                verdict=result.verdict,
                tier=result.tier,
                old_verdict=assessment.verdict if assessment else None,
                old_tier=assessment.tier if assessment else None,
                needs_reassessment=needs_reassessment(assessment, facts, ctx.rulebook),
            )
        )
        if store and assessment is not None:
            store_result(assessment, result)
    session.flush()
    return report
