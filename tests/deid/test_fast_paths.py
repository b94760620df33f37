"""The shortcuts taken for speed decide exactly as the plain versions they replace.

Each test runs a shortcut and a straightforward version of the same rule (the code before it was
made faster) over generated text built from the words that steer the rule, and expects the same
findings. All text is synthetic.
"""

from __future__ import annotations

import importlib.util
import sys
from bisect import bisect_right
from types import ModuleType

from hypothesis import example, given, settings
from hypothesis import strategies as st

from tryggki.deid import detect_all, native
from tryggki.deid.detect import _RANK, _resolve
from tryggki.deid.model import Finding, Label, new_finding
from tryggki.deid.textutil import prev_word
from tryggki.deid.words import _BEFORE_MONTH, _MONTH_NAMES, AGE_WORDS, find_lone_months
from tryggki.deid.words import find_word_ages as fast_word_ages

# Mostly single spaces, so words meet their neighbours as in running text.
SEPARATORS = [" "] * 12 + [". ", ", ", "\n", ": ", "-", "(", ") ", ".", "\t", ""]


def texts(words: list[str]) -> st.SearchStrategy[str]:
    """Text of ``words``, each followed by a separator."""
    pair = st.tuples(st.sampled_from(words), st.sampled_from(SEPARATORS))
    return st.lists(pair, max_size=30).map(lambda pairs: "".join(w + s for w, s in pairs))


# --- overlaps -------------------------------------------------------------------------------


def resolve_in_one_pass(findings: list[Finding]) -> list[Finding]:
    """The single greedy pass over all findings that ``_resolve`` replaced."""
    ordered = sorted(findings, key=lambda f: (f.end - f.start, f.confidence, -_RANK[f.label]))
    kept: list[Finding] = []
    starts: list[int] = []
    ends: list[int] = []
    for f in reversed(ordered):
        i = bisect_right(starts, f.start)
        if (i and ends[i - 1] > f.start) or (i < len(starts) and starts[i] < f.end):
            continue
        starts.insert(i, f.start)
        ends.insert(i, f.end)
        kept.append(f)
    kept.sort(key=lambda f: f.start)
    return kept


span = st.tuples(
    st.integers(0, 60),
    st.integers(1, 12),
    st.sampled_from([Label.PERSON, Label.DATE, Label.LOCATION, Label.AGE]),
    st.sampled_from([0.5, 0.6, 0.9]),
)


@settings(max_examples=300)
@given(st.lists(span, max_size=25))
def test_clusters_resolve_overlaps_as_one_greedy_pass(spans: list[tuple]) -> None:
    findings = [
        Finding(start, start + length, label, conf, f"d{i}", "x" * length)
        for i, (start, length, label, conf) in enumerate(spans)
    ]
    assert _resolve(findings) == resolve_in_one_pass(findings)


def test_new_finding_is_an_ordinary_finding() -> None:
    made = new_finding(3, 9, Label.DATE, 0.9, "date", "1.2.20")
    plain = Finding(3, 9, Label.DATE, 0.9, "date", "1.2.20")
    assert made == plain
    assert hash(made) == hash(plain)
    assert repr(made) == repr(plain)
    assert "1.2.20" not in repr(made)  # the text stays out of logs


# --- lone months ----------------------------------------------------------------------------


def months_one_search_each(text: str) -> list[Finding]:
    """One search per month name, as before the shared scans."""
    low = text.lower()
    out = []
    for month in _MONTH_NAMES:
        pos = low.find(month)
        while pos >= 0:
            end = pos + len(month)
            whole = (pos == 0 or not low[pos - 1].isalnum()) and not low[end : end + 1].isalnum()
            if whole and prev_word(low, pos) in _BEFORE_MONTH:
                out.append(Finding(pos, end, Label.DATE, 0.6, "date", text[pos:end]))
            pos = low.find(month, end)
    return out


MONTH_WORDS = [*_MONTH_NAMES, "Mai", "DESEMBER", "i", "sidan", "fra", "av", "ber", "uar", "sept",
               "novemberdag", "oversikt", "berre", "kalenderen", "mais", "jul", "2021"]  # fmt: skip


@settings(max_examples=300)
@given(texts(MONTH_WORDS))
def test_lone_months_from_shared_scans_match_one_search_per_month(text: str) -> None:
    assert list(find_lone_months(text)) == months_one_search_each(text)


# --- ages in words --------------------------------------------------------------------------


def word_ages_always_searching(text: str) -> list[Finding]:
    """The regex tried around every "år", as before the quick rejection."""
    out = []
    pos = text.find("år")
    last_end = -1
    while pos >= 0:
        m = AGE_WORDS.search(text, max(0, pos - 18, last_end), pos + 30)
        if m is not None and m.start() <= pos:
            last_end = m.end()
            out.append(Finding(m.start(), m.end(), Label.AGE, 0.7, "age_words", m.group()))
        pos = text.find("år", pos + 2)
    return out


AGE_TEXT = ["fire", "FIRE", "tjue", "ti", "ten", "barne", "år", "ÅR", "års", "årene", "åra",
            "Åra", "årsalderen", "åring", "årig", "årige", "gammal", "gamle", "GAMMEL", "siden",
            "tenåra", "femti", "60", "x"]  # fmt: skip


@settings(max_examples=400)
@given(texts(AGE_TEXT))
def test_word_ages_with_quick_rejection_match_searching_every_time(text: str) -> None:
    assert list(fast_word_ages(text)) == word_ages_always_searching(text)


# --- capitalised words ----------------------------------------------------------------------


def pure_names() -> ModuleType:
    """``tryggki.deid.names`` loaded from its source: a compiled class cannot be subclassed."""
    spec = importlib.util.spec_from_file_location("names_pure", native.PACKAGE_DIR / "names.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


names = pure_names()


class _NoShortcuts(names._Scanner):  # type: ignore[name-defined,misc]
    """Every run goes through ``classify``/``classify_one``, as before the cached codes."""

    def flush(self, pending: list[tuple[int, int, str, bool, int]]) -> int:
        run = [names.Token(s, e, w, i) for s, e, w, i, _ in pending]
        return self.classify_one(run[0]) if len(run) == 1 else self.classify(run)  # type: ignore[no-any-return]


NAME_TEXT = ["Kari", "Nordmann", "Han", "Pasienten", "Det", "Zorblat", "Quimby", "Bergen",
             "Førde", "Berg", "Liv", "Voss", "sjukehus", "Sykehuset", "Haukeland",
             "universitetssjukehus", "Helse", "Mo", "i", "Rana", "pasienten", "heiter", "Dr",
             "lege", "født", "bor", "på", "og", "er", "34", "år", "ble", "S", "K.S.", "Blodtrykk",
             "Videre", "Sykepleieren", "DPS", "Oslo", "Sportslager", "Geir", "kom",
             "Ahmed"]  # fmt: skip


@settings(max_examples=600, deadline=None)
@given(texts(NAME_TEXT))
@example("Ho er født Zorblat, bor på Videre.")
@example("Han ringte lege Quimby og Sykepleieren Blodtrykk.")
@example("Notat. Zorblat sjukehus: Videre Sykehuset.")
def test_cached_word_codes_decide_as_classifying_every_run(text: str) -> None:
    assert names._Scanner(text).run() == _NoShortcuts(text).run()


def test_detection_is_unchanged_on_a_note_with_every_kind_of_run() -> None:
    text = (
        "Pasienten Kari Nordmann ble innlagt ved Haukeland universitetssjukehus. Han bor i Mo i "
        "Rana. Blodtrykk normalt. Sykepleieren Berg ringte. Kari kom i mai, fire år gammal."
    )
    labels = {f.text: f.label for f in detect_all(text)}
    assert labels["Kari Nordmann"] is Label.PERSON
    assert labels["Haukeland universitetssjukehus"] is Label.HEALTH_UNIT
    assert labels["Mo i Rana"] is Label.LOCATION
    assert labels["Berg"] is Label.PERSON
    assert labels["Kari"] is Label.PERSON
    assert labels["fire"] is Label.AGE
