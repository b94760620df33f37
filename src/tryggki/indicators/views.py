"""What the dashboard, the indicator pages and the board report show: cards, series, charts."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from tryggki.i18n import N_
from tryggki.i18n import gettext as _
from tryggki.i18n.formatting import format_number
from tryggki.indicators import calculations as calc
from tryggki.models import Indicator, IndicatorValue
from tryggki.portfolio.views import PALETTE
from tryggki.registry.vocabulary import EffectGoal, label

TREND_POINTS = 12
STATUS_LABELS = {
    "on_track": N_("On track"),
    "at_risk": N_("At risk"),
    "off_track": N_("Off track"),
}
UNIT_LABELS = {
    "hours": N_("hours"),
    "percent": "%",
    "count": N_("count"),
    "days": N_("days"),
    "score": N_("score"),
    "nok": "NOK",
}
FREQUENCY_LABELS = {"monthly": N_("Monthly"), "quarterly": N_("Quarterly"), "yearly": N_("Yearly")}
DIRECTION_LABELS = {"higher": N_("Higher is better"), "lower": N_("Lower is better")}
KIND_LABELS = {"computed": N_("Computed by Trygg KI"), "entered": N_("Entered by the owner")}
DIGITS = {"percent": 1, "score": 1}
# Where the use cases behind a computed figure can be found in the registry.
DRILL_DOWN = {
    "hours_freed": "/use-cases?goal=freed_resources",
    "benefit_realisation": "/use-cases?goal=freed_resources",
    "production_approved": "/use-cases?stage=production",
    "high_risk_impact_assessed": "/assessments",
    "stale_records": "/use-cases?stale=1",
    "idea_to_decision_days": "/assessments",
}


def fmt(value: float | None, unit: str) -> str:
    """A value in the active locale with its unit ("–" when there is none)."""
    if value is None:
        return "–"
    number = format_number(value, DIGITS.get(unit, 0))
    return f"{number} %" if unit == "percent" else number


def status_label(code: str | None) -> str:
    """Translated status, or a dash."""
    return _(STATUS_LABELS[code]) if code else "–"


@dataclass(frozen=True)
class Point:
    """A value of Helse Vest as a whole: stored, or summed from the organisations' values."""

    period: str
    period_start: date
    value: float | None
    # How many organisations' values were added up, for a value made from theirs.
    reported: int | None = None


@dataclass(frozen=True)
class Card:
    """One indicator on the dashboard: latest value, status, trend and per-trust comparison."""

    indicator: Indicator
    latest: Point | None
    status: str | None
    series: list[Point]
    by_trust: list[tuple[str, IndicatorValue, str | None]]
    members: int = 0

    @property
    def trust_period(self) -> str:
        """The period the trusts are compared in."""
        return self.by_trust[0][1].period if self.by_trust else ""

    @property
    def rule(self) -> str | None:
        """How the region's latest value was made, when it was not entered for the region."""
        if self.latest is not None and self.latest.reported is not None:
            return _("Sum of the trusts' values (%(n)s of %(total)s reported).") % {
                "n": self.latest.reported,
                "total": self.members,
            }
        if self.latest is None and self.by_trust:
            return _("No value for Helse Vest as a whole: values in this unit are not summed.")
        return None

    def trend_chart(self) -> dict[str, Any]:
        """A Chart.js line chart of the region's values."""
        name = _(self.indicator.name)
        data = [v.value for v in self.series]
        dataset = {"label": name, "data": data, "borderColor": PALETTE[0], "fill": False}
        return {
            "type": "line",
            "data": {"labels": [v.period for v in self.series], "datasets": [dataset]},
        }

    def trust_chart(self) -> dict[str, Any]:
        """A Chart.js bar chart of the trusts' values in the latest period."""
        rows = [(n, v.value) for n, v, _s in self.by_trust]
        dataset = {
            "label": self.trust_period,
            "data": [v for _n, v in rows],
            "backgroundColor": [PALETTE[i % len(PALETTE)] for i in range(len(rows))],
        }
        return {
            "type": "bar",
            "data": {"labels": [n for n, _v in rows], "datasets": [dataset]},
            "options": {"plugins": {"legend": {"display": False}}},
        }


def region_series(
    indicator: Indicator, rows: list[IndicatorValue], members: Collection[str]
) -> list[Point]:
    """The region's values by period: those stored for the region, and for entered indicators in
    an additive unit the sum of the Helse Vest organisations' values where none was entered."""
    points = [Point(v.period, v.period_start, v.value) for v in rows if v.scope == calc.REGION]
    if indicator.kind == "entered":
        facts = [(v.scope, v.period, v.period_start, v.value) for v in rows]
        points += [
            Point(t.period, t.period_start, t.value, t.reported)
            for t in calc.region_totals(indicator.unit, facts, members)
        ]
    return sorted(points, key=lambda p: p.period_start)


def card(
    indicator: Indicator,
    values: Iterable[IndicatorValue],
    org_names: dict[str, str],
    members: Collection[str] = (),
) -> Card:
    """The dashboard card of an indicator from its stored values."""
    rows = sorted(values, key=lambda v: v.period_start)
    region = region_series(indicator, rows, members)
    with_value = [v for v in region if v.value is not None]
    latest = with_value[-1] if with_value else None
    # Without a value for the region, the trusts are still compared in their latest period.
    period = (
        latest.period
        if latest
        else next((v.period for v in reversed(rows) if v.value is not None), None)
    )
    by_trust = []
    if period is not None:
        same = {v.scope: v for v in rows if v.period == period and v.scope != calc.REGION}
        for scope in sorted(same, key=lambda s: org_names.get(s, s)):
            v = same[scope]
            by_trust.append(
                (
                    org_names.get(scope, scope),
                    v,
                    calc.status(v.value, indicator.target, indicator.direction),
                )
            )
    status = calc.status(latest.value if latest else None, indicator.target, indicator.direction)
    return Card(indicator, latest, status, region[-TREND_POINTS:], by_trust, len(members))


@dataclass(frozen=True)
class Goal:
    """An effect goal with its indicators."""

    code: str
    name: str
    cards: list[Card]


def goals(
    indicators: Iterable[Indicator],
    values: Iterable[IndicatorValue],
    org_names: dict[str, str],
    members: Collection[str] = (),
) -> list[Goal]:
    """The three effect goals of the plan, each with the cards of its indicators."""
    by_code: dict[str, list[IndicatorValue]] = {}
    for v in values:
        by_code.setdefault(v.indicator_code, []).append(v)
    listed = list(indicators)
    return [
        Goal(
            goal.value,
            label(goal),
            [
                card(i, by_code.get(i.code, []), org_names, members)
                for i in listed
                if i.effect_goal == goal
            ],
        )
        for goal in EffectGoal
    ]


def scope_chart(
    indicator: Indicator, values: list[IndicatorValue], org_names: dict[str, str]
) -> dict[str, Any]:
    """A Chart.js line chart with one line for the region and one per trust."""
    periods = sorted({(v.period_start, v.period) for v in values})
    labels = [p for _s, p in periods]
    scopes = sorted(
        {v.scope for v in values}, key=lambda s: (s != calc.REGION, org_names.get(s, s))
    )
    index = {(v.scope, v.period): v.value for v in values}
    datasets = [
        {
            "label": _("Helse Vest (all)") if s == calc.REGION else org_names.get(s, s),
            "data": [index.get((s, p)) for p in labels],
            "borderColor": PALETTE[i % len(PALETTE)],
            "fill": False,
        }
        for i, s in enumerate(scopes)
    ]
    return {"type": "line", "data": {"labels": labels, "datasets": datasets}}


def correction(
    values: Iterable[IndicatorValue], organisation: str | None, period: str | None
) -> dict[str, Any]:
    """The entry form filled with a stored entered value, to correct it (empty when none)."""
    found = next(
        (
            v
            for v in values
            if v.scope == organisation and v.period == period and v.source == "entered"
        ),
        None,
    )
    if found is None:
        return {}
    return {
        "organisation": found.scope,
        "period": found.period,
        "value": f"{found.value:g}" if found.value is not None else "",
        "note": found.note or "",
    }


HELPERS: dict[str, Any] = {
    "fmt": fmt,
    "status_label": status_label,
    "unit_label": lambda u: _(UNIT_LABELS[u]) if u in UNIT_LABELS else u,
    "frequency_label": lambda f: _(FREQUENCY_LABELS[f]),
    "direction_label": lambda d: _(DIRECTION_LABELS[d]),
    "kind_label": lambda k: _(KIND_LABELS[k]),
    "tr": _,
    "REGION": calc.REGION,
    "status_of": calc.status,
    "drill_down": DRILL_DOWN,
}
