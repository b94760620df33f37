"""Checksums of every national ID variant, and the synthetic surrogate range."""

from __future__ import annotations

import random
from datetime import date

import pytest
from stdnum.no import fodselsnummer

from tryggki.deid import idnumbers


def test_valid_numbers_of_each_variant_pass_the_checksum() -> None:
    rng = random.Random(1)
    ordinary = idnumbers.synthetic(date(1986, 10, 15), rng)
    assert idnumbers.kind(ordinary) == "synthetic"
    assert idnumbers.checksum_ok(ordinary)
    assert idnumbers.checksum_ok("15108695088")  # ordinary, accepted by python-stdnum too
    assert fodselsnummer.is_valid("15108695088")
    assert idnumbers.kind("15108695088") == "fnr"


@pytest.mark.parametrize(
    ("number", "kind"),
    [("55108695088", "dnr"), ("15508695088", "hnr"), ("85108695088", "fhnr"),
     ("15908695088", "synthetic")],
)  # fmt: skip
def test_kinds_are_read_from_the_digits(number: str, kind: str) -> None:
    assert idnumbers.kind(number) == kind


def test_a_wrong_control_digit_fails() -> None:
    assert not idnumbers.checksum_ok("15108695089")
    assert not idnumbers.checksum_ok("1510869508")


def test_synthetic_numbers_are_never_in_a_real_persons_range() -> None:
    rng = random.Random(5)
    for year in range(1930, 2025, 7):
        number = idnumbers.synthetic(date(year, 12, 31), rng)
        assert not idnumbers.is_real_person_range(number)
        assert not fodselsnummer.is_valid(number)  # python-stdnum rejects test numbers too
        assert idnumbers.birth_date(number) == date(year, 12, 31)
