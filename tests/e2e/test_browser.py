"""A person's path in headless Chromium: log in, register a use case with a benefit, find it by
filter, switch language, export. Every page is checked for console errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.conftest import PASSWORD, Live, Users
from tryggki.bootstrap import load_demo
from tryggki.config import Settings
from tryggki.models import UseCase

CHROMIUM = "/usr/bin/chromium"
pytestmark = pytest.mark.e2e


def test_register_find_switch_language_and_export(page: Page, users: Users, tmp_path: Path) -> None:
    page.goto("/use-cases")
    assert "/login" in page.url
    page.get_by_label("E-post").fill(users.editor)
    page.get_by_label("Passord").fill(PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bruksområde")

    page.get_by_role("link", name="Registrer eit bruksområde").click()
    page.get_by_label("Tittel").fill("KI-støtta triage av tilvisingar")
    page.get_by_label("Føremålsområde").select_option("clinical_logistics")
    page.get_by_label("Livsløpsfase").select_option("pilot")
    page.get_by_role("checkbox", name="Helseopplysningar").check()
    page.get_by_role("button", name="Lagre").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("KI-støtta triage av tilvisingar")

    page.get_by_role("link", name="Legg til gevinst").click()
    page.get_by_label("Tittel").fill("Kortare tid til vurdering")
    page.get_by_label("Hendingar per år").fill("20000")
    page.get_by_label("Sparte minutt per hending").fill("3")
    page.get_by_label("Bruksgrad i prosent").fill("50")
    page.get_by_role("button", name="Lagre").click()
    expect(page.get_by_text("Kortare tid til vurdering")).to_be_visible()
    expect(page.get_by_text("500", exact=False).first).to_be_visible()

    page.get_by_role("link", name="Bruksområde", exact=True).click()
    page.get_by_label("Livsløpsfase").select_option("pilot")
    page.get_by_label("Datakategori").select_option("health")
    results = page.locator("#results")
    expect(results.get_by_role("link", name="KI-støtta triage av tilvisingar")).to_be_visible()
    page.get_by_label("Livsløpsfase").select_option("idea")
    expect(results.get_by_role("link", name="KI-støtta triage av tilvisingar")).to_have_count(0)

    page.get_by_role("link", name="English").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Use cases")
    page.get_by_role("link", name="Import and export").click()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download CSV").click()
    saved = tmp_path / "export.csv"
    download_info.value.save_as(saved)
    assert "KI-støtta triage av tilvisingar" in saved.read_text(encoding="utf-8-sig")


def test_public_register_works_with_the_keyboard(page: Page) -> None:
    page.goto("/offentleg")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Gå til innhaldet")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    expect(page.get_by_role("search")).to_be_visible()


def test_staff_ask_may_i_use_ai_and_read_the_guidelines(page: Page) -> None:
    page.goto("/kan-eg-bruke-ki")
    expect(page.get_by_role("heading", level=1)).to_have_text("Kan eg bruke KI til dette?")
    page.get_by_label("Verktøy").select_option("consumer_free")
    page.get_by_label("Kva vil du gjere?").select_option("summarise_records")
    page.get_by_role("checkbox", name="Helseopplysningar om pasientar").check()
    page.get_by_role("button", name="Få svar").click()
    answer = page.locator("#answer")
    expect(answer.get_by_role("heading", name="Nei, det kan du ikkje.")).to_be_visible()
    expect(answer.get_by_text("Dette kan du gjere i staden")).to_be_visible()
    assert "task=summarise_records" in page.url  # the answer has its own address
    page.get_by_role("link", name="Retningslinjer").first.click()
    expect(page.locator("article#PUB-01")).to_be_visible()
    expect(page.get_by_role("link", name="Last ned PDF")).to_have_attribute(
        "href", "/retningslinjer.pdf"
    )


def _log_in(page: Page, email: str) -> None:
    page.goto("/login")
    page.get_by_label("E-post").fill(email)
    page.get_by_label("Passord").fill(PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bruksområde")


def test_assess_attach_evidence_submit_approve_and_see_the_reassessment_flag(
    page: Page, chromium: Browser, live: Live, users: Users, db: Session, tmp_path: Path
) -> None:
    load_demo(db, Settings(load_demo_data=True))
    db.commit()
    uc_id = db.scalar(select(UseCase.id).where(UseCase.ref == "DEMO-HB-003"))
    _log_in(page, users.editor)
    page.goto(f"/use-cases/{uc_id}")
    page.locator(".actions").get_by_role("link", name="Vurdering", exact=True).click()
    expect(page.locator("#verdict")).to_have_text("Tillate med vilkår")

    control = page.locator("#control-ros_done")
    control.get_by_text("Registrer tiltaket").click()
    control.get_by_role("checkbox", name="Tiltaket er på plass").check()
    control.locator("textarea[name=note]").fill("ROS 2026/88 (syntetisk)")
    evidence = tmp_path / "ros.pdf"
    evidence.write_bytes(b"%PDF-1.4 synthetic risk assessment")
    control.locator("input[type=file]").set_input_files(str(evidence))
    control.get_by_role("button", name="Lagre").click()
    expect(page.locator("#control-ros_done").get_by_role("link", name="ros.pdf")).to_be_visible()

    page.get_by_role("button", name="Send til vurdering").click()
    expect(page.locator("#status")).to_have_text("Sendt til vurdering")
    assessment_url = page.url

    reviewer = chromium.new_context(base_url=live.url, locale="nn-NO").new_page()
    _log_in(reviewer, users.reviewer)
    reviewer.goto(assessment_url)
    reviewer.locator("textarea[name=comment]").fill("Vilkåra er følgde opp.")
    reviewer.get_by_role("button", name="Godkjenn").click()
    expect(reviewer.locator("#status")).to_have_text("Godkjend")
    reviewer.context.close()

    page.goto(assessment_url.removesuffix("/assessment") + "/edit")
    page.get_by_label("Livsløpsfase").select_option("production")
    page.get_by_role("button", name="Lagre").click()
    page.locator(".actions").get_by_role("link", name="Vurdering", exact=True).click()
    flag = page.locator("#reassess")
    expect(flag.get_by_role("heading", name="Treng ny vurdering")).to_be_visible()
    expect(flag.locator("table")).to_contain_text("I drift")
