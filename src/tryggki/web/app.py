"""Assembly of the whole ASGI application: HTML pages, the REST API and static files."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from tryggki.access import pages as access_pages
from tryggki.access.publisher import Publisher
from tryggki.api.app import create_api
from tryggki.assessments import pages as assessment_pages
from tryggki.config import Settings
from tryggki.db.session import make_engine, make_sessionmaker
from tryggki.exceptions import DomainError, NotAuthenticated, NotFound
from tryggki.i18n import gettext as _
from tryggki.indicators import pages as indicator_pages
from tryggki.portfolio import focus_pages
from tryggki.portfolio import pages as portfolio_pages
from tryggki.registry import catalogue_pages, exchange_pages, pages
from tryggki.rules import document_pages
from tryggki.rules import pages as rules_pages
from tryggki.rules.loader import load_rulebook
from tryggki.web import account_pages, admin_pages, public_pages
from tryggki.web.deps import csrf_protect
from tryggki.web.middleware import WebMiddleware
from tryggki.web.templating import redirect, render

STATIC_DIR = Path(__file__).parent / "static"


PAGE_ROUTERS = (
    public_pages.router,
    account_pages.router,
    admin_pages.router,
    pages.router,
    catalogue_pages.router,
    exchange_pages.router,
    rules_pages.router,
    document_pages.router,
    assessment_pages.router,
    portfolio_pages.router,
    focus_pages.router,
    indicator_pages.router,
    access_pages.router,
)


def create_app(settings: Settings) -> FastAPI:
    """The application for ``settings``; nothing is read from the environment here."""
    engine = make_engine(settings.sqlalchemy_url)
    factory = make_sessionmaker(engine)
    # Its own engine: the timer's queries stay out of the request pool (and its statement counts).
    publisher_engine = make_engine(settings.sqlalchemy_url)
    publisher = Publisher(make_sessionmaker(publisher_engine), settings.gateway_publish_seconds)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        publisher.start()
        try:
            yield
        finally:
            publisher.stop()
            publisher_engine.dispose()

    app = FastAPI(
        title="Trygg KI", docs_url=None, redoc_url=None, openapi_url=None, lifespan=lifespan
    )
    app.state.settings = settings
    app.state.engine = engine
    app.state.sessionmaker = factory
    # Loaded and compiled once; a broken rulebook stops the start with file, line and rule id.
    app.state.rulebook = load_rulebook()

    for router in PAGE_ROUTERS:
        app.include_router(router, dependencies=[Depends(csrf_protect)])
    app.mount("/api/v1", create_api(settings, app.state.sessionmaker, app.state.rulebook))
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")

    @app.exception_handler(DomainError)
    def _domain_error(request: Request, exc: DomainError) -> Response:
        if isinstance(exc, NotAuthenticated):
            target = request.url.path + ("?" + request.url.query if request.url.query else "")
            return redirect("/login", next=target)
        return _error_page(request, exc.status, exc.message)

    @app.exception_handler(StarletteHTTPException)
    def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = NotFound().message if exc.status_code == 404 else _("The request was refused.")
        return _error_page(request, exc.status_code, message)

    @app.exception_handler(RequestValidationError)
    def _bad_request(request: Request, exc: RequestValidationError) -> Response:
        return _error_page(request, 400, _("The address or the form contains invalid values."))

    app.add_middleware(
        WebMiddleware, default_locale=settings.default_locale, secure_cookies=settings.https
    )
    return app


def _error_page(request: Request, status: int, message: str) -> Response:
    if not hasattr(request.state, "user"):
        request.state.user = None
    if not hasattr(request.state, "csrf_cookie"):
        request.state.csrf_cookie = ""
    return render(request, "error.html", {"status": status, "message": message}, status=status)
