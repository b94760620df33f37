"""The DFØ benefit arithmetic and the stale rule."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

import pytest

from tryggki.registry import calculations as calc


def test_hours_freed_follows_the_dfo_formula() -> None:
    # 120,000 events × 2 minutes / 60 × 60 % adoption × (1 − 10 % rework) = 2,160 hours
    assert calc.hours_freed(120_000, 2, 0.6, 0.1) == pytest.approx(2160)


def test_fte_and_nok_use_the_configured_parameters() -> None:
    assert calc.fte(1695, 1695) == pytest.approx(1.0)
    assert calc.nok_value(100, 850) == pytest.approx(85_000)


@dataclass
class B:
    measure: str
    events_per_year: float | None = None
    minutes_saved_per_event: float | None = None
    adoption_rate: float | None = None
    rework_share: float | None = None
    estimate_value: float | None = None


def test_yearly_estimate_needs_all_hour_inputs() -> None:
    assert calc.yearly_estimate(B("hours", 600, 10, 1.0)) == pytest.approx(100)
    assert calc.yearly_estimate(B("hours", 600, None, 1.0)) is None
    assert calc.yearly_estimate(B("nok", estimate_value=5e5)) == 5e5


@dataclass
class M:
    period_start: date
    period_end: date
    value: float


def test_realisation_prorates_the_estimate_and_sums_in_period_order() -> None:
    rows = calc.realisation(
        365.25,
        [M(date(2026, 2, 1), date(2026, 2, 28), 20), M(date(2026, 1, 1), date(2026, 1, 31), 31)],
    )
    assert [r.period_start.month for r in rows] == [1, 2]
    assert rows[0].expected == pytest.approx(31)
    assert rows[0].ratio == pytest.approx(1.0)
    assert rows[1].cumulative_realised == pytest.approx(51)
    assert rows[1].cumulative_expected == pytest.approx(59)


def test_a_record_is_stale_after_the_configured_months() -> None:
    now = datetime(2026, 11, 26, tzinfo=UTC)
    assert calc.is_stale(datetime(2025, 11, 1, tzinfo=UTC), now, 12)
    assert not calc.is_stale(datetime(2026, 1, 1, tzinfo=UTC), now, 12)
