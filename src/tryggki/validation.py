"""Pydantic validation errors as field → message maps in the user's language."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pydantic import ValidationError
from pydantic_core import PydanticCustomError

from tryggki.i18n import gettext as _


def invalid(message: str, field: str | None = None) -> PydanticCustomError:
    """An error from a validator, shown as is; a model-level check names the field it is about."""
    return PydanticCustomError("tryggki", message, {"field": field} if field else None)


def _message(error: Any) -> str:
    kind: str = error["type"]
    ctx: dict[str, Any] = error.get("ctx") or {}
    if kind == "tryggki":
        return str(error["msg"])
    if kind == "missing" or (kind == "string_too_short" and ctx.get("min_length") == 1):
        return _("This field is required.")
    if kind == "string_too_short":
        return _("Too short: write at least %(n)s characters.") % {"n": ctx.get("min_length")}
    if kind == "string_too_long":
        return _("Too long: write at most %(n)s characters.") % {"n": ctx.get("max_length")}
    if kind in ("enum", "literal_error"):
        return _("Choose one of the listed values.")
    if kind.startswith(("int_", "float_")) or kind in ("decimal_parsing", "finite_number"):
        return _("Enter a number.")
    if kind in ("greater_than_equal", "greater_than"):
        limit = ctx.get("ge", ctx.get("gt"))
        return _("The number must be at least %(n)s.") % {"n": limit}
    if kind in ("less_than_equal", "less_than"):
        limit = ctx.get("le", ctx.get("lt"))
        return _("The number must be at most %(n)s.") % {"n": limit}
    if kind.startswith(("date_", "datetime_")):
        return _("Enter a date as YYYY-MM-DD.")
    if kind.startswith("bool"):
        return _("Enter yes or no.")
    if kind == "uuid_parsing" or kind == "uuid_type":
        return _("Enter a valid identifier.")
    if kind == "extra_forbidden":
        return _("Unknown field.")
    if kind.startswith(("list_", "too_")):
        return _("Enter a list of values.")
    if kind == "string_pattern_mismatch":
        return _("The value has the wrong format.")
    return _("The value is not valid.")


def errors_from(exc: ValidationError, prefix: str = "") -> dict[str, str]:
    """Field path → translated message; the first error per field wins."""
    return errors_from_list(exc.errors(), prefix)


def errors_from_list(raw: Sequence[Any], prefix: str = "") -> dict[str, str]:
    """Like ``errors_from`` for an already extracted error list (FastAPI's request errors)."""
    errors: dict[str, str] = {}
    for error in raw:
        loc = [str(part) for part in error["loc"]]
        if loc[:1] == ["body"]:
            loc = loc[1:]
        field = (error.get("ctx") or {}).get("field")
        path = ".".join([*loc, field] if field else loc) or "__root__"
        errors.setdefault(prefix + path, _message(error))
    return errors
