"""Benefit arithmetic (DFØ practice, DOMAIN.md) and the stale rule: pure functions, no I/O."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Protocol

DAYS_PER_YEAR = 365.25


def hours_freed(
    events_per_year: float,
    minutes_saved_per_event: float,
    adoption_rate: float,
    rework_share: float = 0.0,
) -> float:
    """Hours freed per year = events × minutes saved / 60 × adoption × (1 − rework share)."""
    return events_per_year * minutes_saved_per_event / 60 * adoption_rate * (1 - rework_share)


def fte(hours: float, hours_per_fte: float) -> float:
    """Full-time equivalents for a number of hours a year."""
    return hours / hours_per_fte


def nok_value(hours: float, hour_cost_nok: float) -> float:
    """The value in NOK of freed hours at an hourly labour cost incl. social costs."""
    return hours * hour_cost_nok


class BenefitInputs(Protocol):
    """What the estimate is computed from (a Benefit row or its input schema)."""

    measure: str
    events_per_year: float | None
    minutes_saved_per_event: float | None
    adoption_rate: float | None
    rework_share: float | None
    estimate_value: float | None


def yearly_estimate(benefit: BenefitInputs) -> float | None:
    """The estimated benefit per year in the benefit's own unit; None when inputs are missing."""
    if benefit.measure != "hours":
        return benefit.estimate_value
    if None in (benefit.events_per_year, benefit.minutes_saved_per_event, benefit.adoption_rate):
        return None
    return hours_freed(
        benefit.events_per_year or 0.0,
        benefit.minutes_saved_per_event or 0.0,
        benefit.adoption_rate or 0.0,
        benefit.rework_share or 0.0,
    )


def expected_for_period(yearly: float, start: date, end: date) -> float:
    """The share of a yearly estimate that falls in ``start``..``end`` (both days included)."""
    return yearly * ((end - start).days + 1) / DAYS_PER_YEAR


class Measured(Protocol):
    """A realised measurement over a period."""

    period_start: date
    period_end: date
    value: float


@dataclass(frozen=True)
class RealisationRow:
    """One period of estimate against realised, with running totals."""

    period_start: date
    period_end: date
    expected: float | None
    realised: float
    cumulative_expected: float | None
    cumulative_realised: float

    @property
    def ratio(self) -> float | None:
        """Realised as a share of expected for the period."""
        return self.realised / self.expected if self.expected else None


def realisation(yearly: float | None, measurements: list[Measured]) -> list[RealisationRow]:
    """Estimate vs realised per period, in period order, with cumulative sums."""
    rows: list[RealisationRow] = []
    cum_expected: float | None = 0.0 if yearly is not None else None
    cum_realised = 0.0
    for m in sorted(measurements, key=lambda m: (m.period_start, m.period_end)):
        expected = expected_for_period(yearly, m.period_start, m.period_end) if yearly else None
        if cum_expected is not None and expected is not None:
            cum_expected += expected
        cum_realised += m.value
        rows.append(
            RealisationRow(
                m.period_start, m.period_end, expected, m.value, cum_expected, cum_realised
            )
        )
    return rows


def stale_cutoff(now: datetime, months: int) -> datetime:
    """Records last reviewed before this moment are stale (a month counted as 30.44 days)."""
    return now - timedelta(days=round(months * DAYS_PER_YEAR / 12))


def is_stale(last_reviewed_at: datetime, now: datetime, months: int) -> bool:
    """Whether a record has gone unreviewed for more than ``months``."""
    return last_reviewed_at < stale_cutoff(now, months)
