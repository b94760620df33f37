"""Test fixtures: every database test runs on SQLite and on PostgreSQL, against a live server.

PostgreSQL: the server on 127.0.0.1:5432 (``TRYGGKI_TEST_POSTGRES_URL`` overrides), with a
throw-away database per run. In CI (``CI=true``) a missing server fails the run; elsewhere the
PostgreSQL half is skipped with a reason.
"""

from __future__ import annotations

import os
import re
import secrets
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa
import uvicorn
from sqlalchemy.orm import Session

from tryggki.auth import service as auth
from tryggki.auth.actor import Actor
from tryggki.bootstrap import upgrade_database
from tryggki.config import Settings
from tryggki.db.base import Base
from tryggki.db.session import make_engine, make_sessionmaker, unit_of_work
from tryggki.registry.organisations import ensure_organisations
from tryggki.web.app import create_app

PG_ADMIN_URL = os.environ.get(
    "TRYGGKI_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)
IN_CI = os.environ.get("CI", "").lower() == "true"
PASSWORD = "correct-horse-battery"


def _postgres_database() -> Iterator[str]:
    name = "tryggki_test_" + secrets.token_hex(4)
    admin = sa.create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    except sa.exc.OperationalError as exc:
        admin.dispose()
        message = f"PostgreSQL is not reachable at {PG_ADMIN_URL}: {exc.__class__.__name__}"
        if IN_CI:
            pytest.fail(message + " (CI must run the whole suite on PostgreSQL)")
        pytest.skip(message)
    url = PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + name
    try:
        yield url
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def settings(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Settings]:
    """Settings of a freshly migrated throw-away database of each backend."""
    data_dir: Path = tmp_path_factory.mktemp(f"data-{request.param}")
    if request.param == "sqlite":
        gen: Iterator[str] | None = None
        url = f"sqlite:///{data_dir / 'test.sqlite3'}"
    else:
        gen = _postgres_database()
        url = next(gen)
    s = Settings(
        environment="test",
        data_dir=data_dir,
        database_url=url,
        load_demo_data=False,
        secret_key="test-secret-" + secrets.token_hex(16),
    )
    upgrade_database(s)
    yield s
    if gen is not None:
        gen.close()


@pytest.fixture(scope="session")
def engine(settings: Settings) -> Iterator[sa.Engine]:
    """The test's own engine on the database (the server has another)."""
    eng = make_engine(settings.sqlalchemy_url)
    yield eng
    eng.dispose()


@dataclass
class Live:
    """A running server."""

    url: str
    app: object


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def live(settings: Settings) -> Iterator[Live]:
    """The whole app served by uvicorn on a loopback port, in a thread."""
    app = create_app(settings)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("test server did not start")
        time.sleep(0.02)
    yield Live(f"http://127.0.0.1:{port}", app)
    server.should_exit = True
    thread.join(timeout=10)
    app.state.engine.dispose()


@pytest.fixture
def db(engine: sa.Engine) -> Iterator[Session]:
    """A session for arranging and checking data; every table is emptied after the test."""
    factory = make_sessionmaker(engine)
    session = factory()
    yield session
    session.close()
    with engine.begin() as conn:
        for table in reversed(Base.metadata.sorted_tables):
            if table.name != "organisations":
                conn.execute(table.delete())
    with unit_of_work(factory) as s:
        ensure_organisations(s)


@dataclass
class Users:
    """Accounts of every role (all with the password ``PASSWORD``)."""

    admin: str = "admin@example.test"
    editor: str = "editor.bergen@example.test"
    editor_stavanger: str = "editor.stavanger@example.test"
    reviewer: str = "reviewer@example.test"
    reader: str = "reader@example.test"


@pytest.fixture
def users(db: Session) -> Users:
    """Create one user of each role."""
    u = Users()
    system = Actor.system()
    for email, role, org in (
        (u.admin, "admin", None),
        (u.editor, "editor", "helse_bergen"),
        (u.editor_stavanger, "editor", "helse_stavanger"),
        (u.reviewer, "reviewer", None),
        (u.reader, "reader", None),
    ):
        auth.create_user(
            db,
            email=email,
            display_name=email.split("@")[0],
            password=PASSWORD,
            role=role,
            organisation_code=org,
            actor=system,
        )
    db.commit()
    return u


CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')


class Browser:
    """An HTTP client with cookies that reads the CSRF token from the last page like a browser."""

    def __init__(self, base_url: str) -> None:
        self.client = httpx.Client(base_url=base_url, follow_redirects=False, timeout=30)
        self.csrf = ""

    def get(self, path: str, **kw: object) -> httpx.Response:
        """GET, remembering the page's CSRF token."""
        response = self.client.get(path, **kw)  # type: ignore[arg-type]
        found = (
            CSRF_RE.search(response.text)
            if "html" in response.headers.get("content-type", "")
            else None
        )
        if found:
            self.csrf = found.group(1)
        return response

    def post(
        self, path: str, data: dict[str, object] | None = None, **kw: object
    ) -> httpx.Response:
        """POST a form with the CSRF token."""
        if not self.csrf:
            self.get("/login")
        payload = {"csrf_token": self.csrf, **(data or {})}
        return self.client.post(path, data=payload, **kw)  # type: ignore[arg-type]

    def login(self, email: str, password: str = PASSWORD) -> httpx.Response:
        """Log in through the form."""
        self.get("/login")
        response = self.post("/login", {"email": email, "password": password})
        assert response.status_code == 303, response.text[:500]
        self.get("/use-cases")
        return response

    def set_language(self, code: str) -> None:
        """Use the language switch."""
        self.client.get(f"/lang/{code}?next=/")


@pytest.fixture
def browser(live: Live, db: Session) -> Iterator[Browser]:
    """A fresh HTTP 'browser' against the live server."""
    b = Browser(live.url)
    yield b
    b.client.close()
