"""The API application mounted at /api/v1, with OpenAPI docs and problem+json errors."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.orm import Session, sessionmaker
from starlette.exceptions import HTTPException as StarletteHTTPException

from tryggki import __version__
from tryggki.assessments import api as assessments_api
from tryggki.config import Settings
from tryggki.exceptions import DomainError, NotFound
from tryggki.i18n import gettext as _
from tryggki.indicators import api as indicators_api
from tryggki.portfolio import api as portfolio_api
from tryggki.registry import api as registry_api
from tryggki.rules import pages as rules_pages
from tryggki.rules.model import Rulebook
from tryggki.validation import errors_from_list

PROBLEM = "application/problem+json"


def problem(status: int, code: str, detail: str, **extra: object) -> JSONResponse:
    """An RFC 9457 problem document."""
    body = {
        "type": f"urn:tryggki:problem:{code}",
        "title": code,
        "status": status,
        "detail": detail,
        **extra,
    }
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return JSONResponse(body, status_code=status, media_type=PROBLEM, headers=headers)


def create_api(settings: Settings, factory: sessionmaker[Session], rulebook: Rulebook) -> FastAPI:
    """The /api/v1 application sharing the web app's settings and database."""
    api = FastAPI(
        title="Trygg KI API",
        version=__version__,
        description="Registry of AI systems, use cases and benefits in Helse Vest.",
        docs_url="/docs",
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    api.state.settings = settings
    api.state.sessionmaker = factory
    api.state.rulebook = rulebook
    api.include_router(registry_api.router)
    api.include_router(assessments_api.router)
    api.include_router(rules_pages.api_router)
    api.include_router(portfolio_api.router)
    api.include_router(indicators_api.router)

    @api.exception_handler(DomainError)
    def _domain(request: Request, exc: DomainError) -> JSONResponse:
        errors = getattr(exc, "errors", None)
        if isinstance(errors, list):
            errors = [{"where": w, "field": f, "message": m} for w, f, m in errors]
        extra = {"errors": errors} if errors else {}
        return problem(exc.status, exc.code, exc.message, **extra)

    @api.exception_handler(RequestValidationError)
    def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = errors_from_list(exc.errors())
        return problem(422, "validation_failed", _("Some fields need attention."), errors=errors)

    @api.exception_handler(StarletteHTTPException)
    def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        detail = NotFound().message if exc.status_code == 404 else _("The request was refused.")
        return problem(exc.status_code, "http_error", detail)

    return api
