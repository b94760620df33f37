"""Identifiers in words: ages ("fire år gammal", "tenåra", "femti-årene"), lone months, and
given names written in lower case after a greeting ("hei det er stine", "mvh hanne")."""

from __future__ import annotations

import re
from collections.abc import Iterator

from tryggki.deid.lexicon import STOPWORDS, lexicon
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


# What follows "år" in every match of AGE_WORDS, or in its look-ahead: "år gammal", "års
# gamal", "årene", "åra", "årsalderen", "åring", "årig".
_AFTER_YEAR = frozenset(" seai")


def _may_match(window: str) -> bool:
    """False when AGE_WORDS cannot match in ``window`` (lower case): no "år" is followed by
    a letter that one of its forms needs. "60 år." and "år siden", most of the "år" in clinical
    text, are rejected without running the regex.
    """
    pos = window.find("år")
    while pos >= 0:
        after = window[pos + 2 : pos + 3]
        if after in _AFTER_YEAR and (after != " " or window.startswith("gam", pos + 3)):
            return True
        pos = window.find("år", pos + 2)
    return False


def find_word_ages(text: str) -> Iterator[Finding]:
    """Ages and life stages written in words (the number word, or the whole decade word)."""
    # Every match contains "år": find those (fast, in C) and try the regex only around them.
    pos = text.find("år")
    last_end = -1
    while pos >= 0:
        begin = max(0, pos - 18, last_end)
        if not _may_match(text[begin : pos + 30].lower()):
            pos = text.find("år", pos + 2)
            continue
        m = AGE_WORDS.search(text, begin, pos + 30)
        if m is not None and m.start() <= pos:
            last_end = m.end()
            yield new_finding(m.start(), m.end(), Label.AGE, 0.7, "age_words", m.group())
        pos = text.find("år", pos + 2)


_MONTH_TEXT = "januar februar mars april mai juni juli august september oktober november desember"
_MONTH_NAMES = _MONTH_TEXT.split()
# A month on its own is a date part after these ("i mai", "sidan august", "ultimo mars").
_BEFORE_TEXT = "i fra frå til sidan siden innen innan før etter medio primo ultimo av"
_BEFORE_MONTH = frozenset(_BEFORE_TEXT.split())


# Each month is searched for by a part it shares with others, then confirmed: eight scans
# of the text instead of twelve (no month name overlaps itself, so none is missed).
_MONTH_KEYS = (
    ("uar", ("januar", "februar")),
    ("ber", ("september", "oktober", "november", "desember")),
    ("mars", ("mars",)),
    ("april", ("april",)),
    ("mai", ("mai",)),
    ("juni", ("juni",)),
    ("juli", ("juli",)),
    ("august", ("august",)),
)


def find_lone_months(text: str, low: str | None = None) -> Iterator[Finding]:
    """A month name without a day or year, after a preposition ("i mai", "sidan august").

    ``low`` is ``text.lower()`` when the caller has it already (``detect_all`` shares one).
    """
    if low is None:
        low = text.lower()
    found: dict[str, list[Finding]] = {}
    for key, months in _MONTH_KEYS:
        pos = low.find(key)
        while pos >= 0:
            key_end = pos + len(key)
            for month in months:
                start = key_end - len(month)
                if start >= 0 and low.startswith(month, start):
                    break
            else:
                pos = low.find(key, key_end)
                continue
            whole = (start == 0 or not low[start - 1].isalnum()) and not low[
                key_end : key_end + 1
            ].isalnum()
            if whole and prev_word(low, start) in _BEFORE_MONTH:
                finding = new_finding(start, key_end, Label.DATE, 0.6, "date", text[start:key_end])
                found.setdefault(month, []).append(finding)
            pos = low.find(key, key_end)
    if len(found) == 1:
        yield from found.popitem()[1]
    elif found:
        for month in _MONTH_NAMES:  # in the order of the months, as one search per month did
            yield from found.get(month, ())


# Informal messages (SMS, chat) write names in lower case; after these a listed given name that
# is no common word ("stine", not "liv") is the writer or the one addressed.
_GREETINGS = ("det er ", "mvh ", "hilsen ", "helsing ", "hei ")
_LOWER_WORD = re.compile(r"[a-zæøåé]+(?![\w-])")


def find_lowercase_names(text: str, low: str | None = None) -> Iterator[Finding]:
    """Given names in lower case after a greeting, and a name joined to one by "og"."""
    if low is None:
        low = text.lower()
    lex = lexicon()
    seen: set[int] = set()
    for cue in _GREETINGS:
        pos = low.find(cue)
        while pos >= 0:
            start = pos + len(cue)
            if (pos == 0 or not low[pos - 1].isalpha()) and start not in seen:
                seen.add(start)
                yield from _lowercase_names_at(text, start, lex.given, lex.ambiguous)
            pos = low.find(cue, start)


def _lowercase_names_at(
    text: str, start: int, given: frozenset[str], ambiguous: frozenset[str]
) -> Iterator[Finding]:
    while True:
        m = _LOWER_WORD.match(text, start)
        if m is None:
            return
        name = m.group().capitalize()
        if name not in given or name in ambiguous or name in STOPWORDS:
            return
        yield new_finding(m.start(), m.end(), Label.PERSON, 0.6, "name_lowercase", m.group())
        if not text.startswith(" og ", m.end()):
            return
        start = m.end() + 4  # "sara og emma"
