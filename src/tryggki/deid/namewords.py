"""What the word lists say about one capitalised word, looked up once per distinct word.

``names`` classifies runs of capitalised words; the facts it needs about each word (is it a
listed name, a place, a common word, the start of a listed unit) are computed here and cached,
because the same few hundred words ("Pasienten", "Primær") come back in every note.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from tryggki.deid.lexicon import (
    GIVEN_NAME_ENDINGS,
    PLACE_ENDINGS,
    STOPWORDS,
    TRIGGERS,
    UNIT_WORDS,
    Lexicon,
    lexicon,
)
from tryggki.deid.places import is_unit_word, units_regex

# The character class comes first so the regex engine can skip to capitals quickly (in C); the
# look-behind after it then rejects a capital inside a word ("iPhone", "x-Ray").
CAPITALISED = re.compile(
    r"[A-ZÆØÅÄÖÜÉÈÁÀÓÍÚÑČŠŽŁ](?<![\w'’-].)[^\W\d_]*(?:[-'’][^\W\d_]+)*(?![\w-]|['’]\w)"
)
_SENTENCE_END = frozenset(".!?:;\n•*>|")


@dataclass(slots=True)
class Token:
    """A capitalised word and what the lists say about it."""

    start: int
    end: int
    text: str
    initial: bool  # a single letter followed by a full stop ("S.")


def sentence_start(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in " \t\"'(«":
        i -= 1
    if i >= 0 and text[i] in "-–" and (i == 0 or text[i - 1] == "\n"):
        return True  # a bullet
    return i < 0 or text[i] in _SENTENCE_END


@lru_cache(maxsize=65536)
def name_kind(word: str) -> str:
    """``name`` (listed, not a common word), ``ambiguous``, ``place``, ``stop`` or ``unknown``."""
    lex = lexicon()
    if word in STOPWORDS:
        return "stop"
    if word.isupper() and len(word) > 2:
        word = word.capitalize()
    if word.endswith(("'s", "’s")):
        word = word[:-2]
    listed = word in lex.given or word in lex.family
    if not listed and word.endswith("s") and len(word) > 3:
        # Genitive "Karis": a name, but "Ellers" is a word, so it needs context like any
        # ambiguous name.
        return "ambiguous" if word[:-1] in lex.given or word[:-1] in lex.family else "unknown"
    if listed:
        return "ambiguous" if word in lex.ambiguous or word in lex.places else "name"
    if word in lex.places:
        return "place"
    return shape_kind(word, lex)


def shape_kind(word: str, lex: Lexicon) -> str:
    """The kind of a word in no list, from its shape: ``name``, ``place`` or ``unknown``."""
    if "-" in word and all(p in lex.given or p in lex.family for p in word.split("-")):
        return "name"  # "Anne-Grete", "Mari-Ann", "Paulsen-Eriksen"
    if len(word) > 5 and word[1:].islower():
        if word.endswith(GIVEN_NAME_ENDINGS):
            return "name"  # "Ingebjørg": a Norse name element ends it
        if word.endswith(PLACE_ENDINGS):
            return "place"  # "Jølstravatnet", "Sognefjorden"
    return "unknown"


@lru_cache(maxsize=65536)
def plain_word(word: str) -> bool:
    """A word in no name, place or unit list (a common word or an unknown one)."""
    lex = lexicon()
    return (
        name_kind(word) in ("stop", "unknown")
        and word not in lex.units
        and word not in lex.multiword_places
        and not is_unit_word(word)
        and word != "Helse"
    )


def text_after_is_lower_word(text: str, end: int) -> bool:
    """True when a space and a lower-case letter follow ``end``."""
    return text[end : end + 1] == " " and text[end + 1 : end + 2].islower()


_LONE_STOP = frozenset(w for w in STOPWORDS if len(w) > 1 and plain_word(w))


@dataclass(frozen=True, slots=True)
class WordInfo:
    """What the lists say about one capitalised word: looked up once per distinct word.

    Most runs are one word, and the same few hundred words ("Pasienten", "Primær") come back in
    every note, so the set lookups, ``lower()`` calls and suffix tests are paid once.
    """

    kind: str  # see name_kind
    plain: bool  # see plain_word
    lead: bool  # a common word or context word that is never part of a name
    unit_word: bool  # see places.is_unit_word
    unit_noun: bool  # a unit word on its own ("Sykehuset"), a noun rather than a name
    units: re.Pattern[str] | None  # listed health-care units that begin with this word
    multi: tuple[str, ...]  # listed multi-word places that begin with this word
    given: bool
    place: bool


_INFOS: dict[str, WordInfo] = {}
_WORDS_MAX = 65536  # bounded like the lru_caches: a long-running gateway sees endless words


def word_info(word: str) -> WordInfo:
    """The cached ``WordInfo`` for ``word``."""
    info = _INFOS.get(word)
    if info is None:
        lex = lexicon()
        low = word.lower()
        info = WordInfo(
            kind=name_kind(word),
            plain=plain_word(word),
            lead=word in STOPWORDS or low in TRIGGERS,
            unit_word=is_unit_word(word),
            unit_noun=low in UNIT_WORDS,
            units=units_regex(word),
            multi=lex.multiword_places.get(word, ()),
            given=word in lex.given,
            place=word in lex.places,
        )
        if len(_INFOS) >= _WORDS_MAX:
            _INFOS.clear()
        _INFOS[word] = info
    return info


# What a capitalised word can do as a run of its own, by increasing dullness (see
# ``names._Scanner.flush``): anything (``OTHER``); for a word in no list, a unit before a unit word
# or a name or place after a context word (``PLAIN``), only the unit for a context word itself
# (``PLAIN_LEAD``); nothing at all (``STOP``), not even as a word standing alone between
# others (``LONE``).
OTHER, PLAIN, PLAIN_LEAD, STOP, LONE = range(5)
CODES: dict[str, int] = {}
# A pending word: start, end (after the full stop of an initial), text, initial, code.
Pending = tuple[int, int, str, bool, int]


def code_of(word: str) -> int:
    """The cached code of ``word``."""
    info = word_info(word)
    if word in _LONE_STOP:
        code = LONE
    elif info.plain and info.kind == "stop":
        code = STOP
    elif info.plain and info.kind == "unknown" and not info.given:
        code = PLAIN_LEAD if info.lead else PLAIN
    else:
        code = OTHER
    if len(CODES) >= _WORDS_MAX:
        CODES.clear()
    CODES[word] = code
    return code
