"""The board paper of a focus area as PDF (ReportLab, Vera fonts shipped with ReportLab)."""

from __future__ import annotations

from io import BytesIO
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from tryggki.models import FocusArea
from tryggki.portfolio.views import Paper
from tryggki.portfolio.views import board_paper as paper_of
from tryggki.rules.pdf import register_fonts

BODY = ParagraphStyle("body", fontName="Vera", fontSize=9.5, leading=13, spaceAfter=4)
SMALL = ParagraphStyle("small", parent=BODY, fontSize=8, leading=10)
H1 = ParagraphStyle("h1", fontName="VeraBd", fontSize=16, leading=20, spaceAfter=6)
H2 = ParagraphStyle("h2", fontName="VeraBd", fontSize=12, leading=16, spaceBefore=8, spaceAfter=4)
TABLE_STYLE = TableStyle(
    [
        ("FONTNAME", (0, 0), (-1, 0), "VeraBd"),
        ("GRID", (0, 0), (-1, -1), 0.4, HexColor("#c8d1d9")),
        ("BACKGROUND", (0, 0), (-1, 0), HexColor("#f3f6f8")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]
)


def table(columns: list[str], rows: list[list[str]], widths: list[float] | None = None) -> Table:
    """A bordered table with a bold header row, cells wrapped as paragraphs."""
    cells = [[Paragraph(escape(c), SMALL) for c in row] for row in [columns, *rows]]
    out = Table(cells, colWidths=widths, repeatRows=1)
    out.setStyle(TABLE_STYLE)
    return out


def document(story: list[Any], title: str) -> bytes:
    """An A4 document of ``story``."""
    register_fonts()
    buffer = BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        title=title,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=16 * mm,
        bottomMargin=16 * mm,
    )
    doc.build(story)
    return buffer.getvalue()


def render(paper: Paper) -> bytes:
    """A board paper as PDF."""
    register_fonts()
    story: list[Any] = [Paragraph(escape(paper.title), H1)]
    story += [Paragraph(f"<b>{escape(k)}:</b> {escape(v)}", BODY) for k, v in paper.meta]
    story.append(Spacer(1, 3 * mm))
    for heading, paragraphs in paper.sections:
        story.append(Paragraph(escape(heading), H2))
        story += [Paragraph(escape(p), BODY) for p in paragraphs]
    story.append(Spacer(1, 3 * mm))
    widths = [w * mm for w in (12, 50, 28, 16, 20, 24, 24)]
    story.append(table(paper.columns, paper.rows, widths))
    return document(story, paper.title)


def board_paper(area: FocusArea, printed: str) -> bytes:
    """The board paper of a focus area as PDF in the active language."""
    return render(paper_of(area, printed))
