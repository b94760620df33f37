"""Import and export: round trips in every format, all-or-nothing imports, the published schema."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tests.conftest import Browser, Users
from tryggki.auth.actor import Actor
from tryggki.models import AuditEvent, Benefit, BenefitMeasurement, UseCase
from tryggki.registry import flows
from tryggki.registry.demo import load_demo_data
from tryggki.registry.exchange import json_schema

SCHEMA_FILE = Path(__file__).parents[2] / "docs" / "schema" / "registry-1.0.json"


def _counts(db: Session) -> tuple[int, int, int]:
    db.expire_all()
    return tuple(
        db.scalar(select(func.count()).select_from(m)) or 0  # type: ignore[return-value]
        for m in (UseCase, Benefit, BenefitMeasurement)
    )


@pytest.fixture
def demo(db: Session) -> Session:
    load_demo_data(db)
    db.commit()
    return db


def test_demo_data_is_not_duplicated_when_loaded_twice(demo: Session) -> None:
    before = _counts(demo)
    events = demo.scalar(select(func.count()).select_from(AuditEvent))
    report = load_demo_data(demo)
    demo.commit()
    assert _counts(demo) == before
    assert before[0] >= 25
    assert report.created == {} and report.updated == {}
    assert demo.scalar(select(func.count()).select_from(AuditEvent)) == events


@pytest.mark.parametrize("fmt", ["json", "xlsx", "csv"])
def test_reimporting_an_export_changes_nothing(demo: Session, fmt: str) -> None:
    data = flows.export(demo, fmt)  # type: ignore[arg-type]
    before = _counts(demo)
    report = flows.import_file(demo, data=data, fmt=fmt, actor=Actor.system())  # type: ignore[arg-type]
    demo.commit()
    assert (report.created, report.updated) == ({}, {})
    assert _counts(demo) == before


def test_export_into_an_empty_registry_restores_everything(demo: Session, engine: object) -> None:
    data = flows.export(demo, "json")
    before = _counts(demo)
    demo.query(UseCase).delete()
    demo.commit()
    assert _counts(demo)[0] == 0
    flows.import_file(demo, data=data, fmt="json", actor=Actor.system())
    demo.commit()
    assert _counts(demo) == before
    adopted = demo.scalar(
        select(func.count()).select_from(UseCase).where(UseCase.adopted_from_id.is_not(None))
    )
    assert adopted and adopted >= 2


def test_csv_and_excel_exports_are_readable_tables(demo: Session) -> None:
    rows = list(csv.DictReader(io.StringIO(flows.export(demo, "csv").decode("utf-8-sig"))))
    assert len(rows) == _counts(demo)[0]
    assert {"ref", "title", "organisation", "data_categories"} <= set(rows[0])
    wb = load_workbook(io.BytesIO(flows.export(demo, "xlsx")), read_only=True)
    assert {"use_cases", "benefits", "measurements", "ai_systems", "vendors"} <= set(wb.sheetnames)


def test_a_bad_file_reports_every_bad_row_and_saves_nothing(db: Session) -> None:
    text = (
        "ref,title,organisation,purpose_domain,lifecycle_stage,data_categories,planned_go_live\n"
        "T-1,Gyldig rad,helse_bergen,research,idea,health,2026-05-01\n"
        "T-2,,helse_bergen,research,idea,health,\n"
        "T-3,Feil fase,helse_bergen,research,flying,health,\n"
        "T-4,Feil dato,ukjend_foretak,research,idea,helse,31.02.2026\n"
    )
    with pytest.raises(flows.ImportFailed) as caught:
        flows.import_file(db, data=text.encode(), fmt="csv", actor=Actor.system())
    db.rollback()
    problems = {(where, field) for where, field, _m in caught.value.errors}
    assert ("ark use_cases, rad 3", "title") in problems
    assert ("ark use_cases, rad 4", "lifecycle_stage") in problems
    assert ("ark use_cases, rad 5", "data_categories.0") in problems
    assert ("ark use_cases, rad 5", "planned_go_live") in problems
    assert _counts(db) == (0, 0, 0)


def test_a_broken_file_gets_a_clear_message_in_the_browser(
    browser: Browser, users: Users, db: Session
) -> None:
    browser.login(users.editor)
    browser.set_language("en")
    browser.get("/exchange")
    response = browser.client.post(
        "/import",
        data={"csrf_token": browser.csrf},
        files={"file": ("registry.xlsx", b"this is not a workbook", "application/octet-stream")},
    )
    assert response.status_code == 400
    assert "not a readable Excel workbook" in response.text
    json_bad = browser.client.post(
        "/import",
        data={"csrf_token": browser.csrf},
        files={
            "file": (
                "r.json",
                json.dumps(
                    {
                        "format": "tryggki-registry",
                        "version": "1.0",
                        "use_cases": [
                            {
                                "ref": "X-1",
                                "title": "Ok tittel",
                                "organisation": "helse_stavanger",
                                "purpose_domain": "research",
                                "lifecycle_stage": "idea",
                            }
                        ],
                    }
                ).encode(),
                "application/json",
            )
        },
    )
    assert json_bad.status_code == 400
    assert "Editors can only change records of their own organisation." in json_bad.text
    assert _counts(db) == (0, 0, 0)


def test_the_published_schema_is_versioned_and_validates_exports(
    demo: Session, browser: Browser
) -> None:
    import jsonschema

    published = browser.client.get("/api/v1/schema/registry-1.0.json").json()
    assert published == json_schema()
    assert json.loads(SCHEMA_FILE.read_text()) == published, (
        "The exchange format changed: bump FORMAT_VERSION or update docs/schema (make schema)."
    )
    jsonschema.validate(json.loads(flows.export(demo, "json")), published)
