"""The built-in indicator catalogue and the registry of computed indicators.

A computed indicator is a pure function over some data plus a loader that reads that data; other
parts of the product (incidents, the gateway) register theirs with ``register_loader`` and
``register`` at import time. Loaders are called once per compute run, however many indicators
share them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from tryggki.config import Settings
from tryggki.i18n import N_
from tryggki.indicators import calculations as calc

Loader = Callable[[Session, Settings], Any]
Compute = Callable[[Any, Sequence[calc.Period]], list[calc.Value]]


@dataclass(frozen=True)
class Spec:
    """What the catalogue says about an indicator (English msgids for built-ins)."""

    code: str
    name: str
    definition: str
    effect_goal: str
    unit: str
    direction: str
    frequency: str
    data_source: str
    numerator: str | None = None
    denominator: str | None = None
    target: float | None = None
    owner: str | None = None


@dataclass(frozen=True)
class Computed:
    """A computed indicator: its catalogue entry, the loader it reads and the pure function."""

    spec: Spec
    loader: str
    compute: Compute


LOADERS: dict[str, Loader] = {}
COMPUTED: dict[str, Computed] = {}


def register_loader(key: str, loader: Loader) -> None:
    """Make a data loader available to computed indicators under ``key``."""
    LOADERS[key] = loader


def register(indicator: Computed) -> None:
    """Add a computed indicator to the registry (its code must be new)."""
    if indicator.spec.code in COMPUTED:
        raise ValueError(f"computed indicator {indicator.spec.code} registered twice")
    COMPUTED[indicator.spec.code] = indicator


REGISTRY_DATA = N_("Trygg KI: registry, benefits and assessments")
MONTHLY = "monthly"

for _spec, _fn in (
    (
        Spec(
            "hours_freed",
            N_("Hours freed for patient-facing work (realised)"),
            N_(
                "Realised hours freed in the period, summed over benefits toward the goal "
                "measured in hours; a measurement spanning several periods is spread over its days."
            ),
            "freed_resources",
            "hours",
            "higher",
            MONTHLY,
            REGISTRY_DATA,
            target=200,
        ),
        calc.hours_freed,
    ),
    (
        Spec(
            "benefit_realisation",
            N_("Realised against estimated benefit"),
            N_("Realised hours as a share of the estimate for the days that were measured."),
            "freed_resources",
            "percent",
            "higher",
            MONTHLY,
            REGISTRY_DATA,
            N_("Realised hours freed"),
            N_("Estimated hours for the measured days"),
            target=80,
        ),
        calc.benefit_realisation,
    ),
    (
        Spec(
            "idea_to_decision_days",
            N_("Median time from idea to decision"),
            N_(
                "Median number of days from a use case's registration to the first approval of "
                "its assessment, over the approvals made in the period."
            ),
            "freed_resources",
            "days",
            "lower",
            MONTHLY,
            REGISTRY_DATA,
            target=90,
        ),
        calc.idea_to_decision,
    ),
    (
        Spec(
            "production_approved",
            N_("Use cases in production with an approved assessment"),
            N_(
                "Share of the use cases in production (or being changed) whose assessment is "
                "approved."
            ),
            "security_and_safety",
            "percent",
            "higher",
            MONTHLY,
            REGISTRY_DATA,
            N_("Use cases in production with an approved assessment"),
            N_("Use cases in production"),
            target=100,
        ),
        calc.production_approved,
    ),
    (
        Spec(
            "high_risk_impact_assessed",
            N_("High-risk use cases with DPIA and FRIA done"),
            N_(
                "Share of high-risk use cases (not retired) with the DPIA done, and the "
                "fundamental-rights impact assessment too where Annex III applies."
            ),
            "security_and_safety",
            "percent",
            "higher",
            MONTHLY,
            REGISTRY_DATA,
            N_("High-risk use cases with the impact assessments done"),
            N_("High-risk use cases"),
            target=100,
        ),
        calc.high_risk_impact_assessed,
    ),
    (
        Spec(
            "stale_records",
            N_("Registry records not reviewed in time"),
            N_("Use cases (not retired) not reviewed within the configured number of months."),
            "security_and_safety",
            "count",
            "lower",
            MONTHLY,
            REGISTRY_DATA,
            target=5,
        ),
        calc.stale_records,
    ),
):
    register(Computed(_spec, "registry", _fn))

# Indicators whose values are entered (or imported) by their owners.
ENTERED: tuple[Spec, ...] = (
    Spec(
        "patient_experience_score",
        N_("Patient-reported experience with AI-supported services"),
        N_(
            "Mean score (0–100) of the patient-experience survey questions on AI-supported "
            "services."
        ),
        "patient_experience",
        "score",
        "higher",
        "quarterly",
        N_("Patient-experience survey (PasOpp) of the trust"),
        target=75,
    ),
    Spec(
        "ai_security_incidents",
        N_("Information-security incidents involving AI"),
        N_("Number of deviations reported in the period where an AI system was involved."),
        "security_and_safety",
        "count",
        "lower",
        "quarterly",
        N_("The trust's deviation system"),
        target=2,
    ),
)


def builtin_specs() -> list[Spec]:
    """Every built-in indicator: the computed ones and those entered by their owners."""
    return [c.spec for c in COMPUTED.values()] + list(ENTERED)
