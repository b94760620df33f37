"""Dates and numbers formatted by Babel for the active locale."""

from __future__ import annotations

from datetime import date, datetime

from babel.dates import format_date as _format_date
from babel.dates import format_datetime as _format_datetime
from babel.dates import get_timezone
from babel.numbers import format_decimal as _format_decimal

from tryggki.i18n import get_locale

_OSLO = get_timezone("Europe/Oslo")
_BABEL = {"nn": "nn_NO", "nb": "nb_NO", "en": "en_GB"}


def format_date(value: date | None, fmt: str = "medium") -> str:
    """A date in the active locale, or an empty string."""
    if value is None:
        return ""
    return _format_date(value, format=fmt, locale=_BABEL[get_locale()])


def format_datetime(value: datetime | None, fmt: str = "medium") -> str:
    """A date and time in the active locale (shown in Norwegian time), or an empty string."""
    if value is None:
        return ""
    return _format_datetime(value, format=fmt, tzinfo=_OSLO, locale=_BABEL[get_locale()])


def format_number(value: float | int | None, digits: int = 0) -> str:
    """A number with the active locale's separators, or an empty string."""
    if value is None:
        return ""
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return _format_decimal(value, format=pattern, locale=_BABEL[get_locale()])
