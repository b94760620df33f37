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
        "use_case_ids": [ucs[0]["id"]],
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
