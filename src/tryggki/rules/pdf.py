"""The guideline document as PDF (ReportLab, with the Vera fonts that ship inside ReportLab)."""

from __future__ import annotations

from functools import cache
from io import BytesIO
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

from tryggki.i18n import gettext as _
from tryggki.rules.labels import CONTROL_LABELS, EFFECT_LABELS, label


@cache
def register_fonts() -> None:
    """Register Unicode TrueType fonts once (Norwegian letters, § and dashes)."""
    pdfmetrics.registerFont(TTFont("Vera", "Vera.ttf"))
    pdfmetrics.registerFont(TTFont("VeraBd", "VeraBd.ttf"))
    # So that <b> inside a paragraph finds the bold face.
    pdfmetrics.registerFontFamily(
        "Vera", normal="Vera", bold="VeraBd", italic="Vera", boldItalic="VeraBd"
    )


def render_pdf(snap: dict[str, Any], locale: str, generated: str) -> bytes:
    """The rulebook snapshot as an A4 PDF document in one language."""
    register_fonts()
    body = ParagraphStyle("body", fontName="Vera", fontSize=9.5, leading=13)
    small = ParagraphStyle("small", parent=body, fontSize=8.5, textColor=HexColor("#4b5560"))
    h1 = ParagraphStyle("h1", fontName="VeraBd", fontSize=18, leading=22, spaceAfter=6)
    h2 = ParagraphStyle(
        "h2", fontName="VeraBd", fontSize=13, leading=17, spaceBefore=10, spaceAfter=4
    )
    h3 = ParagraphStyle("h3", fontName="VeraBd", fontSize=10.5, leading=14, spaceBefore=6)
    story: list[Any] = [
        Paragraph(escape(snap["title"][locale]), h1),
        Paragraph(
            escape(
                _("Version %(version)s, printed %(date)s")
                % {"version": snap["version"], "date": generated}
            ),
            small,
        ),
        Spacer(1, 4 * mm),
    ]
    for theme in snap["themes"]:
        story.append(Paragraph(escape(theme["title"][locale]), h2))
        for rule in (r for r in snap["rules"] if r["theme"] == theme["id"]):
            story.append(Paragraph(f"{escape(rule['id'])} {escape(rule['title'][locale])}", h3))
            story.append(Paragraph(escape(rule["explanation"][locale]), body))
            effects = ", ".join(
                dict.fromkeys(label(EFFECT_LABELS, c["effect"]) for c in rule["cases"])
            )
            controls = ", ".join(
                dict.fromkeys(
                    label(CONTROL_LABELS, ctl) for c in rule["cases"] for ctl in c["controls"]
                )
            )
            lines = [f"{_('Legal basis')}: {rule['legal_ref']}", f"{_('Effect')}: {effects}"]
            if controls:
                lines.append(f"{_('Met by')}: {controls}")
            if rule["legal_review"]:
                lines.append(_("To be confirmed by a lawyer."))
            story.append(Paragraph(escape(" · ".join(lines)), small))
    buffer = BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        title=snap["title"][locale],
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=16 * mm,
        bottomMargin=16 * mm,
    )
    doc.build(story)
    return buffer.getvalue()
