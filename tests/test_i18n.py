"""Every visible string is translated in nn, nb and en; locale negotiation works."""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

from tryggki.i18n import LOCALE_DIR, LOCALES, negotiate, set_locale
from tryggki.i18n.formatting import _BABEL, format_number

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


def test_numbers_read_as_babel_writes_them_in_every_locale() -> None:
    rng = random.Random(3)
    values: list[float | int] = [0, -1, 0.05, 0.25, 2.675, -0.04, 1e15, 999.95, 1234.5, -1234.5]
    values += [round(rng.uniform(-1e6, 1e6), rng.randint(0, 4)) for _ in range(2000)]
    values += [rng.randint(-(10**9), 10**9) for _ in range(200)]
    try:
        for locale in ("nn", "nb", "en"):
            set_locale(locale)
            for digits in (0, 1, 2):
                pattern = "#,##0" + ("." + "0" * digits if digits else "")
                for value in values:
                    expected = format_decimal(value, format=pattern, locale=_BABEL[locale])
                    assert format_number(value, digits) == expected, (locale, digits, value)
    finally:
        set_locale("nn")
