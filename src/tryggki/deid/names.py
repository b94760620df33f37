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

from tryggki.deid.lexicon import STOPWORDS, STREET_SUFFIXES, TRIGGERS, lexicon
from tryggki.deid.model import Finding, Label, new_finding
from tryggki.deid.namejoin import join_parts, propagate
from tryggki.deid.namewords import (
    CAPITALISED,
    CODES,
    LONE,
    OTHER,
    PLAIN_LEAD,
    STOP,
    Pending,
    Token,
    WordInfo,
    code_of,
    name_kind,
    sentence_start,
    text_after_is_lower_word,
    word_info,
)
from tryggki.deid.places import BIRTHPLACE, PLACE_PREPOSITIONS, multiword_place, unit_tail
from tryggki.deid.textutil import prev_word

# After a sentence-initial word these verbs say it is a person ("Geir er 34 år", "Loke har").
_PERSON_VERB = re.compile(
    r"[ ](?:ble|blei|vart|fikk|fekk|sa|sier|seier|kom|føler|kjenner|klager|forteller|fortel"
    r"|opplyser|ønsker|ønskjer|bor|bur|jobber|jobbar|arbeider|arbeidar|(?:er|var)[ ]"
    r"(?:en[ ]|ei[ ]|ein[ ])?\d+(?:[ ]år|-år))"
)
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
# Stop words that also start common double given names ("Hans Petter", "Hans Christian"). Only
# "Hans": "Til Kari", "Om Kari", "Etter Kari" are a preposition and a name.
DOUBLE_NAME_STARTS = frozenset(["Hans"])


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
        cached code (``code_of``); ``Token``s are built only for the runs that need ``classify``.
        """
        text = self.text
        codes = CODES
        tokens: list[tuple[int, int, str]] = []  # words that could be propagated names
        pending: list[Pending] = []
        covered = -1
        for m in CAPITALISED.finditer(text):
            s, e = m.span()
            word = m.group()
            code = codes.get(word)
            if code is None:
                code = code_of(word)
            if code == LONE and not (
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
            if code < STOP:
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
        self.found = join_parts(self.found, text, self.lex)
        self.found += propagate(self.found, tokens, self.name_words, text, self.lex)
        return self.found

    def flush(self, pending: list[Pending]) -> int:
        """Classify a run of pending words; returns where the last finding ends.

        A lone common word, or a lone plain word at a plain sentence start, is decided here
        without building a ``Token`` (the fast exits of ``classify_one``).
        """
        if len(pending) == 1:
            start, end, word, initial, code = pending[0]
            if code >= STOP:
                return end
            text = self.text
            if code != OTHER:
                # A word in no list and no given name: ``classify_one`` finds something only
                # before a unit word, after a context word or after "født"-like words.
                i = start - 1
                while i >= 0 and text[i] in " \t":
                    i -= 1
                if i < 0 or text[i] in ".!?\n":  # a plain sentence start
                    if not text_after_is_lower_word(text, end) or unit_tail(text, end) is None:
                        return end
                elif unit_tail(text, end) is None:
                    if code == PLAIN_LEAD:
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
        info = word_info(first.text)
        if info.units is not None:  # the longest listed unit that starts here
            m = info.units.match(text, first.start)
            if m is not None:
                self.add(first.start, m.end(), Label.HEALTH_UNIT, 0.95, "unit_gazetteer")
                return m.end()
        tail = unit_tail(text, run[-1].end)
        if (
            tail is not None
            or first.text == "Helse"
            or any(word_info(t.text).unit_word for t in run)
        ):
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
        info = word_info(tok.text)
        if info.plain and self.nothing_alone_plain(tok, info):
            return tok.end
        end = self.unit_or_place_one(tok, info)
        if end is not None:
            return end
        if info.lead:
            return -1  # "Pasienten", "Dr": context for the next run, not a name
        return self.person_or_place_one(tok, info)

    def unit_or_place_one(self, tok: Token, info: WordInfo) -> int | None:
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

    def person_or_place_one(self, tok: Token, info: WordInfo) -> int:
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
            kind in ("place", "ambiguous") and not trigger and sentence_start(text, start)
        )
        return self.single(tok, kind, before, start_of_sentence)

    def nothing_alone_plain(self, tok: Token, info: WordInfo) -> bool:
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
        kinds = [name_kind(t.text) for t in run]
        start_of_sentence = sentence_start(self.text, run[0].start) and before not in TRIGGERS
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


def find_names(text: str) -> Iterator[Finding]:
    """Person names, places and named health-care units in ``text``."""
    yield from _Scanner(text).run()
