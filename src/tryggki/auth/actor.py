"""Who is acting: handed to every service that changes data."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Literal

from tryggki.models.user import Role

Channel = Literal["web", "api", "cli", "system"]


@dataclass(frozen=True, slots=True)
class Actor:
    """The authenticated user (or the system) behind a change."""

    user_id: uuid.UUID | None
    role: Role
    organisation_id: uuid.UUID | None
    channel: Channel
    display_name: str = ""

    @classmethod
    def system(cls, channel: Channel = "system") -> Actor:
        """The product itself (demo data, CLI import without a user)."""
        return cls(user_id=None, role=Role.admin, organisation_id=None, channel=channel)
