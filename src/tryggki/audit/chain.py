"""The hash chain: pure functions over event contents."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import Any

GENESIS = "0" * 64


def event_hash(
    *,
    prev_hash: str,
    at: datetime,
    actor_id: str | None,
    channel: str,
    entity_type: str,
    entity_id: str,
    action: str,
    changes: dict[str, Any],
) -> str:
    """SHA-256 over the canonical JSON of an event and its predecessor's hash."""
    payload = {
        "prev": prev_hash,
        "at": at.isoformat(timespec="microseconds"),
        "actor": actor_id,
        "channel": channel,
        "type": entity_type,
        "id": entity_id,
        "action": action,
        "changes": changes,
    }
    canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def diff(old: dict[str, Any], new: dict[str, Any], personal: frozenset[str]) -> dict[str, Any]:
    """Changed fields as ``{field: [old, new]}``; personal fields say only that they changed."""
    changes: dict[str, Any] = {}
    for key in sorted(set(old) | set(new)):
        before, after = old.get(key), new.get(key)
        if before == after:
            continue
        changes[key] = "changed" if key in personal else [before, after]
    return changes
