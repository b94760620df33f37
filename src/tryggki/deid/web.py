"""E-mail addresses and URLs; each regex runs only when its marker character is in the text."""

from __future__ import annotations

import re
from collections.abc import Iterator

from tryggki.deid.model import Finding, Label, new_finding

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
URL = re.compile(r"(?:https?://|www\.)[^\s<>\"')\]]+", re.IGNORECASE)


def find_web(text: str, low: str | None = None) -> Iterator[Finding]:
    """E-mail addresses and URLs (a trailing full stop is not part of them).

    ``low`` is ``text.lower()`` when the caller has it already (``detect_all`` shares one).
    """
    if "@" in text:
        for m in EMAIL.finditer(text):
            yield new_finding(m.start(), m.end(), Label.EMAIL, 0.99, "email", m.group())
    if "://" in text or "www." in (text.lower() if low is None else low):
        for m in URL.finditer(text):
            end = m.end()
            while end > m.start() and text[end - 1] in ".,;:!?":
                end -= 1
            yield new_finding(m.start(), end, Label.URL, 0.95, "url", text[m.start() : end])
