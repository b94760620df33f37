"""Indicators computed from the product's own data, periods and the status rule: pure, no I/O.

Every computed indicator is a function ``(Snapshot, periods) -> list[Value]`` that returns one
value per period for the region (``scope="region"``) and for every organisation that has data.
Ratios are per cent with their numerator and denominator; a period without data has value None.
"""

from __future__ import annotations

import bisect
import re
import statistics
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from tryggki.registry.calculations import DAYS_PER_YEAR, stale_cutoff

REGION = "region"
HIGH_RISK = frozenset({"high_risk_annex_i", "high_risk_annex_iii", "high_risk_both"})
# A FRIA (AI Act art. 27) is owed for Annex III systems; a DPIA for every high-risk use here.
FRIA_TIERS = frozenset({"high_risk_annex_iii", "high_risk_both"})
IN_PRODUCTION = frozenset({"production", "change"})
RETIRED = "retired"
# On track within the target; at risk within this share of the target; off track beyond it.
AT_RISK_BAND = 0.10


class PeriodError(ValueError):
    """A period that does not match the indicator's frequency."""

    def __init__(self, text: str, frequency: str) -> None:
        self.text = text
        self.frequency = frequency
        super().__init__(text)


@dataclass(frozen=True, order=True)
class Period:
    """A calendar month (``2026-03``), quarter (``2026-Q1``) or year (``2026``)."""

    start: date
    end: date
    code: str = field(compare=False)

    @property
    def end_moment(self) -> datetime:
        """The last moment of the period (UTC), for "as of the end of the period" counts."""
        return datetime.combine(self.end + timedelta(days=1), time(), UTC) - timedelta(
            microseconds=1
        )

    @property
    def days(self) -> int:
        """Number of days in the period."""
        return (self.end - self.start).days + 1


_PATTERNS = {
    "monthly": re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$"),
    "quarterly": re.compile(r"^(\d{4})-Q([1-4])$"),
    "yearly": re.compile(r"^(\d{4})$"),
}


def _month_end(year: int, month: int) -> date:
    return (date(year + month // 12, month % 12 + 1, 1)) - timedelta(days=1)


def month(year: int, month_: int) -> Period:
    """One calendar month."""
    return Period(date(year, month_, 1), _month_end(year, month_), f"{year}-{month_:02d}")


def parse_period(text: str, frequency: str) -> Period:
    """A period written as the frequency requires, or PeriodError."""
    found = _PATTERNS[frequency].match(text.strip())
    if not found:
        raise PeriodError(text, frequency)
    year = int(found.group(1))
    if frequency == "monthly":
        return month(year, int(found.group(2)))
    if frequency == "quarterly":
        q = int(found.group(2))
        return Period(date(year, 3 * q - 2, 1), _month_end(year, 3 * q), f"{year}-Q{q}")
    return Period(date(year, 1, 1), date(year, 12, 31), str(year))


def months(first: date, last: date) -> list[Period]:
    """Every month from the one containing ``first`` to the one containing ``last``."""
    out = []
    year, m = first.year, first.month
    while (year, m) <= (last.year, last.month):
        out.append(month(year, m))
        year, m = (year + 1, 1) if m == 12 else (year, m + 1)
    return out


@dataclass(frozen=True)
class UseCaseRow:
    """What the indicators read of a use case and its assessment."""

    id: str
    organisation: str
    created: datetime
    stage: str
    last_reviewed: datetime
    tier: str | None = None
    approved_at: datetime | None = None
    first_approval: datetime | None = None
    # Control code → since when it has been in place.
    controls: dict[str, datetime] = field(default_factory=dict)


@dataclass(frozen=True)
class BenefitRow:
    """A benefit: its use case's organisation, effect goal, measure and yearly estimate."""

    id: str
    organisation: str
    effect_goal: str
    measure: str
    yearly: float | None


@dataclass(frozen=True)
class MeasurementRow:
    """A realised value of a benefit over a period."""

    benefit_id: str
    start: date
    end: date
    value: float


@dataclass(frozen=True)
class Snapshot:
    """The product's data as the computed indicators read it."""

    use_cases: Sequence[UseCaseRow] = ()
    benefits: Sequence[BenefitRow] = ()
    measurements: Sequence[MeasurementRow] = ()
    stale_after_months: int = 12


@dataclass(frozen=True)
class Value:
    """An indicator's value for one scope and period."""

    scope: str
    period: Period
    value: float | None
    numerator: float | None = None
    denominator: float | None = None


class _Sums:
    """Numerator and denominator per (scope, period code), region included."""

    def __init__(self) -> None:
        self.num: dict[tuple[str, str], float] = defaultdict(float)
        self.den: dict[tuple[str, str], float] = defaultdict(float)
        self.scopes: set[str] = {REGION}

    def add(self, org: str, period: Period, num: float, den: float) -> None:
        self.scopes.add(org)
        for scope in (org, REGION):
            self.num[scope, period.code] += num
            self.den[scope, period.code] += den

    def totals(self, periods: Sequence[Period]) -> list[Value]:
        return [
            Value(s, p, self.num.get((s, p.code))) for s in sorted(self.scopes) for p in periods
        ]

    def ratios(self, periods: Sequence[Period]) -> list[Value]:
        out = []
        for s in sorted(self.scopes):
            for p in periods:
                num, den = self.num.get((s, p.code), 0.0), self.den.get((s, p.code), 0.0)
                out.append(Value(s, p, 100 * num / den if den else None, num, den))
        return out


def _overlaps(
    start: date, end: date, periods: Sequence[Period], starts: list[date]
) -> Iterable[tuple[Period, float]]:
    """Periods a span overlaps, with the share of the span's days that falls in each."""
    span = (end - start).days + 1
    if span <= 0:
        return
    i = max(bisect.bisect_right(starts, start) - 1, 0)
    while i < len(periods) and periods[i].start <= end:
        p = periods[i]
        days = (min(end, p.end) - max(start, p.start)).days + 1
        if days > 0:
            yield p, days / span
        i += 1


def _hours_benefits(snap: Snapshot) -> dict[str, BenefitRow]:
    return {
        b.id: b
        for b in snap.benefits
        if b.measure == "hours" and b.effect_goal == "freed_resources"
    }


def hours_freed(snap: Snapshot, periods: Sequence[Period]) -> list[Value]:
    """Realised hours freed for patient-facing work, each measurement spread over its days."""
    benefits, starts, sums = _hours_benefits(snap), [p.start for p in periods], _Sums()
    for m in snap.measurements:
        b = benefits.get(m.benefit_id)
        if b is None:
            continue
        for p, share in _overlaps(m.start, m.end, periods, starts):
            sums.add(b.organisation, p, m.value * share, 0.0)
    return sums.totals(periods)


def benefit_realisation(snap: Snapshot, periods: Sequence[Period]) -> list[Value]:
    """Realised ÷ estimated hours over the days that were measured (per cent)."""
    benefits, starts, sums = _hours_benefits(snap), [p.start for p in periods], _Sums()
    for m in snap.measurements:
        b = benefits.get(m.benefit_id)
        if b is None or not b.yearly:
            continue
        for p, share in _overlaps(m.start, m.end, periods, starts):
            days = share * ((m.end - m.start).days + 1)
            sums.add(b.organisation, p, m.value * share, b.yearly * days / DAYS_PER_YEAR)
    return sums.ratios(periods)


def _share_by_period_end(
    rows: Iterable[tuple[str, datetime, datetime | None]], periods: Sequence[Period]
) -> list[Value]:
    """Per cent of rows counted by each period's end: (organisation, counted from, met from)."""
    counted: dict[str, list[datetime]] = defaultdict(list)
    met: dict[str, list[datetime]] = defaultdict(list)
    for org, since, met_at in rows:
        for scope in (org, REGION):
            counted[scope].append(since)
            if met_at is not None:
                met[scope].append(max(since, met_at))
    counted.setdefault(REGION, [])
    for lists in (counted, met):
        for values in lists.values():
            values.sort()
    out = []
    for scope in sorted(counted):
        for p in periods:
            den = bisect.bisect_right(counted[scope], p.end_moment)
            num = bisect.bisect_right(met.get(scope, []), p.end_moment)
            out.append(Value(scope, p, 100 * num / den if den else None, num, den))
    return out


def production_approved(snap: Snapshot, periods: Sequence[Period]) -> list[Value]:
    """Of the use cases in production, the share with an approved assessment by period end."""
    rows = (
        (uc.organisation, uc.created, uc.approved_at)
        for uc in snap.use_cases
        if uc.stage in IN_PRODUCTION
    )
    return _share_by_period_end(rows, periods)


def _impact_assessed_at(uc: UseCaseRow) -> datetime | None:
    required = ["dpia_done", *(["fria_done"] if uc.tier in FRIA_TIERS else [])]
    if any(c not in uc.controls for c in required):
        return None
    return max(uc.controls[c] for c in required)


def high_risk_impact_assessed(snap: Snapshot, periods: Sequence[Period]) -> list[Value]:
    """Of the high-risk use cases (not retired), the share with DPIA (and FRIA where owed) done."""
    rows = (
        (uc.organisation, uc.created, _impact_assessed_at(uc))
        for uc in snap.use_cases
        if uc.tier in HIGH_RISK and uc.stage != RETIRED
    )
    return _share_by_period_end(rows, periods)


def stale_records(snap: Snapshot, periods: Sequence[Period]) -> list[Value]:
    """Use cases (not retired) unreviewed for longer than the stale limit at each period end.

    Only the latest review is stored: a record reviewed after the period's end counts as last
    reviewed when it was created, which is exact for the current period and an upper bound
    before it (values stored by ``tryggki indicators compute`` keep what was true then).
    With limit L a record is stale at t when t > created + L and t < last review, or when
    t > last review + L; each use case adds one to the periods whose end falls in those spans.
    """
    ends = [p.end_moment for p in periods]
    limit = ends[0] - stale_cutoff(ends[0], snap.stale_after_months) if ends else timedelta()
    counts: dict[str, list[int]] = defaultdict(lambda: [0] * (len(periods) + 1))
    counts[REGION] = [0] * (len(periods) + 1)  # the region has a value even without data
    for uc in snap.use_cases:
        if uc.stage == RETIRED:
            continue
        spans = (
            (
                bisect.bisect_right(ends, uc.created + limit),
                bisect.bisect_left(ends, uc.last_reviewed),
            ),
            (bisect.bisect_right(ends, uc.last_reviewed + limit), len(periods)),
        )
        for scope in (uc.organisation, REGION):
            diff = counts[scope]
            for lo, hi in spans:
                if lo < hi:
                    diff[lo] += 1
                    diff[hi] -= 1
    out = []
    for scope in sorted(counts):
        running = 0
        for i, p in enumerate(periods):
            running += counts[scope][i]
            out.append(Value(scope, p, float(running)))
    return out


def idea_to_decision(snap: Snapshot, periods: Sequence[Period]) -> list[Value]:
    """Median days from registration to the first approval, for approvals in the period."""
    starts = [p.start for p in periods]
    days: dict[tuple[str, str], list[int]] = defaultdict(list)
    scopes = {REGION}
    for uc in snap.use_cases:
        if uc.first_approval is None:
            continue
        decided = uc.first_approval.date()
        i = bisect.bisect_right(starts, decided) - 1
        if i < 0 or decided > periods[i].end:
            continue
        scopes.add(uc.organisation)
        for scope in (uc.organisation, REGION):
            days[scope, periods[i].code].append((decided - uc.created.date()).days)
    return [
        Value(
            s,
            p,
            float(statistics.median(days[s, p.code])) if days.get((s, p.code)) else None,
            None,
            float(len(days.get((s, p.code), []))),
        )
        for s in sorted(scopes)
        for p in periods
    ]


def status(value: float | None, target: float | None, direction: str) -> str | None:
    """On track / at risk / off track against a target (None without a value or target).

    On track: the target is met (at least it when higher is better, at most it when lower is).
    At risk: missed by no more than 10 % of the target. Off track: missed by more.
    """
    if value is None or target is None:
        return None
    gap = target - value if direction == "higher" else value - target
    if gap <= 0:
        return "on_track"
    return "at_risk" if gap <= abs(target) * AT_RISK_BAND else "off_track"


# Units whose values add up over the trusts: a count of events, hours, kroner. A percentage, a
# score or a number of days (a median, a waiting time) does not, and entered values carry no
# numerator and denominator to weight a mean with, so those get no region value of their own.
ADDITIVE_UNITS = frozenset({"count", "hours", "nok"})


@dataclass(frozen=True)
class RegionTotal:
    """A region value made from the organisations' values of one period."""

    period: str
    period_start: date
    value: float
    reported: int


def region_totals(
    unit: str, rows: Iterable[tuple[str, str, date, float | None]], organisations: Iterable[str]
) -> list[RegionTotal]:
    """For an additive ``unit``, the sum over ``organisations`` of their values per period, for
    the periods where the region has no value of its own; rows are (scope, period, start, value).

    A period counts only the organisations that reported a value; the region's own value, when
    entered, always wins. Other units: no totals.
    """
    if unit not in ADDITIVE_UNITS:
        return []
    members = set(organisations)
    own = {period for scope, period, _s, value in rows if scope == REGION and value is not None}
    sums: dict[tuple[date, str], list[float]] = defaultdict(list)
    for scope, period, start, value in rows:
        if scope in members and value is not None and period not in own:
            sums[(start, period)].append(value)
    return [
        RegionTotal(period, start, sum(values), len(values))
        for (start, period), values in sorted(sums.items())
    ]
