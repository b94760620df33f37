"""The vocabulary of the library: labels, findings and the replacement policy."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Label(StrEnum):
    """Class of an identifier; the value is also the tag used by ``redact``."""

    PERSON = "PERSON"
    ID_NUMBER = "ID_NUMBER"
    AGE = "AGE"
    DATE = "DATE"
    PHONE = "PHONE"
    EMAIL = "EMAIL"
    ADDRESS = "ADDRESS"
    POSTCODE = "POSTCODE"
    LOCATION = "LOCATION"
    HEALTH_UNIT = "HEALTH_UNIT"
    ORG_NUMBER = "ORG_NUMBER"
    ACCOUNT_NUMBER = "ACCOUNT_NUMBER"
    URL = "URL"
    IP_ADDRESS = "IP_ADDRESS"
    RECORD_NUMBER = "RECORD_NUMBER"


# Direct identifiers point at one person on their own: a policy can never keep them.
DIRECT = frozenset(
    {Label.PERSON, Label.ID_NUMBER, Label.PHONE, Label.EMAIL, Label.ADDRESS, Label.RECORD_NUMBER}
)


@dataclass(frozen=True, slots=True)
class Finding:
    """One identifier: ``text[start:end]`` is of class ``label``, found by ``detector``."""

    start: int
    end: int
    label: Label
    confidence: float
    detector: str
    text: str = field(repr=False)

    def as_dict(self) -> dict[str, object]:
        """Offsets, label, confidence and detector (not the text) for JSON output."""
        return {
            "start": self.start,
            "end": self.end,
            "label": self.label.value,
            "confidence": round(self.confidence, 2),
            "detector": self.detector,
        }


_new = object.__new__
_SETTERS = tuple(
    Finding.__dict__[name].__set__
    for name in ("start", "end", "label", "confidence", "detector", "text")
)


def new_finding(
    start: int, end: int, label: Label, confidence: float, detector: str, text: str
) -> Finding:
    """``Finding(start, end, label, confidence, detector, text)`` at half the cost.

    A frozen dataclass sets each field through ``object.__setattr__``; the detectors make a
    finding for every hit, so they set the slots directly. The result is the same ``Finding``.
    """
    f = _new(Finding)
    set_start, set_end, set_label, set_confidence, set_detector, set_text = _SETTERS
    set_start(f, start)
    set_end(f, end)
    set_label(f, label)
    set_confidence(f, confidence)
    set_detector(f, detector)
    set_text(f, text)
    return f


@dataclass(frozen=True, slots=True)
class Policy:
    """Which findings are replaced: every class except ``keep``, at or above ``min_confidence``.

    Direct identifiers (names, ID numbers, phone, e-mail, addresses, record numbers) are always
    replaced; asking to keep one is an error, so no configuration can leak them.
    """

    keep: frozenset[Label] = frozenset()
    min_confidence: float = 0.5

    def __post_init__(self) -> None:
        leaked = self.keep & DIRECT
        if leaked:
            raise ValueError(f"direct identifiers are always replaced: {sorted(leaked)}")

    def applies(self, finding: Finding) -> bool:
        """True when the policy replaces this finding."""
        return finding.label not in self.keep and finding.confidence >= self.min_confidence


STRICT = Policy()
"""Replace everything found: the default, and the gateway's choice."""

CLINICAL = Policy(keep=frozenset({Label.AGE, Label.HEALTH_UNIT}))
"""Keep ages and health-care units, which clinical questions usually need."""
