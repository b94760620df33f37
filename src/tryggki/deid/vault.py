"""Reversible placeholders: ``tokenise`` writes ``⟦PERSON_1⟧``, a ``Vault`` restores the original.

The vault belongs to one conversation: the same identifier always gets the same placeholder, so
a model's answer that repeats a placeholder can be restored. A literal ``⟦`` in the input is
stored as the placeholder ``⟦LB⟧``, so every ``⟦`` in tokenised text starts a placeholder and
``restore(tokenise(text))`` gives back exactly the input, whatever it contains.

``StreamRestorer`` restores a streamed answer chunk by chunk; it holds back only the tail that
could still be the start of a placeholder split across chunks.
"""

from __future__ import annotations

import re

from tryggki.deid.detect import detect
from tryggki.deid.model import STRICT, Label, Policy

OPEN, CLOSE = "⟦", "⟧"
_ESCAPE = f"{OPEN}LB{CLOSE}"
_MAX_BODY = 40
PLACEHOLDER = re.compile(rf"{OPEN}(LB|[A-Z][A-Z_]{{0,29}}_\d{{1,9}}){CLOSE}")
_PENDING = re.compile(rf"{OPEN}[A-Z0-9_]{{0,{_MAX_BODY}}}\Z")


class Vault:
    """Placeholders and the originals they stand for, for one conversation."""

    def __init__(self) -> None:
        self._by_original: dict[tuple[Label, str], str] = {}
        self._by_placeholder: dict[str, str] = {_ESCAPE: OPEN}
        self._counts: dict[Label, int] = {}

    def placeholder(self, label: Label, original: str) -> str:
        """The placeholder for an original, made on first use."""
        key = (label, original)
        found = self._by_original.get(key)
        if found is None:
            n = self._counts.get(label, 0) + 1
            self._counts[label] = n
            found = f"{OPEN}{label.value}_{n}{CLOSE}"
            self._by_original[key] = found
            self._by_placeholder[found] = original
        return found

    def restore(self, text: str) -> str:
        """``text`` with every known placeholder replaced by its original (unknown ones kept)."""
        if OPEN not in text:
            return text
        return PLACEHOLDER.sub(lambda m: self._by_placeholder.get(m.group(), m.group()), text)

    def __len__(self) -> int:
        return len(self._by_original)

    def to_dict(self) -> dict[str, str]:
        """Placeholder → original, for saving (it holds the identifiers: protect it)."""
        return {k: v for k, v in self._by_placeholder.items() if k != _ESCAPE}


def tokenise(text: str, vault: Vault, policy: Policy = STRICT) -> str:
    """``text`` with identifiers replaced by the vault's placeholders."""
    parts: list[str] = []
    pos = 0
    for f in detect(text, policy):
        parts.append(text[pos : f.start].replace(OPEN, _ESCAPE))
        parts.append(vault.placeholder(f.label, f.text))
        pos = f.end
    parts.append(text[pos:].replace(OPEN, _ESCAPE))
    return "".join(parts)


class StreamRestorer:
    """Restore a streamed answer: ``feed`` each chunk, then ``flush`` once at the end.

    The concatenated output equals ``vault.restore`` of the whole answer, however it is split.
    """

    def __init__(self, vault: Vault) -> None:
        self.vault = vault
        self._buffer = ""

    def feed(self, chunk: str) -> str:
        """The restored text that is safe to emit now."""
        self._buffer += chunk
        cut = self._buffer.rfind(OPEN)
        if cut < 0 or not _PENDING.match(self._buffer, cut):
            cut = len(self._buffer)  # no placeholder can still be open
        ready, self._buffer = self._buffer[:cut], self._buffer[cut:]
        return self.vault.restore(ready)

    def flush(self) -> str:
        """Whatever was held back, restored."""
        ready, self._buffer = self._buffer, ""
        return self.vault.restore(ready)
