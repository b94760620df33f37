"""A broken rulebook is refused with file, line and rule id; never a crash or a silent pass."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tryggki.rules.loader import PACKAGED_RULEBOOK, RulebookError, load_rulebook

MANIFEST = """version: "9.9.9"
title: {nn: T, nb: T, en: T}
dates: {later: {base: 2030-01-01}}
themes:
  - id: only
    title: {nn: T, nb: T, en: T}
"""
GOOD_RULE = """rules:
  - id: TEST-01
    title: {nn: Tittel, nb: Tittel, en: Title}
    explanation: {nn: Forklaring, nb: Forklaring, en: Explanation}
    legal_ref: "Lov § 1"
    when: {fact: ai.is_ai_system, eq: "yes"}
    effect: condition
    controls: [training_delivered]
"""


def _book(tmp_path: Path, rules: str) -> Path:
    (tmp_path / "rulebook.yaml").write_text(MANIFEST)
    (tmp_path / "only.yaml").write_text(rules)
    return tmp_path


def test_a_valid_small_rulebook_loads(tmp_path: Path) -> None:
    rulebook = load_rulebook(_book(tmp_path, GOOD_RULE))
    assert rulebook.version == "9.9.9" and [r.id for r in rulebook.rules] == ["TEST-01"]


@pytest.mark.parametrize(
    ("broken", "line", "message"),
    [
        (
            GOOD_RULE.replace("ai.is_ai_system", "ai.is_a_system"),
            6,
            "unknown fact 'ai.is_a_system'",
        ),
        (GOOD_RULE.replace('eq: "yes"', "eq: maybe"), 6, "cannot be 'maybe'"),
        (GOOD_RULE.replace("effect: condition", "effect: forbid"), 2, "'effect' must be one of"),
        (GOOD_RULE.replace("training_delivered", "prayer"), 2, "unknown control 'prayer'"),
        (
            GOOD_RULE.replace("{nn: Tittel, nb: Tittel, en: Title}", "{nn: Tittel, en: Title}"),
            2,
            "'title' needs non-empty texts for nn, nb and en",
        ),
        (GOOD_RULE.replace("eq:", "equals:"), 6, "unknown operator 'equals'"),
        (GOOD_RULE.replace('    legal_ref: "Lov § 1"\n', ""), 2, "missing 'legal_ref'"),
        (GOOD_RULE + "    applies_from: someday\n", 2, "unknown date name 'someday'"),
        (
            GOOD_RULE.replace(
                '{fact: ai.is_ai_system, eq: "yes"}',
                "{fact: data.categories, contains: health, extra: 1}",
            ),
            6,
            "unknown condition",
        ),
        (
            GOOD_RULE.replace(
                '{fact: ai.is_ai_system, eq: "yes"}', "{fact: organisation, contains: helse_bergen}"
            ),
            6,
            "needs a list fact",
        ),
    ],
)
def test_broken_rules_are_refused_with_file_line_and_rule(
    tmp_path: Path, broken: str, line: int, message: str
) -> None:
    with pytest.raises(RulebookError) as caught:
        load_rulebook(_book(tmp_path, broken))
    error = caught.value
    assert (error.file, error.line, error.rule_id) == ("only.yaml", line, "TEST-01")
    assert message in error.detail
    assert str(error).startswith(f"only.yaml:{line} [TEST-01]: ")


def test_yaml_syntax_errors_and_duplicates_name_the_place(tmp_path: Path) -> None:
    with pytest.raises(RulebookError) as caught:
        load_rulebook(_book(tmp_path, GOOD_RULE + "  - id: [unclosed\n"))
    assert caught.value.file == "only.yaml" and caught.value.line == 10
    with pytest.raises(RulebookError) as dup:
        load_rulebook(_book(tmp_path, GOOD_RULE + GOOD_RULE.replace("rules:\n", "")))
    assert dup.value.rule_id == "TEST-01" and "duplicate id" in dup.value.detail


def test_a_changed_rule_file_changes_the_fingerprint(tmp_path: Path) -> None:
    copy = tmp_path / "book"
    shutil.copytree(PACKAGED_RULEBOOK, copy)
    before = load_rulebook(copy).fingerprint
    first = sorted(copy.glob("*.yaml"))[0]
    first.write_text(first.read_text() + "\n# a comment is a change too\n")
    assert load_rulebook(copy).fingerprint != before
