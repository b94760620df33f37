"""Annotated corpora: inline tags (``<First_Name>Kari</First_Name>``), CoNLL BIO/BIOES, CoNLL-U.

Corpus classes map to ours (First_Name and Last_Name → PERSON, Date_Full/Date_Part → DATE, …);
tags of other names (junk tags, ``<br>``) are removed and carry no gold span. Adjacent name parts
("<First_Name>Kari</First_Name> <Last_Name>Nordmann</Last_Name>") become one PERSON span, as the
detector reports a full name as one finding.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from tryggki.deid.model import Label

CORPUS_LABELS: dict[str, Label] = {
    "First_Name": Label.PERSON,
    "Last_Name": Label.PERSON,
    "Age": Label.AGE,
    "Date": Label.DATE,
    "Date_Full": Label.DATE,
    "Date_Part": Label.DATE,
    "Phone_Number": Label.PHONE,
    "Social_Security_Number": Label.ID_NUMBER,
    "Health_Care_Unit": Label.HEALTH_UNIT,
    "Location": Label.LOCATION,
    "PER": Label.PERSON,
    "LOC": Label.LOCATION,
    "GPE_LOC": Label.LOCATION,
    **{label.value: label for label in Label},
}
_TAG = re.compile(r"<(/?)([A-Za-z_]+)>")


@dataclass(frozen=True, slots=True)
class Span:
    """A gold annotation: ``text[start:end]`` is of class ``label``."""

    start: int
    end: int
    label: Label


@dataclass(frozen=True, slots=True)
class Document:
    """Plain text and its gold spans."""

    text: str
    gold: tuple[Span, ...]


def _merge(text: str, spans: list[Span]) -> tuple[Span, ...]:
    """Join PERSON spans separated only by spaces (first name + last name)."""
    out: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, s.end)):
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.label == span.label == Label.PERSON
            and text[prev.end : span.start].strip(" ") == ""
            and "\n" not in text[prev.end : span.start]
        ):
            out[-1] = Span(prev.start, span.end, Label.PERSON)
        else:
            out.append(span)
    return tuple(out)


def parse_inline(tagged: str) -> Document:
    """Strip inline tags and return the text with the gold spans of known classes."""
    parts: list[str] = []
    length = 0
    stack: list[tuple[str, int]] = []
    spans: list[Span] = []
    pos = 0
    for m in _TAG.finditer(tagged):
        chunk = tagged[pos : m.start()]
        parts.append(chunk)
        length += len(chunk)
        pos = m.end()
        closing, name = m.group(1), m.group(2)
        if not closing:
            stack.append((name, length))
        elif stack and stack[-1][0] == name:
            _, start = stack.pop()
            label = CORPUS_LABELS.get(name)
            if label is not None and length > start:
                spans.append(Span(start, length, label))
    parts.append(tagged[pos:])
    text = "".join(parts)
    return Document(text, _merge(text, spans))


def _normalise(text: str) -> str:
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def read_corpus(path: Path) -> list[Document]:
    """Documents from a Nor-DeID JSON file, a CoNLL file or a text file with inline tags."""
    raw = _normalise(path.read_text(encoding="utf-8"))
    if path.suffix == ".json":
        data = json.loads(raw)
        entries = data["cleaned_results"] if isinstance(data, dict) else data
        return [parse_inline(_normalise(str(entry))) for entry in entries]
    if path.suffix in (".conll", ".conllu", ".bio", ".tsv"):
        return [read_conll(raw)]
    return [parse_inline(raw)]


def _conll_row(line: str) -> tuple[str, str] | None:
    """(token, tag) of one CoNLL or CoNLL-U line; None for comments and multiword ranges."""
    if line.startswith("#"):
        return None
    cols = line.split("\t") if "\t" in line else line.split()
    if len(cols) >= 10:  # CoNLL-U: NER tag as name=B-PER in MISC
        if "-" in cols[0] or "." in cols[0]:
            return None
        m = re.search(r"name=([^|]+)", cols[9])
        return cols[1], m.group(1) if m else "O"
    return cols[0], cols[-1] if len(cols) > 1 else "O"


def read_conll(raw: str) -> Document:
    """One document from CoNLL text: tokens joined by spaces, sentences by newlines."""
    words: list[str] = []
    spans: list[Span] = []
    open_span: tuple[int, Label] | None = None
    length = 0
    for line in raw.split("\n"):
        line = line.strip()
        row = _conll_row(line) if line else ("\n", "O")
        if row is None:
            continue
        word, tag = row
        prefix, _, name = tag.partition("-")
        label = CORPUS_LABELS.get(name)
        if open_span and (prefix in ("B", "S", "O") or word == "\n" or label != open_span[1]):
            spans.append(Span(open_span[0], length, open_span[1]))
            open_span = None
        sep = "" if not words or words[-1] == "\n" or word == "\n" else " "
        start = length + len(sep)
        words.append(sep + word)
        length = start + len(word)
        if label is not None and prefix in ("B", "S", "I", "E") and open_span is None:
            open_span = (start, label)
        if open_span and prefix in ("E", "S"):
            spans.append(Span(open_span[0], length, open_span[1]))
            open_span = None
    if open_span:
        spans.append(Span(open_span[0], length, open_span[1]))
    text = "".join(words).rstrip("\n")
    return Document(text, _merge(text, spans))
