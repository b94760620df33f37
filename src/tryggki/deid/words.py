"""Ages written in words: "fire år gammal", "tenåra", "femti-årene", "i 40-årsalderen"."""

from __future__ import annotations

import re
from collections.abc import Iterator

from tryggki.deid.model import Finding, Label

_NUMBER_TEXT = """
    ett eitt ein en to tre fire fem seks sju syv åtte ni ti elleve tolv tretten fjorten
    femten seksten sytten atten nitten tjue tjuefem tretti trettifem førti førtifem femti
    femtifem seksti sytti åtti nitti hundre
"""
_NUMBER_WORDS = sorted(_NUMBER_TEXT.split())
AGE_WORDS = re.compile(
    r"(?<![\w])(?:(?:" + "|".join(_NUMBER_WORDS) + r")(?=(?:[ -]år(?:s)?[ ](?:gam[a-z]*l))"
    r"|-?årene|-?åra\b|-?årsalderen|[ -]åring\b|-årig)"
    r"|(?:ten|tenår|barne|ungdoms)(?:årene|åra)(?![\w]))",
    re.IGNORECASE,
)


def find_word_ages(text: str) -> Iterator[Finding]:
    """Ages and life stages written in words (the number word, or the whole decade word)."""
    # Every match contains "år": find those (fast, in C) and try the regex only around them.
    pos = text.find("år")
    last_end = -1
    while pos >= 0:
        m = AGE_WORDS.search(text, max(0, pos - 18, last_end), pos + 30)
        if m is not None and m.start() <= pos:
            last_end = m.end()
            yield Finding(m.start(), m.end(), Label.AGE, 0.7, "age_words", m.group())
        pos = text.find("år", pos + 2)
