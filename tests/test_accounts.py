"""Accounts: login, cookies, logout, user administration and API tokens from the account page."""

from __future__ import annotations

import re

import httpx
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.conftest import PASSWORD, Browser, Users
from tryggki.models import User


def test_login_sets_a_hardened_session_cookie_and_logout_ends_it(
    browser: Browser, users: Users
) -> None:
    browser.get("/login")
    wrong = browser.post("/login", {"email": users.editor, "password": "feil-passord-123"})
    assert wrong.status_code == 400
    assert "Feil e-postadresse eller passord." in wrong.text
    response = browser.post(
        "/login", {"email": users.editor, "password": PASSWORD, "next": "https://evil.example/"}
    )
    assert response.status_code == 303
    assert response.headers["location"] == "/use-cases"  # no open redirect
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie
    assert browser.get("/use-cases").status_code == 200
    browser.get("/use-cases")
    assert browser.post("/logout").status_code == 303
    assert browser.get("/use-cases").status_code == 303


def test_passwords_are_stored_as_argon2_hashes(db: Session, users: Users) -> None:
    stored = db.scalar(select(User.password_hash).where(User.email == users.admin))
    assert stored is not None and stored.startswith("$argon2id$") and PASSWORD not in stored


def test_admin_creates_users_with_validation(browser: Browser, users: Users, db: Session) -> None:
    browser.login(users.admin)
    browser.get("/admin/users")
    bad = browser.post(
        "/admin/users",
        {
            "email": "ikkje-epost",
            "display_name": "",
            "password": "kort",
            "role": "editor",
            "organisation": "",
        },
    )
    assert bad.status_code == 400
    for field in ("email", "display_name", "password", "organisation"):
        assert f'id="{field}-error"' in bad.text
    ok = browser.post(
        "/admin/users",
        {
            "email": "ny.redaktor@example.test",
            "display_name": "Ny",
            "password": "eit-langt-passord",
            "role": "editor",
            "organisation": "helse_forde",
        },
    )
    assert ok.status_code == 303
    assert db.scalar(select(User.role).where(User.email == "ny.redaktor@example.test")) == "editor"


def test_a_token_from_the_account_page_works_once_shown(browser: Browser, users: Users) -> None:
    browser.login(users.editor)
    browser.get("/account")
    page = browser.post("/account/tokens", {"name": "Rapportering"})
    assert page.status_code == 200
    token = re.search(r"(tki_[A-Za-z0-9_-]+)", page.text)
    assert token is not None
    api = httpx.get(
        str(browser.client.base_url.join("/api/v1/organisations")),
        headers={"Authorization": f"Bearer {token.group(1)}"},
    )
    assert api.status_code == 200
    assert token.group(1) not in browser.get("/account").text  # shown only once
