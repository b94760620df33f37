"""The gateway's computed indicators, on a hand-computed fixture."""

from __future__ import annotations

from datetime import date

from tryggki.access.calculations import (
    CallDay,
    GatewayData,
    approved_requests,
    hours_saved,
    identifiers_kept,
)
from tryggki.indicators.calculations import Value, months

PERIODS = months(date(2026, 1, 1), date(2026, 3, 31))
DATA = GatewayData(
    [
        CallDay("helse_bergen", date(2026, 1, 1), answered=10, identifiers=25),
        CallDay("helse_bergen", date(2026, 1, 31), answered=20, identifiers=5),
        CallDay("helse_fonna", date(2026, 1, 15), answered=6, identifiers=0),
        CallDay("helse_fonna", date(2026, 2, 28), answered=0, identifiers=3),  # all refused
        CallDay("helse_bergen", date(2025, 12, 31), answered=99, identifiers=99),  # before
        CallDay("helse_bergen", date(2026, 4, 1), answered=99, identifiers=99),  # after
    ],
    minutes_per_call=3.0,
)


def _table(values: list[Value]) -> dict[tuple[str, str], float | None]:
    return {(v.scope, v.period.code): v.value for v in values}


def test_identifiers_and_answered_requests_are_summed_per_month_and_for_the_region() -> None:
    ids, answered = (
        _table(identifiers_kept(DATA, PERIODS)),
        _table(approved_requests(DATA, PERIODS)),
    )
    assert ids["helse_bergen", "2026-01"] == 30 and ids["helse_fonna", "2026-02"] == 3
    assert ids["region", "2026-01"] == 30 and ids["region", "2026-02"] == 3
    assert answered["region", "2026-01"] == 36 and answered["helse_fonna", "2026-02"] == 0
    # A month without any call has no value rather than zero; days outside are left out.
    assert answered["region", "2026-03"] is None and ids["helse_bergen", "2026-02"] is None
    assert len(ids) == 3 * 3  # region and two trusts × three months


def test_hours_saved_is_answered_requests_times_the_minutes_setting() -> None:
    hours = _table(hours_saved(DATA, PERIODS))
    assert hours["region", "2026-01"] == 36 * 3 / 60
    assert hours["helse_fonna", "2026-02"] == 0


def test_no_calls_at_all_gives_region_values_without_a_number() -> None:
    empty = GatewayData([], minutes_per_call=3.0)
    assert _table(approved_requests(empty, PERIODS)) == {("region", p.code): None for p in PERIODS}
