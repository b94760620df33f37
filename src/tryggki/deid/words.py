"""Identifiers in words: ages ("fire år gammal", "tenåra", "femti-årene") and lone months."""

from __future__ import annotations

import re
from collections.abc import Iterator

from tryggki.deid.model import Finding, Label, new_finding
from tryggki.deid.textutil import prev_word

_NUMBER_TEXT = """
    ett eitt ein en to tre fire fem seks sju syv åtte ni ti elleve tolv tretten fjorten
    femten seksten sytten atten nitten tjue tjuefem tretti trettifem førti førtifem femti
    femtifem seksti sytti åtti nitti hundre
"""
_NUMBER_WORDS = sorted(_NUMBER_TEXT.split())
AGE_WORDS = re.compile(
    r"(?<![\w])(?:(?:" + "|".join(_NUMBER_WORDS) + r")(?:(?=[ -]års?[ ]gam[a-z]*l)"
    r"|-?(?:årene|åra|årsalderen|åring|årig[e]?)(?![\w]))"
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
            yield new_finding(m.start(), m.end(), Label.AGE, 0.7, "age_words", m.group())
        pos = text.find("år", pos + 2)


_MONTH_TEXT = "januar februar mars april mai juni juli august september oktober november desember"
_MONTH_NAMES = _MONTH_TEXT.split()
# A month on its own is a date part after these ("i mai", "sidan august", "ultimo mars").
_BEFORE_TEXT = "i fra frå til sidan siden innen innan før etter medio primo ultimo av"
_BEFORE_MONTH = frozenset(_BEFORE_TEXT.split())


def find_lone_months(text: str, low: str | None = None) -> Iterator[Finding]:
    """A month name without a day or year, after a preposition ("i mai", "sidan august").

    ``low`` is ``text.lower()`` when the caller has it already (``detect_all`` shares one).
    """
    if low is None:
        low = text.lower()
    for month in _MONTH_NAMES:
        pos = low.find(month)
        while pos >= 0:
            end = pos + len(month)
            whole = (pos == 0 or not low[pos - 1].isalnum()) and not low[end : end + 1].isalnum()
            if whole and prev_word(low, pos) in _BEFORE_MONTH:
                yield new_finding(pos, end, Label.DATE, 0.6, "date", text[pos:end])
            pos = low.find(month, end)
