"""Redaction, pseudonymisation and their guarantees (examples and properties)."""

from __future__ import annotations

import re
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from tryggki.deid import Label, detect, pseudonymise, redact
from tryggki.deid import dates as deid_dates
from tryggki.deid.idnumbers import checksum_ok, is_real_person_range
from tryggki.deid.lexicon import lexicon
from tryggki.deid.transform import Surrogates, replace

NOTE = (
    "Pasient Kari Nordmann, fnr 12036112345, innlagt 03.02.2021 og utskriven 10.02.2021. "
    "Kari Nordmann fekk besøk av sonen Ola Nordmann. Tlf 93092261, e-post kari@example.no."
)


def test_redact_replaces_identifiers_with_class_tags() -> None:
    out = redact(NOTE)
    assert "Kari" not in out and "12036112345" not in out and "93092261" not in out
    assert out.startswith("Pasient [PERSON], fnr [ID_NUMBER], innlagt [DATE]")


def test_pseudonymise_is_consistent_and_keeps_intervals() -> None:
    out = pseudonymise(NOTE, seed=7)
    for original in ("Kari", "Nordmann", "Ola", "12036112345", "93092261", "kari@example.no"):
        assert original not in out
    first, second = re.findall(r"Pasient (\w+ \w+),", out)[0], out.split(". ")[1].split(" fekk")[0]
    assert first == second  # the same person keeps one surrogate
    days = re.findall(r"\d{2}\.\d{2}\.\d{4}", out)
    a, b = (deid_dates.parse(d) for d in days)
    assert a is not None and b is not None and (b - a).days == 7


def test_surrogate_id_numbers_are_synthetic_and_valid() -> None:
    out = pseudonymise("Fødselsnummer 15108695088.", seed=3)
    [number] = re.findall(r"\d{11}", out)
    assert checksum_ok(number)
    assert not is_real_person_range(number)
    assert 81 <= int(number[2:4]) <= 92


def test_unseeded_runs_differ() -> None:
    outs = {pseudonymise("Pasient Kari Nordmann kom 03.02.2021.") for _ in range(5)}
    assert len(outs) > 1


names = st.sampled_from(["Kari Nordmann", "Ola Hansen", "Ingrid Tveit", "Ahmed Farah"])
ids = st.from_regex(r"[0-7]\d[01]\d{8}", fullmatch=True)
days = st.dates(min_value=date(1950, 1, 1), max_value=date(2030, 12, 31))


@settings(max_examples=60, deadline=None)
@given(name=names, number=ids, day=days, phone=st.from_regex(r"9\d{7}", fullmatch=True))
def test_pseudonymisation_never_emits_an_original_identifier(
    name: str, number: str, day: date, phone: str
) -> None:
    text = (
        f"Pasient {name}, fødselsnummer {number}, tlf {phone}. "
        f"Innlagt {day:%d.%m.%Y}. {name} er stabil."
    )
    originals = {f.text for f in detect(text)}
    out = pseudonymise(text)
    for original in originals:
        assert original not in out


@settings(max_examples=60, deadline=None)
@given(a=days, gap=st.integers(min_value=0, max_value=4000), seed=st.integers())
def test_date_shifting_keeps_intervals(a: date, gap: int, seed: int) -> None:
    b = date.fromordinal(min(a.toordinal() + gap, date(2099, 1, 1).toordinal()))
    text = f"Innlagt {a:%d.%m.%Y}, kontroll {b:%Y-%m-%d}."
    out = pseudonymise(text, seed=seed)
    first = deid_dates.parse(re.findall(r"\d{2}\.\d{2}\.\d{4}", out)[0])
    second = deid_dates.parse(re.findall(r"\d{4}-\d{2}-\d{2}", out)[0])
    assert first is not None and second is not None
    assert (second - first) == (b - a)
    assert first != a


@settings(max_examples=100, deadline=None)
@given(number=ids, seed=st.integers())
def test_surrogate_ids_never_fall_in_a_range_real_persons_hold(number: str, seed: int) -> None:
    surrogates = Surrogates(seed)
    [finding] = [f for f in detect(f"Personnummer {number}") if f.label is Label.ID_NUMBER]
    out = replace(f"Personnummer {number}", [finding], surrogates)
    surrogate = out.split()[-1]
    assert not is_real_person_range(surrogate)
    assert checksum_ok(surrogate)


@settings(max_examples=150, deadline=None)
@given(text=st.text(max_size=300))
def test_every_transformation_accepts_any_text(text: str) -> None:
    assert isinstance(redact(text), str)
    assert isinstance(pseudonymise(text, seed=1), str)


def test_surrogate_given_names_keep_a_known_gender() -> None:
    out = pseudonymise("Dottera Solveig og sonen Per kom på besøk.", seed=11)
    lex = lexicon()
    daughter, son = out.split()[1], out.split()[4]
    assert daughter in lex.surrogate_female
    assert son in lex.surrogate_male
