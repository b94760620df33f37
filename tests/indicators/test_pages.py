"""Indicators through the API, the pages and the CLI, on SQLite and PostgreSQL."""

from __future__ import annotations

import io
import re

import httpx
from openpyxl import Workbook
from pypdf import PdfReader
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tests.conftest import Browser, Live, Users
from tests.registry.helpers import hours_benefit, use_case_json
from tests.registry.test_api import _token
from tryggki.indicators.service import ensure_catalogue
from tryggki.models import Indicator, IndicatorValue


def _catalogue(db: Session) -> None:
    ensure_catalogue(db)
    db.commit()


def _count(db: Session) -> int:
    return db.scalar(select(func.count()).select_from(IndicatorValue)) or 0


def test_computed_hours_from_a_measured_benefit_are_stored_per_month(
    live: Live, users: Users, db: Session
) -> None:
    _catalogue(db)
    api = f"{live.url}/api/v1"
    editor, admin = _token(db, users.editor), _token(db, users.admin)
    uc = httpx.post(f"{api}/use-cases", json=use_case_json(), headers=editor).json()
    benefit = httpx.post(
        f"{api}/use-cases/{uc['id']}/benefits", json=hours_benefit(), headers=editor
    ).json()
    measurement = {"period_start": "2026-01-01", "period_end": "2026-01-31", "value": 40}
    response = httpx.post(
        f"{api}/benefits/{benefit['id']}/measurements", json=measurement, headers=editor
    )
    assert response.status_code == 201, response.text
    body = {"first": "2026-01", "last": "2026-02"}
    assert httpx.post(f"{api}/indicators/compute", json=body, headers=admin).status_code == 200
    values = httpx.get(f"{api}/indicators/hours_freed/values", headers=admin).json()
    got = {(v["organisation"], v["period"]): v["value"] for v in values}
    assert got["region", "2026-01"] == 40
    assert got["helse_bergen", "2026-01"] == 40
    assert got["region", "2026-02"] is None  # no measurement that month
    # Estimate: 120000 × 2 / 60 × 0.6 × 0.9 = 2160 h a year → 2160 × 31 / 365.25 for January.
    ratio = httpx.get(f"{api}/indicators/benefit_realisation/values", headers=admin).json()
    jan = next(v for v in ratio if v["organisation"] == "region" and v["period"] == "2026-01")
    assert (
        jan["value"] == round(100 * 40 / (2160 * 31 / 365.25), 10)
        or abs(jan["value"] - 100 * 40 / (2160 * 31 / 365.25)) < 1e-6
    )


def test_a_value_for_an_unknown_indicator_is_refused_in_the_users_language(
    live: Live, users: Users, db: Session
) -> None:
    _catalogue(db)
    headers = _token(db, users.admin) | {"Accept-Language": "nb"}
    body = {
        "indicator": "finst_ikkje",
        "organisation": "helse_bergen",
        "period": "2026-Q1",
        "value": 3,
    }
    response = httpx.post(f"{live.url}/api/v1/indicator-values", json=body, headers=headers)
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["errors"] == {"indicator": "Ukjent indikator: finst_ikkje"}
    body |= {"indicator": "hours_freed", "period": "2026-01"}
    response = httpx.post(f"{live.url}/api/v1/indicator-values", json=body, headers=headers)
    assert "beregnes" in response.json()["errors"]["indicator"]
    assert _count(db) == 0


def test_entering_a_value_in_the_form_and_a_wrong_period(
    browser: Browser, users: Users, db: Session
) -> None:
    _catalogue(db)
    browser.login(users.editor)
    browser.set_language("en")
    browser.get("/indicators/patient_experience_score")
    form = {"organisation": "helse_bergen", "period": "2026-03", "value": "71.5"}
    response = browser.post("/indicators/patient_experience_score/values", form)
    assert response.status_code == 400
    assert "“2026-03” is not a period: write it as YYYY-Qn." in response.text
    form["organisation"] = "helse_stavanger"
    form["period"] = "2026-Q1"
    assert browser.post("/indicators/patient_experience_score/values", form).status_code == 403
    assert _count(db) == 0
    form["organisation"] = "helse_bergen"
    assert browser.post("/indicators/patient_experience_score/values", form).status_code == 303
    page = browser.get("/indicators/patient_experience_score").text
    assert "71.5" in page and "2026-Q1" in page


def test_an_import_with_one_bad_row_saves_nothing_and_names_the_row(
    browser: Browser, users: Users, db: Session
) -> None:
    _catalogue(db)
    browser.login(users.admin)
    browser.set_language("en")
    browser.get("/indicators-import")
    csv = (
        "indicator;organisation;period;value\n"
        "patient_experience_score;helse_bergen;2026-Q1;70\n"
        "patient_experience_score;helse_fonna;03/2026;71\n"
    )
    files = {"file": ("values.csv", csv.encode(), "text/csv")}
    response = browser.post("/indicators-import", files=files)
    assert response.status_code == 400
    assert "row 3: period: “03/2026” is not a period: write it as YYYY-Qn." in response.text
    assert _count(db) == 0
    wb = Workbook()
    sheet = wb.active
    assert sheet is not None
    sheet.append(["indicator", "organisation", "period", "value", "note"])
    sheet.append(["ai_security_incidents", "helse_forde", "2026-Q2", 3, "synthetic"])
    sheet.append(["ai_security_incidents", "region", "2026-Q2", 5, None])
    buffer = io.BytesIO()
    wb.save(buffer)
    files = {"file": ("values.xlsx", buffer.getvalue(), "application/octet-stream")}
    response = browser.post("/indicators-import", files=files)
    assert response.status_code == 200, response.text[:500]
    assert "2 values saved." in response.text
    assert _count(db) == 2


def test_a_changed_indicator_gets_a_new_version_and_keeps_the_old(
    browser: Browser, users: Users, db: Session
) -> None:
    _catalogue(db)
    browser.login(users.reviewer)
    browser.get("/indicators/new?code=ai_security_incidents")
    form = {
        "code": "ai_security_incidents",
        "name": "Avvik med KI",
        "definition": "Tal på avvik.",
        "effect_goal": "security_and_safety",
        "unit": "count",
        "direction": "lower",
        "frequency": "quarterly",
        "data_source": "Avvikssystemet",
        "target": "4",
    }
    assert browser.post("/indicators", form).status_code == 303
    rows = db.scalars(select(Indicator).where(Indicator.code == "ai_security_incidents")).all()
    assert sorted((r.version, r.is_current) for r in rows) == [(1, False), (2, True)]


def test_dashboard_and_board_report_in_each_language_show_the_same_figures(
    browser: Browser, users: Users, db: Session
) -> None:
    _catalogue(db)
    admin = _token(db, users.admin)
    body = {
        "indicator": "patient_experience_score",
        "organisation": "region",
        "period": "2026-Q2",
        "value": 73.3,
    }
    assert (
        httpx.post(
            f"{browser.client.base_url}/api/v1/indicator-values", json=body, headers=admin
        ).status_code
        == 201
    )
    browser.login(users.reader)
    for lang, figure, status in (
        ("nn", "73,3", "I faresona"),
        ("nb", "73,3", "I faresonen"),
        ("en", "73.3", "At risk"),
    ):
        browser.set_language(lang)
        page = browser.get("/dashboard").text
        assert f'<html lang="{lang}">' in page
        assert re.search(rf'class="latest">{re.escape(figure)}<', page)
        assert status in page
        pdf = browser.get(f"/dashboard/report.pdf?lang={lang}")
        text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
        assert figure in text and status in text and "2026-Q2" in text
