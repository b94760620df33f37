"""What the portfolio pages and the board paper show: chart data, labels and helpers."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from tryggki.i18n import gettext as _
from tryggki.i18n.formatting import format_date, format_datetime, format_number
from tryggki.models import FocusArea, WeightSet
from tryggki.portfolio import scoring
from tryggki.portfolio.service import Row
from tryggki.rules.labels import TIER_LABELS, label

# One colour per trust, distinguishable and readable on white (chart and legend).
PALETTE = ("#005b8f", "#b34700", "#2e7d32", "#6a1b9a", "#8d6e00", "#c2185b", "#00796b", "#455a64")
MIN_RADIUS = 5
MAX_RADIUS = 28


def radius(hours: float, largest: float) -> float:
    """Bubble radius: area proportional to hours freed, between the smallest and largest size."""
    if largest <= 0:
        return MIN_RADIUS
    return round(MIN_RADIUS + (MAX_RADIUS - MIN_RADIUS) * math.sqrt(max(hours, 0) / largest), 1)


def tooltip(row: Row) -> list[str]:
    """The lines of a bubble's tooltip: the use case first, then its trust and figures."""
    scored = row.ranked.scored
    return [
        f"{row.uc.ref} {row.uc.title}",
        f"{_('Organisation')}: {row.uc.organisation.name}",
        f"{_('Expected benefit (5 = highest)')}: {format_number(scored.expected_benefit, 1)}",
        f"{_('Cost and risk (5 = heaviest)')}: {format_number(scored.cost_and_risk, 1)}",
        f"{_('Hours freed a year (estimate)')}: {format_number(row.hours)}",
    ]


def bubble_chart(rows: list[Row]) -> dict[str, Any]:
    """A Chart.js bubble chart: expected benefit against cost and risk, size by hours, colour by
    trust. The same figures are in the table beside it; each bubble's tooltip names its use
    case (``tooltip`` lines, read by app.js)."""
    largest = max((r.hours for r in rows), default=0.0)
    by_org: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        by_org.setdefault(r.uc.organisation.name, []).append(
            {
                "x": round(r.ranked.scored.cost_and_risk, 2),
                "y": round(r.ranked.scored.expected_benefit, 2),
                "r": radius(r.hours, largest),
                "tooltip": tooltip(r),
            }
        )
    datasets = [
        {"label": org, "data": points, "backgroundColor": PALETTE[i % len(PALETTE)] + "b3"}
        for i, (org, points) in enumerate(sorted(by_org.items()))
    ]
    axis = {"min": 0.5, "max": 5.5}
    return {
        "type": "bubble",
        "data": {"datasets": datasets},
        "options": {
            "scales": {
                "x": {
                    **axis,
                    "title": {"display": True, "text": _("Cost and risk (5 = heaviest)")},
                },
                "y": {
                    **axis,
                    "title": {"display": True, "text": _("Expected benefit (5 = highest)")},
                },
            },
        },
    }


@dataclass(frozen=True)
class Page:
    """One page of the ranking: its rows and where it lies among all of them."""

    rows: list[Row]
    number: int
    pages: int
    first: int
    last: int
    total: int


def page_of(rows: list[Row], *, number: int, size: int, at: str | None = None) -> Page:
    """Page ``number`` of ``rows`` (the page holding use case ``at`` when it is ranked)."""
    pages = max(1, math.ceil(len(rows) / size))
    index = next((i for i, r in enumerate(rows) if r.uc.ref == at), None) if at else None
    number = index // size + 1 if index is not None else min(max(number, 1), pages)
    start = (number - 1) * size
    chunk = rows[start : start + size]
    return Page(chunk, number, pages, start, start + len(chunk), len(rows))


def set_choices(sets: list[WeightSet]) -> list[tuple[str, str]]:
    """(name, translated name) of weight sets for a select box (built-in names are msgids)."""
    return [(s.name, _(s.name)) for s in sets]


HELPERS: dict[str, Any] = {
    "criterion_label": scoring.criterion_label,
    "tier_label": lambda code: label(TIER_LABELS, code) if code else _("Not assessed"),
    "criteria": list(scoring.Criterion),
    "reviewed_criteria": list(scoring.REVIEWED),
    "automatic_criteria": list(scoring.AUTOMATIC),
}


HIGH_RISK = frozenset({"high_risk_annex_i", "high_risk_annex_iii", "high_risk_both"})


@dataclass(frozen=True)
class Paper:
    """A board paper (styresak) in the active language: the same content for HTML and PDF."""

    title: str
    meta: list[tuple[str, str]]
    sections: list[tuple[str, list[str]]]
    columns: list[str]
    rows: list[list[str]]


def board_paper(area: FocusArea, printed: str) -> Paper:
    """The decision record of a focus area as a board paper."""
    snap = area.snapshot
    hours = sum(r["hours"] for r in snap)
    high = sum(1 for r in snap if r["tier"] in HIGH_RISK)
    period = {
        "start": format_date(area.period_start, "long"),
        "end": format_date(area.period_end, "long"),
    }
    sections = [
        (
            _("Proposed decision"),
            [
                _(
                    "The board designates “%(title)s” as a focus area for Helse Vest from "
                    "%(start)s to %(end)s, with %(owner)s as owner, covering the %(n)s use "
                    "cases listed below."
                )
                % {"title": area.title, "owner": area.owner, "n": len(snap), **period}
            ],
        ),
        (_("Rationale"), [p for p in area.rationale.splitlines() if p.strip()]),
        (
            _("Basis: the portfolio ranking"),
            [
                _(
                    "The use cases were scored independently by reviewers and ranked with the "
                    "weight set “%(set)s”. Together they are estimated to free %(hours)s hours a "
                    "year for patient-facing work."
                )
                % {"set": _(area.weight_set_name), "hours": format_number(hours)},
                _(
                    "%(n)s of the use cases are high-risk under the AI Act; they need an "
                    "approved assessment with DPIA and fundamental-rights impact assessment "
                    "before production."
                )
                % {"n": high},
            ],
        ),
        (
            _("Follow-up"),
            [
                _(
                    "Benefits are followed up through the indicators of the effect goals and "
                    "reported to the board on the dashboard."
                )
            ],
        ),
    ]
    columns = [
        _("Rank"),
        _("Use case"),
        _("Organisation"),
        _("Score"),
        _("Rank range at ±20 %% weights") % {},
        _("Hours freed a year (estimate)"),
        _("AI Act risk tier"),
    ]
    rows = [
        [
            str(r["rank"]),
            f"{r['ref']} {r['title']}",
            r["organisation"],
            format_number(r["total"], 1),
            f"{r['best']}–{r['worst']}",
            format_number(r["hours"]),
            HELPERS["tier_label"](r["tier"]),
        ]
        for r in snap
    ]
    meta = [
        (_("Status"), _("Withdrawn") if area.withdrawn_at else _("Active")),
        (_("Decided"), format_datetime(area.decided_at, "long")),
    ]
    if area.changed_at:
        meta.append((_("Last changed"), format_datetime(area.changed_at, "long")))
    if area.withdrawn_at:
        meta.append((_("Withdrawn"), format_datetime(area.withdrawn_at, "long")))
        reason = [p for p in (area.withdrawal_reason or "").splitlines() if p.strip()]
        sections.insert(0, (_("Withdrawn"), reason))
    meta += [
        (_("Period"), f"{period['start']} – {period['end']}"),
        (_("Owner"), area.owner),
        (_("Weight set"), _(area.weight_set_name)),
        (_("Ranking as of"), format_datetime(area.ranked_at or area.decided_at, "long")),
        (_("Printed"), printed),
    ]
    title = _("Board paper: focus area “%(title)s”") % {"title": area.title}
    return Paper(title, meta, sections, columns, rows)


HELPERS["board_paper"] = board_paper
