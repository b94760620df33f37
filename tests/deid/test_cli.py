"""``tryggki deid``: stdin, files, directories, JSON findings, errors and evaluation."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from .test_evaluate import VALIDATION

NOTE = "Pasient Kari Nordmann, fnr 12036112345, tlf 93092261.\n"


def deid(*args: str, stdin: str = "", lang: str = "en") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "LANG": f"{lang}.UTF-8"}
    return subprocess.run(
        [sys.executable, "-m", "tryggki", "deid", *args],
        input=stdin,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_stdin_is_redacted_by_default() -> None:
    result = deid(stdin=NOTE)
    assert result.returncode == 0
    assert result.stdout == "Pasient [PERSON], fnr [ID_NUMBER], tlf [PHONE].\n"


def test_json_reports_offsets_labels_confidence_and_detector() -> None:
    result = deid("--format", "json", stdin=NOTE)
    [doc] = json.loads(result.stdout)["documents"]
    spans = [(NOTE[f["start"] : f["end"]], f["label"]) for f in doc["findings"]]
    assert spans == [
        ("Kari Nordmann", "PERSON"),
        ("12036112345", "ID_NUMBER"),
        ("93092261", "PHONE"),
    ]
    assert all({"confidence", "detector"} <= f.keys() for f in doc["findings"])


def test_a_directory_is_processed_into_an_output_directory(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for i in range(3):
        (src / f"note{i}.txt").write_text(NOTE, encoding="utf-8")
    out = tmp_path / "out"
    result = deid(
        str(src), "--mode", "tokens", "--output-dir", str(out), "--vault", str(tmp_path / "v.json")
    )
    assert result.returncode == 0
    assert (out / "note2.txt").read_text(encoding="utf-8").startswith("Pasient ⟦PERSON_1⟧")
    assert (
        json.loads((tmp_path / "v.json").read_text(encoding="utf-8"))["⟦PERSON_1⟧"]
        == "Kari Nordmann"
    )
    assert "Kari" not in result.stderr and "3 files" in result.stderr


def test_pseudonymise_mode_hides_the_originals() -> None:
    result = deid("--mode", "pseudonymise", stdin=NOTE)
    assert result.returncode == 0
    assert "Kari" not in result.stdout and "12036112345" not in result.stdout


def test_unreadable_input_fails_with_a_translated_message(tmp_path: Path) -> None:
    binary = tmp_path / "Kari_Nordmann.bin"
    binary.write_bytes(b"\xff\xfe\x00Kari")
    result = deid(str(binary), lang="nn")
    assert result.returncode == 1
    assert "er ikkje UTF-8-tekst" in result.stderr
    missing = deid(str(tmp_path / "nope.txt"), lang="nb")
    assert missing.returncode == 1 and "Finner ikke" in missing.stderr


def test_keeping_a_direct_identifier_is_refused() -> None:
    result = deid("--keep", "PERSON", stdin=NOTE)
    assert result.returncode == 1
    assert "Kari" not in result.stderr + result.stdout


def test_evaluate_prints_per_class_scores() -> None:
    result = deid("evaluate", str(VALIDATION), "--show", "2")
    assert result.returncode == 0
    assert "100 documents" in result.stdout
    for label in ("PERSON", "ID_NUMBER", "PHONE", "DATE", "ALL"):
        assert label in result.stdout
    data = json.loads(deid("evaluate", str(VALIDATION), "--format", "json").stdout)
    assert data["overlap"]["ALL"]["recall"] >= 0.95
