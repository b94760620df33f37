"""The factory uvicorn calls in each worker process: settings from the environment, then the app."""

from __future__ import annotations

from starlette.applications import Starlette

from tryggki.config import Settings
from tryggki.gateway.app import create_gateway


def app() -> Starlette:
    """The gateway for the environment's settings (read when a worker starts, not at import)."""
    return create_gateway(Settings())
