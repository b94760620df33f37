"""Places and health-care units: gazetteer longest match and unit words after a name."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from tryggki.deid.lexicon import GENERIC_UNITS, KNOWN_UNITS, UNIT_STEMS, UNIT_WORDS, lexicon
from tryggki.deid.model import Finding, Label, new_finding

# "i Bergen", "frå Voss", "bor på Stord": a capitalised word after these is a place.
PLACE_PREPOSITIONS = frozenset(
    [
        "i",
        "på",
        "fra",
        "frå",
        "til",
        "mot",
        "over",
        "ved",
        "nær",
        "utenfor",
        "utanfor",
        "bor",
        "bur",
        "fødested",
        "fødestad",
        "bosted",
        "bustad",
        "kommune",
        "født",
        "fødd",
        "fødselsdato",
        "fødestad",
    ]
)
# After these even a word in no list is taken as a place ("Født: Konnerud, 15. april 1943").
BIRTHPLACE = frozenset(
    ["født", "fødd", "fødested", "fødestad", "fødselsdato", "fødselsstad", "bosted", "bustad"]
)
_UNIT_AFTER = re.compile(r"[ ]+(\w+)")
_GENERIC = re.compile(
    r"(?<![\w])(?:" + "|".join(GENERIC_UNITS) + r"|(?:medisinsk|kirurgisk|ortopedisk|"
    r"nevrologisk|psykiatrisk|geriatrisk|pediatrisk|gynekologisk|onkologisk)e?\s+"
    r"(?:avdeling|avdelinga|avdelingen|poliklinikk|poliklinikken|sengepost|klinikk)"
    r"|avdeling(?:a|en)?[ ]for[ ][a-zæøå]+(?:[ ][a-zæøå]+(?=[ ,.]))?)(?![\w])",
    re.IGNORECASE,
)


_STEM_END = tuple(stem + ending for stem in UNIT_STEMS for ending in ("", "et", "en", "a", "s"))


# Every generic unit contains one of these; the regex only runs around them.
_ANCHORS = ("akuttmottak", "poliklinikk", "polklinikk", "legevakt", "intensiv", "sengepost",
            "avdeling")  # fmt: skip


@lru_cache(maxsize=65536)
def is_unit_word(token: str) -> bool:
    """True for a word that makes a health-care unit ("sykehus", "Helgelandssykehuset", "DPS").

    A listed stem counts only at the end of a compound: "Helgelandssykehuset" is a unit,
    "Sykehusopphold" is not.
    """
    low = token.lower()
    return low in UNIT_WORDS or token in KNOWN_UNITS or low.endswith(_STEM_END)


@lru_cache(maxsize=4096)
def units_regex(token: str) -> re.Pattern[str] | None:
    """The listed units that begin with ``token`` as one alternation, longest first.

    "Helse" and "Sykehuset" each begin more than a hundred listed units: one regex match tries
    them all in C, where a ``startswith`` per name costs a Python call each. The regex takes the
    first alternative that matches, which is the longest listed unit, as the loop did.
    """
    names = lexicon().units.get(token)
    if not names:
        return None
    return re.compile("|".join(re.escape(name) for name in names))


def multiword_place(text: str, start: int, token: str) -> int | None:
    """End of the longest multi-word place name ("Mo i Rana") starting at ``start``."""
    for name in lexicon().multiword_places.get(token, ()):
        if (
            text.startswith(name, start)
            and not text[start + len(name) : start + len(name) + 1].isalpha()
        ):
            return start + len(name)
    return None


def unit_tail(text: str, end: int) -> int | None:
    """End of a unit word right after a name ("Voss sjukehus"), if there is one."""
    if text[end : end + 1] != " ":
        return None  # most words end at punctuation: no regex call for them
    m = _UNIT_AFTER.match(text, end)
    if m and is_unit_word(m.group(1).lower()):
        return m.end()
    return None


def find_generic_units(text: str, low: str | None = None) -> Iterator[Finding]:
    """Units named only by their kind ("akuttmottaket", "medisinsk avdeling"): low confidence.

    ``low`` is ``text.lower()`` when the caller has it already (``detect_all`` shares one).
    """
    if low is None:
        low = text.lower()
    seen: set[int] = set()
    for anchor in _ANCHORS:
        pos = low.find(anchor)
        while pos >= 0:
            m = _GENERIC.search(text, max(0, pos - 14), pos + 40)
            if m is not None and m.start() <= pos and m.start() not in seen:
                seen.add(m.start())
                yield new_finding(
                    m.start(), m.end(), Label.HEALTH_UNIT, 0.5, "generic_unit", m.group()
                )
            pos = low.find(anchor, pos + len(anchor))
