"""The gateway's pages in the web app: issue and revoke keys, usage, and what leaves."""

from __future__ import annotations

import re

import sqlalchemy as sa
from sqlalchemy.orm import Session

from tests.conftest import Browser, Users
from tryggki.bootstrap import load_demo
from tryggki.config import Settings
from tryggki.models import GatewayKey, GatewayPolicy, UseCase


def _demo_use_case(db: Session, settings: Settings) -> UseCase:
    load_demo(db, settings)
    db.commit()
    uc = db.scalar(sa.select(UseCase).where(UseCase.ref == "DEMO-IKT-003"))
    assert uc is not None
    return uc


def test_an_administrator_issues_a_key_once_and_revokes_it(
    browser: Browser, users: Users, db: Session, settings: Settings
) -> None:
    uc = _demo_use_case(db, settings)
    browser.login(users.admin)
    page = browser.get("/gateway")
    assert page.status_code == 200 and "DEMO-IKT-003" in page.text
    created = browser.post(
        "/gateway/keys", {"name": "Skrivestøtte", "use_case": str(uc.id), "service_name": ""}
    )
    assert created.status_code == 200
    key = re.search(r"tkg_[\w-]+", created.text)
    assert key is not None
    assert key.group() not in browser.get("/gateway").text  # shown once only
    db.expire_all()
    stored = db.scalar(sa.select(GatewayKey))
    assert stored is not None and stored.token_hash != key.group()
    policy = db.get(GatewayPolicy, 1)
    assert policy is not None and stored.token_hash in policy.body["keys"]
    assert browser.post(f"/gateway/keys/{stored.id}/revoke").status_code == 303
    db.expire_all()
    policy = db.get(GatewayPolicy, 1)
    assert policy is not None and stored.token_hash not in policy.body["keys"]


def test_an_invalid_key_form_is_refused_with_a_message(
    browser: Browser, users: Users, db: Session, settings: Settings
) -> None:
    uc = _demo_use_case(db, settings)
    browser.login(users.admin)
    refused = browser.post(
        "/gateway/keys", {"name": "", "use_case": str(uc.id), "requests_per_minute": "-1"}
    )
    assert refused.status_code == 400
    assert db.scalar(sa.select(sa.func.count()).select_from(GatewayKey)) == 0


def test_the_try_page_shows_placeholders_instead_of_personal_data(
    browser: Browser, users: Users
) -> None:
    browser.login(users.reader)
    page = browser.post(
        "/gateway/try", {"text": "Pasienten Kari Nordmann, tlf 912 34 567, er innlagd."}
    )
    assert page.status_code == 200
    outbound = re.search(r'<pre class="outbound">(.*?)</pre>', page.text, re.S)
    assert outbound is not None
    assert "Kari Nordmann" not in outbound.group(1) and "⟦PERSON_1⟧" in outbound.group(1)


def test_the_usage_page_lists_no_calls_before_any(browser: Browser, users: Users) -> None:
    browser.login(users.reviewer)
    page = browser.get("/gateway/usage?days=7")
    assert page.status_code == 200
