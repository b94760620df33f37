"""The portfolio through the REST API: scores, weight sets, ranking and focus areas."""

from __future__ import annotations

import httpx
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tests.conftest import Live, Users
from tests.registry.helpers import use_case_json
from tests.registry.test_api import _token
from tryggki.models import FocusArea, WeightSet
from tryggki.portfolio.scoring import REVIEWED


def test_score_rank_and_designate_through_the_api(live: Live, users: Users, db: Session) -> None:
    api = f"{live.url}/api/v1"
    editor, reviewer = _token(db, users.editor), _token(db, users.reviewer)
    admin = _token(db, users.admin)
    ucs = [
        httpx.post(
            f"{api}/use-cases", json=use_case_json(title=f"Syntetisk {i}"), headers=editor
        ).json()
        for i in range(2)
    ]
    for uc, value in zip(ucs, (4, 2), strict=True):
        scores = {"scores": {c.value: value for c in REVIEWED}}
        for token in (reviewer, admin):
            response = httpx.put(
                f"{api}/use-cases/{uc['ref']}/portfolio-score", json=scores, headers=token
            )
            assert response.status_code == 204, response.text
    refused = httpx.put(
        f"{api}/use-cases/{ucs[0]['ref']}/portfolio-score",
        json={"scores": {c.value: 3 for c in REVIEWED}},
        headers=editor,
    )
    assert refused.status_code == 403
    ranking = httpx.get(f"{api}/portfolio/ranking", headers=reviewer).json()
    assert [(r["rank"], r["use_case"], r["reviewers"]) for r in ranking] == [
        (1, ucs[0]["ref"], 2),
        (2, ucs[1]["ref"], 2),
    ]
    body = {
        "title": "Syntetisk satsing",
        "period_start": "2027-01-01",
        "period_end": "2027-12-31",
        "owner": "KI-koordinator",
        "rationale": "Test.",
        "use_cases": [ucs[0]["ref"]],
    }
    created = httpx.post(f"{api}/focus-areas", json=body, headers=admin)
    assert created.status_code == 201, created.text
    assert created.json()["use_cases"] == [ucs[0]["ref"]]


def test_weights_that_do_not_add_up_get_a_problem_in_the_users_language(
    live: Live, users: Users, db: Session
) -> None:
    headers = _token(db, users.admin) | {"Accept-Language": "nn"}
    body = {"name": "Skeiv", "weights": {c.value: 10 for c in REVIEWED}}
    response = httpx.put(f"{live.url}/api/v1/portfolio/weight-sets", json=body, headers=headers)
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert "Vektene summerer seg til 80 %" in str(response.json()["errors"])
    assert db.scalar(select(WeightSet).where(WeightSet.name == "Skeiv")) is None
    assert db.scalar(select(func.count()).select_from(FocusArea)) == 0


def test_focus_areas_by_reference_changed_and_withdrawn_through_the_api(
    live: Live, users: Users, db: Session
) -> None:
    api = f"{live.url}/api/v1"
    editor, admin = _token(db, users.editor), _token(db, users.admin)
    ucs = [
        httpx.post(
            f"{api}/use-cases", json=use_case_json(title=f"Syntetisk {i}"), headers=editor
        ).json()
        for i in range(3)
    ]
    for uc in ucs[:2]:
        scores = {"scores": {c.value: 4 for c in REVIEWED}}
        httpx.put(f"{api}/use-cases/{uc['ref']}/portfolio-score", json=scores, headers=admin)
    body = {
        "title": "Syntetisk satsing",
        "period_start": "2027-01-01",
        "period_end": "2027-12-31",
        "owner": "KI-koordinator",
        "rationale": "Test.",
        "use_cases": [ucs[0]["ref"], "HELSE-BERGEN-1999-0000"],
    }
    headers = admin | {"Accept-Language": "en"}
    refused = httpx.post(f"{api}/focus-areas", json=body, headers=headers)
    assert refused.status_code == 422
    assert refused.headers["content-type"] == "application/problem+json"
    assert refused.json()["errors"] == {"use_cases": "Unknown use case: HELSE-BERGEN-1999-0000"}
    body["use_cases"] = [ucs[0]["ref"], ucs[2]["ref"]]
    unscored = httpx.post(f"{api}/focus-areas", json=body, headers=headers)
    assert unscored.status_code == 422
    assert ucs[2]["ref"] in unscored.json()["errors"]["use_cases"]
    assert db.scalar(select(func.count()).select_from(FocusArea)) == 0

    body["use_cases"] = [ucs[0]["ref"]]
    created = httpx.post(f"{api}/focus-areas", json=body, headers=headers).json()
    assert created["use_cases"] == [ucs[0]["ref"]] and created["status"] == "active"
    body |= {"use_cases": [ucs[1]["ref"], ucs[0]["ref"]], "owner": "Fagdirektør"}
    changed = httpx.put(f"{api}/focus-areas/{created['id']}", json=body, headers=headers)
    assert changed.status_code == 200, changed.text
    assert sorted(changed.json()["use_cases"]) == sorted([ucs[0]["ref"], ucs[1]["ref"]])
    assert changed.json()["owner"] == "Fagdirektør" and changed.json()["changed_at"]

    withdraw = httpx.post(
        f"{api}/focus-areas/{created['id']}/withdraw",
        json={"reason": "Slått saman."},
        headers=admin,
    )
    assert withdraw.status_code == 200 and withdraw.json()["status"] == "withdrawn"
    assert httpx.get(f"{api}/focus-areas", headers=admin).json() == []
    listed = httpx.get(f"{api}/focus-areas?include_withdrawn=true", headers=admin).json()
    assert [(a["title"], a["withdrawal_reason"]) for a in listed] == [
        ("Syntetisk satsing", "Slått saman.")
    ]
    again = httpx.post(
        f"{api}/focus-areas/{created['id']}/withdraw", json={"reason": "x"}, headers=headers
    )
    assert again.status_code == 409
    assert again.json()["detail"] == (
        "The focus area has been withdrawn and can no longer be changed."
    )
