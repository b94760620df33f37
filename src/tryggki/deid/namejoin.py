"""After the runs of one document are classified: join the parts of one name, and find the
further occurrences of the names found ("Kari Nordmann … Kari kom")."""

from __future__ import annotations

from tryggki.deid.lexicon import STOPWORDS, Lexicon
from tryggki.deid.model import Finding, Label, new_finding
from tryggki.deid.namewords import sentence_start

# Particles inside foreign names; not "de", "da", "la": Norwegian words ("Kari da Ola kom").
_PARTICLES = frozenset([" van der ", " van den ", " van ", " von ", " af "])


def _person(text: str, start: int, end: int, like: Finding) -> Finding:
    return new_finding(start, end, Label.PERSON, like.confidence, like.detector, text[start:end])


def _capital_surname_before(
    text: str, f: Finding, last: Finding | None, lex: Lexicon
) -> int | None:
    """Where "HAUGLAND, " starts before the given names of ``f``, if a family name in capitals
    that nothing found yet stands there (a journal header without "Pasient:")."""
    if f.label is not Label.PERSON or f.text.split(" ", 1)[0] not in lex.given:
        return None
    begin = f.start - 2
    while begin > 0 and text[begin - 1].isalpha():
        begin -= 1
    word = text[begin : f.start - 2]
    if len(word) > 3 and word.isupper() and (last is None or last.end <= begin):
        return begin
    return None


def join_parts(found: list[Finding], text: str, lex: Lexicon) -> list[Finding]:
    """``found`` with the parts of one name found apart joined: "HAUGLAND, Ingrid Marie" and
    "Bakke, Svein" (family name, comma, given names: patient lists and journal headers) and
    names with a particle ("Pieter van der Berg", "Hans Petter von Krogh")."""
    joined: list[Finding] = []
    for f in found:
        last = joined[-1] if joined else None
        if text[f.start - 2 : f.start] == ", ":  # rare: no call for the others
            surname = _capital_surname_before(text, f, last, lex)
            if surname is not None:
                f = _person(text, surname, f.end, f)
        if last is not None and f.label is Label.PERSON and last.label is Label.PERSON:
            between = text[last.end : f.start]
            inverted = (
                between == ", "
                and " " not in last.text
                and ((last.text.isupper() and len(last.text) > 3) or last.text in lex.family)
                and f.text.split(" ", 1)[0] in lex.given
            )
            if inverted or between in _PARTICLES:
                joined[-1] = _person(text, last.start, f.end, last)
                continue
        joined.append(f)
    return joined


def propagate(
    found: list[Finding],
    tokens: list[tuple[int, int, str]],
    name_words: set[str],
    text: str,
    lex: Lexicon,
) -> list[Finding]:
    """Further occurrences of words known to be names in this document, outside ``found``."""
    more: list[Finding] = []
    if not name_words:
        return more
    spans = iter(sorted((f.start, f.end) for f in found))
    current = next(spans, None)
    for start, end, word in tokens:
        while current is not None and current[1] <= start:
            current = next(spans, None)
        inside = current is not None and current[0] <= start < current[1]
        if inside or word not in name_words:
            continue
        if word in lex.ambiguous and sentence_start(text, start):
            continue  # "Berg er hardt." stays a common word even when Berg is a name here
        if word not in STOPWORDS:
            more.append(new_finding(start, end, Label.PERSON, 0.75, "name_propagated", word))
    return more
