"""The registry in the browser's HTTP: forms, validation, permissions, CSRF, filters, adoption."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tests.conftest import Browser, Users
from tests.registry.helpers import use_case_form
from tryggki.models import AuditEvent, Benefit, BenefitMeasurement, UseCase


def _count(db: Session, model: type) -> int:
    db.expire_all()
    return db.scalar(select(func.count()).select_from(model)) or 0


def _create(browser: Browser, **changes: object) -> str:
    browser.get("/use-cases/new")
    response = browser.post("/use-cases", use_case_form(**changes))
    assert response.status_code == 303, response.text[:2000]
    return response.headers["location"]


def test_editor_registers_a_use_case_and_sees_it(
    browser: Browser, users: Users, db: Session
) -> None:
    browser.login(users.editor)
    location = _create(browser)
    page = browser.get(location)
    assert page.status_code == 200
    assert "Talegjenkjenning i poliklinikk" in page.text
    assert "Helse Bergen HF" in page.text
    events = db.scalars(select(AuditEvent).where(AuditEvent.entity_type == "use_case")).all()
    assert [e.action for e in events] == ["create"]


def test_empty_required_fields_are_reported_next_to_the_fields(
    browser: Browser, users: Users, db: Session
) -> None:
    browser.login(users.editor)
    browser.get("/use-cases/new")
    response = browser.post(
        "/use-cases", use_case_form(title="", purpose_domain="", is_public="on", public_summary="")
    )
    assert response.status_code == 400
    assert 'id="title-error"' in response.text
    assert 'id="purpose_domain-error"' in response.text
    assert "Dette feltet må fyllast ut." in response.text
    assert _count(db, UseCase) == 0


def test_wrong_types_get_a_clear_message_and_nothing_is_saved(
    browser: Browser, users: Users, db: Session
) -> None:
    browser.login(users.editor)
    browser.get("/use-cases/new")
    response = browser.post(
        "/use-cases", use_case_form(planned_go_live="31.02.2026", lifecycle_stage="flying")
    )
    assert response.status_code == 400
    assert 'id="planned_go_live-error"' in response.text
    assert 'id="lifecycle_stage-error"' in response.text
    assert _count(db, UseCase) == 0


def test_editor_cannot_change_another_trusts_record(
    browser: Browser, users: Users, db: Session
) -> None:
    browser.login(users.editor_stavanger)
    browser.get("/use-cases/new")
    response = browser.post("/use-cases", use_case_form())  # Helse Bergen's organisation
    assert response.status_code == 403
    assert _count(db, UseCase) == 0

    bergen = Browser(browser.client.base_url.__str__())
    bergen.login(users.editor)
    location = _create(bergen)
    use_case_id = location.rsplit("/", 1)[1]
    edit = browser.post(
        f"/use-cases/{use_case_id}", use_case_form(title="Kapra", organisation="helse_stavanger")
    )
    assert edit.status_code == 403
    assert "berre endre" in edit.text
    assert db.scalar(select(UseCase.title)) == "Talegjenkjenning i poliklinikk"


def test_a_forged_csrf_token_is_refused_and_nothing_saved(
    browser: Browser, users: Users, db: Session
) -> None:
    browser.login(users.editor)
    browser.csrf = "forged"
    response = browser.post("/use-cases", use_case_form())
    assert response.status_code == 403
    assert _count(db, UseCase) == 0


def test_filters_find_the_use_case(browser: Browser, users: Users) -> None:
    browser.login(users.editor)
    _create(browser)
    _create(
        browser,
        title="Robotkirurgi med KI",
        purpose_domain="clinical_care",
        lifecycle_stage="idea",
        data_categories=["anonymous"],
    )
    assert "Robotkirurgi" not in browser.get("/use-cases?stage=pilot").text
    assert "Talegjenkjenning" in browser.get("/use-cases?category=health").text
    found = browser.get("/use-cases?q=robot").text
    assert "Robotkirurgi" in found and "Talegjenkjenning" not in found
    fragment = browser.get(
        "/use-cases?q=robot", headers={"HX-Request": "true", "HX-Target": "results"}
    )
    assert "<html" not in fragment.text and "Robotkirurgi" in fragment.text
    assert "HX-Request" in fragment.headers["vary"]


def test_benefit_with_measurement_shows_estimate_against_realised(
    browser: Browser, users: Users, db: Session
) -> None:
    browser.login(users.editor)
    location = _create(browser)
    use_case_id = location.rsplit("/", 1)[1]
    browser.get(f"/use-cases/{use_case_id}/benefits/new")
    response = browser.post(
        f"/use-cases/{use_case_id}/benefits",
        {
            "title": "Frigjord legetid",
            "effect_goal": "freed_resources",
            "benefit_type": "alternative_use",
            "measure": "hours",
            "events_per_year": "120000",
            "minutes_saved_per_event": "2",
            "adoption_rate": "60",
            "rework_share": "10",
            "higher_is_better": "on",
        },
    )
    assert response.status_code == 303, response.text[:3000]
    benefit_id = db.scalar(select(Benefit.id))
    page = browser.get(location)
    assert "2\u00a0160" in page.text  # 2,160 hours a year, Nynorsk number format
    bad = browser.post(
        f"/benefits/{benefit_id}/measurements",
        {"period_start": "2026-02-01", "period_end": "2026-01-01", "value": "x"},
    )
    assert bad.status_code == 400
    assert _count(db, BenefitMeasurement) == 0
    ok = browser.post(
        f"/benefits/{benefit_id}/measurements",
        {"period_start": "2026-01-01", "period_end": "2026-01-31", "value": "150"},
    )
    assert ok.status_code == 303
    page = browser.get(location)
    assert "chart-data" in page.text and "150" in page.text


def test_adopting_copies_the_use_case_with_lineage(
    browser: Browser, users: Users, db: Session
) -> None:
    browser.login(users.admin)
    location = _create(browser)
    use_case_id = location.rsplit("/", 1)[1]
    response = browser.post(f"/use-cases/{use_case_id}/adopt", {"organisation": "helse_forde"})
    assert response.status_code == 303
    copy = browser.get(response.headers["location"])
    assert "Helse Førde HF" in copy.text
    assert "Tilpassa frå" in copy.text or "Adopted from" in copy.text
    db.expire_all()
    adopted = db.scalar(select(UseCase).where(UseCase.adopted_from_id.is_not(None)))
    assert adopted is not None and adopted.lifecycle_stage == "idea" and not adopted.is_public


def test_anonymous_visitors_are_sent_to_login(browser: Browser) -> None:
    response = browser.get("/use-cases")
    assert response.status_code == 303
    assert response.headers["location"].startswith("/login")


def test_records_not_reviewed_for_months_are_flagged_until_reviewed(
    browser: Browser, users: Users, db: Session, engine: object
) -> None:
    import sqlalchemy as sa

    from tryggki.db.base import utcnow

    browser.login(users.editor)
    location = _create(browser)
    use_case_id = location.rsplit("/", 1)[1]
    assert "Treng gjennomgang" not in browser.get("/use-cases").text
    with engine.begin() as conn:  # type: ignore[attr-defined]
        conn.execute(sa.update(UseCase).values(last_reviewed_at=utcnow().replace(year=2024)))
    assert "Treng gjennomgang" in browser.get("/use-cases").text
    assert "Talegjenkjenning" in browser.get("/use-cases?stale=1").text
    assert "12 månader" in browser.get(location).text
    assert browser.post(f"/use-cases/{use_case_id}/review").status_code == 303
    assert "Talegjenkjenning" not in browser.get("/use-cases?stale=1").text
