"""The detectors compiled with mypyc, used only when built from exactly the sources beside them.

``scripts/build_deid_native.py`` (run by ``make setup``) compiles ``COMPILED`` into C extension
modules in ``_native/`` and writes the fingerprint of the sources it compiled to
``_native/SOURCES``. ``tryggki.deid`` puts ``_native/`` first on its package path only when that
fingerprint matches the ``.py`` files here, so an edited source is never shadowed by an old build:
the pure-Python modules run instead, with identical findings, at about two thirds of the speed.
``TRYGGKI_DEID_PURE=1`` forces the pure-Python modules.

This module itself stays pure Python: it decides which modules the others are loaded from.
"""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

# The detection core: where nearly all the time of ``detect`` goes. ``model`` stays Python (its
# dataclasses are used everywhere), as do the transformations, the vault and the corpus readers.
COMPILED = (
    "dates",
    "detect",
    "idnumbers",
    "namejoin",
    "names",
    "namewords",
    "numbers",
    "places",
    "textutil",
    "web",
    "words",
)
PACKAGE_DIR = Path(__file__).resolve().parent
NATIVE_DIR = PACKAGE_DIR / "_native"
STAMP = "SOURCES"


def fingerprint(package_dir: Path = PACKAGE_DIR) -> str:
    """A hash of every module of the package and of the interpreter the build is for.

    Not only the compiled modules: mypyc builds the types of the modules they import
    (``lexicon``, ``model``) into its code, so a change there needs a new build too.
    """
    digest = hashlib.sha256(sys.implementation.cache_tag.encode())
    for path in sorted(package_dir.glob("*.py")):
        if path.name != "native.py":
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def is_current(package_dir: Path = PACKAGE_DIR, native_dir: Path = NATIVE_DIR) -> bool:
    """True when ``native_dir`` holds a build of exactly the sources in ``package_dir``."""
    try:
        stamp = (native_dir / STAMP).read_text(encoding="ascii").strip()
    except OSError:
        return False
    return stamp == fingerprint(package_dir)


def enable(package_path: list[str]) -> bool:
    """Put the compiled modules first on ``package_path`` when they are current; True if so."""
    if os.environ.get("TRYGGKI_DEID_PURE", "") not in ("", "0"):
        return False
    if not is_current():
        return False
    package_path.insert(0, str(NATIVE_DIR))
    return True
