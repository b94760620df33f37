"""The board report of the effect goals as PDF: the dashboard's figures, charts and tables."""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import escape

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.charts.lineplots import LinePlot
from reportlab.graphics.shapes import Drawing
from reportlab.lib.colors import HexColor
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Spacer

from tryggki.i18n import gettext as _
from tryggki.indicators.views import Card, Goal, fmt, status_label
from tryggki.portfolio.pdf import BODY, H1, H2, SMALL, document, table
from tryggki.portfolio.views import PALETTE
from tryggki.rules.pdf import register_fonts

CHART_WIDTH = int(170 * mm)
CHART_HEIGHT = int(42 * mm)


def _trend(card: Card) -> Drawing | None:
    points = [(i, v.value) for i, v in enumerate(card.series) if v.value is not None]
    if len(points) < 2:
        return None
    drawing = Drawing(CHART_WIDTH, CHART_HEIGHT)
    plot = LinePlot()
    plot.x, plot.y, plot.width, plot.height = 30, 18, CHART_WIDTH - 45, CHART_HEIGHT - 28
    plot.data = [points]
    plot.lines[0].strokeColor = HexColor(PALETTE[0])
    plot.lines[0].strokeWidth = 1.5
    plot.xValueAxis.valueSteps = [i for i, _v in points]
    plot.xValueAxis.labelTextFormat = lambda i: card.series[int(i)].period
    for axis in (plot.xValueAxis, plot.yValueAxis):
        axis.labels.fontName = "Vera"
        axis.labels.fontSize = 6
    drawing.add(plot)
    return drawing


def _trusts(card: Card) -> Drawing | None:
    rows = [(n, v.value) for n, v, _s in card.by_trust if v.value is not None]
    if not rows:
        return None
    height = 12 + 11 * len(rows)
    drawing = Drawing(CHART_WIDTH, height)
    chart = HorizontalBarChart()
    chart.x, chart.y, chart.width, chart.height = 120, 4, CHART_WIDTH - 140, height - 8
    chart.data = [[v for _n, v in rows]]
    chart.categoryAxis.categoryNames = [n for n, _v in rows]
    chart.bars[0].fillColor = HexColor(PALETTE[0])
    chart.valueAxis.valueMin = 0
    for axis in (chart.categoryAxis, chart.valueAxis):
        axis.labels.fontName = "Vera"
        axis.labels.fontSize = 6
    drawing.add(chart)
    return drawing


def _card(card: Card) -> list[Any]:
    i = card.indicator
    latest = card.latest
    flow: list[Any] = [
        Paragraph(escape(_(i.name)), BODY),
        Paragraph(
            escape(
                _("Latest (%(period)s): %(value)s · target %(target)s · %(status)s")
                % {
                    "period": latest.period if latest else "–",
                    "value": fmt(latest.value if latest else None, i.unit),
                    "target": fmt(i.target, i.unit),
                    "status": status_label(card.status),
                }
            ),
            SMALL,
        ),
    ]
    if card.rule:
        flow.append(Paragraph(escape(card.rule), SMALL))
    for drawing in (_trend(card), _trusts(card)):
        if drawing is not None:
            flow.append(drawing)
    if card.by_trust:
        rows = [[n, fmt(v.value, i.unit), status_label(s)] for n, v, s in card.by_trust]
        flow.append(
            table([_("Organisation"), _("Value"), _("Status")], rows, [80 * mm, 40 * mm, 40 * mm])
        )
    flow.append(Spacer(1, 4 * mm))
    return [KeepTogether(flow)]


def _value(card: Card) -> str:
    """The latest value as the dashboard's summary shows it, with how it was made."""
    text = fmt(card.latest.value if card.latest else None, card.indicator.unit)
    if card.latest is not None and card.latest.reported is not None:
        text += f" ({_('sum of the trusts')})"
    return text


def render(goals: list[Goal], printed: str) -> bytes:
    """The report of every effect goal in the active language."""
    register_fonts()
    title = _("Effect goals of the AI action plan: report to the board")
    story: list[Any] = [
        Paragraph(escape(title), H1),
        Paragraph(escape(_("Printed") + ": " + printed), SMALL),
    ]
    for goal in goals:
        story.append(Paragraph(escape(goal.name), H2))
        rows = [
            [
                _(c.indicator.name),
                c.latest.period if c.latest else "–",
                _value(c),
                fmt(c.indicator.target, c.indicator.unit),
                status_label(c.status),
            ]
            for c in goal.cards
        ]
        columns = [_("Indicator"), _("Period"), _("Value"), _("Target"), _("Status")]
        story.append(table(columns, rows, [70 * mm, 22 * mm, 26 * mm, 26 * mm, 26 * mm]))
        story.append(Spacer(1, 3 * mm))
        for c in goal.cards:
            story += _card(c)
    return document(story, title)
