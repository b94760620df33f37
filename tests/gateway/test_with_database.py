"""The whole path on SQLite and PostgreSQL: a key issued in the product, the policy published,
the gateway reading it and writing its call records, which the usage view reads back."""

from __future__ import annotations

import openai
import pytest
import sqlalchemy as sa
from sqlalchemy.orm import Session
from starlette.applications import Starlette

from tests.gateway.conftest import received
from tests.gateway.servers import serving
from tryggki.access import service as access
from tryggki.access import snapshot, usage
from tryggki.auth.actor import Actor
from tryggki.bootstrap import load_demo
from tryggki.config import Settings
from tryggki.db.base import utcnow
from tryggki.gateway.app import create_gateway
from tryggki.indicators import service as indicators
from tryggki.models import GatewayCall, GatewayKey, IndicatorValue, Organisation, UseCase


@pytest.fixture
def demo(db: Session, settings: Settings) -> Session:
    """The demo registry and assessments (DEMO-IKT-003 is approved)."""
    load_demo(db, settings)
    db.commit()
    return db


def _key_and_gateway(
    db: Session, settings: Settings, upstream: str
) -> tuple[UseCase, GatewayKey, str, Starlette]:
    """A key for DEMO-IKT-003 issued in the product, and a gateway reading the database."""
    uc = db.scalar(sa.select(UseCase).where(UseCase.ref == "DEMO-IKT-003"))
    assert uc is not None
    key, plain = access.create_key(
        db, actor=Actor.system("cli"), name="Testteneste", use_case_id=uc.id, service_name="test"
    )
    db.commit()
    gw_settings = settings.model_copy(update={"gateway_upstream_url": upstream + "/v1"})
    return uc, key, plain, create_gateway(gw_settings)


def test_a_key_from_the_product_works_through_the_gateway_and_is_metered(
    demo: Session, settings: Settings, upstream: str
) -> None:
    uc, _key, plain, app = _key_and_gateway(demo, settings, upstream)
    with serving(app) as url:
        client = openai.OpenAI(base_url=url + "/v1", api_key=plain, max_retries=0)
        assert sorted(m.id for m in client.models.list()) == ["gpt-4o", "gpt-4o-mini"]
        text = "Kan du skrive til Ola Nordmann på ola.nordmann@example.no om timen?"
        answer = client.chat.completions.create(
            model="gpt-4o", messages=[{"role": "user", "content": text}]
        )
        assert answer.choices[0].message.content == "Eg fekk: " + text
        assert "Ola Nordmann" not in received(upstream)[-1]["body"]
        with pytest.raises(openai.PermissionDeniedError):
            client.chat.completions.create(
                model="not-approved", messages=[{"role": "user", "content": "Hei"}]
            )
    # Stopping the gateway writes what is queued.
    calls = demo.scalars(sa.select(GatewayCall).order_by(GatewayCall.id)).all()
    assert [c.outcome for c in calls if c.endpoint == "chat"] == ["ok", "refused"]
    chat = next(c for c in calls if c.endpoint == "chat")
    assert chat.identifiers_by_class == {"PERSON": 1, "EMAIL": 1}
    assert chat.use_case_id == uc.id and chat.organisation_id == uc.organisation_id
    rows = usage.by_use_case(demo, actor=Actor.system("cli"), days=30, minutes_per_call=3.0)
    row = next(r for r in rows if r.use_case_ref == "DEMO-IKT-003")
    assert row.requests == 2 and row.blocked == 1 and row.identifiers == 2
    assert row.minutes_saved == 3.0
    # The calls become the gateway's computed indicators for the month.
    today = utcnow().date()
    indicators.compute(demo, settings=settings, first=today, last=today, actor=Actor.system("cli"))
    stored = {
        (v.indicator_code, v.scope): v.value
        for v in demo.scalars(sa.select(IndicatorValue).where(IndicatorValue.source == "computed"))
    }
    org = demo.get_one(Organisation, uc.organisation_id).code
    assert stored["gateway_identifiers_kept", org] == 2
    assert stored["gateway_approved_requests", "region"] == 1  # the refused call is not counted
    assert stored["gateway_hours_saved", org] == 3.0 / 60


def test_a_revoked_key_is_refused_after_the_next_refresh(
    demo: Session, settings: Settings, upstream: str
) -> None:
    _uc, key, plain, app = _key_and_gateway(demo, settings, upstream)
    with serving(app) as url:
        client = openai.OpenAI(base_url=url + "/v1", api_key=plain, max_retries=0)
        client.models.list()
        access.revoke_key(demo, actor=Actor.system("cli"), key_id=key.id)
        demo.commit()
        import asyncio

        services = app.state.services
        asyncio.run_coroutine_threadsafe(services.policy.refresh(), app.state.loop).result(10)
        with pytest.raises(openai.AuthenticationError):
            client.models.list()


def test_the_policy_approves_what_the_staff_question_approves_and_never_a_retired_use_case(
    demo: Session,
) -> None:
    def approved() -> dict[str, bool]:
        return {u["ref"]: u["approved"] for u in snapshot.build(demo)["use_cases"].values()}

    assert approved()["DEMO-IKT-003"] is True and approved()["DEMO-IKT-001"] is False
    demo.execute(
        sa.update(UseCase).where(UseCase.ref == "DEMO-IKT-003").values(lifecycle_stage="retired")
    )
    assert approved()["DEMO-IKT-003"] is False
