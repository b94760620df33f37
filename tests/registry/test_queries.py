"""The registry list page runs a constant number of queries however many rows it shows."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from tests.conftest import Browser, Live, Users
from tests.registry.helpers import hours_benefit, use_case_json
from tryggki.auth.actor import Actor
from tryggki.registry import service
from tryggki.registry.schemas import BenefitIn, UseCaseIn


@contextmanager
def counting(engine: sa.Engine) -> Iterator[list[str]]:
    statements: list[str] = []

    def before(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    sa.event.listen(engine, "before_cursor_execute", before)
    try:
        yield statements
    finally:
        sa.event.remove(engine, "before_cursor_execute", before)


def _add(db: Session, n: int, start: int) -> None:
    for i in range(start, start + n):
        uc = service.create_use_case(
            db,
            data=UseCaseIn.model_validate(use_case_json(title=f"Bruksområde {i:03d}")),
            actor=Actor.system(),
        )
        service.add_benefit(
            db,
            use_case_id=uc.id,
            data=BenefitIn.model_validate(hours_benefit()),
            actor=Actor.system(),
        )
    db.commit()


def _queries(browser: Browser, live: Live, path: str) -> int:
    with counting(live.app.state.engine) as statements:  # type: ignore[attr-defined]
        response = browser.get(path)
    assert response.status_code == 200
    return len(statements)


def test_list_page_query_count_does_not_grow_with_rows(
    browser: Browser, live: Live, users: Users, db: Session
) -> None:
    browser.login(users.reader)
    _add(db, 2, 0)
    few = _queries(browser, live, "/use-cases")
    _add(db, 23, 2)
    many = _queries(browser, live, "/use-cases")
    assert "Bruksområde 024" in browser.get("/use-cases?sort=title&dir=desc").text
    assert few == many
    api_few = _queries(browser, live, "/api/v1/use-cases?page_size=2")
    api_many = _queries(browser, live, "/api/v1/use-cases?page_size=25")
    assert api_few == api_many
