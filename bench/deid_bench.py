"""Speed of ``tryggki.deid`` next to Microsoft Presidio (pattern recognisers only), same text.

Run: ``uv run python bench/deid_bench.py`` (options: ``--repeat``, ``--prompts``). The text is
the Nor-DeID-SynthData training and validation notes from ``../shared/data`` with their tags
removed (about 0.8 MB of dense synthetic clinical Bokmål). Everything runs in this one process,
so every figure is for one core; times are the process's CPU time (``time.process_time``), which
on an idle core equals wall time and stays honest on a shared, busy machine.

Presidio is configured without any model: a ``NoOpNlpEngine`` and a registry holding only
``PatternRecognizer``s with Norwegian patterns comparable to ours (Presidio ships none for
Norway). It is the fastest Presidio set-up that can run offline; context words in the text do
not change its scores.
"""

from __future__ import annotations

import argparse
import json
import logging
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import tryggki.deid
from tryggki.deid import detect_all
from tryggki.deid.corpus import parse_inline

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "nor-deid-synthdata"
PROMPT_CHARS = 2048

# Norwegian patterns for Presidio, one recogniser per class (names by title or capitalisation).
PRESIDIO_PATTERNS: dict[str, list[tuple[str, str]]] = {
    "NO_FNR": [("fnr", r"\b\d{6}[ -]?\d{5}\b")],
    "PHONE_NUMBER": [
        ("intl", r"(?:\+|\b00)47[ ]?(?:\d{2}[ ]?){3}\d{2}\b"),
        ("grouped", r"\b\d{2} \d{2} \d{2} \d{2}\b"),
        ("plain", r"\b[2-9]\d{7}\b"),
    ],
    "DATE_TIME": [
        ("numeric", r"\b\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})\b"),
        ("iso", r"\b\d{4}-\d{2}-\d{2}\b"),
        (
            "written",
            r"\b\d{1,2}\.? ?(?:januar|februar|mars|april|mai|juni|juli|august|september"
            r"|oktober|november|desember)(?: \d{4})?\b",
        ),
        ("year", r"\b(?:19|20)\d{2}\b"),
    ],
    "EMAIL_ADDRESS": [("email", r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")],
    "URL": [("url", r"\b(?:https?://|www\.)[^\s<>\"]+")],
    "IP_ADDRESS": [("ipv4", r"\b(?:\d{1,3}\.){3}\d{1,3}\b")],
    "NO_POSTCODE": [("postcode", r"\b\d{4} [A-ZÆØÅ][a-zæøå]+\b")],
    "NO_ORGNR": [("orgnr", r"\b\d{3} ?\d{3} ?\d{3}\b")],
    "NO_KONTONR": [("kontonr", r"\b\d{4}[ .]\d{2}[ .]\d{5}\b")],
    "AGE": [("age", r"\b\d{1,3}(?= ?-?år)")],
    "PERSON": [
        (
            "title",
            r"(?:[Dd]r\.?|lege|sykepleier|sjukepleiar|pasient|pårørende|pårørande) "
            r"[A-ZÆØÅ][a-zæøå]+(?: [A-ZÆØÅ][a-zæøå]+)?",
        ),
        ("first_last", r"\b[A-ZÆØÅ][a-zæøå]+ [A-ZÆØÅ][a-zæøå]{2,}\b"),
    ],
    "LOCATION": [("address", r"\b[A-ZÆØÅ][a-zæøå]+(?:gata|gate|veien|vegen|vei|veg) \d+\b")],
    "HEALTH_UNIT": [
        ("hospital", r"\b[A-ZÆØÅ][\wæøå]+ (?:universitetss[yj]u?kehus|s[yj]u?kehus|DPS|legevakt)\b")
    ],
}


def corpus_text() -> tuple[str, list[str]]:
    """The notes as one text and as a list of notes."""
    notes: list[str] = []
    for name in ("training.json", "validation.json"):
        data = json.loads((DATA / name).read_text(encoding="utf-8"))
        notes.extend(parse_inline(str(entry)).text for entry in data["cleaned_results"])
    return "\n\n".join(notes), notes


def prompts(text: str, count: int) -> list[str]:
    """``count`` consecutive slices of about 2 KB."""
    return [text[i : i + PROMPT_CHARS] for i in range(0, len(text), PROMPT_CHARS)][:count]


def presidio_analyzer() -> Callable[[str], object]:
    """An offline Presidio analyzer with pattern recognisers only."""
    from presidio_analyzer import AnalyzerEngine, Pattern, PatternRecognizer, RecognizerRegistry
    from presidio_analyzer.nlp_engine import NoOpNlpEngine

    logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)
    recognizers = [
        PatternRecognizer(
            supported_entity=entity,
            name=f"no_{entity.lower()}",
            supported_language="nb",
            patterns=[Pattern(name, regex, 0.6) for name, regex in patterns],
        )
        for entity, patterns in PRESIDIO_PATTERNS.items()
    ]
    registry = RecognizerRegistry(recognizers=recognizers, supported_languages=["nb"])
    engine = AnalyzerEngine(
        registry=registry,
        nlp_engine=NoOpNlpEngine(models=[{"lang_code": "nb", "model_name": "no_op"}]),
        supported_languages=["nb"],
    )
    return lambda text: engine.analyze(text=text, language="nb")


def throughput(run: Callable[[str], object], docs: list[str], repeat: int) -> float:
    """Best MB/s over ``repeat`` passes over all documents."""
    size = sum(len(d.encode()) for d in docs) / 1e6
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        for doc in docs:
            run(doc)
        best = min(best, time.process_time() - start)
    return size / best


def latency(run: Callable[[str], object], items: list[str]) -> tuple[float, float]:
    """Median and 99th percentile in milliseconds, one call per prompt."""
    times = []
    for item in items:
        start = time.process_time()
        run(item)
        times.append((time.process_time() - start) * 1000)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, int(len(times) * 0.99))]


def main() -> None:
    """Measure both engines and print a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--prompts", type=int, default=300)
    args = parser.parse_args()
    text, notes = corpus_text()
    items = prompts(text, args.prompts)
    engines: dict[str, Callable[[str], object]] = {
        "tryggki.deid (all detectors)": detect_all,
        "Presidio 2.2, NoOp engine + pattern recognisers": presidio_analyzer(),
    }
    for run in engines.values():
        run("Oppvarming: Kari Nordmann 12.03.2020 tlf 93092261.")  # load lists, compile
    size = len(text.encode()) / 1e6
    build = "compiled (mypyc)" if tryggki.deid.NATIVE else "pure Python"
    print(f"text: {size:.2f} MB in {len(notes)} notes; {len(items)} prompts of ~2 KB")
    print(f"tryggki.deid detectors: {build}\n")
    print("| engine | MB/s (notes) | MB/s (one text) | median ms / 2 KB | p99 ms / 2 KB |")
    print("| --- | ---: | ---: | ---: | ---: |")
    results = {}
    for name, run in engines.items():
        per_note = throughput(run, notes, args.repeat)
        whole = throughput(run, [text], args.repeat)
        median, p99 = latency(run, items)
        results[name] = per_note
        print(f"| {name} | {per_note:.2f} | {whole:.2f} | {median:.3f} | {p99:.3f} |")
    ours, theirs = results.values()
    print(f"\ntryggki.deid is {ours / theirs:.1f}× Presidio's throughput on the same notes.")


if __name__ == "__main__":
    main()
