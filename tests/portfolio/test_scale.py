"""The portfolio page at scale: paged ranking, a constant number of queries, every use case in
the chart with its own tooltip."""

from __future__ import annotations

import json
import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.conftest import Browser, Live, Users
from tests.registry.helpers import hours_benefit, use_case_json
from tests.registry.test_queries import counting
from tryggki.auth import service as auth
from tryggki.auth.actor import Actor
from tryggki.models import User
from tryggki.portfolio import service as portfolio
from tryggki.portfolio.schemas import ScoreIn
from tryggki.portfolio.scoring import REVIEWED
from tryggki.registry import service as registry
from tryggki.registry.schemas import BenefitIn, UseCaseIn

ROW = re.compile(r'<tr id="rank-([^"]+)">')


def _scored(db: Session, users: Users, n: int, start: int) -> list[str]:
    """``n`` use cases with an hours benefit, scored by the reviewer (best first); their refs."""
    reviewer = db.scalar(select(User).where(User.email == users.reviewer))
    assert reviewer is not None
    actor = auth.actor_for(reviewer, "web")
    refs = []
    for i in range(start, start + n):
        uc = registry.create_use_case(
            db,
            data=UseCaseIn.model_validate(use_case_json(title=f"Skalert {i:03d}")),
            actor=Actor.system(),
        )
        registry.add_benefit(
            db,
            use_case_id=uc.id,
            data=BenefitIn.model_validate(hours_benefit()),
            actor=Actor.system(),
        )
        value = 5 - i % 5
        scores = ScoreIn(scores={c.value: value for c in REVIEWED})
        portfolio.save_score(db, use_case_id=uc.id, data=scores, actor=actor)
        refs.append(uc.ref)
    db.commit()
    return refs


def _queries(browser: Browser, live: Live, path: str) -> tuple[int, str]:
    with counting(live.app.state.engine) as statements:  # type: ignore[attr-defined]
        response = browser.get(path)
    assert response.status_code == 200, response.text[:500]
    return len(statements), response.text


def _chart(page: str) -> dict[str, object]:
    found = re.search(r'<script type="application/json" class="chart-data">(.*?)</script>', page)
    assert found is not None
    return json.loads(found.group(1))["chart"]  # type: ignore[no-any-return]


def test_the_ranking_is_paged_and_costs_the_same_queries_at_any_size(
    browser: Browser, live: Live, users: Users, db: Session
) -> None:
    browser.login(users.reader)
    browser.set_language("en")
    _scored(db, users, 3, 0)
    browser.get("/portfolio")  # the first visit adds the built-in weight sets
    few, page = _queries(browser, live, "/portfolio?compare=Benefit+first")
    assert len(ROW.findall(page)) == 3
    refs = _scored(db, users, 30, 3)
    many, page = _queries(browser, live, "/portfolio?compare=Benefit+first")
    assert few == many
    assert len(ROW.findall(page)) == 25  # one page of the ranking
    assert "Ranks 1–25 of 33 scored use cases." in page
    assert "Page 1 of 2" in page
    # The chart and its table still show every scored use case.
    chart_rows = re.search(r'<table class="chart-table">.*?</table>', page, re.S)
    assert chart_rows is not None and chart_rows.group(0).count("<tr>") == 34  # header + 33
    points = [p for d in _chart(page)["data"]["datasets"] for p in d["data"]]  # type: ignore[index]
    assert len(points) == 33
    second = browser.get("/portfolio?compare=Benefit+first&page=2").text
    assert len(ROW.findall(second)) == 8 and "Ranks 26–33 of 33 scored use cases." in second
    # The comparison shows the same page of use cases as the ranking.
    comparison = re.search(r'<table class="comparison">.*?</table>', second, re.S)
    assert comparison is not None and comparison.group(0).count("<tr>") == 9
    # A use case's own page of the ranking (where the score form leads back to).
    last = refs[-1]
    assert f'id="rank-{last}"' in browser.get(f"/portfolio?at={last}").text


def test_each_bubble_names_its_use_case_trust_and_figures(
    browser: Browser, users: Users, db: Session
) -> None:
    (ref,) = _scored(db, users, 1, 0)
    browser.login(users.reader)
    browser.set_language("en")
    chart = _chart(browser.get("/portfolio").text)
    (dataset,) = chart["data"]["datasets"]  # type: ignore[index]
    (point,) = dataset["data"]
    assert dataset["label"] == "Helse Bergen HF"
    # Scores 5 everywhere; cost 5 (cheapest) and unassessed risk 3 → burden 6 − 4 = 2.
    assert point["tooltip"] == [
        f"{ref} Skalert 000",
        "Organisation: Helse Bergen HF",
        "Expected benefit (5 = highest): 5.0",
        "Cost and risk (5 = heaviest): 2.0",
        "Hours freed a year (estimate): 2,160",
    ]
