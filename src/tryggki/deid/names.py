"""Person names, places and named health-care units from capitalised words and their context.

Capitalised words are collected with one regex and grouped into runs ("Kari S. Nordmann").
A run is a name when a word is in the name lists, when a context word stands before it (titles,
roles, relations, "heiter"), or when it has two capitalised words that are neither sentence
start, place nor common word (foreign names). Names that are also common words ("Berg", "Liv")
need one of those signals when they start a sentence. Once a word is known to be a name in a
document, every other capitalised occurrence of it is one too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from tryggki.deid.lexicon import (
    GIVEN_NAME_ENDINGS,
    PLACE_ENDINGS,
    STOPWORDS,
    STREET_SUFFIXES,
    TRIGGERS,
    UNIT_WORDS,
    Lexicon,
    lexicon,
)
from tryggki.deid.model import Finding, Label, new_finding
from tryggki.deid.places import (
    BIRTHPLACE,
    PLACE_PREPOSITIONS,
    is_unit_word,
    multiword_place,
    unit_tail,
    units_regex,
)
from tryggki.deid.textutil import prev_word

# The character class comes first so the regex engine can skip to capitals quickly (in C); the
# look-behind after it then rejects a capital inside a word ("iPhone", "x-Ray").
CAPITALISED = re.compile(
    r"[A-ZÆØÅÄÖÜÉÈÁÀÓÍÚÑČŠŽŁ](?<![\w'’-].)[^\W\d_]*(?:[-'’][^\W\d_]+)*(?![\w-]|['’]\w)"
)
# After a sentence-initial word these verbs say it is a person ("Geir er 34 år", "Loke har").
_PERSON_VERB = re.compile(
    r"[ ](?:ble|blei|vart|fikk|fekk|sa|sier|seier|kom|føler|kjenner|klager|forteller|fortel"
    r"|opplyser|ønsker|ønskjer|bor|bur|jobber|jobbar|arbeider|arbeidar|(?:er|var)[ ]"
    r"(?:en[ ]|ei[ ]|ein[ ])?\d+(?:[ ]år|-år))"
)
_SENTENCE_END = frozenset(".!?:;\n•*>|")
# Header fields of letters, e-mails and minutes: before a colon they put a name after it
# ("Til: Oksana Melnyk", "Referent: K.F.", "Til stede: PH, TBL").
_FIELDS = frozenset(
    ["til", "fra", "frå", "mottaker", "mottakar", "kopi", "referent", "stede", "stades",
     "forfall", "avsender", "avsendar"]
)  # fmt: skip
# "Ola Kvamme, 45, kom inn": a number after a name and a comma is the person's age (but not
# "Kari Hansen, 3. etasje").
_AGE_AFTER_NAME = re.compile(r", (\d{1,3})(?=,|\.(?:\s+[^a-zæøå\d\s]|\s*$)| mnd)")
_WEAK_BEFORE = frozenset(["og", "eller", "med", "til", "fra", "frå", "av", "for"])
_AND = (" og ", " eller ", ", ")
# Particles inside foreign names; not "de", "da", "la": Norwegian words ("Kari da Ola kom").
_PARTICLES = frozenset([" van der ", " van den ", " van ", " von ", " af "])
# Stop words that also start common double given names ("Hans Petter", "Hans Christian"). Only
# "Hans": "Til Kari", "Om Kari", "Etter Kari" are a preposition and a name.
DOUBLE_NAME_STARTS = frozenset(["Hans"])


@dataclass(slots=True)
class Token:
    """A capitalised word and what the lists say about it."""

    start: int
    end: int
    text: str
    initial: bool  # a single letter followed by a full stop ("S.")


def _sentence_start(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in " \t\"'(«":
        i -= 1
    if i >= 0 and text[i] in "-–" and (i == 0 or text[i - 1] == "\n"):
        return True  # a bullet
    return i < 0 or text[i] in _SENTENCE_END


@lru_cache(maxsize=65536)
def _name_kind(word: str) -> str:
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
    return _shape_kind(word, lex)


def _shape_kind(word: str, lex: Lexicon) -> str:
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
def _plain_word(word: str) -> bool:
    """A word in no name, place or unit list (a common word or an unknown one)."""
    lex = lexicon()
    return (
        _name_kind(word) in ("stop", "unknown")
        and word not in lex.units
        and word not in lex.multiword_places
        and not is_unit_word(word)
        and word != "Helse"
    )


def text_after_is_lower_word(text: str, end: int) -> bool:
    """True when a space and a lower-case letter follow ``end``."""
    return text[end : end + 1] == " " and text[end + 1 : end + 2].islower()


_LONE_STOP = frozenset(w for w in STOPWORDS if len(w) > 1 and _plain_word(w))


@dataclass(frozen=True, slots=True)
class _Word:
    """What the lists say about one capitalised word: looked up once per distinct word.

    Most runs are one word, and the same few hundred words ("Pasienten", "Primær") come back in
    every note, so the set lookups, ``lower()`` calls and suffix tests are paid once.
    """

    kind: str  # see _name_kind
    plain: bool  # see _plain_word
    lead: bool  # a common word or context word that is never part of a name
    unit_word: bool  # see places.is_unit_word
    unit_noun: bool  # a unit word on its own ("Sykehuset"), a noun rather than a name
    units: re.Pattern[str] | None  # listed health-care units that begin with this word
    multi: tuple[str, ...]  # listed multi-word places that begin with this word
    given: bool
    place: bool


_WORDS: dict[str, _Word] = {}
_WORDS_MAX = 65536  # bounded like the lru_caches: a long-running gateway sees endless words


def _word(word: str) -> _Word:
    """The cached ``_Word`` for ``word``."""
    info = _WORDS.get(word)
    if info is None:
        lex = lexicon()
        low = word.lower()
        info = _Word(
            kind=_name_kind(word),
            plain=_plain_word(word),
            lead=word in STOPWORDS or low in TRIGGERS,
            unit_word=is_unit_word(word),
            unit_noun=low in UNIT_WORDS,
            units=units_regex(word),
            multi=lex.multiword_places.get(word, ()),
            given=word in lex.given,
            place=word in lex.places,
        )
        if len(_WORDS) >= _WORDS_MAX:
            _WORDS.clear()
        _WORDS[word] = info
    return info


# What a capitalised word can do as a run of its own, by increasing dullness (see
# ``_Scanner.flush``): anything (``_OTHER``); for a word in no list, a unit before a unit word
# or a name or place after a context word (``_PLAIN``), only the unit for a context word itself
# (``_PLAIN_LEAD``); nothing at all (``_STOP``), not even as a word standing alone between
# others (``_LONE``).
_OTHER, _PLAIN, _PLAIN_LEAD, _STOP, _LONE = range(5)
_CODES: dict[str, int] = {}
# A pending word: start, end (after the full stop of an initial), text, initial, code.
_Pending = tuple[int, int, str, bool, int]


def _code(word: str) -> int:
    """The cached code of ``word``."""
    info = _word(word)
    if word in _LONE_STOP:
        code = _LONE
    elif info.plain and info.kind == "stop":
        code = _STOP
    elif info.plain and info.kind == "unknown" and not info.given:
        code = _PLAIN_LEAD if info.lead else _PLAIN
    else:
        code = _OTHER
    if len(_CODES) >= _WORDS_MAX:
        _CODES.clear()
    _CODES[word] = code
    return code


class _Scanner:
    """One document: runs classified in order, then name propagation."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lex = lexicon()
        self.found: list[Finding] = []
        self.name_words: set[str] = set()

    def add(self, start: int, end: int, label: Label, conf: float, det: str) -> None:
        self.found.append(new_finding(start, end, label, conf, det, self.text[start:end]))

    def run(self) -> list[Finding]:
        """Collect capitalised words, group them into runs and classify each run.

        Most capitalised words decide nothing, so the loop handles a word with a tuple and a
        cached code (``_code``); ``Token``s are built only for the runs that need ``classify``.
        """
        text = self.text
        codes = _CODES
        tokens: list[tuple[int, int, str]] = []  # words that could be propagated names
        pending: list[_Pending] = []
        covered = -1
        for m in CAPITALISED.finditer(text):
            s, e = m.span()
            word = m.group()
            code = codes.get(word)
            if code is None:
                code = _code(word)
            if code == _LONE and not (
                (text[e : e + 1] == " " and text[e + 1 : e + 2].isupper())
                or (pending and s == pending[-1][1] + 1 and text[s - 1] == " ")
            ):
                # A common word standing alone ("Pasienten", "Han"): nothing to classify, and
                # any context it gives is read from the text by the next run.
                if pending and pending[0][0] >= covered:
                    covered = max(covered, self.flush(pending))
                pending = []
                continue
            initial = e - s == 1 and text[e : e + 1] == "."
            tok = (s, e + 1 if initial else e, word, initial, code)
            if code < _STOP:
                # Common words are never propagated as names: no need to remember them.
                tokens.append((s, tok[1], word))
            if pending:
                # One space joins words into a run ("Kari Nordmann"); an initial joins directly.
                prev = pending[-1][1]
                if (s == prev + 1 and text[prev] == " ") or (pending[-1][3] and s == prev):
                    pending.append(tok)
                    continue
                if pending[0][0] >= covered:
                    covered = max(covered, self.flush(pending))
            pending = [tok]
        if pending and pending[0][0] >= covered:
            self.flush(pending)
        self.join_parts()
        self.propagate(tokens)
        return self.found

    def flush(self, pending: list[_Pending]) -> int:
        """Classify a run of pending words; returns where the last finding ends.

        A lone common word, or a lone plain word at a plain sentence start, is decided here
        without building a ``Token`` (the fast exits of ``classify_one``).
        """
        if len(pending) == 1:
            start, end, word, initial, code = pending[0]
            if code >= _STOP:
                return end
            text = self.text
            if code != _OTHER:
                # A word in no list and no given name: ``classify_one`` finds something only
                # before a unit word, after a context word or after "født"-like words.
                i = start - 1
                while i >= 0 and text[i] in " \t":
                    i -= 1
                if i < 0 or text[i] in ".!?\n":  # a plain sentence start
                    if not text_after_is_lower_word(text, end) or unit_tail(text, end) is None:
                        return end
                elif unit_tail(text, end) is None:
                    if code == _PLAIN_LEAD:
                        return end
                    before = prev_word(text, start)
                    if (
                        before not in TRIGGERS
                        and before not in BIRTHPLACE
                        and before not in _FIELDS
                        and not (end - start <= 4 and word.isupper())
                    ):
                        return end  # no context (see ``context``): the common case, inline
            return self.classify_one(Token(start, end, word, initial))
        return self.classify([Token(s, e, w, i) for s, e, w, i, _ in pending])

    def classify(self, run: list[Token]) -> int:
        """Classify one run; returns where the last finding ends."""
        if len(run) == 1:
            return self.classify_one(run[0])
        text = self.text
        first = run[0]
        info = _word(first.text)
        if info.units is not None:  # the longest listed unit that starts here
            m = info.units.match(text, first.start)
            if m is not None:
                self.add(first.start, m.end(), Label.HEALTH_UNIT, 0.95, "unit_gazetteer")
                return m.end()
        tail = unit_tail(text, run[-1].end)
        if tail is not None or first.text == "Helse" or any(_word(t.text).unit_word for t in run):
            end = tail or run[-1].end
            start = next((t.start for t in run if t.text not in STOPWORDS), first.start)
            self.add(start, end, Label.HEALTH_UNIT, 0.85, "unit_pattern")
            return end
        if info.multi:  # only listed first words can start a multi-word place
            place_end = multiword_place(text, first.start, first.text)
            if place_end is not None and place_end >= run[-1].end:
                self.add(first.start, place_end, Label.LOCATION, 0.8, "place_gazetteer")
                return place_end
        return self.classify_words(run)

    def classify_one(self, tok: Token) -> int:
        """``classify`` for a run of one word (four runs in five), with the word's facts cached.

        The same decisions as ``classify``, ``classify_words`` and ``by_kinds`` take for a
        one-word run, in the same order, without building lists of kinds or tokens.
        """
        info = _word(tok.text)
        if info.plain and self.nothing_alone_plain(tok, info):
            return tok.end
        end = self.unit_or_place_one(tok, info)
        if end is not None:
            return end
        if info.lead:
            return -1  # "Pasienten", "Dr": context for the next run, not a name
        return self.person_or_place_one(tok, info)

    def unit_or_place_one(self, tok: Token, info: _Word) -> int | None:
        """A listed unit, a unit word or a multi-word place starting at one word, if any."""
        text = self.text
        start, end = tok.start, tok.end
        if info.units is not None:  # the longest listed unit that starts here
            m = info.units.match(text, start)
            if m is not None:
                self.add(start, m.end(), Label.HEALTH_UNIT, 0.95, "unit_gazetteer")
                return m.end()
        # "Kontakt sykehuset": a context or common word before a unit word is no unit's name.
        tail = None if info.lead else unit_tail(text, end)
        if tail is not None or (info.unit_word and not info.unit_noun):
            end = tail or end
            self.add(start, end, Label.HEALTH_UNIT, 0.85, "unit_pattern")
            return end
        if info.multi:
            place_end = multiword_place(text, start, tok.text)
            if place_end is not None and place_end > end:
                self.add(start, place_end, Label.LOCATION, 0.8, "place_gazetteer")
                return place_end
        return None

    def person_or_place_one(self, tok: Token, info: _Word) -> int:
        """``classify_words`` and ``by_kinds`` for one word that is not a common word."""
        text = self.text
        start, end = tok.start, tok.end
        before = prev_word(text, start)
        trigger = self.context(start, end, before)
        if trigger and text[end : end + 1] != ":":
            if tok.initial:
                self.add(start, end, Label.PERSON, 0.7, "name_context")
            elif info.kind != "place":
                self.person([tok], 0.9, "name_context")
                return end
        if tok.initial:
            return end
        kind = info.kind
        if kind == "name":
            # Many family names are also towns ("Hamar"): alone, without a person signal, a
            # word that is a town and no given name is the town.
            if info.place and not info.given:
                self.add(start, end, Label.LOCATION, 0.7, "place_gazetteer")
            else:
                self.person([tok], 0.85, "name_gazetteer")
            return end
        # ``single`` reads the sentence start only for places and ambiguous names.
        start_of_sentence = (
            kind in ("place", "ambiguous") and not trigger and _sentence_start(text, start)
        )
        return self.single(tok, kind, before, start_of_sentence)

    def nothing_alone_plain(self, tok: Token, info: _Word) -> bool:
        """Fast exit for the most common case: a lone plain word ("Pasienten", "Han").

        Most capitalised words in clinical text start a sentence and are in no list; they can
        only matter when a unit word follows or a context word ("Pasient:") comes before.
        """
        if info.kind == "stop":
            return True
        i = tok.start - 1
        text = self.text
        while i >= 0 and text[i] in " \t":
            i -= 1
        # Only a lone word at a plain sentence start can be dropped here; after a colon it may
        # follow a context word ("Pasient: Loke").
        if i >= 0 and text[i] not in ".!?\n":
            return False
        return not text_after_is_lower_word(text, tok.end) or unit_tail(text, tok.end) is None

    def classify_words(self, run: list[Token]) -> int:
        before = prev_word(self.text, run[0].start)
        # "Pasient Detaljer:" is a heading, not a patient called Detaljer.
        trigger = (
            self.context(run[0].start, run[0].end, before)
            and self.text[run[-1].end : run[-1].end + 1] != ":"
        )
        # Leading common words ("Pasienten Kari", "Dr Hansen") are context, not part of the name;
        # but "Hans" before a given name is the first of a double name ("Hans Petter Lunde").
        while run and (run[0].text in STOPWORDS or run[0].text.lower() in TRIGGERS):
            if run[0].text in DOUBLE_NAME_STARTS and len(run) > 1 and run[1].text in self.lex.given:
                break
            trigger = trigger or run[0].text.lower() in TRIGGERS
            before = run[0].text.lower()
            run = run[1:]
        # "Oksana Melnyk Hafstadvegen 15": a street before its house number ends the name.
        text = self.text
        while len(run) > 1 and text[run[-1].end + 1 : run[-1].end + 2].isdigit():
            last = run[-1].text
            if not last.lower().endswith(STREET_SUFFIXES) or last in self.lex.family:
                break  # "Kari Haugen 45 år" keeps Haugen
            run = run[:-1]
        if not run:
            return -1
        kinds = [_name_kind(t.text) for t in run]
        start_of_sentence = _sentence_start(self.text, run[0].start) and before not in TRIGGERS
        if (
            start_of_sentence
            and len(run) > 1
            and kinds[0] != "name"
            and run[0].text not in self.lex.given  # "Liv Ullmann" keeps Liv
            and ("name" in kinds[1:] or (kinds[0] != "ambiguous" and "ambiguous" in kinds[1:]))
            and not self.unlisted_given(run, kinds)
        ):
            # "Ring Kari Nordmann": the capitalised first word of a sentence is not the name.
            before, run, kinds, start_of_sentence = (
                run[0].text.lower(),
                run[1:],
                kinds[1:],
                False,
            )
        start, end = run[0].start, run[-1].end
        if all(t.initial for t in run):
            if trigger:
                self.add(start, end, Label.PERSON, 0.7, "name_context")
            return end
        if trigger and kinds != ["place"]:
            self.person(run, 0.9, "name_context")
            return end
        return self.by_kinds(run, kinds, before, start_of_sentence)

    def unlisted_given(self, run: list[Token], kinds: list[str]) -> bool:
        """ "Torhild Aasen": a word in no list before a family name that is no given name is
        a given name the lists lack; an imperative comes before a given name ("Ring Kari")."""
        second = run[1].text
        return (
            kinds[0] == "unknown"
            and not run[0].initial
            and second in self.lex.family
            and second not in self.lex.given
        )

    def by_kinds(
        self, run: list[Token], kinds: list[str], before: str, start_of_sentence: bool
    ) -> int:
        """Decide a run without a context word from what the lists say about its words."""
        lex = self.lex
        start, end = run[0].start, run[-1].end
        if (
            len(run) > 1
            and run[0].text in lex.places
            and not any(t.text in lex.given and t.text not in lex.places for t in run)
        ):
            return end  # "Bergen Energi", "Oslo Sportslager": a firm named after a town
        if "name" in kinds:
            # Many family names are also towns ("Hamar"): alone, without a person signal, a
            # word that is a town and no given name is the town.
            if len(run) == 1 and run[0].text in lex.places and run[0].text not in lex.given:
                self.add(start, end, Label.LOCATION, 0.7, "place_gazetteer")
            else:
                self.person(run, 0.85, "name_gazetteer")
            return end
        if len(run) >= 2 and "stop" not in kinds and not run[0].text.isupper():
            # An acronym first ("NRK Vestland", "DNB Arena") makes an organisation.
            known = sum(k in ("name", "ambiguous") for k in kinds)
            if known or (not start_of_sentence and "place" not in kinds):
                self.person(run, 0.8 if known else 0.6, "name_pattern")
                return end
        if len(run) == 1:
            return self.single(run[0], kinds[0], before, start_of_sentence)
        return end

    def single(self, tok: Token, kind: str, before: str, start_of_sentence: bool) -> int:
        """One capitalised word with no name-list hit that is not a common word."""
        if before in PLACE_PREPOSITIONS and kind in ("place", "ambiguous", "unknown"):
            if kind != "unknown" or before in BIRTHPLACE:
                self.add(tok.start, tok.end, Label.LOCATION, 0.7, "place_context")
            return tok.end
        if kind == "place":
            if not start_of_sentence:
                self.add(tok.start, tok.end, Label.LOCATION, 0.75, "place_gazetteer")
            return tok.end
        if kind == "ambiguous" and (
            (not start_of_sentence and before not in _WEAK_BEFORE) or self.person_and(tok.start)
        ):
            self.person([tok], 0.6, "name_gazetteer")
        elif tok.text in self.lex.given and _PERSON_VERB.match(self.text, tok.end):
            # A given name that is also a word ("Geir", "Liv") at the start of a sentence and
            # followed by "ble innlagt", "er 34 år" is the person. Only listed given names:
            # Norwegian puts the verb second, so "Seinare sa …" has the same shape.
            self.person([tok], 0.65, "name_verb")
        return tok.end

    def person_and(self, start: int) -> bool:
        """True when a person found just before is joined to ``start`` by "og", "eller" or a
        comma ("Håkon og Sindre", "Emma, Noah"): then even a name that is also a word is one."""
        if not self.found:
            return False
        last = self.found[-1]
        return last.label is Label.PERSON and self.text[last.end : start] in _AND

    def capital_surname_before(self, f: Finding, last: Finding | None) -> int | None:
        """Where "HAUGLAND, " starts before the given names of ``f``, if a family name in
        capitals that nothing found yet stands there (a journal header without "Pasient:")."""
        text = self.text
        if f.label is not Label.PERSON or f.text.split(" ", 1)[0] not in self.lex.given:
            return None
        begin = f.start - 2
        while begin > 0 and text[begin - 1].isalpha():
            begin -= 1
        word = text[begin : f.start - 2]
        if len(word) > 3 and word.isupper() and (last is None or last.end <= begin):
            return begin
        return None

    def context(self, start: int, end: int, before: str) -> bool:
        """True when the words before ``start`` put a name there: a context word ("dr.",
        "pasient"), a header field with its colon ("Til:"), or, for initials ("TBL"), a name
        just before in the same list."""
        text = self.text
        if before in TRIGGERS:
            return True
        if before in _FIELDS:
            i = start - 1
            while i >= 0 and text[i] in " \t":
                i -= 1
            return i >= 0 and text[i] == ":"
        word = text[start:end]
        return (
            1 < len(word) <= 4
            and word.isupper()
            and word not in STOPWORDS  # "NAV", "NRK"
            and self.person_and(start)
        )

    def join_parts(self) -> None:
        """Join the parts of one name found apart: "HAUGLAND, Ingrid Marie" and "Bakke, Svein"
        (family name, comma, given names: patient lists and journal headers) and names with a
        particle ("Pieter van der Berg", "Hans Petter von Krogh")."""
        found, text, lex = self.found, self.text, self.lex
        joined: list[Finding] = []
        for f in found:
            last = joined[-1] if joined else None
            surname = None
            if text[f.start - 2 : f.start] == ", ":  # rare: no call for the others
                surname = self.capital_surname_before(f, last)
            if surname is not None:
                f = new_finding(surname, f.end, Label.PERSON, f.confidence, f.detector,
                                text[surname : f.end])  # fmt: skip
            if last is not None and f.label is Label.PERSON and last.label is Label.PERSON:
                between = text[last.end : f.start]
                inverted = (
                    between == ", "
                    and " " not in last.text
                    and ((last.text.isupper() and len(last.text) > 3) or last.text in lex.family)
                    and f.text.split(" ", 1)[0] in lex.given
                )
                if inverted or between in _PARTICLES:
                    joined[-1] = new_finding(
                        last.start, f.end, Label.PERSON, last.confidence, last.detector,
                        text[last.start : f.end],
                    )  # fmt: skip
                    continue
            joined.append(f)
        self.found = joined

    def person(self, run: list[Token], conf: float, det: str) -> None:
        end = run[-1].end
        self.add(run[0].start, end, Label.PERSON, conf, det)
        if self.text[end : end + 1] == ",":
            age = _AGE_AFTER_NAME.match(self.text, end)
            if age is not None:
                self.add(age.start(1), age.end(1), Label.AGE, 0.7, "age")
        for t in run:
            if not t.initial and len(t.text) > 1:
                self.name_words.add(t.text)

    def propagate(self, tokens: list[tuple[int, int, str]]) -> None:
        """Tag further occurrences of words already known to be names in this document."""
        if not self.name_words:
            return
        taken = sorted((f.start, f.end) for f in self.found)
        spans = iter(taken)
        current = next(spans, None)
        for start, end, word in tokens:
            while current is not None and current[1] <= start:
                current = next(spans, None)
            inside = current is not None and current[0] <= start < current[1]
            if inside or word not in self.name_words:
                continue
            if word in self.lex.ambiguous and _sentence_start(self.text, start):
                continue  # "Berg er hardt." stays a common word even when Berg is a name here
            if word not in STOPWORDS:
                self.add(start, end, Label.PERSON, 0.75, "name_propagated")


def find_names(text: str) -> Iterator[Finding]:
    """Person names, places and named health-care units in ``text``."""
    yield from _Scanner(text).run()
