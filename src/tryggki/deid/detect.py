"""Run every detector, resolve overlaps and apply the policy."""

from __future__ import annotations

import re
from collections.abc import Iterable

from tryggki.deid.model import STRICT, Finding, Label, Policy
from tryggki.deid.names import find_names
from tryggki.deid.numbers import find_numbers
from tryggki.deid.places import find_generic_units
from tryggki.deid.web import find_web
from tryggki.deid.words import find_lone_months, find_lowercase_names, find_word_ages

# When two findings of the same length overlap, the more harmful class wins.
_RANK = {label: i for i, label in enumerate(Label)}
_HAS_DIGIT = re.compile(r"\d")


def _resolve(findings: Iterable[Finding]) -> list[Finding]:
    """Non-overlapping findings: the longest wins, then the most confident, then the class rank.

    Only findings that overlap, directly or through others, can push each other out, so the
    findings are cut into such clusters in text order and each cluster is decided on its own
    (``_resolve_cluster``); nearly all clusters are one finding, which is simply kept. A
    finding's position in ``findings`` breaks ties as the stable sort of one pass over all did.
    """
    ordered = sorted(enumerate(findings), key=_by_start)
    kept: list[Finding] = []
    cluster: list[tuple[int, Finding]] = []
    reach = -1
    for item in ordered:
        f = item[1]
        if f.start >= reach:
            if len(cluster) == 1:
                kept.append(cluster[0][1])
            elif cluster:
                kept.extend(_resolve_cluster(cluster))
            cluster = [item]
            reach = f.end
        else:
            cluster.append(item)
            if f.end > reach:
                reach = f.end
    if len(cluster) == 1:
        kept.append(cluster[0][1])
    elif cluster:
        kept.extend(_resolve_cluster(cluster))
    return kept


def _by_start(item: tuple[int, Finding]) -> int:
    return item[1].start


def _priority(item: tuple[int, Finding]) -> tuple[int, float, int, int]:
    f = item[1]
    return (f.end - f.start, f.confidence, -_RANK[f.label], item[0])


def _resolve_cluster(cluster: list[tuple[int, Finding]]) -> list[Finding]:
    """The greedy choice for one cluster: best first, each kept unless it overlaps a kept one."""
    kept: list[Finding] = []
    for _, f in sorted(cluster, key=_priority, reverse=True):
        if all(k.end <= f.start or k.start >= f.end for k in kept):
            kept.append(f)
    kept.sort(key=lambda f: f.start)
    return kept


def detect_all(text: str) -> list[Finding]:
    """Every finding in ``text`` whatever its confidence, without overlaps, in text order."""
    found: list[Finding] = []
    low = text.lower()  # several detectors search the lower-cased text: lower it once
    if len(low) != len(text):
        # A few characters lower to two ("İ"): keep them, so offsets in ``low`` fit ``text``.
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    found.extend(find_web(text, low))
    if _HAS_DIGIT.search(text):
        found.extend(find_numbers(text))
    found.extend(find_names(text))
    found.extend(find_generic_units(text, low))
    found.extend(find_word_ages(text))
    found.extend(find_lone_months(text, low))
    found.extend(find_lowercase_names(text, low))
    return _resolve(found)


def detect(text: str, policy: Policy = STRICT) -> list[Finding]:
    """Findings in ``text`` that ``policy`` replaces, in text order, never overlapping."""
    return [f for f in detect_all(text) if policy.applies(f)]
