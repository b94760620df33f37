"""The compiled detectors: used when current, never when stale, and finding exactly what the
pure-Python detectors find."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import tryggki.deid
from tryggki.deid import detect_all, native
from tryggki.deid.corpus import parse_inline, read_corpus

from .test_evaluate import VALIDATION

HANDWRITTEN = Path(__file__).parent / "data" / "handwritten_nb_nn.txt"

PURE_FINDINGS = """
import json, sys
import tryggki.deid
from tryggki.deid import detect_all
assert not tryggki.deid.NATIVE
texts = json.load(sys.stdin)
print(json.dumps([[f.start, f.end, f.label, f.confidence, f.detector] for t in texts
                  for f in detect_all(t)]))
"""


def require_native() -> None:
    """Outside CI a machine without a C compiler runs pure Python; in CI the build must exist."""
    if not tryggki.deid.NATIVE:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("the compiled detectors are missing: make setup builds them")
        pytest.skip("the compiled detectors are not built here (make setup builds them)")


def test_the_compiled_detectors_are_loaded_from_the_current_build() -> None:
    require_native()
    names = sys.modules["tryggki.deid.names"]
    assert names.__spec__ is not None
    assert names.__spec__.origin is not None
    assert names.__spec__.origin.endswith(".so")
    assert native.is_current()


def test_the_compiled_and_the_pure_detectors_find_exactly_the_same() -> None:
    require_native()
    texts = [
        doc.text
        for split in ("training", "validation")
        for doc in read_corpus(VALIDATION.with_name(f"{split}.json"))
    ]
    texts += [parse_inline(line).text for line in HANDWRITTEN.read_text("utf-8").splitlines()]
    assert len(texts) > 1000
    compiled = [
        [f.start, f.end, f.label.value, f.confidence, f.detector]
        for t in texts
        for f in detect_all(t)
    ]
    pure = subprocess.run(
        [sys.executable, "-c", PURE_FINDINGS],
        input=json.dumps(texts),
        capture_output=True,
        text=True,
        env={**os.environ, "TRYGGKI_DEID_PURE": "1"},
        check=True,
    )
    assert len(compiled) > 5000
    assert json.loads(pure.stdout) == compiled


@pytest.mark.parametrize("edited", ["names.py", "lexicon.py"])  # compiled, and imported by it
def test_an_edited_source_is_never_shadowed_by_an_old_build(tmp_path: Path, edited: str) -> None:
    package, build = tmp_path / "deid", tmp_path / "deid" / "_native"
    build.mkdir(parents=True)
    for path in native.PACKAGE_DIR.glob("*.py"):
        shutil.copy(path, package / path.name)
    assert not native.is_current(package, build)  # no build at all
    (build / native.STAMP).write_text(native.fingerprint(package) + "\n", encoding="ascii")
    assert native.is_current(package, build)
    source = package / edited
    source.write_text(source.read_text("utf-8") + "\n# an edit\n", encoding="utf-8")
    assert not native.is_current(package, build)


def test_the_pure_detectors_can_be_forced(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRYGGKI_DEID_PURE", "1")
    path: list[str] = []
    assert native.enable(path) is False
    assert path == []
