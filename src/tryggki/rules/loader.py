"""Loading a rulebook directory: YAML files validated on load, errors with file, line and rule id.

Layout: ``rulebook.yaml`` (version, title, named dates, themes in evaluation order) and one
``<theme>.yaml`` per theme holding ``rules: [...]``. See ``docs/rulebook.md`` for the format.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from tryggki.rules.conditions import ConditionError, compile_condition
from tryggki.rules.derive import CONDITION_NAMES
from tryggki.rules.facts import CONTROLS
from tryggki.rules.model import RULE_FIELDS, SETTABLE, Case, DatePair, Rule, Rulebook, Theme

PACKAGED_RULEBOOK = Path(__file__).parent / "rulebook"
RULE_ID = re.compile(r"^[A-Z]{2,6}-\d{2}[A-Z]?$")
RULE_KEYS = {"id", *RULE_FIELDS, "when", "effect", "controls", "blocking", "sets", "__line__"}
CASE_KEYS = {"when", "effect", "controls", "blocking", "sets", "__line__"}
EFFECTS = ("block", "condition", "info", "review")
LOCALES = ("nn", "nb", "en")


class RulebookError(ValueError):
    """A rulebook that cannot be used; the message names the file, line and rule."""

    def __init__(self, file: str, line: int | None, rule_id: str | None, message: str) -> None:
        where = file + (f":{line}" if line else "") + (f" [{rule_id}]" if rule_id else "")
        self.file, self.line, self.rule_id, self.detail = file, line, rule_id, message
        super().__init__(f"{where}: {message}")


class _LineLoader(yaml.SafeLoader):
    """A safe loader that records the line of every mapping as ``__line__``."""


def _mapping_with_line(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    mapping = loader.construct_mapping(node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping  # type: ignore[return-value]


_LineLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
    _mapping_with_line,
)


def _read(path: Path) -> Any:
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise RulebookError(
            path.name,
            mark.line + 1 if mark else None,
            None,
            f"not valid YAML: {getattr(exc, 'problem', exc)}",
        ) from exc
    except OSError as exc:
        raise RulebookError(path.name, None, None, f"cannot be read: {exc.strerror}") from exc


def _text(
    value: Any, what: str, file: str, line: int | None, rule_id: str | None
) -> dict[str, str]:
    if not isinstance(value, dict) or any(
        not isinstance(value.get(k), str) or not value[k].strip() for k in LOCALES
    ):
        raise RulebookError(
            file, line, rule_id, f"'{what}' needs non-empty texts for nn, nb and en"
        )
    return {k: value[k].strip() for k in LOCALES}


def _dates(raw: Any, file: str) -> dict[str, DatePair]:
    if not isinstance(raw, dict):
        raise RulebookError(file, None, None, "'dates' must map names to {base, omnibus}")
    pairs = {}
    for name, value in raw.items():
        if name == "__line__":
            continue
        if not isinstance(value, dict) or not set(value) - {"__line__"} <= {"base", "omnibus"}:
            raise RulebookError(
                file, _line(value), None, f"date '{name}' needs base and/or omnibus"
            )
        base, omni = value.get("base"), value.get("omnibus")
        if not all(v is None or isinstance(v, date) for v in (base, omni)):
            raise RulebookError(file, _line(value), None, f"date '{name}' must be YYYY-MM-DD")
        pairs[name] = DatePair(base=base, omnibus=omni)
    return pairs


def _without_lines(node: Any) -> Any:
    """A loaded YAML node without the ``__line__`` bookkeeping."""
    if isinstance(node, dict):
        return {k: _without_lines(v) for k, v in node.items() if k != "__line__"}
    if isinstance(node, list):
        return [_without_lines(v) for v in node]
    return node


def _line(node: Any) -> int | None:
    return node.get("__line__") if isinstance(node, dict) else None


def _sets(raw: Any, file: str, line: int | None, rule_id: str) -> dict[str, Any]:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise RulebookError(file, line, rule_id, "'sets' must be a mapping")
    out: dict[str, Any] = {}
    for key, value in raw.items():
        if key == "__line__":
            continue
        if key not in SETTABLE:
            raise RulebookError(file, line, rule_id, f"'sets' cannot set '{key}'")
        for v in value if isinstance(value, list) else [value]:
            if v not in SETTABLE[key]:
                raise RulebookError(file, line, rule_id, f"'{key}' cannot be {v!r}")
        out[key] = value
    return out


def _case(raw: dict[str, Any], file: str, rule_id: str) -> Case:
    line = _line(raw)
    unknown = set(raw) - CASE_KEYS
    if unknown:
        raise RulebookError(file, line, rule_id, f"unknown key '{sorted(unknown)[0]}' in a case")
    if raw.get("effect") not in EFFECTS:
        raise RulebookError(file, line, rule_id, f"'effect' must be one of {', '.join(EFFECTS)}")
    controls = raw.get("controls") or []
    if not isinstance(controls, list) or any(c not in CONTROLS for c in controls):
        bad = (
            next((c for c in controls if c not in CONTROLS), controls)
            if isinstance(controls, list)
            else controls
        )
        raise RulebookError(file, line, rule_id, f"unknown control {bad!r}")
    if raw["effect"] == "condition" and not controls:
        raise RulebookError(file, line, rule_id, "a condition must name the controls that meet it")
    if "when" not in raw:
        raise RulebookError(file, line, rule_id, "missing 'when'")
    try:
        predicate = compile_condition(raw["when"], CONDITION_NAMES)
    except ConditionError as exc:
        raise RulebookError(file, exc.line or line, rule_id, exc.message) from exc
    return Case(
        when=predicate,
        effect=raw["effect"],
        controls=tuple(controls),
        blocking=bool(raw.get("blocking", False)),
        sets=_sets(raw.get("sets"), file, line, rule_id),
        source=_without_lines(raw["when"]),
    )


def _cases(raw: dict[str, Any], file: str, line: int | None, rule_id: str) -> list[Any]:
    """A rule's cases: the ``cases`` list, or the single when/effect given on the rule."""
    cases = raw.get("cases")
    if cases is None:
        return [{k: raw[k] for k in CASE_KEYS if k in raw}]
    if any(k in raw for k in ("when", "effect", "controls", "sets")):
        raise RulebookError(file, line, rule_id, "give either 'cases' or a single when/effect")
    if not isinstance(cases, list) or not cases:
        raise RulebookError(file, line, rule_id, "'cases' must be a non-empty list")
    return cases


def _rule(raw: Any, theme: str, file: str, dates: dict[str, DatePair]) -> Rule:
    if not isinstance(raw, dict):
        raise RulebookError(file, None, None, "each rule must be a mapping")
    line = _line(raw)
    rule_id = raw.get("id")
    if not isinstance(rule_id, str) or not RULE_ID.match(rule_id):
        raise RulebookError(file, line, None, f"bad or missing rule id {rule_id!r} (e.g. GDPR-08)")
    unknown = set(raw) - RULE_KEYS
    if unknown:
        raise RulebookError(file, line, rule_id, f"unknown key '{sorted(unknown)[0]}'")
    cases_raw = _cases(raw, file, line, rule_id)
    applies_from = raw.get("applies_from")
    if isinstance(applies_from, date):
        applies_from = applies_from.isoformat()
    elif applies_from is not None and applies_from not in dates:
        raise RulebookError(file, line, rule_id, f"unknown date name {applies_from!r}")
    applies_to = raw.get("applies_to")
    if applies_to is not None and not isinstance(applies_to, date):
        raise RulebookError(file, line, rule_id, "'applies_to' must be YYYY-MM-DD")
    legal_ref = raw.get("legal_ref")
    if not isinstance(legal_ref, str) or not legal_ref.strip():
        raise RulebookError(file, line, rule_id, "missing 'legal_ref'")
    return Rule(
        id=rule_id,
        theme=theme,
        title=_text(raw.get("title"), "title", file, line, rule_id),
        explanation=_text(raw.get("explanation"), "explanation", file, line, rule_id),
        legal_ref=legal_ref.strip(),
        source_url=raw.get("source_url"),
        applies_from=applies_from,
        applies_to=applies_to,
        legal_review=bool(raw.get("legal_review", False)),
        cases=tuple(_case(c if isinstance(c, dict) else {}, file, rule_id) for c in cases_raw),
        file=file,
        line=line or 0,
    )


def load_rulebook(directory: Path = PACKAGED_RULEBOOK) -> Rulebook:
    """Load and validate a rulebook directory; RulebookError says precisely what is wrong."""
    manifest_path = directory / "rulebook.yaml"
    manifest = _read(manifest_path)
    if not isinstance(manifest, dict) or not isinstance(manifest.get("version"), str):
        raise RulebookError("rulebook.yaml", None, None, "needs a 'version' string")
    dates = _dates(manifest.get("dates"), "rulebook.yaml")
    themes: list[Theme] = []
    rules: list[Rule] = []
    digest = hashlib.sha256(manifest_path.read_bytes())
    for raw_theme in manifest.get("themes") or []:
        theme = Theme(
            id=str(raw_theme.get("id")),
            title=_text(raw_theme.get("title"), "title", "rulebook.yaml", _line(raw_theme), None),
        )
        themes.append(theme)
        path = directory / f"{theme.id}.yaml"
        content = _read(path)
        digest.update(path.read_bytes())
        if not isinstance(content, dict) or not isinstance(content.get("rules"), list):
            raise RulebookError(path.name, None, None, "needs a list under 'rules'")
        rules.extend(_rule(r, theme.id, path.name, dates) for r in content["rules"])
    seen: dict[str, Rule] = {}
    for rule in rules:
        if rule.id in seen:
            raise RulebookError(
                rule.file,
                rule.line,
                rule.id,
                f"duplicate id (also in {seen[rule.id].file}:{seen[rule.id].line})",
            )
        seen[rule.id] = rule
    if not rules:
        raise RulebookError("rulebook.yaml", None, None, "the rulebook has no rules")
    return Rulebook(
        version=manifest["version"],
        title=_text(manifest.get("title"), "title", "rulebook.yaml", None, None),
        themes=tuple(themes),
        rules=tuple(rules),
        dates=dates,
        fingerprint=digest.hexdigest(),
    )
