"""Computed indicators against hand-computed values on a small synthetic fixture.

Three months (January–March 2026) plus April without any data. Helse Bergen: A (production,
approved 15 February, created 10 January 2025 → 401 days to decision) and B (production, never
reviewed since June 2025). Helse Stavanger: C (retired, high risk), D (pilot, high risk Annex III,
DPIA 5 March, FRIA 20 March), E (production, high risk Annex I, DPIA done, reviewed 10 March).
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from tryggki.indicators import calculations as calc
from tryggki.indicators.calculations import BenefitRow, MeasurementRow, Snapshot, UseCaseRow


def at(y: int, m: int, d: int) -> datetime:
    return datetime(y, m, d, 12, tzinfo=UTC)


SNAP = Snapshot(
    use_cases=[
        UseCaseRow(
            "A",
            "helse_bergen",
            at(2025, 1, 10),
            "production",
            at(2025, 12, 20),
            "minimal",
            at(2026, 2, 15),
            at(2026, 2, 15),
        ),
        UseCaseRow("B", "helse_bergen", at(2025, 6, 1), "production", at(2025, 6, 1)),
        UseCaseRow(
            "C", "helse_stavanger", at(2025, 3, 1), "retired", at(2025, 3, 1), "high_risk_annex_iii"
        ),
        UseCaseRow(
            "D",
            "helse_stavanger",
            at(2026, 2, 10),
            "pilot",
            at(2026, 2, 10),
            "high_risk_annex_iii",
            controls={"dpia_done": at(2026, 3, 5), "fria_done": at(2026, 3, 20)},
        ),
        UseCaseRow(
            "E",
            "helse_stavanger",
            at(2025, 1, 1),
            "production",
            at(2026, 3, 10),
            "high_risk_annex_i",
            controls={"dpia_done": at(2025, 6, 1)},
        ),
    ],
    benefits=[
        BenefitRow("hb1", "helse_bergen", "freed_resources", "hours", 365.25),
        BenefitRow("sb1", "helse_stavanger", "freed_resources", "hours", None),
        BenefitRow("pb1", "helse_bergen", "patient_experience", "score", 4.0),
    ],
    measurements=[
        MeasurementRow("hb1", date(2026, 1, 1), date(2026, 1, 31), 40.0),
        MeasurementRow("hb1", date(2026, 2, 1), date(2026, 3, 31), 118.0),
        MeasurementRow("sb1", date(2026, 1, 1), date(2026, 1, 31), 10.0),
        MeasurementRow("pb1", date(2026, 1, 1), date(2026, 1, 31), 4.5),
    ],
    stale_after_months=6,
)
PERIODS = calc.months(date(2026, 1, 1), date(2026, 4, 30))


def table(values: list[calc.Value]) -> dict[tuple[str, str], float | None]:
    return {(v.scope, v.period.code): v.value for v in values}


def test_hours_freed_spreads_a_two_month_measurement_and_counts_a_retired_use_case() -> None:
    t = table(calc.hours_freed(SNAP, PERIODS))
    assert t["region", "2026-01"] == pytest.approx(50)  # 40 Bergen + 10 from retired C
    assert t["helse_stavanger", "2026-01"] == pytest.approx(10)
    assert t["region", "2026-02"] == pytest.approx(118 * 28 / 59)
    assert t["region", "2026-03"] == pytest.approx(118 * 31 / 59)
    assert t["region", "2026-04"] is None  # a period with no measurements has no value


def test_realised_against_estimate_for_the_measured_days() -> None:
    values = {(v.scope, v.period.code): v for v in calc.benefit_realisation(SNAP, PERIODS)}
    jan = values["region", "2026-01"]
    assert (jan.numerator, jan.denominator) == (pytest.approx(40), pytest.approx(31))
    assert jan.value == pytest.approx(100 * 40 / 31)  # sb1 has no estimate: left out
    assert values["region", "2026-02"].value == pytest.approx(200)
    assert values["region", "2026-04"].value is None


def test_share_in_production_with_an_approved_assessment() -> None:
    values = {(v.scope, v.period.code): v for v in calc.production_approved(SNAP, PERIODS)}
    assert (values["region", "2026-01"].numerator, values["region", "2026-01"].denominator) == (
        0,
        3,
    )
    assert values["region", "2026-02"].value == pytest.approx(100 / 3)
    assert values["helse_bergen", "2026-02"].value == pytest.approx(50)
    assert values["helse_stavanger", "2026-03"].value == 0


def test_share_of_high_risk_with_dpia_and_fria_leaves_out_the_retired() -> None:
    t = table(calc.high_risk_impact_assessed(SNAP, PERIODS))
    assert t["region", "2026-01"] == pytest.approx(100)  # only E: Annex I needs the DPIA only
    assert t["region", "2026-02"] == pytest.approx(50)  # D registered, not yet assessed
    assert t["region", "2026-03"] == pytest.approx(100)  # D: DPIA and FRIA both by 20 March
    assert ("helse_bergen", "2026-01") not in t


def test_stale_records_at_each_period_end() -> None:
    t = table(calc.stale_records(SNAP, PERIODS))
    # January and February: B and E (E's review on 10 March is after those periods).
    assert (t["region", "2026-01"], t["region", "2026-02"], t["region", "2026-03"]) == (2, 2, 1)
    assert t["helse_stavanger", "2026-03"] == 0  # C is retired: no review owed


def test_median_days_from_idea_to_decision() -> None:
    values = {(v.scope, v.period.code): v for v in calc.idea_to_decision(SNAP, PERIODS)}
    assert values["region", "2026-02"].value == 401
    assert values["helse_bergen", "2026-02"].denominator == 1
    assert values["region", "2026-01"].value is None


def test_no_data_at_all_gives_region_values_without_a_number() -> None:
    empty = Snapshot()
    for fn in (
        calc.hours_freed,
        calc.benefit_realisation,
        calc.production_approved,
        calc.high_risk_impact_assessed,
        calc.idea_to_decision,
    ):
        values = fn(empty, PERIODS)
        assert {v.scope for v in values} == {"region"}
        assert all(v.value is None for v in values), fn.__name__
    assert {v.value for v in calc.stale_records(empty, PERIODS)} == {0}


@pytest.mark.parametrize(
    ("text", "frequency", "start", "end"),
    [
        ("2026-02", "monthly", date(2026, 2, 1), date(2026, 2, 28)),
        ("2026-Q4", "quarterly", date(2026, 10, 1), date(2026, 12, 31)),
        ("2024", "yearly", date(2024, 1, 1), date(2024, 12, 31)),
    ],
)
def test_periods(text: str, frequency: str, start: date, end: date) -> None:
    period = calc.parse_period(text, frequency)
    assert (period.start, period.end, period.code) == (start, end, text)


@pytest.mark.parametrize(
    ("text", "frequency"),
    [("2026-13", "monthly"), ("2026-03", "quarterly"), ("26", "yearly"), ("03.2026", "monthly")],
)
def test_wrong_period_formats_are_refused(text: str, frequency: str) -> None:
    with pytest.raises(calc.PeriodError):
        calc.parse_period(text, frequency)


@pytest.mark.parametrize(
    ("value", "target", "direction", "expected"),
    [
        (80, 80, "higher", "on_track"),
        (73, 80, "higher", "at_risk"),
        (71, 80, "higher", "off_track"),
        (5, 5, "lower", "on_track"),
        (5.4, 5, "lower", "at_risk"),
        (6, 5, "lower", "off_track"),
        (None, 5, "lower", None),
        (3, None, "lower", None),
    ],
)
def test_status_rule(
    value: float | None, target: float | None, direction: str, expected: str | None
) -> None:
    assert calc.status(value, target, direction) == expected


def test_region_totals_sum_the_helse_vest_organisations_that_reported() -> None:
    members = ["helse_bergen", "helse_stavanger", "helse_fonna", "helse_vest_rhf"]
    q1, q2, q3 = date(2026, 1, 1), date(2026, 4, 1), date(2026, 7, 1)
    rows = [
        ("helse_bergen", "2026-Q1", q1, 3.0),
        ("helse_stavanger", "2026-Q1", q1, 4.0),
        ("helse_fonna", "2026-Q1", q1, 0.0),  # a reported zero counts as reported
        ("helse_sor_ost_rhf", "2026-Q1", q1, 50.0),  # not Helse Vest: left out
        ("helse_bergen", "2026-Q2", q2, 2.0),
        ("region", "2026-Q2", q2, 9.0),  # entered for the region: it wins, no total
        ("helse_stavanger", "2026-Q3", q3, 1.5),
        ("helse_bergen", "2026-Q3", q3, None),
    ]
    totals = calc.region_totals("count", rows, members)
    assert [(t.period, t.value, t.reported) for t in totals] == [
        ("2026-Q1", 7.0, 3),
        ("2026-Q3", 1.5, 1),
    ]
    assert calc.region_totals("hours", rows, members)[0].value == 7.0
    for unit in ("percent", "score", "days"):
        assert calc.region_totals(unit, rows, members) == []
    assert calc.region_totals("count", [], members) == []
