"""Dates and numbers formatted by Babel for the active locale."""

from __future__ import annotations

from datetime import date, datetime
from decimal import ROUND_HALF_EVEN, Decimal
from functools import cache

from babel import Locale
from babel.dates import format_date as _format_date
from babel.dates import format_datetime as _format_datetime
from babel.dates import get_timezone

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


@cache
def _symbols(locale: str) -> tuple[str, str]:
    """The locale's group and decimal symbols, read from Babel once."""
    symbols = Locale.parse(_BABEL[locale]).number_symbols["latn"]
    return symbols["group"], symbols["decimal"]


def format_number(value: float | int | None, digits: int = 0) -> str:
    """A number with the active locale's separators, or an empty string.

    The same text as Babel's ``format_decimal`` with the pattern ``#,##0.0…`` (half-even rounding
    of the number's decimal text), done with ``Decimal`` formatting: Babel's own path costs more
    than the rest of a page that shows thousands of numbers (the portfolio at scale).
    """
    if value is None:
        return ""
    group, decimal = _symbols(get_locale())
    number = Decimal(str(value)).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_EVEN)
    text = format(number, f",.{digits}f")
    return text.replace(",", "\0").replace(".", decimal).replace("\0", group)
