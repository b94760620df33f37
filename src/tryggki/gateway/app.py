"""Assembly of the gateway's ASGI application (Starlette: small and fast on the hot path).

``create_gateway(settings)`` builds it; ``tryggki gateway`` serves it with uvicorn. The policy
comes from the database row the web app publishes, read on a timer in a worker thread; call
records go back in batches. Tests may pass their own policy loader and call writer.
"""

from __future__ import annotations

import asyncio
import gc
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from functools import partial
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from tryggki.config import Settings
from tryggki.db.session import make_engine
from tryggki.deid import detect
from tryggki.gateway import logfilter, store
from tryggki.gateway.calls import Call, Services
from tryggki.gateway.chat import chat_completions
from tryggki.gateway.conversations import ConversationStore
from tryggki.gateway.embeddings import embeddings
from tryggki.gateway.errors import GatewayError
from tryggki.gateway.limits import Budget, Limits
from tryggki.gateway.meter import Meter, Writer
from tryggki.gateway.policy import Loader, PolicyHolder
from tryggki.gateway.shared_limits import SharedLimits
from tryggki.gateway.upstream import Upstreams
from tryggki.i18n import gettext as _
from tryggki.i18n import negotiate, set_locale

log = logging.getLogger("tryggki.gateway")
Handler = Callable[[Call, Request], Awaitable[Response]]


def _endpoint(
    services: Services, name: str, handler: Handler
) -> Callable[..., Awaitable[Response]]:
    default_locale = services.settings.default_locale

    async def run(request: Request) -> Response:
        # Messages in the caller's language when it says one (Accept-Language), else the default.
        set_locale(negotiate(request.headers.get("accept-language")) or default_locale)
        call = Call(services, request, name)
        try:
            return await handler(call, request)
        except GatewayError as exc:
            call.finish(exc.status, exc.outcome)
            return exc.response({"x-request-id": call.request_id})
        except Exception as exc:  # a bug: a clean 500, and the log says only what kind
            log.error("gateway error %s on %s", type(exc).__name__, name)
            call.finish(500, "error")
            err = GatewayError(500, _("The gateway failed."), type="server_error")
            return err.response({"x-request-id": call.request_id})

    return run


async def _models(call: Call, request: Request) -> Response:
    grant = call.authenticate()
    snapshot = call.services.policy.current()
    wanted = request.path_params.get("model")
    data = [
        {"id": m, "object": "model", "created": 0, "owned_by": "tryggki"}
        for m in snapshot.models(grant)
    ]
    if wanted is not None:
        match = next((d for d in data if d["id"] == wanted), None)
        if match is None:
            raise GatewayError(404, _("No such model for this key."), code="model_not_found")
        return JSONResponse(match)
    return JSONResponse({"object": "list", "data": data})


async def _health(request: Request) -> Response:
    ready = request.app.state.services.policy.snapshot is not None
    return JSONResponse({"policy": ready}, status_code=200 if ready else 503)


async def _not_found(request: Request, exc: Exception) -> Response:
    return GatewayError(404, _("No such endpoint."), code="not_found").response()


def _limits(settings: Settings) -> Limits | SharedLimits:
    """Budgets in memory, or in Redis for all processes when a Redis URL is set."""
    key = Budget(settings.gateway_key_requests_per_minute, settings.gateway_key_tokens_per_day)
    org = Budget(settings.gateway_org_requests_per_minute, settings.gateway_org_tokens_per_day)
    local = Limits(key, org, settings.gateway_workers)
    if not settings.gateway_limits_redis_url:
        return local
    url, prefix = str(settings.gateway_limits_redis_url), settings.gateway_limits_redis_prefix
    return SharedLimits(url, fallback=local, prefix=prefix)


def create_gateway(
    settings: Settings,
    *,
    loader: Loader | None = None,
    writer: Writer | None = None,
) -> Starlette:
    """The gateway for ``settings``; by default policy and records live in the database."""
    logfilter.install()
    if loader is None or writer is None:
        engine = make_engine(settings.sqlalchemy_url)

        async def _db_loader() -> dict[str, Any] | None:
            return await asyncio.to_thread(store.read_policy, engine)

        loader = loader or _db_loader
        writer = writer or partial(store.insert_calls, engine)
    services = Services(
        settings=settings,
        policy=PolicyHolder(loader, settings.gateway_policy_refresh_seconds),
        conversations=ConversationStore(
            settings.gateway_conversation_ttl_seconds, settings.gateway_max_conversations
        ),
        limits=_limits(settings),
        meter=Meter(writer),
        upstreams=Upstreams(settings),
    )

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        app.state.loop = asyncio.get_running_loop()  # for operators' tools and tests: flush now
        # Load the word lists now rather than on the first request, then take everything made
        # at start out of the garbage collector's view: a full collection walked the word lists
        # for about 70 ms, a pause every few hundred requests that was the whole p99.
        detect("Warm-up.")
        gc.freeze()
        await services.policy.start()
        services.meter.start()
        try:
            yield
        finally:
            await services.policy.stop()
            await services.meter.stop()
            await services.upstreams.close()
            await services.limits.close()

    routes = [
        Route(
            "/v1/chat/completions", _endpoint(services, "chat", chat_completions), methods=["POST"]
        ),
        Route("/v1/embeddings", _endpoint(services, "embeddings", embeddings), methods=["POST"]),
        Route("/v1/models", _endpoint(services, "models", _models), methods=["GET"]),
        Route("/v1/models/{model:path}", _endpoint(services, "models", _models), methods=["GET"]),
        Route("/healthz", _health, methods=["GET"]),
    ]
    app = Starlette(
        routes=routes,
        lifespan=lifespan,
        exception_handlers={404: _not_found, 405: _not_found},
    )
    app.state.services = services
    return app
