"""Compile the detection core of ``tryggki.deid`` with mypyc (run by ``make setup``).

Writes the C extension modules and the fingerprint of the package's sources to
``src/tryggki/deid/_native/`` (not in git; see ``tryggki.deid.native``). Does nothing when that
build is current, so it costs a fraction of a second on every ``make`` and about 15 seconds of
compiling after a change to ``tryggki.deid``.

A machine without a C compiler still runs everything, in pure Python. So a failed build is a
warning, except in CI (``CI=true``) and with ``--strict``, where it is an error: there the tests
must see the compiled modules, as a deployment from a checkout (``make run``) does. A wheel
built with hatchling leaves the untracked ``_native/`` out and runs in pure Python.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
sys.path.insert(0, str(SRC))

# Import the loader directly, not the package: ``tryggki.deid`` would load the detectors.
from tryggki.deid import native  # noqa: E402


def build() -> None:
    """Compile ``native.COMPILED`` into a fresh ``_native`` directory, then write the stamp."""
    from mypyc.build import mypycify
    from setuptools import Distribution

    fingerprint = native.fingerprint()
    with tempfile.TemporaryDirectory(prefix="tryggki-mypyc-") as tmp:
        work = Path(tmp)
        cwd = Path.cwd()
        os.chdir(SRC)  # mypyc names the modules after their paths: tryggki/deid/names.py
        try:
            extensions = mypycify(
                [f"tryggki/deid/{name}.py" for name in native.COMPILED],
                opt_level="3",
                group_name="tryggki.deid.native",
                target_dir=str(work / "c"),
                verbose=False,
            )
            dist = Distribution({"name": "tryggki-deid-native", "ext_modules": extensions})
            command = dist.get_command_obj("build_ext")
            command.build_lib = str(work / "lib")  # type: ignore[attr-defined]
            command.build_temp = str(work / "tmp")  # type: ignore[attr-defined]
            command.parallel = os.cpu_count() or 1  # type: ignore[attr-defined]
            dist.run_command("build_ext")
        finally:
            os.chdir(cwd)
        built = sorted((work / "lib" / "tryggki" / "deid").glob("*.so"))
        if len(built) != len(native.COMPILED) + 1:  # one per module and the shared runtime
            raise RuntimeError(
                f"mypyc built {len(built)} modules, expected {len(native.COMPILED) + 1}"
            )
        staging = native.NATIVE_DIR.with_name("_native.new")
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir()
        for path in built:
            shutil.copy2(path, staging / path.name)
        (staging / native.STAMP).write_text(fingerprint + "\n", encoding="ascii")
    shutil.rmtree(native.NATIVE_DIR, ignore_errors=True)
    staging.rename(native.NATIVE_DIR)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--strict", action="store_true", help="fail when the build fails")
    parser.add_argument("--force", action="store_true", help="rebuild even when current")
    args = parser.parse_args()
    strict = args.strict or os.environ.get("CI", "").lower() == "true"
    if native.is_current() and not args.force:
        return 0
    print("deid: compiling the detectors with mypyc …", flush=True)
    try:
        build()
    except Exception as exc:  # any failure leaves the pure-Python detectors in use
        print(f"deid: the compiled detectors could not be built ({exc});", file=sys.stderr)
        if strict:
            return 1
        print("deid: running the detectors in pure Python instead (slower).", file=sys.stderr)
        return 0
    print(f"deid: compiled {len(native.COMPILED)} modules into {native.NATIVE_DIR}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
