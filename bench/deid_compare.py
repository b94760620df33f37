"""Compare the findings of two versions of ``tryggki.deid`` on the same texts.

Run it once per version and compare the two dumps::

    uv run python bench/deid_compare.py dump /tmp/new.json
    PYTHONPATH=/tmp/deid_main/src uv run python bench/deid_compare.py dump /tmp/old.json
    uv run python bench/deid_compare.py diff /tmp/old.json /tmp/new.json

(``git archive main src/tryggki | tar -x -C /tmp/deid_main`` gives the old version.) The texts
are the benchmark notes (training and validation), the whole benchmark text, its 2 KB prompts,
and variants of every note that shake out other code paths: upper case, lower case, line ends
for full stops, and the words in reverse order. Only offsets, class, confidence and detector are
written, never the text, so the dumps hold no identifiers beyond what the corpus has.
"""

from __future__ import annotations

import argparse
import json
import sys
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    d = sub.add_parser("dump")
    d.add_argument("path", type=Path)
    c = sub.add_parser("diff")
    c.add_argument("old", type=Path)
    c.add_argument("new", type=Path)
    args = parser.parse_args()
    if args.command == "dump":
        dump(args.path)
    else:
        sys.exit(diff(args.old, args.new))


if __name__ == "__main__":
    main()
