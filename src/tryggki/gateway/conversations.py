"""Per-conversation vaults, so a placeholder means the same person in every turn.

A conversation is identified by the key plus either the caller's ``X-Conversation-Id`` header,
the ``user`` field, or a hash of the first user message (which every later turn of a chat
repeats). Vaults live only in memory, for at most ``ttl`` seconds after their last use and never
more than ``max_size`` at once (the least recently used goes first). They hold identifiers: they
are never written anywhere.
"""

from __future__ import annotations

import hashlib
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field

from tryggki.deid import Vault

# Texts already tokenised in this conversation (earlier turns are sent again with every turn),
# bounded in characters so that the store's memory is bounded by max_size × this.
_MAX_CACHED_CHARS = 50_000


@dataclass
class Conversation:
    """A vault and the texts already tokenised with it."""

    vault: Vault = field(default_factory=Vault)
    tokenised: OrderedDict[str, str] = field(default_factory=OrderedDict)
    last_used: float = field(default_factory=time.monotonic)
    cached_chars: int = 0

    def remember(self, text: str, safe: str) -> None:
        """Cache a tokenised text; bounded in characters, oldest out first."""
        if len(text) > _MAX_CACHED_CHARS or text in self.tokenised:
            return
        self.tokenised[text] = safe
        self.cached_chars += len(text) + len(safe)
        while self.cached_chars > _MAX_CACHED_CHARS:
            old, old_safe = self.tokenised.popitem(last=False)
            self.cached_chars -= len(old) + len(old_safe)


def conversation_id(key_id: str, hint: str | None, first_user_text: str) -> str:
    """A stable id for the conversation, scoped to the key so vaults never cross callers."""
    source = hint if hint else "first:" + first_user_text
    return hashlib.sha256(f"{key_id}\x00{source}".encode()).hexdigest()


class ConversationStore:
    """Conversations by id, bounded in age and number.

    ``vault`` makes each new conversation's vault: ``tryggki.deid.Vault`` everywhere except in
    the test that proves a failing pseudonymiser blocks the request on a running gateway.
    """

    def __init__(self, ttl: float, max_size: int, vault: Callable[[], Vault] = Vault) -> None:
        self._ttl = ttl
        self._max = max_size
        self._vault = vault
        self._items: OrderedDict[str, Conversation] = OrderedDict()

    def get(self, conv_id: str) -> Conversation:
        """The conversation, made fresh when unknown or expired."""
        now = time.monotonic()
        self._expire(now)
        conv = self._items.get(conv_id)
        if conv is None:
            conv = Conversation(vault=self._vault())
            self._items[conv_id] = conv
            if len(self._items) > self._max:
                self._items.popitem(last=False)
        else:
            self._items.move_to_end(conv_id)
        conv.last_used = now
        return conv

    def _expire(self, now: float) -> None:
        # Least recently used first: stop at the first one still fresh.
        while self._items:
            oldest = next(iter(self._items.values()))
            if now - oldest.last_used <= self._ttl:
                break
            self._items.popitem(last=False)

    def __len__(self) -> int:
        return len(self._items)
