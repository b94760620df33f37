"""Re-assessing every use case from the command line, and the assessment through the API."""

from __future__ import annotations

import json

import httpx
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.assessments.helpers import registered_use_case
from tests.conftest import Live, Users
from tests.test_cli import cli
from tryggki.auth import service as auth
from tryggki.config import Settings
from tryggki.models import Assessment, UseCase, User


def test_reassess_reports_changed_verdicts_and_approvals_to_renew(
    settings: Settings, db: Session
) -> None:
    uc_id = registered_use_case(db)
    ref = db.scalar(select(UseCase.ref).where(UseCase.id == uc_id))
    # An approval given on other facts and an old stored result, as a rulebook change leaves them.
    db.add(
        Assessment(
            use_case_id=uc_id,
            answers={"ai": {"is_ai_system": "yes"}, "legal_basis_claimed": ["helsehjelp_pjl"]},
            status="approved",
            verdict="allowed",
            tier="minimal",
            approved_fingerprint="0" * 64,
            approved_facts={"data.scale": "unit"},
            approved_verdict="allowed",
        )
    )
    db.commit()
    dry = cli(settings, "rules", "reassess", "--dry-run", "--format", "json")
    assert dry.returncode == 0, dry.stderr
    (row,) = json.loads(dry.stdout)["use_cases"]
    assert (row["ref"], row["old_verdict"], row["verdict"]) == (
        ref,
        "allowed",
        "allowed_with_conditions",
    )
    assert row["changed"] and row["needs_reassessment"]
    db.expire_all()
    assert db.scalar(select(Assessment.verdict)) == "allowed"  # a dry run stores nothing

    text = cli(settings, "rules", "reassess")
    assert text.returncode == 0, text.stderr
    assert f"{ref}: Allowed (Minimal or transparency risk) → Allowed with conditions" in text.stdout
    assert f"{ref}: the approval must be renewed." in text.stdout
    db.expire_all()
    assert db.scalar(select(Assessment.verdict)) == "allowed_with_conditions"
    again = cli(settings, "rules", "reassess")
    assert "Nothing changed." not in again.stdout  # the approval still waits for renewal
    assert f"{ref}: the approval must be renewed." in again.stdout


def test_the_api_gives_verdict_reasons_and_checklist_to_a_token(
    live: Live, users: Users, db: Session
) -> None:
    uc_id = registered_use_case(db)
    ref = db.scalar(select(UseCase.ref).where(UseCase.id == uc_id))
    assert httpx.get(f"{live.url}/api/v1/use-cases/{ref}/assessment").status_code == 401
    user = db.scalar(select(User).where(User.email == users.reader))
    assert user is not None
    _t, plain = auth.create_api_token(db, user=user, name="test")
    db.commit()
    headers = {"Authorization": f"Bearer {plain}"}
    body = httpx.get(f"{live.url}/api/v1/use-cases/{ref}/assessment", headers=headers).json()
    assert body["verdict"] == "not_allowed"
    assert body["missing_facts"] == ["ai.is_ai_system"]
    assert "GDPR-02" in body["fired_rule_ids"]
    assert body["status"] == "not_started"
    assert {"control": "registered_in_inventory", "in_place": True}.items() <= next(
        c for c in body["checklist"] if c["control"] == "registered_in_inventory"
    ).items()
    missing = httpx.get(f"{live.url}/api/v1/use-cases/NO-SUCH/assessment", headers=headers)
    assert missing.status_code == 404
