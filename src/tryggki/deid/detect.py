"""Run every detector, resolve overlaps and apply the policy."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable

from tryggki.deid.model import STRICT, Finding, Label, Policy
from tryggki.deid.names import find_names
from tryggki.deid.numbers import find_numbers
from tryggki.deid.places import find_generic_units
from tryggki.deid.web import find_web
from tryggki.deid.words import find_lone_months, find_word_ages

# When two findings of the same length overlap, the more harmful class wins.
_RANK = {label: i for i, label in enumerate(Label)}
_HAS_DIGIT = re.compile(r"\d")


def _resolve(findings: Iterable[Finding]) -> list[Finding]:
    """Non-overlapping findings: the longest wins, then the most confident, then the class rank."""
    ordered = sorted(findings, key=lambda f: (f.end - f.start, f.confidence, -_RANK[f.label]))
    kept: list[Finding] = []
    starts: list[int] = []  # kept spans never overlap, so sorted starts find the neighbours
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


def detect_all(text: str) -> list[Finding]:
    """Every finding in ``text`` whatever its confidence, without overlaps, in text order."""
    found: list[Finding] = []
    found.extend(find_web(text))
    if _HAS_DIGIT.search(text):
        found.extend(find_numbers(text))
    found.extend(find_names(text))
    found.extend(find_generic_units(text))
    found.extend(find_word_ages(text))
    found.extend(find_lone_months(text))
    return _resolve(found)


def detect(text: str, policy: Policy = STRICT) -> list[Finding]:
    """Findings in ``text`` that ``policy`` replaces, in text order, never overlapping."""
    return [f for f in detect_all(text) if policy.applies(f)]
