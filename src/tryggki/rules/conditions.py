"""The condition language of the rulebook: structured YAML, compiled once into predicates.

A condition is one of::

    {all: [COND, ...]}            every one holds
    {any: [COND, ...]}            at least one holds
    {not: COND}                   it does not hold
    {fact: NAME, OP: VALUE}       a test of one fact

with OP one of ``eq``, ``ne``, ``in`` (the fact is one of a list), ``not_in``, ``contains`` (a list
fact holds the value), ``contains_any``, ``contains_none``, ``only`` (a list fact holds nothing
outside the given values), ``gte``, ``lte`` and ``is_set`` (true/false). NAME is a fact of the
schema (``ai.is_ai_system``), a derived fact (``derived.health``) or a conclusion drawn by an
earlier rule (``conclusion.tier``). Names and values are checked when the rulebook is loaded, so
a misspelt fact or code is refused there; nothing is ever passed to ``eval``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from enum import Enum
from types import UnionType
from typing import Annotated, Any, Literal, Union, get_args, get_origin

Predicate = Callable[[Mapping[str, Any]], bool]
OPS = (
    "eq",
    "ne",
    "in",
    "not_in",
    "contains",
    "contains_any",
    "contains_none",
    "only",
    "gte",
    "lte",
    "is_set",
)
LIST_OPS = ("contains", "contains_any", "contains_none", "only")


class ConditionError(ValueError):
    """A condition that cannot be compiled; ``line`` points into the rule file when known."""

    def __init__(self, message: str, line: int | None = None) -> None:
        self.message = message
        self.line = line
        super().__init__(message)


def allowed_values(annotation: Any) -> tuple[set[Any] | None, bool]:
    """The codes a fact may take (None: any value) and whether the fact is a list."""
    origin = get_origin(annotation)
    if origin is Annotated:
        return allowed_values(get_args(annotation)[0])
    if origin is list:
        inner, _ = allowed_values(get_args(annotation)[0])
        return inner, True
    if origin in (Union, UnionType):
        codes: set[Any] = set()
        is_list = False
        for arg in get_args(annotation):
            if arg is type(None):
                continue
            sub, sub_list = allowed_values(arg)
            if sub is None:
                return None, sub_list
            codes |= sub
            is_list = is_list or sub_list
        return codes, is_list
    if origin is Literal:
        return set(get_args(annotation)), False
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return {m.value for m in annotation}, False
    if annotation is bool:
        return {True, False}, False
    return None, False


def _line(node: Any) -> int | None:
    return node.get("__line__") if isinstance(node, dict) else None


def compile_condition(node: Any, facts: Mapping[str, Any]) -> Predicate:
    """Compile a condition against the known fact names (name → annotation)."""
    if not isinstance(node, dict):
        raise ConditionError("a condition must be a mapping such as {fact: ..., eq: ...}")
    keys = [k for k in node if k != "__line__"]
    line = _line(node)
    if keys == ["all"] or keys == ["any"]:
        parts = node[keys[0]]
        if not isinstance(parts, list) or not parts:
            raise ConditionError(f"'{keys[0]}' needs a non-empty list of conditions", line)
        compiled = [compile_condition(p, facts) for p in parts]
        if keys[0] == "all":
            return lambda f: all(p(f) for p in compiled)
        return lambda f: any(p(f) for p in compiled)
    if keys == ["not"]:
        inner = compile_condition(node["not"], facts)
        return lambda f: not inner(f)
    if "fact" in keys and len(keys) == 2:
        op = next(k for k in keys if k != "fact")
        return _compile_test(str(node["fact"]), op, node[op], facts, line)
    ops = ", ".join(OPS)
    raise ConditionError(
        f"unknown condition {sorted(keys)}: use all, any, not or fact + {ops}", line
    )


def _compile_test(
    name: str, op: str, value: Any, facts: Mapping[str, Any], line: int | None
) -> Predicate:
    if name not in facts:
        raise ConditionError(f"unknown fact '{name}'", line)
    if op not in OPS:
        raise ConditionError(f"unknown operator '{op}' (use one of {', '.join(OPS)})", line)
    _check_shape(name, op, value, facts[name], line)
    return _test(name, op, value)


def _check_shape(name: str, op: str, value: Any, annotation: Any, line: int | None) -> None:
    """Refuse a value the fact can never take, or an operator that does not fit the fact."""
    codes, is_list = allowed_values(annotation)
    values = value if isinstance(value, list) else [value]
    if op in ("in", "not_in", *LIST_OPS[1:]) and not isinstance(value, list):
        raise ConditionError(f"'{op}' needs a list of values", line)
    if op in LIST_OPS and not is_list:
        raise ConditionError(f"'{op}' needs a list fact, and '{name}' is not one", line)
    if op == "is_set":
        if not isinstance(value, bool):
            raise ConditionError("'is_set' takes true or false", line)
    elif op in ("gte", "lte"):
        if not isinstance(value, (int, float, date)) or isinstance(value, bool):
            raise ConditionError(f"'{op}' needs a number or a date", line)
    elif codes is not None:
        wrong = [v for v in values if v not in codes]
        if wrong:
            allowed = ", ".join(sorted(str(c) for c in codes))
            raise ConditionError(f"'{name}' cannot be {wrong[0]!r}; allowed: {allowed}", line)


def _test(name: str, op: str, value: Any) -> Predicate:  # noqa: C901 - one small branch per operator
    if op == "eq":
        return lambda f: f.get(name) == value
    if op == "ne":
        return lambda f: f.get(name) != value
    if op == "in":
        allowed = frozenset(value)
        return lambda f: f.get(name) in allowed
    if op == "not_in":
        excluded = frozenset(value)
        return lambda f: f.get(name) not in excluded
    if op == "contains":
        return lambda f: value in (f.get(name) or ())
    wanted = frozenset(value) if isinstance(value, list) else frozenset()
    if op == "contains_any":
        return lambda f: not wanted.isdisjoint(f.get(name) or ())
    if op == "contains_none":
        return lambda f: wanted.isdisjoint(f.get(name) or ())
    if op == "only":
        return lambda f: set(f.get(name) or ()) <= wanted
    if op == "gte":
        return lambda f: f.get(name) is not None and f[name] >= value
    if op == "lte":
        return lambda f: f.get(name) is not None and f[name] <= value
    return lambda f: (f.get(name) not in (None, [], "")) is value
