"""Pydantic validation errors as field → message maps in the user's language."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pydantic import ValidationError
from pydantic_core import PydanticCustomError

from tryggki.i18n import N_
from tryggki.i18n import gettext as _


def invalid(message: str, field: str | None = None) -> PydanticCustomError:
    """An error from a validator, shown as is; a model-level check names the field it is about."""
    return PydanticCustomError("tryggki", message, {"field": field} if field else None)


# Pydantic error types (by prefix) → message; first match wins. Limits come from the error context.
_MESSAGES: tuple[tuple[tuple[str, ...], str], ...] = (
    (("missing",), N_("This field is required.")),
    (("string_too_short",), N_("Too short: write at least %(min_length)s characters.")),
    (("string_too_long",), N_("Too long: write at most %(max_length)s characters.")),
    (("enum", "literal_error"), N_("Choose one of the listed values.")),
    (("int_", "float_", "decimal_", "finite_number"), N_("Enter a number.")),
    (("greater_than",), N_("The number must be at least %(limit)s.")),
    (("less_than",), N_("The number must be at most %(limit)s.")),
    (("date_", "datetime_"), N_("Enter a date as YYYY-MM-DD.")),
    (("bool",), N_("Enter yes or no.")),
    (("uuid_",), N_("Enter a valid identifier.")),
    (("extra_forbidden",), N_("Unknown field.")),
    (("list_", "too_"), N_("Enter a list of values.")),
    (("string_pattern_mismatch",), N_("The value has the wrong format.")),
)


def _message(error: Any) -> str:
    kind: str = error["type"]
    ctx: dict[str, Any] = error.get("ctx") or {}
    if kind == "tryggki":
        return str(error["msg"])
    # Blank form fields arrive as None: "required" says more than "not a valid string".
    if error.get("input", "") is None or (kind == "string_too_short" and ctx["min_length"] == 1):
        kind = "missing"
    limit = ctx.get("ge", ctx.get("gt", ctx.get("le", ctx.get("lt"))))
    for prefixes, message in _MESSAGES:
        if kind.startswith(prefixes):
            return _(message) % {**ctx, "limit": limit}
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
