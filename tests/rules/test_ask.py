""" "Kan eg bruke KI til dette?": the staff question, as a page and as an API, on real data."""

from __future__ import annotations

import httpx
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from tests.conftest import Live
from tryggki.bootstrap import load_demo
from tryggki.config import Settings
from tryggki.models import AISystem, UseCase


def _ask(live: Live, lang: str = "en", **params: object) -> httpx.Response:
    return httpx.get(
        f"{live.url}/api/v1/may-i-use", params=params, headers={"Accept-Language": lang}
    )


def test_health_data_in_a_free_ai_service_is_a_clear_no_with_an_alternative(
    live: Live, db: Session
) -> None:
    reply = _ask(live, tool="consumer_free", task="summarise_records", data=["health"]).json()
    assert reply["answer"] == "no" and reply["verdict"] == "not_allowed"
    assert "PUB-01" in {r["rule_id"] for r in reply["reasons"]}
    assert any("approved AI service" in advice for advice in reply["advice"])


def test_public_information_in_a_free_service_is_yes_with_care(live: Live, db: Session) -> None:
    reply = _ask(live, tool="consumer_free", task="write_text", data=["public"]).json()
    assert reply["answer"] == "yes_with_care"
    assert "PUB-03" in {d["rule_id"] for d in reply["duties"]}


def test_a_registered_tool_is_approved_only_for_the_data_of_its_approved_use_cases(
    live: Live, db: Session, settings: Settings
) -> None:
    load_demo(db, settings)  # the registry, and DEMO-IKT-003 (Helse Vest KI-chat) approved
    db.commit()
    systems = {s.name: s for s in db.scalars(select(AISystem))}
    chat, copilot = systems["Helse Vest KI-chat"], systems["GitHub Copilot Business"]
    approved_only = "Use a tool that Helse Vest has approved for this kind of data"
    ok = _ask(live, tool=f"system:{chat.id}", task="write_text", data=["personal"]).json()
    assert ok["answer"] == "yes_with_care"
    assert not any(approved_only in advice for advice in ok["advice"])
    # Copilot is in production for the same kind of data, but its assessment is not approved:
    # the same answer the AI gateway gives (it would refuse the request).
    code = _ask(live, tool=f"system:{copilot.id}", task="code", data=["personal"]).json()
    assert code["answer"] == "ask_first"
    assert any(approved_only in advice for advice in code["advice"])
    health = _ask(live, tool=f"system:{chat.id}", task="summarise_records", data=["health"]).json()
    assert health["answer"] == "ask_first"  # approved for personal data, not for health data
    # A retired use case's approval no longer counts.
    db.execute(
        update(UseCase).where(UseCase.ref == "DEMO-IKT-003").values(lifecycle_stage="retired")
    )
    db.commit()
    gone = _ask(live, tool=f"system:{chat.id}", task="write_text", data=["personal"]).json()
    assert gone["answer"] == "ask_first"
    assert any(approved_only in advice for advice in gone["advice"])


def test_asking_for_diagnosis_support_needs_an_assessment_first(live: Live, db: Session) -> None:
    reply = _ask(live, tool="consumer_free", task="diagnose", data=["public"]).json()
    assert reply["answer"] == "ask_first"
    assert "MDR-01" in {r["rule_id"] for r in reply["reasons"]}


def test_the_page_answers_in_nynorsk_without_login_and_validates(live: Live, db: Session) -> None:
    page = httpx.get(
        f"{live.url}/kan-eg-bruke-ki",
        params={"tool": "consumer_free", "task": "summarise_records", "data": "health"},
    )
    assert page.status_code == 200
    assert "Nei, det kan du ikkje." in page.text
    assert "KI-forordninga" in page.text or "hpl" in page.text or "GDPR" in page.text
    fragment = httpx.get(
        f"{live.url}/kan-eg-bruke-ki",
        params={"tool": "consumer_free", "task": "write_text", "data": "public"},
        headers={"HX-Request": "true", "HX-Target": "answer"},
    )
    assert "<html" not in fragment.text and "answer-yes_with_care" in fragment.text
    bad = httpx.get(f"{live.url}/kan-eg-bruke-ki", params={"tool": "", "task": ""})
    assert bad.status_code == 400
    assert 'id="tool-error"' in bad.text and 'id="data-error"' in bad.text
    api_bad = _ask(live, lang="nb", tool="nope", task="write_text", data=["public"])
    assert api_bad.status_code == 422 and "tool" in api_bad.json()["errors"]
