"""Deleting, retiring and correcting: weight sets, indicators and entered values, each with its
permission check, audit event and a precise refusal; and the region's value summed from the
trusts where the unit adds up."""

from __future__ import annotations

import html
import io
import re

import httpx
from pypdf import PdfReader
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tests.conftest import Browser, Live, Users
from tests.registry.helpers import use_case_json
from tests.registry.test_api import _token
from tryggki.indicators.service import ensure_catalogue
from tryggki.models import AuditEvent, Indicator, IndicatorValue, WeightSet
from tryggki.portfolio.scoring import REVIEWED


def _catalogue(db: Session) -> None:
    ensure_catalogue(db)
    db.commit()


def _events(db: Session, entity_type: str) -> list[str]:
    stmt = select(AuditEvent.action).where(AuditEvent.entity_type == entity_type)
    return list(db.scalars(stmt.order_by(AuditEvent.seq)))


def _value(api: str, headers: dict[str, str], **body: object) -> httpx.Response:
    return httpx.post(f"{api}/indicator-values", json=body, headers=headers)


def _indicator(code: str, unit: str = "count") -> dict[str, object]:
    return {
        "code": code,
        "name": "Ventetid",
        "definition": "Syntetisk.",
        "effect_goal": "freed_resources",
        "unit": unit,
        "direction": "lower",
        "frequency": "quarterly",
        "data_source": "Syntetisk",
    }


def test_weight_sets_are_deleted_unless_something_depends_on_them(
    browser: Browser, live: Live, users: Users, db: Session
) -> None:
    browser.login(users.reviewer)
    browser.set_language("en")
    browser.get("/portfolio/weights")
    cheap = {f"weights.{c}": "0" for c in REVIEWED} | {"weights.cost": "100"}
    assert browser.post("/portfolio/weights", {"name": "Billeg", **cheap}).status_code == 303
    page = browser.get("/portfolio/weights").text
    assert "Delete the weight set Billeg" in page and "Delete the weight set Standard" not in page
    default = browser.post("/portfolio/weights/Standard/delete")
    assert (
        default.status_code == 409 and "The default weight set cannot be deleted." in default.text
    )

    api, admin = f"{live.url}/api/v1", _token(db, users.admin) | {"Accept-Language": "en"}
    uc = httpx.post(f"{api}/use-cases", json=use_case_json(), headers=admin).json()
    scores = {"scores": {c.value: 3 for c in REVIEWED}}
    httpx.put(f"{api}/use-cases/{uc['ref']}/portfolio-score", json=scores, headers=admin)
    area = {
        "title": "Billeg drift",
        "period_start": "2027-01-01",
        "period_end": "2027-12-31",
        "owner": "KI-koordinator",
        "rationale": "Test.",
        "use_cases": [uc["ref"]],
        "weight_set": "Billeg",
    }
    created = httpx.post(f"{api}/focus-areas", json=area, headers=admin).json()
    refused = httpx.delete(f"{api}/portfolio/weight-sets/Billeg", headers=admin)
    assert refused.status_code == 409
    assert refused.headers["content-type"] == "application/problem+json"
    assert refused.json()["detail"] == (
        "The weight set cannot be deleted: the focus area “Billeg drift” was decided with it."
    )
    editor = Browser(live.url)
    editor.login(users.editor)
    assert editor.post("/portfolio/weights/Billeg/delete").status_code == 403
    editor.client.close()
    assert db.scalar(select(WeightSet).where(WeightSet.name == "Billeg")) is not None

    reason = {"reason": "Erstatta."}
    httpx.post(f"{api}/focus-areas/{created['id']}/withdraw", json=reason, headers=admin)
    assert browser.post("/portfolio/weights/Billeg/delete").status_code == 303
    assert "Billeg" not in browser.get("/portfolio/weights").text
    assert db.scalar(select(WeightSet).where(WeightSet.name == "Billeg")) is None
    assert _events(db, "weight_set") == ["create", "delete"]
    # The withdrawn focus area still names the set it was decided with.
    assert "Billeg" in browser.get(f"/focus-areas/{created['id']}/board-paper?lang=en").text


def test_an_indicator_without_values_is_deleted_and_one_with_values_retired(
    live: Live, users: Users, db: Session
) -> None:
    _catalogue(db)
    api = f"{live.url}/api/v1"
    admin = _token(db, users.admin) | {"Accept-Language": "en"}
    assert httpx.put(f"{api}/indicators", json=_indicator("tom"), headers=admin).is_success
    assert httpx.delete(f"{api}/indicators/tom", headers=admin).status_code == 204
    assert db.scalar(select(func.count()).where(Indicator.code == "tom")) == 0

    assert httpx.put(f"{api}/indicators", json=_indicator("ventetid"), headers=admin).is_success
    body = {"indicator": "ventetid", "organisation": "helse_bergen", "period": "2026-Q1"}
    assert _value(api, admin, **body, value=12).status_code == 201
    refused = httpx.delete(f"{api}/indicators/ventetid", headers=admin)
    assert refused.status_code == 409
    assert refused.json()["detail"] == (
        "The indicator has 1 values and cannot be deleted; retire it to keep them."
    )
    for code, message in (
        ("hours_freed", "Indicators computed by Trygg KI cannot be retired or deleted"),
        ("ai_security_incidents", "A built-in indicator cannot be deleted; retire it instead."),
    ):
        response = httpx.delete(f"{api}/indicators/{code}", headers=admin)
        assert response.status_code == 409 and message in response.json()["detail"]
    reviewer_only = httpx.post(
        f"{api}/indicators/ventetid/retire", headers=_token(db, users.editor)
    )
    assert reviewer_only.status_code == 403

    retired = httpx.post(f"{api}/indicators/ventetid/retire", headers=admin)
    assert retired.status_code == 200 and retired.json()["retired_at"]
    listed = [i["code"] for i in httpx.get(f"{api}/indicators", headers=admin).json()]
    assert "ventetid" not in listed
    everything = httpx.get(f"{api}/indicators?include_retired=true", headers=admin).json()
    assert "ventetid" in [i["code"] for i in everything]
    late = _value(api, admin, **(body | {"period": "2026-Q2"}), value=10)
    assert late.status_code == 422
    assert late.json()["errors"] == {"indicator": "The indicator ventetid has been retired."}
    assert db.scalar(select(func.count()).select_from(IndicatorValue)) == 1  # kept
    assert _events(db, "indicator")[-1] == "retire"

    reader = Browser(live.url)
    reader.login(users.reader)
    reader.set_language("en")
    assert 'id="indicator-ventetid"' not in reader.get("/dashboard").text
    catalogue = reader.get("/indicators").text
    assert "Retired indicators" in catalogue.split("</table>")[1]
    page = reader.get("/indicators/ventetid").text
    assert "Retired on" in page and "2026-Q1" in page and "Enter a value" not in page
    reader.client.close()


def test_entered_values_are_corrected_and_deleted_by_those_who_may_enter_them(
    browser: Browser, live: Live, users: Users, db: Session
) -> None:
    _catalogue(db)
    api, admin = f"{live.url}/api/v1", _token(db, users.admin)
    code = "patient_experience_score"
    for org, value in (("helse_bergen", 70.5), ("helse_stavanger", 66)):
        body = {"indicator": code, "organisation": org, "period": "2026-Q1", "value": value}
        assert _value(api, admin, **body).status_code == 201
    browser.login(users.editor)
    browser.set_language("en")
    page = browser.get(f"/indicators/{code}").text
    own = f"/indicators/{code}?organisation=helse_bergen&amp;period=2026-Q1#value-form"
    assert own in page
    assert "organisation=helse_stavanger" not in page  # another trust's value: no links
    form = browser.get(f"/indicators/{code}?organisation=helse_bergen&period=2026-Q1").text
    assert 'id="value" name="value" type="number" value="70.5"' in form
    fixed = {"organisation": "helse_bergen", "period": "2026-Q1", "value": "72"}
    assert browser.post(f"/indicators/{code}/values", fixed).status_code == 303
    stored = db.scalars(select(IndicatorValue).where(IndicatorValue.scope == "helse_bergen")).one()
    assert stored.value == 72
    update = db.scalars(
        select(AuditEvent)
        .where(AuditEvent.entity_type == "indicator_value")
        .order_by(AuditEvent.seq.desc())
    ).first()
    assert update is not None
    assert update.action == "update" and update.changes["value"] == [70.5, 72]

    other = {"organisation": "helse_stavanger", "period": "2026-Q1"}
    refused = browser.post(f"/indicators/{code}/values/delete", other)
    assert refused.status_code == 403
    assert "You may enter values only for your own organisation." in refused.text
    mine = {"organisation": "helse_bergen", "period": "2026-Q1"}
    assert browser.post(f"/indicators/{code}/values/delete", mine).status_code == 303
    scopes = db.scalars(select(IndicatorValue.scope)).all()
    assert scopes == ["helse_stavanger"]
    assert _events(db, "indicator_value")[-1] == "delete"
    gone = browser.post(f"/indicators/{code}/values/delete", mine)
    assert gone.status_code == 404
    assert "There is no value of this indicator for that organisation and period." in gone.text

    body = {"first": "2026-01", "last": "2026-01"}
    assert httpx.post(f"{api}/indicators/compute", json=body, headers=admin).status_code == 200
    computed = httpx.delete(f"{api}/indicators/stale_records/values/region/2026-01", headers=admin)
    assert computed.status_code == 409
    assert computed.json()["detail"].startswith("Utrekna verdiar kan ikkje slettast")  # nn default


def test_the_region_value_of_a_count_is_the_sum_of_the_trusts(
    browser: Browser, live: Live, users: Users, db: Session
) -> None:
    _catalogue(db)
    api, admin = f"{live.url}/api/v1", _token(db, users.admin)
    for org, value in (("helse_bergen", 3), ("helse_stavanger", 4), ("helse_fonna", 0)):
        for code in ("ai_security_incidents", "patient_experience_score"):
            body = {"indicator": code, "organisation": org, "period": "2026-Q2", "value": value}
            assert _value(api, admin, **body).status_code == 201
    browser.login(users.reader)
    for lang, rule, none in (
        ("en", "Sum of the trusts' values (3 of 7 reported).", "No value for Helse Vest"),
        ("nn", "Summen av verdiane til føretaka (3 av 7 har rapportert).", "Ingen verdi for"),
        ("nb", "Summen av foretakenes verdier (3 av 7 har rapportert).", "Ingen verdi for"),
    ):
        browser.set_language(lang)
        page = html.unescape(browser.get("/dashboard").text)
        incidents = page.split('id="indicator-ai_security_incidents"')[1].split("</article>")[0]
        assert re.search(r'class="latest">7<', incidents) and rule in incidents
        survey = page.split('id="indicator-patient_experience_score"')[1].split("</article>")[0]
        assert "No values yet." in survey or "Ingen verdiar" in survey or "Ingen verdier" in survey
        assert none in survey
        pdf = browser.get(f"/dashboard/report.pdf?lang={lang}")
        text = re.sub(
            r"\s+", " ", "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
        )
        assert rule in text
    # A value entered for the region wins over the sum.
    body = {
        "indicator": "ai_security_incidents",
        "organisation": "region",
        "period": "2026-Q2",
        "value": 9,
    }
    assert _value(api, admin, **body).status_code == 201
    browser.set_language("en")
    card = browser.get("/dashboard").text.split('id="indicator-ai_security_incidents"')[1]
    card = card.split("</article>")[0]
    assert re.search(r'class="latest">9<', card) and "Sum of the trusts" not in card
