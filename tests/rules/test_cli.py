"""``tryggki rules``: validate a rulebook, evaluate a worked example's input offline."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from tryggki.rules.loader import PACKAGED_RULEBOOK

FIXTURES = Path(__file__).parent / "fixtures"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tryggki", "--lang", "en", "rules", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_evaluate_prints_the_verdict_tier_and_fired_rules_as_json(tmp_path: Path) -> None:
    example = yaml.safe_load((FIXTURES / "F11.yaml").read_text())
    input_file = tmp_path / "f11.yaml"
    input_file.write_text(yaml.safe_dump(example["input"], allow_unicode=True))
    result = run("evaluate", str(input_file), "--format", "json", "--date", "2026-09-01")
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["verdict"] == "not_allowed" and out["tier"] == "minimal"
    assert {"PUB-01", "GDPR-06", "NOR-01"} <= set(out["fired_rule_ids"])


def test_evaluate_as_text_explains_with_legal_references() -> None:
    result = run("evaluate", str(FIXTURES / "F01.yaml"), "--date", "2026-09-01")
    assert result.returncode == 0, result.stderr
    assert "allowed_with_conditions" in result.stdout and "high_risk_annex_i" in result.stdout
    assert "AIA-20" in result.stdout and "upcoming" in result.stdout


def test_an_unknown_fact_in_a_use_case_file_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("organisation: helse_bergen\nai: {is_ai_sytem: yes}\n")
    result = run("evaluate", str(bad))
    assert result.returncode == 1
    assert "ai.is_ai_sytem" in result.stderr


def test_validate_reports_a_broken_rulebook_with_file_and_line(tmp_path: Path) -> None:
    copy = tmp_path / "book"
    shutil.copytree(PACKAGED_RULEBOOK, copy)
    assert run("validate", str(copy)).returncode == 0
    gdpr = copy / "gdpr.yaml"
    gdpr.write_text(gdpr.read_text().replace("fact: derived.transfer", "fact: derived.transfr", 1))
    result = run("validate", str(copy))
    assert result.returncode == 1
    assert "gdpr.yaml:" in result.stderr and "[GDPR-11]" in result.stderr
    assert "unknown fact 'derived.transfr'" in result.stderr
