"""Shared helpers for the de-identification tests."""

from __future__ import annotations

from tryggki.deid import Label, detect_all


def found(text: str) -> dict[str, Label]:
    """Each finding's text mapped to its class."""
    return {f.text: f.label for f in detect_all(text) if f.confidence >= 0.5}


def labelled(text: str, label: Label) -> set[str]:
    """The texts found with one class."""
    return {t for t, lab in found(text).items() if lab is label}
