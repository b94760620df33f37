"""The gateway's computed indicators (pure): what the calls of each day add up to per period.

The loader in ``usage.py`` sums the call rows per organisation and day; these functions put the
days into the indicator periods, per organisation and for the region. A period without any call
has no value (the gateway may not have been in use), not zero.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from tryggki.indicators.calculations import REGION, Period, Value


@dataclass(frozen=True)
class CallDay:
    """One organisation's calls through the gateway on one day."""

    organisation: str
    day: date
    answered: int  # reached an approved AI service and came back
    identifiers: int  # replaced by placeholders before anything left


@dataclass(frozen=True)
class GatewayData:
    """The days and the estimate of minutes an answered call saves (a setting)."""

    days: Sequence[CallDay]
    minutes_per_call: float


def _sum(
    data: GatewayData, periods: Sequence[Period], amount: Callable[[CallDay], float]
) -> list[Value]:
    starts = [p.start for p in periods]
    sums: dict[tuple[str, str], float] = defaultdict(float)
    scopes = {REGION}
    for d in data.days:
        i = bisect.bisect_right(starts, d.day) - 1
        if i < 0 or d.day > periods[i].end:
            continue
        scopes.add(d.organisation)
        for scope in (d.organisation, REGION):
            sums[scope, periods[i].code] += amount(d)
    return [Value(s, p, sums.get((s, p.code))) for s in sorted(scopes) for p in periods]


def identifiers_kept(data: GatewayData, periods: Sequence[Period]) -> list[Value]:
    """Identifiers the gateway replaced before a request left the building."""
    return _sum(data, periods, lambda d: d.identifiers)


def approved_requests(data: GatewayData, periods: Sequence[Period]) -> list[Value]:
    """AI requests answered through approved services."""
    return _sum(data, periods, lambda d: d.answered)


def hours_saved(data: GatewayData, periods: Sequence[Period]) -> list[Value]:
    """Estimated hours saved: answered requests × the minutes one is estimated to save."""
    return _sum(data, periods, lambda d: d.answered * data.minutes_per_call / 60)
