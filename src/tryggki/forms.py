"""Parsing HTML form data into the input schemas, with translated errors."""

from __future__ import annotations

from typing import Any, TypeVar, get_args, get_origin

from pydantic import BaseModel, ValidationError
from starlette.datastructures import FormData

from tryggki.exceptions import ValidationFailed
from tryggki.validation import errors_from

M = TypeVar("M", bound=BaseModel)
CHECKED = frozenset({"on", "true", "1", "yes"})


def _is_list(annotation: Any) -> bool:
    return get_origin(annotation) is list or any(
        get_origin(a) is list for a in get_args(annotation)
    )


def form_values(form: FormData, model: type[BaseModel]) -> dict[str, Any]:
    """The raw values of ``model``'s fields: lists from repeated fields, checkboxes as booleans."""
    values: dict[str, Any] = {}
    for name, field in model.model_fields.items():
        if _is_list(field.annotation):
            values[name] = [v for v in form.getlist(name) if isinstance(v, str) and v.strip()]
        elif field.annotation is bool:
            values[name] = str(form.get(name, "")).lower() in CHECKED
        elif name in form:
            raw = form.get(name)
            values[name] = raw if isinstance(raw, str) else None
    return values


def parse_form(model: type[M], values: dict[str, Any]) -> M:
    """Validate ``values`` against ``model``; ValidationFailed carries field → message."""
    try:
        return model.model_validate(values)
    except ValidationError as exc:
        raise ValidationFailed(errors_from(exc)) from exc
