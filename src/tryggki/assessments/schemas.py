"""Input shapes of assessments: a control's evidence as entered."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Annotated

from pydantic import ConfigDict, StringConstraints

from tryggki.registry.schemas import BaseIn, LongText, OptText200
from tryggki.rules.facts import Control


@dataclass(frozen=True)
class EvidenceFile:
    """An uploaded evidence file, already checked for type and size."""

    name: str
    content_type: str
    content: bytes


class EvidenceIn(BaseIn):
    """A control of the checklist as entered: in place, evidence, owner and due date."""

    model_config = ConfigDict(
        extra="forbid", str_strip_whitespace=True, arbitrary_types_allowed=True
    )

    control: Control
    in_place: bool = False
    note: LongText | None = None
    link: Annotated[str | None, StringConstraints(max_length=500, pattern=r"^https?://\S+$")] = None
    owner: OptText200 = None
    due_date: date | None = None
    file: EvidenceFile | None = None
