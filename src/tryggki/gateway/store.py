"""The two tables the gateway touches, with SQLAlchemy Core and no ORM classes.

It reads the policy row the web app publishes (``gateway_policy``) and appends call rows
(``gateway_calls``); both are defined by ``tryggki.models.gateway`` and its migration. Calls run
in a worker thread, never on the event loop.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Engine

POLICY = sa.table("gateway_policy", sa.column("id", sa.Integer()), sa.column("body", sa.JSON()))
CALLS = sa.table(
    "gateway_calls",
    sa.column("at", sa.DateTime(timezone=True)),
    sa.column("key_id", sa.Uuid()),
    sa.column("organisation_id", sa.Uuid()),
    sa.column("use_case_id", sa.Uuid()),
    sa.column("endpoint", sa.String()),
    sa.column("model", sa.String()),
    sa.column("stream", sa.Boolean()),
    sa.column("status", sa.Integer()),
    sa.column("outcome", sa.String()),
    sa.column("prompt_tokens", sa.Integer()),
    sa.column("completion_tokens", sa.Integer()),
    sa.column("identifiers", sa.Integer()),
    sa.column("identifiers_by_class", sa.JSON()),
    sa.column("latency_ms", sa.Float()),
    sa.column("overhead_ms", sa.Float()),
    sa.column("request_hash", sa.String()),
)


def read_policy(engine: Engine) -> dict[str, Any] | None:
    """The published snapshot, or None when none has been published yet."""
    with engine.connect() as conn:
        body = conn.execute(sa.select(POLICY.c.body).where(POLICY.c.id == 1)).scalar()
    if isinstance(body, str):  # some drivers hand JSON back as text
        body = json.loads(body)
    return body if isinstance(body, dict) else None


def insert_calls(engine: Engine, rows: Sequence[dict[str, Any]]) -> None:
    """Append call rows in one transaction."""
    if rows:
        with engine.begin() as conn:
            conn.execute(sa.insert(CALLS), list(rows))
