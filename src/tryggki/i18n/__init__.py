"""Locale negotiation and translation.

The active locale lives in a ContextVar set once per request or command; ``gettext`` reads it at
call time, so one Jinja environment serves every locale without per-request mutation. Catalogues
are the ``.po`` files next to this module, compiled in memory on first use (no build step).
"""

from __future__ import annotations

import gettext as _gettext
from contextvars import ContextVar
from functools import cache
from io import BytesIO
from pathlib import Path
from typing import Literal

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

Locale = Literal["nn", "nb", "en"]
LOCALES: tuple[Locale, ...] = ("nn", "nb", "en")
DEFAULT_LOCALE: Locale = "nn"
LOCALE_DIR = Path(__file__).parent / "locales"

_current: ContextVar[Locale] = ContextVar("tryggki_locale", default=DEFAULT_LOCALE)


def N_(msgid: str) -> str:
    """Mark a string for extraction; it is translated later with ``gettext``."""
    return msgid


@cache
def translations(locale: Locale) -> _gettext.GNUTranslations:
    """The compiled catalogue of a locale."""
    with (LOCALE_DIR / locale / "LC_MESSAGES" / "messages.po").open("rb") as fh:
        catalog = read_po(fh, locale=locale)
    buf = BytesIO()
    write_mo(buf, catalog)
    buf.seek(0)
    return _gettext.GNUTranslations(buf)


def get_locale() -> Locale:
    """The locale of the current request or command."""
    return _current.get()


def set_locale(locale: Locale) -> None:
    """Make ``locale`` the active one for the current context."""
    _current.set(locale)


def parse_locale(value: str | None) -> Locale | None:
    """A supported locale from a code such as ``nn``, ``nb-NO`` or ``no``; None if unsupported."""
    if not value:
        return None
    code = value.strip().lower().replace("_", "-").split("-")[0]
    if code == "no":
        code = "nb"
    for locale in LOCALES:
        if locale == code:
            return locale
    return None


def negotiate(accept_language: str | None) -> Locale | None:
    """The best supported locale from an Accept-Language header, honouring q-values."""
    if not accept_language:
        return None
    ranked: list[tuple[float, int, Locale]] = []
    for index, part in enumerate(accept_language.split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        locale = parse_locale(tag)
        if locale and quality > 0:
            ranked.append((-quality, index, locale))
    return min(ranked)[2] if ranked else None


def gettext(message: str) -> str:
    """Translate ``message`` into the active locale."""
    return translations(get_locale()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate with plural forms into the active locale."""
    return translations(get_locale()).ngettext(singular, plural, n)
