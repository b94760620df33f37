"""Compare the findings of two versions of ``tryggki.deid`` on the same texts.

Run it once per version and compare the two dumps::

    uv run python bench/deid_compare.py dump /tmp/new.json
    PYTHONPATH=/tmp/deid_main/src uv run python bench/deid_compare.py dump /tmp/old.json
    uv run python bench/deid_compare.py diff /tmp/old.json /tmp/new.json
    uv run python bench/deid_compare.py speed /tmp/deid_main/src   # CPU time, both in turn

(``git archive main src/tryggki | tar -x -C /tmp/deid_main`` gives the old version.) ``speed``
loads the old package under another name next to this one and times ``detect_all`` of each in
turn in one process, so load from other work on a shared machine hits both alike. The texts
are the benchmark notes (training and validation), the whole benchmark text, its 2 KB prompts,
and variants of every note that shake out other code paths: upper case, lower case, line ends
for full stops, and the words in reverse order. Only offsets, class, confidence and detector are
written, never the text, so the dumps hold no identifiers beyond what the corpus has.
"""

from __future__ import annotations

import argparse
import importlib
import json
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from deid_bench import corpus_text, prompts

import tryggki.deid
from tryggki.deid import detect_all


def texts() -> list[tuple[str, str]]:
    """Named texts to compare on."""
    whole, notes = corpus_text()
    out = [("whole", whole)]
    out += [(f"prompt{i}", p) for i, p in enumerate(prompts(whole, 10_000))]
    for i, note in enumerate(notes):
        out.append((f"note{i}", note))
        out.append((f"upper{i}", note.upper()))
        out.append((f"lower{i}", note.lower()))
        out.append((f"lines{i}", note.replace(". ", ".\n")))
        out.append((f"reversed{i}", " ".join(reversed(note.split(" ")))))
    return out


def dump(path: Path) -> None:
    """Write every finding of every text."""
    print(f"tryggki.deid from {tryggki.deid.__file__}", file=sys.stderr)
    result = {
        name: [
            [f.start, f.end, f.label.value, round(f.confidence, 4), f.detector]
            for f in detect_all(text)
        ]
        for name, text in texts()
    }
    path.write_text(json.dumps(result), encoding="utf-8")
    count = sum(len(v) for v in result.values())
    print(f"{len(result)} texts, {count} findings -> {path}", file=sys.stderr)


def diff(old_path: Path, new_path: Path) -> int:
    """Print the differences; the exit code is the number of texts that differ (capped)."""
    old = json.loads(old_path.read_text(encoding="utf-8"))
    new = json.loads(new_path.read_text(encoding="utf-8"))
    differ = 0
    findings = 0
    for name in old.keys() | new.keys():
        a = {tuple(f) for f in old.get(name, [])}
        b = {tuple(f) for f in new.get(name, [])}
        findings += len(a)
        if a != b:
            differ += 1
            if differ <= 20:
                print(name, "only old:", sorted(a - b)[:5], "only new:", sorted(b - a)[:5])
    print(f"{len(old)} texts, {findings} findings compared; {differ} texts differ")
    return min(differ, 100)


def speed(old_src: Path, rounds: int) -> None:
    """Best and median CPU time of ``detect_all``, old and new in turn, notes and one text."""
    copy = Path(tempfile.mkdtemp())
    shutil.copytree(old_src / "tryggki" / "deid", copy / "olddeid")
    for path in (copy / "olddeid").rglob("*.py"):
        path.write_text(path.read_text(encoding="utf-8").replace("tryggki.deid", "olddeid"))
    sys.path.insert(0, str(copy))
    old: Callable[[str], object] = importlib.import_module("olddeid").detect_all
    whole, notes = corpus_text()
    size = len(whole.encode()) / 1e6
    for run in (old, detect_all):
        run("Oppvarming: Kari Nordmann 12.03.2020 tlf 93092261.")
    for label, docs in (("notes", notes), ("one text", [whole])):
        times: dict[str, list[float]] = {"old": [], "new": []}
        for _ in range(rounds):
            for name, run in (("old", old), ("new", detect_all)):
                start = time.process_time()
                for doc in docs:
                    run(doc)
                times[name].append(time.process_time() - start)
        best = {k: min(v) for k, v in times.items()}
        median = {k: sorted(v)[len(v) // 2] for k, v in times.items()}
        print(
            f"{label}: old {best['old'] * 1000:.0f} / {median['old'] * 1000:.0f} ms "
            f"({size / best['old']:.2f} MB/s), new {best['new'] * 1000:.0f} / "
            f"{median['new'] * 1000:.0f} ms ({size / best['new']:.2f} MB/s) (best / median); "
            f"{best['old'] / best['new']:.2f}x / {median['old'] / median['new']:.2f}x"
        )
    shutil.rmtree(copy)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    d = sub.add_parser("dump")
    d.add_argument("path", type=Path)
    c = sub.add_parser("diff")
    c.add_argument("old", type=Path)
    c.add_argument("new", type=Path)
    t = sub.add_parser("speed")
    t.add_argument("old_src", type=Path, help="the src/ directory of the old version")
    t.add_argument("--rounds", type=int, default=9)
    args = parser.parse_args()
    if args.command == "dump":
        dump(args.path)
    elif args.command == "speed":
        speed(args.old_src, args.rounds)
    else:
        sys.exit(diff(args.old, args.new))


if __name__ == "__main__":
    main()
