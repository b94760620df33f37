""" "Kan eg bruke KI til dette?": the staff question, as a page and as an API, on real data."""

from __future__ import annotations

import httpx
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.conftest import Live
from tryggki.models import AISystem
from tryggki.registry.demo import load_demo_data


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


def test_a_registered_tool_is_approved_only_for_the_data_of_its_live_use_cases(
    live: Live, db: Session
) -> None:
    load_demo_data(db)
    db.commit()
    copilot = db.scalar(select(AISystem).where(AISystem.name == "GitHub Copilot Business"))
    assert copilot is not None
    ok = _ask(live, tool=f"system:{copilot.id}", task="code", data=["internal"]).json()
    assert ok["answer"] == "yes_with_care"
    assert "PUB-05" in {d["rule_id"] for d in ok["duties"]}
    health = _ask(
        live, tool=f"system:{copilot.id}", task="summarise_records", data=["health"]
    ).json()
    assert health["answer"] == "ask_first"
    assert "PUB-07" in {r["rule_id"] for r in health["reasons"]}


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
