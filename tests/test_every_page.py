"""Every page renders in nn, nb and en for every role that may see it, with the right language."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.conftest import Browser, Users
from tryggki.bootstrap import load_demo
from tryggki.config import Settings
from tryggki.models import AISystem, Assessment, Benefit, FocusArea, UseCase, Vendor

HEADINGS = {"nn": "Bruksområde", "nb": "Bruksområder", "en": "Use cases"}


@pytest.mark.parametrize("locale", ["nn", "nb", "en"])
def test_every_page_renders_in_each_language(
    browser: Browser, users: Users, db: Session, locale: str
) -> None:
    load_demo(db, Settings(load_demo_data=True))
    db.commit()
    assessed = db.scalar(select(Assessment.use_case_id).where(Assessment.status == "approved"))
    uc = db.scalars(select(UseCase).where(UseCase.adopted_from_id.is_not(None))).first()
    system = db.scalars(select(AISystem)).first()
    vendor = db.scalars(select(Vendor)).first()
    benefit = db.scalars(select(Benefit)).first()
    public = db.scalars(select(UseCase).where(UseCase.is_public.is_(True))).first()
    area = db.scalars(select(FocusArea)).first()
    assert uc and system and vendor and benefit and public and assessed and area
    browser.login(users.admin)
    browser.set_language(locale)
    pages = [
        "/use-cases",
        "/use-cases?page=2&sort=organisation&dir=desc",
        "/use-cases/new",
        f"/use-cases/{uc.id}",
        f"/use-cases/{uc.id}/edit",
        f"/use-cases/{uc.id}/benefits/new",
        f"/benefits/{benefit.id}/edit",
        "/ai-systems",
        "/ai-systems/new",
        f"/ai-systems/{system.id}",
        f"/ai-systems/{system.id}/edit",
        "/vendors",
        f"/vendors/{vendor.id}/edit",
        "/organisations",
        "/exchange",
        "/account",
        "/admin/users",
        "/offentleg",
        f"/offentleg/{public.ref}",
        "/assessments",
        f"/use-cases/{assessed}/assessment",
        f"/use-cases/{assessed}/assessment/answers",
        f"/use-cases/{uc.id}/assessment",
        "/portfolio",
        "/portfolio?set=Standard&compare=Benefit+first",
        "/portfolio/weights?copy=Benefit+first",
        f"/portfolio/score/{uc.id}",
        "/focus-areas",
        "/focus-areas/new?candidate=domain%3Aclinical_logistics",
        f"/focus-areas/{area.id}",
        f"/focus-areas/{area.id}/board-paper",
        "/dashboard",
        "/dashboard/report",
        "/indicators",
        "/indicators/new",
        "/indicators/new?code=stale_records",
        "/indicators/hours_freed",
        "/indicators/patient_experience_score",
        "/indicators-import",
    ]
    for path in pages:
        response = browser.get(path)
        assert response.status_code == 200, (path, response.text[:300])
        assert f'<html lang="{locale}">' in response.text, path
    assert HEADINGS[locale] in browser.get("/use-cases").text


def test_unknown_pages_and_ids_give_a_translated_404(browser: Browser, users: Users) -> None:
    browser.login(users.reader)
    browser.set_language("nb")
    for path in (
        "/finst-ikkje",
        "/use-cases/00000000-0000-0000-0000-000000000000",
        "/use-cases/not-a-uuid",
        "/offentleg/UKJEND",
    ):
        response = browser.get(path)
        assert response.status_code in (404, 400), path
        assert '<html lang="nb">' in response.text


def test_readers_and_reviewers_cannot_change_records(
    browser: Browser, users: Users, db: Session
) -> None:
    load_demo(db, Settings(load_demo_data=True))
    db.commit()
    uc = db.scalars(select(UseCase)).first()
    assert uc is not None
    browser.login(users.reader)
    assert browser.post(f"/use-cases/{uc.id}/delete").status_code == 403
    assert browser.get("/admin/users").status_code == 403
    reviewer = Browser(str(browser.client.base_url))
    reviewer.login(users.reviewer)
    assert reviewer.post(f"/use-cases/{uc.id}/review").status_code == 303
    assert reviewer.post(f"/use-cases/{uc.id}/delete").status_code == 403
    db.expire_all()
    assert db.get(UseCase, uc.id) is not None
