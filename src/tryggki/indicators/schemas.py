"""Indicator input and output shapes (Pydantic); used by forms, the API, import and the CLI."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import BaseModel, Field, StringConstraints

from tryggki.registry.schemas import BaseIn, LongText, OptText200, Text200
from tryggki.registry.vocabulary import EffectGoal

Code = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^[a-z][a-z0-9_]{1,59}$")]
Unit = Literal["hours", "percent", "count", "days", "score", "nok"]
Direction = Literal["higher", "lower"]
Frequency = Literal["monthly", "quarterly", "yearly"]


class IndicatorIn(BaseIn):
    """An indicator as defined in the catalogue; saving an existing code adds a version."""

    code: Code
    name: Text200
    definition: LongText
    effect_goal: EffectGoal
    unit: Unit
    direction: Direction
    frequency: Frequency
    data_source: LongText
    numerator: LongText | None = None
    denominator: LongText | None = None
    target: float | None = None
    owner: OptText200 = None
    use_cases: list[str] = Field(default_factory=list)


class MeasurementIn(BaseIn):
    """A value of an entered indicator for an organisation (or ``region``) and a period."""

    indicator: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=60)]
    organisation: Annotated[
        str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)
    ]
    period: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20)]
    value: float
    note: Annotated[str | None, StringConstraints(max_length=2000)] = None


class IndicatorOut(BaseModel):
    """An indicator of the catalogue (current version)."""

    code: str
    version: int
    name: str
    definition: str
    effect_goal: str
    kind: str
    unit: str
    direction: str
    frequency: str
    data_source: str
    numerator: str | None
    denominator: str | None
    target: float | None
    owner: str | None
    use_cases: list[str]
    retired_at: datetime | None = None


class ValueOut(BaseModel):
    """A stored value with its status against the target."""

    indicator: str
    organisation: str
    period: str
    period_start: date
    period_end: date
    value: float | None
    numerator: float | None
    denominator: float | None
    source: str
    status: str | None
