"""Assessments in the browser's HTTP: answer, checklist with evidence, submit, review, re-assess."""

from __future__ import annotations

import re
import uuid

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tests.assessments.helpers import ANSWERS, registered_use_case
from tests.conftest import Browser, Users
from tryggki.models import Assessment, AuditEvent, ControlEvidence


def _verdict(html: str) -> str:
    found = re.search(r'<span id="verdict">([^<]+)</span>', html)
    assert found, html[:3000]
    return found.group(1)


def _assessment(db: Session, uc_id: uuid.UUID) -> Assessment | None:
    db.expire_all()
    return db.scalar(select(Assessment).where(Assessment.use_case_id == uc_id))


def _answer(browser: Browser, uc_id: uuid.UUID, **changes: object) -> None:
    browser.get(f"/use-cases/{uc_id}/assessment/answers")
    response = browser.post(f"/use-cases/{uc_id}/assessment/answers", {**ANSWERS, **changes})
    assert response.status_code == 303, response.text[:3000]


def test_missing_facts_make_the_verdict_needs_assessment_and_are_named(
    browser: Browser, users: Users, db: Session
) -> None:
    uc_id = registered_use_case(db)
    browser.login(users.editor)
    page = browser.get(f"/use-cases/{uc_id}/assessment")
    assert page.status_code == 200
    # Without a legal basis the rulebook already blocks; the missing fact is named all the same.
    assert _verdict(page.text) == "Ikkje tillate"
    assert "Fakta som manglar:" in page.text
    assert "Er det eit KI-system slik KI-forordninga definerer det?" in page.text
    assert _assessment(db, uc_id) is None  # looking changes nothing


def test_answers_give_a_verdict_with_reasons_and_a_checklist(
    browser: Browser, users: Users, db: Session
) -> None:
    uc_id = registered_use_case(db)
    browser.login(users.editor)
    _answer(browser, uc_id)
    page = browser.get(f"/use-cases/{uc_id}/assessment")
    assert _verdict(page.text) == "Tillate med vilkår"
    assert 'id="control-dpia_done"' in page.text
    assert "GDPR-08" in page.text
    stored = _assessment(db, uc_id)
    assert stored is not None
    assert stored.verdict == "allowed_with_conditions"
    assert stored.answers["ai"]["is_ai_system"] == "yes"


def test_invalid_answers_are_reported_and_nothing_is_saved(
    browser: Browser, users: Users, db: Session
) -> None:
    uc_id = registered_use_case(db)
    browser.login(users.editor)
    browser.get(f"/use-cases/{uc_id}/assessment/answers")
    response = browser.post(
        f"/use-cases/{uc_id}/assessment/answers",
        {**ANSWERS, "ai.is_ai_system": "maybe", "people.estimated_data_subjects": "-4"},
    )
    assert response.status_code == 400
    assert 'id="ai.is_ai_system-error"' in response.text
    assert 'id="people.estimated_data_subjects-error"' in response.text
    assert _assessment(db, uc_id) is None


def test_other_trusts_editors_and_readers_cannot_answer(
    browser: Browser, users: Users, db: Session
) -> None:
    uc_id = registered_use_case(db)
    for email in (users.editor_stavanger, users.reader):
        browser.login(email)
        browser.get(f"/use-cases/{uc_id}/assessment")
        response = browser.post(f"/use-cases/{uc_id}/assessment/answers", ANSWERS)
        assert response.status_code == 403
    assert _assessment(db, uc_id) is None


def _record(browser: Browser, uc_id: uuid.UUID, control: str, **fields: object) -> object:
    files = fields.pop("files", None)
    browser.get(f"/use-cases/{uc_id}/assessment")
    return browser.post(
        f"/use-cases/{uc_id}/assessment/controls",
        {"control": control, **fields},
        files=files,
    )


def test_evidence_with_a_file_is_kept_and_downloaded_and_meets_the_condition(
    browser: Browser, users: Users, db: Session
) -> None:
    uc_id = registered_use_case(db)
    browser.login(users.editor)
    _answer(browser, uc_id)
    content = b"%PDF-1.4 synthetic DPIA summary"
    response = _record(
        browser,
        uc_id,
        "dpia_done",
        in_place="on",
        note="DPIA 2026/17 godkjend av personvernombodet",
        owner="Personvernombodet",
        due_date="2027-01-31",
        files={"file": ("dpia.pdf", content, "application/pdf")},
    )
    assert response.status_code == 303, response.text[:2000]  # type: ignore[attr-defined]
    page = browser.get(f"/use-cases/{uc_id}/assessment")
    assert "DPIA 2026/17" in page.text
    found = re.search(r'href="(/assessment-evidence/[^"]+)">dpia.pdf', page.text)
    assert found
    download = browser.get(found.group(1))
    assert download.content == content
    assert download.headers["content-disposition"].startswith("attachment")
    reason = re.search(r'id="reason-GDPR-08".*?</li>', page.text, re.S)
    assert reason and "Oppfylt" in reason.group(0)
    stored = _assessment(db, uc_id)
    assert stored is not None
    events = db.scalars(select(AuditEvent).where(AuditEvent.entity_type == "assessment")).all()
    recorded = [e.changes for e in events if "dpia_done.in_place" in e.changes]
    assert recorded, [e.changes for e in events]
    assert "DPIA 2026/17" not in str(recorded) and "dpia.pdf" not in str(recorded)


def test_bad_evidence_is_refused_with_a_message_and_nothing_is_saved(
    browser: Browser, users: Users, db: Session
) -> None:
    uc_id = registered_use_case(db)
    browser.login(users.editor)
    _answer(browser, uc_id)
    for fields, field in (
        ({"link": "ftp://example.test/x"}, "link"),
        ({"due_date": "31.13.2026"}, "due_date"),
        ({"files": {"file": ("run.exe", b"MZ", "application/octet-stream")}}, "file"),
        ({"control": "no_such_control"}, "control"),
    ):
        control = str(fields.pop("control", "dpia_done"))
        response = _record(browser, uc_id, control, in_place="on", **fields)
        assert response.status_code == 400, field  # type: ignore[attr-defined]
        assert 'class="error-summary"' in response.text  # type: ignore[attr-defined]
    db.expire_all()
    assert db.scalar(select(func.count()).select_from(ControlEvidence)) == 0


def test_submit_review_approve_and_reassessment_flag(
    browser: Browser, users: Users, db: Session
) -> None:
    uc_id = registered_use_case(db)
    editor = browser
    editor.login(users.editor)
    _answer(editor, uc_id)
    editor.get(f"/use-cases/{uc_id}/assessment")
    assert editor.post(f"/use-cases/{uc_id}/assessment/submit").status_code == 303
    stored = _assessment(db, uc_id)
    assert stored is not None and stored.status == "submitted"

    # The editor who submitted cannot approve; a reviewer must.
    assert editor.post(f"/use-cases/{uc_id}/assessment/approve").status_code == 403

    reviewer = Browser(editor.client.base_url.__str__())
    reviewer.login(users.reviewer)
    page = reviewer.get(f"/use-cases/{uc_id}/assessment")
    assert "Godkjenn" in page.text
    back = reviewer.post(f"/use-cases/{uc_id}/assessment/send-back", {"comment": ""})
    assert back.status_code == 400
    assert "Sei kva som må endrast." in back.text
    approved = reviewer.post(
        f"/use-cases/{uc_id}/assessment/approve", {"comment": "Vilkåra følgjer sjekklista."}
    )
    assert approved.status_code == 303, approved.text[:2000]
    stored = _assessment(db, uc_id)
    assert stored is not None and stored.status == "approved"
    assert stored.approved_verdict == "allowed_with_conditions"
    page = reviewer.get(f"/use-cases/{uc_id}/assessment")
    assert "Treng ny vurdering" not in page.text

    # A control done after the approval is no reason to assess again …
    assert _record(editor, uc_id, "ros_done", in_place="on").status_code == 303  # type: ignore[attr-defined]
    assert "Treng ny vurdering" not in editor.get(f"/use-cases/{uc_id}/assessment").text

    # … but a changed fact is: the scale of the processing grows to the whole region.
    _answer(editor, uc_id, **{"data.scale": "region"})
    page = editor.get(f"/use-cases/{uc_id}/assessment")
    assert "Treng ny vurdering" in page.text
    changed = re.search(r"<caption>.*?</table>", page.text, re.S)
    assert changed and "Omfanget av behandlinga" in changed.group(0)
    assert "Heile regionen" in changed.group(0) and "Eitt helseføretak" in changed.group(0)
    assert "Treng ny vurdering" in editor.get(f"/use-cases/{uc_id}").text  # on the record too
    overview = editor.get("/assessments")
    assert "Treng ny vurdering" in overview.text
    reviewer.client.close()
