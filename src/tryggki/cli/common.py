"""Shared CLI plumbing: settings, the unit of work, language, errors and progress."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import NoReturn

import typer
from pydantic import ValidationError
from rich.console import Console
from sqlalchemy.orm import Session

from tryggki.config import Settings
from tryggki.db.session import make_engine, make_sessionmaker, unit_of_work
from tryggki.i18n import negotiate, parse_locale, set_locale

_stderr = Console(stderr=True)


def fail(message: str, code: int = 1) -> NoReturn:
    """Print a message to stderr and exit non-zero."""
    typer.echo(message, err=True)
    raise typer.Exit(code)


def locale_option(value: str | None) -> None:
    """Use ``--lang``, else the environment's LANG, else Nynorsk."""
    locale = parse_locale(value) or negotiate(os.environ.get("LANG", "").split(".")[0])
    set_locale(locale or "nn")


def settings_from_env() -> Settings:
    """Settings from the environment, with a readable error instead of a traceback."""
    try:
        return Settings()
    except ValidationError as exc:
        fail("; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors()))


@contextmanager
def session_scope(settings: Settings) -> Iterator[Session]:
    """One unit of work for a command."""
    engine = make_engine(settings.sqlalchemy_url)
    try:
        with unit_of_work(make_sessionmaker(engine)) as session:
            yield session
    finally:
        engine.dispose()


@contextmanager
def progress(label: str) -> Iterator[None]:
    """A spinner with elapsed time on stderr while a long step runs (only on a terminal)."""
    if not sys.stderr.isatty():
        yield
        return
    with _stderr.status(label + " …"):
        yield
