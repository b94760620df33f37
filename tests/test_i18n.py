"""Every visible string is translated in nn, nb and en; locale negotiation works."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from tryggki.i18n import LOCALE_DIR, LOCALES, negotiate

ROOT = Path(__file__).parents[1]


def _extract(tmp_path: Path) -> set[str]:
    pot = tmp_path / "messages.pot"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "extract",
            "-F",
            str(ROOT / "babel.cfg"),
            "-k",
            "N_",
            "-k",
            "_",
            "-k",
            "gettext",
            "-k",
            "ngettext:1,2",
            "-o",
            str(pot),
            str(ROOT / "src"),
        ],
        check=True,
        capture_output=True,
    )
    with pot.open("rb") as fh:
        return {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(fh) if m.id}


@pytest.mark.parametrize("locale", LOCALES)
def test_catalogue_translates_every_string_in_the_code(locale: str, tmp_path: Path) -> None:
    wanted = _extract(tmp_path)
    with (LOCALE_DIR / locale / "LC_MESSAGES" / "messages.po").open("rb") as fh:
        catalog = read_po(fh)
    translated = {
        (m.id if isinstance(m.id, str) else m.id[0])
        for m in catalog
        if m.id and not m.fuzzy and all(m.string if isinstance(m.string, tuple) else [m.string])
    }
    missing = sorted(wanted - translated)
    assert not missing, f"{len(missing)} untranslated in {locale}: {missing[:10]}"


def test_accept_language_is_negotiated() -> None:
    assert negotiate("nb-NO,nb;q=0.9,en;q=0.8") == "nb"
    assert negotiate("de, en;q=0.5") == "en"
    assert negotiate("no") == "nb"
    assert negotiate("de") is None
