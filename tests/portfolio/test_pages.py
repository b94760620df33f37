"""Scoring, comparing and designating in the browser's HTTP flow, on SQLite and PostgreSQL."""

from __future__ import annotations

import io
import re

from pypdf import PdfReader
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from tests.conftest import Browser, Users
from tests.registry.helpers import use_case_form
from tryggki.models import AuditEvent, FocusArea, PortfolioScore, UseCase, WeightSet
from tryggki.portfolio.scoring import REVIEWED


def _use_cases(browser: Browser, users: Users, db: Session, n: int = 3) -> list[UseCase]:
    editor = Browser(str(browser.client.base_url))
    editor.login(users.editor)
    for i in range(n):
        form = use_case_form(
            title=f"Syntetisk bruksområde {i + 1}", purpose_domain="administrative"
        )
        assert editor.post("/use-cases", form).status_code == 303
    editor.client.close()
    return list(db.scalars(select(UseCase).order_by(UseCase.title)))


def _score(browser: Browser, uc: UseCase, value: int, **overrides: int) -> None:
    browser.get(f"/portfolio/score/{uc.id}")
    form = {f"scores.{c}": str(overrides.get(c, value)) for c in REVIEWED}
    response = browser.post(f"/portfolio/score/{uc.id}", form)
    assert response.status_code == 303, response.text[:500]


def _second_reviewer(browser: Browser, users: Users) -> Browser:
    other = Browser(str(browser.client.base_url))
    other.login(users.admin)
    return other


def test_two_reviewers_score_three_use_cases_and_the_ranking_shows_median_and_spread(
    browser: Browser, users: Users, db: Session
) -> None:
    a, b, c = _use_cases(browser, users, db)
    browser.login(users.reviewer)
    admin = _second_reviewer(browser, users)
    _score(browser, a, 5)
    _score(admin, a, 3)
    _score(browser, b, 2, strategic_fit=5)
    _score(admin, b, 2, strategic_fit=1)
    _score(browser, c, 1)
    page = browser.get("/portfolio")
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page.text))
    order = [text.index(uc.ref) for uc in (a, b, c)]
    assert order == sorted(order), "best first"
    assert "Fagkontrollørane er usamde om" in page.text
    assert "1–5" in text  # the spread of strategic fit on use case b
    assert db.scalar(select(func.count()).select_from(PortfolioScore)) == 5
    admin.client.close()


def test_a_score_form_without_every_criterion_is_refused_and_saves_nothing(
    browser: Browser, users: Users, db: Session
) -> None:
    (uc,) = _use_cases(browser, users, db, 1)
    browser.login(users.reviewer)
    browser.set_language("en")
    browser.get(f"/portfolio/score/{uc.id}")
    response = browser.post(f"/portfolio/score/{uc.id}", {"scores.cost": "3"})
    assert response.status_code == 400
    assert "Give a score from 1 to 5." in response.text
    assert db.scalar(select(func.count()).select_from(PortfolioScore)) == 0


def test_editors_cannot_score(browser: Browser, users: Users, db: Session) -> None:
    (uc,) = _use_cases(browser, users, db, 1)
    browser.login(users.editor)
    form = {f"scores.{c}": "3" for c in REVIEWED}
    assert browser.post(f"/portfolio/score/{uc.id}", form).status_code == 403


def test_weights_that_do_not_add_up_are_refused_in_the_users_language(
    browser: Browser, users: Users, db: Session
) -> None:
    browser.login(users.reviewer)
    browser.set_language("nb")
    browser.get("/portfolio/weights")
    weights = {f"weights.{c}": "10" for c in REVIEWED}
    response = browser.post("/portfolio/weights", {"name": "Min vekting", **weights})
    assert response.status_code == 400
    assert "Vektene summerer til 80 %" in response.text
    assert db.scalar(select(WeightSet).where(WeightSet.name == "Min vekting")) is None


def test_compare_two_weight_sets_side_by_side(browser: Browser, users: Users, db: Session) -> None:
    a, b, _c = _use_cases(browser, users, db)
    browser.login(users.reviewer)
    _score(browser, a, 3, cost=5, strategic_fit=1)
    _score(browser, b, 3, cost=1, strategic_fit=5)
    browser.get("/portfolio/weights")
    cheap = {f"weights.{c}": "0" for c in REVIEWED} | {"weights.cost": "100"}
    fit = {f"weights.{c}": "0" for c in REVIEWED} | {"weights.strategic_fit": "100"}
    assert browser.post("/portfolio/weights", {"name": "Billeg", **cheap}).status_code == 303
    assert browser.post("/portfolio/weights", {"name": "Strategi", **fit}).status_code == 303
    browser.set_language("en")
    page = browser.get("/portfolio?set=Billeg&compare=Strategi").text
    assert "Billeg compared with Strategi" in page
    assert "up 1" in page and "down 1" in page


def test_designate_a_focus_area_and_export_the_board_paper_in_each_language(
    browser: Browser, users: Users, db: Session
) -> None:
    a, b, _c = _use_cases(browser, users, db)
    browser.login(users.reviewer)
    _score(browser, a, 4)
    _score(browser, b, 3)
    suggestions = browser.get("/focus-areas").text
    assert "/focus-areas/new?candidate=domain%3Aadministrative" in suggestions
    browser.get("/focus-areas/new?candidate=domain%3Aadministrative")
    form = {
        "title": "Administrativ avlasting",
        "period_start": "2027-01-01",
        "period_end": "2028-12-31",
        "owner": "Regional KI-koordinator",
        "rationale": "Felles behov i fleire einingar.",
        "weight_set": "Standard",
        "use_cases": [a.ref, b.ref],
    }
    response = browser.post("/focus-areas", form)
    assert response.status_code == 303, response.text[:800]
    area_id = response.headers["location"].rsplit("/", 1)[1]
    html = browser.get(f"/focus-areas/{area_id}/board-paper?lang=en").text
    assert "Board paper: focus area “Administrativ avlasting”" in html
    total = re.search(rf"{a.ref} [^<]*</td><td>[^<]*</td><td>([\d.,]+)</td>", html)
    assert total is not None
    for lang, heading in (
        ("nn", "Framlegg til vedtak"),
        ("nb", "Forslag til vedtak"),
        ("en", "Proposed decision"),
    ):
        pdf = browser.get(f"/focus-areas/{area_id}/board-paper.pdf?lang={lang}")
        assert pdf.headers["content-type"] == "application/pdf"
        text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
        assert heading in text
        assert a.ref in text and "Regional KI-koordinator" in text
    assert total.group(1) in text  # the English PDF shows the score the English page shows


def test_a_focus_area_with_an_unscored_use_case_is_refused(
    browser: Browser, users: Users, db: Session
) -> None:
    a, b, _c = _use_cases(browser, users, db)
    browser.login(users.reviewer)
    _score(browser, a, 4)
    browser.set_language("en")
    browser.get("/focus-areas/new")
    form = {
        "title": "X",
        "period_start": "2027-01-01",
        "period_end": "2026-12-31",
        "owner": "Y",
        "rationale": "Z",
        "use_cases": [a.ref, "FINST-IKKJE-0001"],
    }
    response = browser.post("/focus-areas", form)
    assert response.status_code == 400
    assert "The period must end after it starts." in response.text
    form["period_end"] = "2028-01-01"
    response = browser.post("/focus-areas", form)
    assert response.status_code == 400
    assert "Unknown use case: FINST-IKKJE-0001" in response.text
    form["use_cases"] = [a.ref, b.ref]
    response = browser.post("/focus-areas", form)
    assert response.status_code == 400
    assert f"Choose only use cases that have been scored: {b.ref}" in response.text
    assert db.scalar(select(func.count()).select_from(FocusArea)) == 0


def test_a_reviewer_sees_the_others_scores_only_after_saving_their_own(
    browser: Browser, users: Users, db: Session
) -> None:
    (uc,) = _use_cases(browser, users, db, 1)
    browser.login(users.reviewer)
    _score(browser, uc, 4)
    admin = _second_reviewer(browser, users)
    heading = "Skårane til dei faglege kontrollørane"
    assert heading not in admin.get(f"/portfolio/score/{uc.id}").text
    _score(admin, uc, 2)
    assert heading in admin.get(f"/portfolio/score/{uc.id}").text
    admin.client.close()


def _designated(browser: Browser, refs: list[str]) -> str:
    browser.get("/focus-areas/new")
    form = {
        "title": "Administrativ avlasting",
        "period_start": "2027-01-01",
        "period_end": "2028-12-31",
        "owner": "Regional KI-koordinator",
        "rationale": "Felles behov i fleire einingar.",
        "weight_set": "Standard",
        "use_cases": refs,
    }
    response = browser.post("/focus-areas", form)
    assert response.status_code == 303, response.text[:800]
    return response.headers["location"].rsplit("/", 1)[1]


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_change_a_focus_area_and_the_board_paper_shows_the_current_state(
    browser: Browser, users: Users, db: Session
) -> None:
    a, b, c = _use_cases(browser, users, db)
    browser.login(users.reviewer)
    for uc, value in ((a, 4), (b, 3), (c, 2)):
        _score(browser, uc, value)
    area_id = _designated(browser, [a.ref, b.ref])
    browser.set_language("en")
    form = browser.get(f"/focus-areas/{area_id}/edit").text
    assert 'value="Regional KI-koordinator"' in form
    assert f'value="{a.ref}" checked' in form and f'value="{c.ref}" >' in form
    change = {
        "title": "Administrativ avlasting",
        "period_start": "2027-01-01",
        "period_end": "2029-06-30",
        "owner": "Fagdirektør",
        "rationale": "Felles behov.",
        "weight_set": "Standard",
        "use_cases": [a.ref, c.ref],
    }
    response = browser.post(f"/focus-areas/{area_id}", change)
    assert response.status_code == 303, response.text[:800]
    paper = _text(browser.get(f"/focus-areas/{area_id}/board-paper?lang=en").text)
    assert "with Fagdirektør as owner" in paper and "30 June 2029" in paper
    assert a.ref in paper and c.ref in paper and b.ref not in paper
    assert "Last changed" in paper
    pdf = browser.get(f"/focus-areas/{area_id}/board-paper.pdf?lang=en")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Fagdirektør" in text and c.ref in text and b.ref not in text
    # A change that names an unknown use case is refused and changes nothing.
    refused = browser.post(f"/focus-areas/{area_id}", change | {"use_cases": ["NOPE-1"]})
    assert refused.status_code == 400 and "Unknown use case: NOPE-1" in refused.text
    area = db.scalar(select(FocusArea))
    assert area is not None
    db.refresh(area)
    assert [r["ref"] for r in area.snapshot] == [a.ref, c.ref] and area.owner == "Fagdirektør"
    history = browser.get(f"/focus-areas/{area_id}").text
    assert "Changed" in history and "Created" in history


def test_withdraw_a_focus_area_with_a_reason(browser: Browser, users: Users, db: Session) -> None:
    a, _b, _c = _use_cases(browser, users, db)
    browser.login(users.reviewer)
    _score(browser, a, 4)
    area_id = _designated(browser, [a.ref])
    browser.set_language("en")
    browser.get(f"/focus-areas/{area_id}")
    refused = browser.post(f"/focus-areas/{area_id}/withdraw", {"reason": " "})
    assert refused.status_code == 400
    assert db.scalar(select(FocusArea.withdrawn_at)) is None
    response = browser.post(
        f"/focus-areas/{area_id}/withdraw", {"reason": "Erstatta av ei regional løysing."}
    )
    assert response.status_code == 303
    listing = browser.get("/focus-areas").text
    active = listing.split("Withdrawn focus areas")[0]
    assert "Administrativ avlasting" not in active
    withdrawn = listing.split("Withdrawn focus areas")[1]
    assert (
        "Administrativ avlasting" in withdrawn and "Erstatta av ei regional løysing." in withdrawn
    )
    record = _text(browser.get(f"/focus-areas/{area_id}").text)
    assert "Status Withdrawn" in record and "Erstatta av ei regional løysing." in record
    assert "Change the focus area" not in record
    pdf = browser.get(f"/focus-areas/{area_id}/board-paper.pdf?lang=nn")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Trekt tilbake" in text and "Erstatta av ei regional løysing." in text
    complete = {
        "title": "X",
        "period_start": "2027-01-01",
        "period_end": "2028-01-01",
        "owner": "Y",
        "rationale": "Z",
        "use_cases": [a.ref],
    }
    conflict = browser.post(f"/focus-areas/{area_id}", complete)
    assert conflict.status_code == 409
    assert "The focus area has been withdrawn and can no longer be changed." in conflict.text
    events = db.scalars(
        select(AuditEvent.action).where(AuditEvent.entity_type == "focus_area")
    ).all()
    assert sorted(events) == ["create", "withdraw"]
    reader = Browser(str(browser.client.base_url))
    reader.login(users.editor)
    assert reader.post(f"/focus-areas/{area_id}/withdraw", {"reason": "x"}).status_code == 403
    reader.client.close()


def test_a_focus_area_is_changed_after_a_use_case_got_a_new_reference(
    browser: Browser, users: Users, db: Session
) -> None:
    a, _b, _c = _use_cases(browser, users, db)
    browser.login(users.reviewer)
    _score(browser, a, 4)
    area_id = _designated(browser, [a.ref])
    db.execute(update(UseCase).where(UseCase.id == a.id).values(ref="HELSE-BERGEN-NY-0001"))
    db.commit()
    form = browser.get(f"/focus-areas/{area_id}/edit").text
    assert 'value="HELSE-BERGEN-NY-0001" checked' in form
    change = {
        "title": "Administrativ avlasting",
        "period_start": "2027-01-01",
        "period_end": "2028-12-31",
        "owner": "Regional KI-koordinator",
        "rationale": "Felles behov.",
        "weight_set": "Standard",
        "use_cases": ["HELSE-BERGEN-NY-0001"],
    }
    assert browser.post(f"/focus-areas/{area_id}", change).status_code == 303
    assert "HELSE-BERGEN-NY-0001" in browser.get(f"/focus-areas/{area_id}/board-paper").text
