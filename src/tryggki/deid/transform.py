"""Redaction and pseudonymisation of a text from its findings."""

from __future__ import annotations

import hashlib
import random
import re
from collections.abc import Callable
from datetime import date

from tryggki.deid import dates, idnumbers
from tryggki.deid.detect import detect
from tryggki.deid.lexicon import lexicon
from tryggki.deid.model import STRICT, Finding, Label, Policy


def replace(text: str, findings: list[Finding], surrogate: Callable[[Finding], str]) -> str:
    """``text`` with each finding's span replaced by ``surrogate(finding)``."""
    parts: list[str] = []
    pos = 0
    for f in findings:
        parts.append(text[pos : f.start])
        parts.append(surrogate(f))
        pos = f.end
    parts.append(text[pos:])
    return "".join(parts)


def redact(text: str, policy: Policy = STRICT) -> str:
    """Every identifier replaced by its class in brackets: ``[PERSON]``, ``[ID_NUMBER]`` …"""
    return replace(text, detect(text, policy), lambda f: f"[{f.label.value}]")


class Surrogates:
    """Consistent, realistic replacements for one document.

    A name word keeps one surrogate ("Kari Nordmann" and later "Kari" stay one person); dates
    move by one offset of 1-3 years and some days, so intervals survive and even a lone year
    changes; ID numbers become synthetic numbers (month + 80) that no real person holds;
    e-mail, web and IP addresses use the reserved example.com / 192.0.2.0 ranges.
    """

    def __init__(self, seed: int | str | None = None) -> None:
        # Unseeded runs draw from the OS: whoever could predict the date offset could undo it.
        # A seed (tests, reproducible exports) uses the ordinary generator on purpose.
        self.rng = random.SystemRandom() if seed is None else random.Random(seed)  # noqa: S311
        sign = self.rng.choice((-1, 1))
        self.offset_days = sign * self.rng.randint(366, 1095)
        self.words: dict[str, str] = {}
        self.values: dict[tuple[Label, str], str] = {}
        self.originals: set[str] = set()

    def __call__(self, finding: Finding) -> str:
        """The surrogate for one finding (the same one every time it recurs)."""
        key = (finding.label, finding.text)
        if key not in self.values:
            made = self._make(finding)
            # Never emit an original: a clash with any identifier seen gets a fresh draw.
            for _ in range(20):
                if made not in self.originals and finding.text not in made:
                    break
                made = self._make(finding)
            else:
                made = f"[{finding.label.value}]"
            self.values[key] = made
        return self.values[key]

    def _pick(self, pool: tuple[str, ...], avoid: str) -> str:
        for _ in range(20):
            choice = self.rng.choice(pool)
            if choice.lower() != avoid.lower() and choice not in self.originals:
                return choice
        return pool[0]

    def _name_word(self, word: str) -> str:
        if word not in self.words:
            lex = lexicon()
            # A given name keeps its gender where the lists know it ("Ingrid" stays a woman).
            if word in lex.female:
                pool = lex.surrogate_female
            elif word in lex.male:
                pool = lex.surrogate_male
            else:
                pool = lex.surrogate_given if word in lex.given else lex.surrogate_family
            used = set(self.words.values())
            choice = self._pick(pool, word)
            while choice in used and len(used) < len(pool) // 2:
                choice = self._pick(pool, word)
            self.words[word] = choice
        return self.words[word]

    def _digits(self, text: str) -> str:
        """Same length and layout, new digits (spaces, separators and a +47 prefix kept)."""
        prefix = re.match(r"(?:\+|00)47[ ]?|", text).group()  # type: ignore[union-attr]
        body = re.sub(r"\d", lambda m: str(self.rng.randrange(10)), text[len(prefix) :])
        return prefix + body

    def _make(self, f: Finding) -> str:
        text = f.text
        if f.label is Label.PERSON:
            return re.sub(r"[^\W\d_]{2,}", lambda m: self._name_word(m.group()), text)
        if f.label is Label.DATE:
            return dates.shift(text, self.offset_days) or "[DATE]"
        if f.label is Label.ID_NUMBER:
            born = idnumbers.birth_date(text)
            if born is not None:
                born = dates.shift_date(born, self.offset_days)
            number = idnumbers.synthetic(born or self._random_birth(), self.rng)
            return f"{number[:6]} {number[6:]}" if " " in text else number
        if f.label is Label.AGE:
            return (
                str(max(0, int(text) + self.rng.choice((-2, -1, 1, 2))))
                if text.isdigit()
                else "[AGE]"
            )
        if f.label is Label.EMAIL:
            return f"person{self.rng.randrange(1000, 9999)}@example.com"
        if f.label is Label.URL:
            return f"https://example.com/{self.rng.randrange(1000, 9999)}"
        if f.label is Label.IP_ADDRESS:
            return f"192.0.2.{self.rng.randrange(1, 255)}"
        if f.label in (Label.LOCATION, Label.ADDRESS, Label.POSTCODE, Label.HEALTH_UNIT):
            return self._place(f)
        return self._digits(text)

    def _place(self, f: Finding) -> str:
        lex = lexicon()
        if f.label is Label.HEALTH_UNIT:
            return self._pick(lex.surrogate_units, f.text)
        if f.label is Label.LOCATION:
            return self._pick(lex.surrogate_places, f.text)
        if f.label is Label.POSTCODE:
            code = self.rng.choice(sorted(lex.postal))
            return f"{code} {lex.postal[code].title()}"
        street = self._pick(lex.surrogate_family, "")
        return f"{street}vegen {self.rng.randint(1, 60)}"

    def _random_birth(self) -> date:
        return date(self.rng.randint(1930, 2020), self.rng.randint(1, 12), self.rng.randint(1, 28))

    def remember(self, findings: list[Finding]) -> None:
        """Register the document's identifiers so that no surrogate repeats one of them."""
        for f in findings:
            self.originals.add(f.text)
            self.originals.update(
                re.findall(r"[^\W\d_]{2,}", f.text) if f.label is Label.PERSON else ()
            )


def document_seed(text: str) -> int:
    """A seed from the text itself, so the same document gets the same surrogates each run."""
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "big")


def pseudonymise(text: str, policy: Policy = STRICT, seed: int | str | None = None) -> str:
    """Identifiers replaced by realistic, consistent surrogates (see :class:`Surrogates`).

    Without a ``seed`` a random one is used, so the mapping cannot be recomputed from the text.
    """
    findings = detect(text, policy)
    surrogates = Surrogates(seed)
    surrogates.remember(findings)
    return replace(text, findings, surrogates)
