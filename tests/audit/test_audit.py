"""The audit trail: who changed which fields, visible on the record, tamper-evident."""

from __future__ import annotations

import os
import subprocess
import sys

import sqlalchemy as sa
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.conftest import Browser, Users
from tests.registry.helpers import use_case_form
from tryggki.audit.service import verify
from tryggki.config import Settings
from tryggki.models import AuditEvent


def _cli(settings: Settings, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "TRYGGKI_DATABASE_URL": settings.sqlalchemy_url,
        "TRYGGKI_DATA_DIR": str(settings.data_dir),
        "LANG": "en_GB.UTF-8",
    }
    return subprocess.run(
        [sys.executable, "-m", "tryggki", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_changes_are_recorded_with_old_and_new_values(
    browser: Browser, users: Users, db: Session
) -> None:
    browser.login(users.editor)
    browser.get("/use-cases/new")
    location = browser.post("/use-cases", use_case_form()).headers["location"]
    uc_id = location.rsplit("/", 1)[1]
    page = browser.get(f"/use-cases/{uc_id}/edit")
    version = page.text.split('name="version" value="')[1].split('"')[0]
    browser.post(
        f"/use-cases/{uc_id}",
        use_case_form(lifecycle_stage="production", system_owner="Seksjonsleiar", version=version),
    )
    update = db.scalars(select(AuditEvent).where(AuditEvent.action == "update")).one()
    assert update.changes["lifecycle_stage"] == ["pilot", "production"]
    assert update.changes["system_owner"] == "changed"  # a person's name is never copied
    history = browser.get(location).text
    # field and values in the reader's language, not as codes
    assert "<strong>Livsløpsfase</strong>: Pilot → I drift" in history
    assert "<strong>Systemeigar</strong>: endra" in history
    assert "editor.bergen (i nettlesaren)" in history  # who made the change, and where


def test_verify_detects_a_tampered_event(
    browser: Browser, users: Users, db: Session, settings: Settings, engine: sa.Engine
) -> None:
    browser.login(users.editor)
    browser.get("/use-cases/new")
    browser.post("/use-cases", use_case_form())
    assert verify(db).broken_seq is None
    ok = _cli(settings, "audit", "verify")
    assert ok.returncode == 0, ok.stderr
    assert "intact" in ok.stdout
    target = db.scalars(select(AuditEvent).order_by(AuditEvent.seq.desc())).first()
    assert target is not None
    with engine.begin() as conn:
        conn.execute(
            sa.update(AuditEvent)
            .where(AuditEvent.seq == target.seq)
            .values(changes={"title": [None, "Forfalska"]})
        )
    db.expire_all()
    assert verify(db).broken_seq == target.seq
    broken = _cli(settings, "audit", "verify")
    assert broken.returncode == 1
    assert f"broken at event {target.seq}" in broken.stderr
