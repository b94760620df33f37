"""The REST API: tokens, CRUD, validation as problem+json, organisation scope, conflicts."""

from __future__ import annotations

import httpx
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tests.conftest import Browser, Live, Users
from tests.registry.helpers import hours_benefit, use_case_json
from tryggki.auth import service as auth
from tryggki.models import UseCase, User


def _token(db: Session, email: str) -> dict[str, str]:
    user = db.scalar(select(User).where(User.email == email))
    assert user is not None
    _t, plain = auth.create_api_token(db, user=user, name="test")
    db.commit()
    return {"Authorization": f"Bearer {plain}"}


def test_unauthenticated_writes_get_401_and_save_nothing(live: Live, db: Session) -> None:
    response = httpx.post(f"{live.url}/api/v1/use-cases", json=use_case_json())
    assert response.status_code == 401
    assert response.headers["content-type"].startswith("application/problem+json")
    bad_token = httpx.post(
        f"{live.url}/api/v1/use-cases",
        json=use_case_json(),
        headers={"Authorization": "Bearer tki_nope"},
    )
    assert bad_token.status_code == 401
    assert db.scalar(select(func.count()).select_from(UseCase)) == 0


def test_a_session_cookie_alone_cannot_write_through_the_api(
    browser: Browser, users: Users
) -> None:
    browser.login(users.editor)
    response = browser.client.post("/api/v1/use-cases", json=use_case_json())
    assert response.status_code == 401
    assert browser.client.get("/api/v1/use-cases").status_code == 200


def test_create_read_update_delete_with_a_token(live: Live, users: Users, db: Session) -> None:
    headers = _token(db, users.editor)
    with httpx.Client(base_url=f"{live.url}/api/v1", headers=headers) as api:
        created = api.post("/use-cases", json=use_case_json())
        assert created.status_code == 201, created.text
        body = created.json()
        assert body["organisation_name"] == "Helse Bergen HF" and body["stale"] is False
        uc_id = body["id"]
        listed = api.get("/use-cases", params={"data_category": "health", "q": "sepsis"}).json()
        assert listed["total"] == 1 and listed["items"][0]["id"] == uc_id
        benefit = api.post(f"/use-cases/{uc_id}/benefits", json=hours_benefit())
        assert benefit.status_code == 201, benefit.text
        assert round(benefit.json()["yearly_estimate"]) == 2160
        measurement = api.post(
            f"/benefits/{benefit.json()['id']}/measurements",
            json={"period_start": "2026-01-01", "period_end": "2026-01-31", "value": 120},
        )
        assert measurement.status_code == 201
        updated = api.put(
            f"/use-cases/{uc_id}",
            json=use_case_json(lifecycle_stage="production"),
            headers={"If-Match": str(body["version"])},
        )
        assert updated.status_code == 200 and updated.json()["lifecycle_stage"] == "production"
        stale = api.put(
            f"/use-cases/{uc_id}",
            json=use_case_json(title="Gammal versjon"),
            headers={"If-Match": str(body["version"])},
        )
        assert stale.status_code == 409
        assert api.delete(f"/use-cases/{uc_id}").status_code == 204
        assert api.get(f"/use-cases/{uc_id}").status_code == 404


def test_invalid_body_gets_field_messages_in_the_users_language(
    live: Live, users: Users, db: Session
) -> None:
    headers = {**_token(db, users.editor), "Accept-Language": "nb"}
    response = httpx.post(
        f"{live.url}/api/v1/use-cases",
        headers=headers,
        json=use_case_json(title="", lifecycle_stage="nope", planned_go_live="igår"),
    )
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert set(errors) >= {"title", "lifecycle_stage", "planned_go_live"}
    assert errors["title"] == "Dette feltet må fylles ut."
    assert db.scalar(select(func.count()).select_from(UseCase)) == 0


def test_editors_are_scoped_to_their_organisation(live: Live, users: Users, db: Session) -> None:
    bergen = _token(db, users.editor)
    stavanger = _token(db, users.editor_stavanger)
    created = httpx.post(f"{live.url}/api/v1/use-cases", json=use_case_json(), headers=bergen)
    uc_id = created.json()["id"]
    response = httpx.put(
        f"{live.url}/api/v1/use-cases/{uc_id}",
        headers=stavanger,
        json=use_case_json(title="Endra av feil føretak"),
    )
    assert response.status_code == 403
    foreign = httpx.post(f"{live.url}/api/v1/use-cases", headers=stavanger, json=use_case_json())
    assert foreign.status_code == 403
    db.expire_all()
    assert db.scalar(select(UseCase.title)) == "Prediksjon av sepsis"


def test_vendor_organisation_number_is_checked(live: Live, users: Users, db: Session) -> None:
    headers = _token(db, users.editor)
    bad = httpx.post(
        f"{live.url}/api/v1/vendors",
        headers=headers,
        json={"name": "Feil AS", "org_number": "123456789"},
    )
    assert bad.status_code == 422 and "org_number" in bad.json()["errors"]
    good = httpx.post(
        f"{live.url}/api/v1/vendors",
        headers=headers,
        json={"name": "Rett AS", "org_number": "974 760 673"},
    )
    assert good.status_code == 201 and good.json()["org_number"] == "974760673"


def test_openapi_documents_the_plural_kebab_case_resources(live: Live) -> None:
    spec = httpx.get(f"{live.url}/api/v1/openapi.json").json()
    assert {"/use-cases", "/ai-systems", "/vendors", "/organisations"} <= set(spec["paths"])
    assert httpx.get(f"{live.url}/api/v1/docs").status_code == 200


def test_search_folds_norwegian_letters_and_matches_wildcards_literally(
    live: Live, users: Users, db: Session
) -> None:
    headers = _token(db, users.editor)
    with httpx.Client(base_url=f"{live.url}/api/v1", headers=headers) as api:
        for title, ref in (
            ("Øyeblikksbilete av journal", "AB_12"),
            ("Ålesund-prosjektet", "ABX12"),
        ):
            assert (
                api.post("/use-cases", json=use_case_json(title=title, ref=ref)).status_code == 201
            )

        def refs(q: str) -> set[str]:
            return {item["ref"] for item in api.get("/use-cases", params={"q": q}).json()["items"]}

        assert refs("øyeblikk") == {"AB_12"}
        assert refs("ØYEBLIKK") == {"AB_12"}
        assert refs("ålesund") == {"ABX12"}
        assert refs("AB_12") == {"AB_12"}
        assert refs("%") == set()
