"""Norwegian national identity numbers: checksums of every variant and synthetic surrogates.

python-stdnum validates ordinary fødselsnummer, D- and H-nummer; it rejects FH-nummer and
Skatteetaten's synthetic test numbers (month + 80) and does not know the 2032 check rule. For
detection a checksum only raises confidence, so this module checks all variants itself.

Surrogates are **synthetic numbers**: the month is written plus 80, the convention Skatteetaten's
test data (Tenor) uses. No real person holds such a number, so a surrogate can never point at one,
and the number still has valid control digits, so systems that check them accept the text.
"""

from __future__ import annotations

import random
from datetime import date

from stdnum.no import fodselsnummer

_K1 = (3, 7, 6, 1, 8, 9, 4, 5, 2)
_K2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)
SYNTHETIC_MONTH_OFFSET = 80


def _control(digits: str, weights: tuple[int, ...]) -> int | None:
    rest = 11 - sum(int(d) * w for d, w in zip(digits, weights, strict=False)) % 11
    return 0 if rest == 11 else None if rest == 10 else rest


def checksum_ok(number: str) -> bool:
    """True when the two control digits of an 11-digit number are right (classic or 2032 rule)."""
    if len(number) != 11 or not number.isdigit():
        return False
    k1 = _control(number[:9], _K1)
    k2 = _control(number[:10], _K2)
    classic = k1 == int(number[9]) and k2 == int(number[10])
    # 2032 rule: the first control digit may leave a remainder of 0-3 (Skatteetaten, pid page).
    remainder = sum(int(d) * w for d, w in zip(number[:10], (*_K1, 1), strict=True)) % 11
    new_rule = remainder in (0, 1, 2, 3) and k2 == int(number[10])
    return classic or new_rule


def kind(number: str) -> str:
    """``fnr``, ``dnr``, ``hnr``, ``fhnr``, ``synthetic`` or ``unknown`` from the digits alone."""
    if len(number) != 11 or not number.isdigit():
        return "unknown"
    if number[0] in "89":
        return "fhnr"
    day, month = int(number[:2]), int(number[2:4])
    if month > SYNTHETIC_MONTH_OFFSET:
        return "synthetic"
    if day > 40:
        return "dnr"
    if month > 40:
        return "hnr"
    return "fnr"


def plausible_birth_part(number: str) -> bool:
    """True when the first six digits read as a date in any of the variants."""
    day, month = int(number[:2]), int(number[2:4])
    day = day - 40 if day > 40 else day
    for offset in (0, 40, SYNTHETIC_MONTH_OFFSET):
        if 1 <= month - offset <= 12 and 1 <= day <= 31:
            return True
    return False


def is_real_person_range(number: str) -> bool:
    """True when a real person could hold this number (ordinary, D-, H- or FH-nummer shapes)."""
    return kind(number) in ("fnr", "dnr", "hnr", "fhnr")


def stdnum_valid(number: str) -> bool:
    """python-stdnum's own verdict (ordinary, D- and H-nummer)."""
    return bool(fodselsnummer.is_valid(number))


def synthetic(birth: date, rng: random.Random) -> str:
    """A synthetic number (month + 80) with valid control digits for a birth date."""
    while True:
        head = (
            f"{birth.day:02d}{birth.month + SYNTHETIC_MONTH_OFFSET:02d}{birth.year % 100:02d}"
            f"{rng.randrange(1000):03d}"
        )
        k1 = _control(head, _K1)
        if k1 is None:
            continue
        k2 = _control(head + str(k1), _K2)
        if k2 is not None:
            return f"{head}{k1}{k2}"


def birth_date(number: str) -> date | None:
    """The birth date in an 11-digit number, if it reads as one (century guessed)."""
    digits = number.replace(" ", "").replace("-", "")
    if len(digits) != 11 or not digits.isdigit():
        return None
    day, month, year = int(digits[:2]), int(digits[2:4]), int(digits[4:6])
    day = day - 40 if day > 40 else day
    month = month % 40 if month < SYNTHETIC_MONTH_OFFSET else month - SYNTHETIC_MONTH_OFFSET
    try:
        return date(1900 + year if year > 25 else 2000 + year, month, day)
    except ValueError:
        return None
