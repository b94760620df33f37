"""Dates: month names (Bokmål and Nynorsk), parsing and shifting that keeps the written format."""

from __future__ import annotations

import re
from datetime import date, timedelta

MONTHS = {
    "januar": 1, "jan": 1, "februar": 2, "feb": 2, "mars": 3, "mar": 3, "april": 4, "apr": 4,
    "mai": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "november": 11, "nov": 11,
    "desember": 12, "des": 12,
}  # fmt: skip
_NAMES = ("januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september",
          "oktober", "november", "desember")  # fmt: skip


def valid_dmy(day: str, month: str, year: str) -> bool:
    """True when the parts read as a calendar date (two- or four-digit year)."""
    try:
        _parse_parts(int(day), int(month), int(year))
    except ValueError:
        return False
    return True


def _parse_parts(day: int, month: int, year: int) -> date:
    if year < 100:
        year += 2000 if year <= 40 else 1900
    return date(year, month, day)


_NUMERIC = re.compile(r"(\d{1,2})([./-])(\d{1,2})\2?([./-]?)(\d{2}|\d{4})?$")
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})$")
_WRITTEN = re.compile(r"(\d{1,2})(\.?[ ]?)([A-Za-zæøåÆØÅ]+)(\.?,?)([ ](\d{4}))?$")
_MONTH_YEAR = re.compile(r"(" + "|".join(_NAMES) + r")(\.?[ ])(\d{4})$", re.IGNORECASE)


def shift(text: str, days: int) -> str | None:
    """The date in ``text`` moved by ``days``, written the same way; None when unreadable."""
    try:
        return _shift(text.strip(), days)
    except (ValueError, OverflowError):
        return None


def _shift(text: str, days: int) -> str | None:
    delta = timedelta(days=days)
    if m := _ISO.match(text):
        d = date(int(m[1]), int(m[2]), int(m[3])) + delta
        return d.isoformat()
    if text.isdigit() and len(text) in (6, 8):
        d = _parse_parts(int(text[:2]), int(text[2:4]), int(text[4:])) + delta
        year = d.year % 100 if len(text) == 6 else d.year
        return f"{d.day:02d}{d.month:02d}{year:0{len(text) - 4}d}"
    if text.isdigit() and len(text) == 4:
        return str((date(int(text), 7, 1) + delta).year)
    if m := _WRITTEN.match(text):
        month = MONTHS.get(m[3].lower())
        if month is None:
            return None
        year = int(m[6]) if m[6] else 2001  # 2001: no leap day, so day and month survive
        d = date(year, month, int(m[1])) + delta
        full = m[3].lower() in _NAMES
        name = _NAMES[d.month - 1] if full else _NAMES[d.month - 1][: len(m[3])]
        if m[3][0].isupper():
            name = name.capitalize()
        return f"{d.day}{m[2]}{name}{m[4]}" + (f" {d.year}" if m[6] else "")
    if text.lower() in _NAMES or _MONTH_YEAR.match(text):
        return _shift_month(text, delta)
    if m := _NUMERIC.match(text):
        return _shift_numeric(m, delta)
    return None


def _shift_month(text: str, delta: timedelta) -> str:
    """A lone month ("mai") or month and year ("mai 2013"): its 15th moved, written the same way."""
    m = _MONTH_YEAR.match(text)
    word, sep, year = (m[1], m[2], int(m[3])) if m else (text, "", 2001)
    d = date(year, _NAMES.index(word.lower()) + 1, 15) + delta
    name = _NAMES[d.month - 1]
    name = name.capitalize() if word[0].isupper() else name
    return f"{name}{sep}{d.year}" if m else name


def _shift_numeric(m: re.Match[str], delta: timedelta) -> str | None:
    day_s, sep, month_s, sep2, year_s = m[1], m[2], m[3], m[4], m[5]
    year = int(year_s) if year_s else 2001
    d = _parse_parts(int(day_s), int(month_s), year) + delta
    day = f"{d.day:0{len(day_s)}d}"
    month = f"{d.month:0{len(month_s)}d}"
    if not year_s:
        return f"{day}{sep}{month}{sep}" if m.group().endswith(sep) else f"{day}{sep}{month}"
    out_year = f"{d.year % 100:02d}" if len(year_s) == 2 else str(d.year)
    return f"{day}{sep}{month}{sep2 or sep}{out_year}"


def parse(text: str) -> date | None:
    """The calendar date in ``text`` when it names a full day (for tests and intervals)."""
    shifted = shift(text, 0)
    if shifted is None:
        return None
    text = text.strip()
    if m := _ISO.match(text):
        return date(int(m[1]), int(m[2]), int(m[3]))
    if (m := _NUMERIC.match(text)) and m[5]:
        return _parse_parts(int(m[1]), int(m[3]), int(m[5]))
    return None


def shift_date(day: date, days: int) -> date:
    """``day`` moved by ``days`` (clamped to the calendar's range)."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return day
