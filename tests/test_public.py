"""The public register: anonymous, plain language, only what is marked public, open JSON."""

from __future__ import annotations

import httpx
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.conftest import Live
from tryggki.models import UseCase
from tryggki.registry.demo import load_demo_data


def test_anonymous_visitors_see_only_public_use_cases(live: Live, db: Session) -> None:
    load_demo_data(db)
    db.commit()
    hidden = db.scalar(select(UseCase).where(UseCase.is_public.is_(False)))
    shown = db.scalar(select(UseCase).where(UseCase.is_public.is_(True)))
    assert hidden is not None and shown is not None
    page = httpx.get(f"{live.url}/offentleg")
    assert page.status_code == 200
    assert shown.title in page.text and hidden.title not in page.text
    detail = httpx.get(f"{live.url}/offentleg/{shown.ref}")
    assert detail.status_code == 200 and (shown.public_summary or "") in detail.text
    assert httpx.get(f"{live.url}/offentleg/{hidden.ref}").status_code == 404
    # staff names never reach the public page
    assert not shown.system_owner or shown.system_owner not in detail.text


def test_the_open_feed_lists_the_same_use_cases(live: Live, db: Session) -> None:
    load_demo_data(db)
    db.commit()
    feed = httpx.get(f"{live.url}/offentleg.json").json()
    public_refs = set(db.scalars(select(UseCase.ref).where(UseCase.is_public.is_(True))))
    assert {item["ref"] for item in feed["use_cases"]} == public_refs
    assert feed["feed_version"] == "1.0"
    assert "system_owner" not in feed["use_cases"][0]
    api_feed = httpx.get(f"{live.url}/api/v1/public/use-cases").json()
    assert api_feed["count"] == feed["count"]


def test_the_public_page_has_landmarks_and_a_skip_link(live: Live, db: Session) -> None:
    page = httpx.get(f"{live.url}/offentleg").text
    assert 'href="#main"' in page and '<main id="main"' in page
    assert 'role="search"' in page and '<label for="pq">' in page
    assert '<html lang="nn">' in page
