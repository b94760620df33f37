"""Portfolio input and output shapes (Pydantic); used by forms, the API and the CLI."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    Field,
    StringConstraints,
    model_validator,
)

from tryggki.i18n import gettext as _
from tryggki.portfolio.scoring import REVIEWED, weight_problems
from tryggki.registry.schemas import BaseIn
from tryggki.validation import invalid

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
Text200 = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
LongText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=10_000)]
Score = Annotated[int, Field(ge=1, le=5)]


class WeightSetIn(BaseIn):
    """A named set of weights in per cent; every criterion given, adding up to 100."""

    name: Name
    weights: dict[str, Annotated[float, Field(ge=0, le=100)]]

    @model_validator(mode="after")
    def _adds_up(self) -> WeightSetIn:
        """Weights must name known criteria and add up to 100 %."""
        problems = weight_problems(self.weights)
        if problems:
            field, message = next(iter(problems.items()))
            raise invalid(message, None if field == "__root__" else f"weights.{field}")
        return self


class ScoreIn(BaseIn):
    """One reviewer's scores of one use case: 1–5 for every reviewed criterion."""

    scores: dict[str, Score]
    comment: Annotated[str | None, StringConstraints(max_length=4000)] = None

    @model_validator(mode="after")
    def _complete(self) -> ScoreIn:
        """Every reviewed criterion needs a score, and nothing else may be scored."""
        for code in REVIEWED:
            if code not in self.scores:
                raise invalid(_("Give a score from 1 to 5."), f"scores.{code}")
        unknown = sorted(set(self.scores) - set(REVIEWED))
        if unknown:
            raise invalid(_("Unknown criterion."), f"scores.{unknown[0]}")
        return self


class FocusAreaIn(BaseIn):
    """A focus area as designated: period, owner, rationale and the use cases it covers."""

    title: Text200
    period_start: date
    period_end: date
    owner: Text200
    rationale: LongText
    # Use-case references as the registry shows them (e.g. ``HELSE-BERGEN-2026-4F2A``).
    use_cases: list[Annotated[str, StringConstraints(strip_whitespace=True, max_length=64)]] = (
        Field(min_length=1)
    )
    candidate_key: Annotated[str | None, StringConstraints(max_length=120)] = None
    weight_set: Name | None = None

    @model_validator(mode="after")
    def _period(self) -> FocusAreaIn:
        """The period must end after it starts."""
        if self.period_end < self.period_start:
            raise invalid(_("The period must end after it starts."), "period_end")
        return self


class WithdrawIn(BaseIn):
    """Why a focus area is withdrawn (kept with the record)."""

    reason: LongText


class WeightSetOut(BaseModel):
    """A weight set."""

    name: str
    weights: dict[str, float]
    is_default: bool


class CriterionOut(BaseModel):
    """One criterion of a use case's score."""

    criterion: str
    median: float
    low: int
    high: int
    weight: float
    points: float


class RankedOut(BaseModel):
    """A position in the ranking with its reasons."""

    rank: int
    use_case: str
    title: str
    organisation: str
    total: float
    reviewers: int
    best_rank: int
    worst_rank: int
    criteria: list[CriterionOut]
    strengths: list[str]
    weaknesses: list[str]
    disagreement: list[str]


class FocusAreaOut(BaseModel):
    """A designated focus area."""

    id: uuid.UUID
    title: str
    period_start: date
    period_end: date
    owner: str
    rationale: str
    weight_set: str
    use_cases: list[str]
    status: Literal["active", "withdrawn"]
    decided_at: datetime
    changed_at: datetime | None
    withdrawn_at: datetime | None
    withdrawal_reason: str | None
