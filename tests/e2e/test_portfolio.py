"""The regional AI coordinator's path in headless Chromium: two reviewers score three use cases,
two weight sets are compared, a focus area is designated and its board paper exported, and the
effect-goal dashboard is read in nn, nb and en with the PDF showing the figures on screen."""

from __future__ import annotations

import io
import re

import pytest
from playwright.sync_api import Browser, Page, expect
from pypdf import PdfReader
from sqlalchemy.orm import Session

from tests.conftest import PASSWORD, Live, Users
from tests.conftest import Browser as HttpBrowser
from tests.portfolio.test_pages import _use_cases
from tryggki.indicators.service import ensure_catalogue

pytestmark = pytest.mark.e2e
SCORES = {  # reviewer → use case index → score for every criterion
    "reviewer": (5, 3, 2),
    "admin": (3, 4, 1),
}


def _login(page: Page, email: str) -> None:
    page.goto("/login")
    page.get_by_label("E-post").fill(email)
    page.get_by_label("Passord").fill(PASSWORD)
    page.get_by_role("button", name="Logg inn").click()


def _score(page: Page, ref: str, value: int) -> None:
    page.goto("/portfolio")
    page.get_by_label("Skår eit bruksområde (referanse)").fill(ref)
    page.get_by_role("button", name="Opne skårskjemaet").click()
    for select in page.locator("select[name^='scores.']").all():
        select.select_option(str(value))
    page.get_by_role("button", name="Lagre skårane").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Portefølje")


@pytest.fixture
def refs(live: Live, users: Users, db: Session) -> list[str]:
    """Three synthetic use cases registered by an editor."""
    http = HttpBrowser(live.url)
    found = [uc.ref for uc in _use_cases(http, users, db)]
    ensure_catalogue(db)
    db.commit()
    http.client.close()
    return found


def test_score_compare_designate_and_export_the_board_paper(
    page: Page,
    chromium: Browser,
    live: Live,
    users: Users,
    refs: list[str],
) -> None:
    _login(page, users.reviewer)
    for ref, value in zip(refs, SCORES["reviewer"], strict=True):
        _score(page, ref, value)
    other = chromium.new_context(base_url=live.url, locale="nn-NO").new_page()
    _login(other, users.admin)
    for ref, value in zip(refs, SCORES["admin"], strict=True):
        _score(other, ref, value)
    other.context.close()

    page.goto("/portfolio")
    ranking = page.locator("table.ranking tbody tr[id^='rank-']")
    expect(ranking).to_have_count(3)
    # Medians 4, 3.5 and 1.5: the first use case leads; reviewers differ by two on it.
    expect(ranking.first).to_contain_text(refs[0])
    expect(ranking.first).to_contain_text("Fagkontrollørane er usamde om")
    expect(page.locator("figure.chart canvas")).to_be_visible()
    # Hovering the leading use case's bubble names it, its trust and its figures.
    canvas = page.locator("figure.chart canvas")
    page.wait_for_function(
        "() => window.Chart && Chart.getChart(document.querySelector('figure.chart canvas'))"
    )
    x, y = page.evaluate(
        "() => { const p = Chart.getChart(document.querySelector('figure.chart canvas'))"
        ".getDatasetMeta(0).data[0]; return [p.x, p.y]; }"
    )
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + x, box["y"] + y)
    page.wait_for_function(
        "() => Chart.getChart(document.querySelector('figure.chart canvas')).tooltip.opacity > 0"
    )
    title, body = page.evaluate(
        "() => { const t = Chart.getChart(document.querySelector('figure.chart canvas')).tooltip;"
        " return [t.title, t.body.flatMap(b => b.lines)]; }"
    )
    assert title == [f"{refs[0]} Syntetisk bruksområde 1"]
    assert body[0] == "Verksemd: Helse Bergen HF"
    assert body[1] == "Venta gevinst (5 = høgast): 4,0"
    assert body[3] == "Frigjorde timar i året (estimat): 0"

    page.get_by_label("Samanlikn med").select_option("Benefit first")
    page.get_by_role("button", name="Vis").click()
    expect(
        page.get_by_role("heading", name="Standard samanlikna med Gevinst først")
    ).to_be_visible()

    page.goto("/focus-areas")
    suggestion = page.locator("table.suggestions tbody tr").first
    expect(suggestion).to_contain_text(refs[0])
    suggestion.get_by_role("link", name=re.compile("^Peik ut")).click()
    page.get_by_label("Tittel").fill("Administrativ avlasting")
    page.get_by_label("Eigar").fill("Regional KI-koordinator")
    page.get_by_label("Grunngjeving").fill("Felles behov i fleire einingar.")
    page.get_by_role("button", name="Registrer vedtaket").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Styresak: satsingsområde «Administrativ avlasting»"
    )
    score = page.locator("table.paper-table tbody tr").first.locator("td").nth(3).inner_text()
    pdf = page.request.get(
        page.get_by_role("link", name="PDF (Nynorsk)").get_attribute("href") or ""
    )
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.body())).pages)
    assert "Framlegg til vedtak" in text and refs[0] in text and score in text

    # Change the owner, then withdraw the focus area with a reason.
    page.get_by_role("link", name="Endre satsingsområdet").click()
    page.get_by_label("Eigar").fill("Fagdirektør, Helse Vest RHF")
    page.get_by_role("button", name="Lagre endringane").click()
    expect(page.locator("dl.facts")).to_contain_text("Fagdirektør, Helse Vest RHF")
    expect(page.locator("dl.facts")).to_contain_text("Sist endra")
    page.get_by_label("Grunnen til at det vert trekt tilbake").fill("Slått saman med pasientflyt.")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Trekk tilbake").click()
    expect(page.locator("dl.facts")).to_contain_text("Trekt tilbake")
    expect(page.get_by_role("link", name="Endre satsingsområdet")).to_have_count(0)
    page.goto("/focus-areas")
    expect(page.locator("table.withdrawn")).to_contain_text("Slått saman med pasientflyt.")


def test_dashboard_in_three_languages_and_the_report_shows_the_same_figures(
    page: Page,
    users: Users,
    refs: list[str],
) -> None:
    _login(page, users.admin)
    page.goto("/indicators/patient_experience_score")
    page.get_by_label("Verksemd").select_option("region")
    page.get_by_label("Periode").fill("2026-Q2")
    page.get_by_label("Verdi").fill("78.4")
    page.get_by_role("button", name="Lagre").click()
    for language, heading, figure in (
        ("Nynorsk", "Effektmål", "78,4"),
        ("Bokmål", "Effektmål", "78,4"),
        ("English", "Effect goals", "78.4"),
    ):
        page.goto("/dashboard")
        page.get_by_role("navigation", name=re.compile("Språk|Language")).get_by_role(
            "link", name=language
        ).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        card = page.locator("#indicator-patient_experience_score")
        expect(card.locator(".latest")).to_have_text(figure)
        lang = {"Nynorsk": "nn", "Bokmål": "nb", "English": "en"}[language]
        pdf = page.request.get(f"/dashboard/report.pdf?lang={lang}")
        text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.body())).pages)
        assert figure in text
