"""View helpers for registry pages: list parameters, select options, benefit tables and charts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast
from urllib.parse import urlencode

from sqlalchemy.orm import Session
from starlette.datastructures import QueryParams

from tryggki.config import Settings
from tryggki.models import Benefit
from tryggki.registry import calculations
from tryggki.registry import repository as repo
from tryggki.registry.repository import SORT_COLUMNS, SortKey, UseCaseFilter
from tryggki.registry.vocabulary import (
    AffectedGroup,
    BenefitMeasure,
    BenefitType,
    ClinicalFunction,
    DataCategory,
    DeviceClass,
    DeviceQualification,
    EffectGoal,
    HumanInvolvement,
    Location,
    PurposeDomain,
    SourcingModel,
    Stage,
    Technique,
    UserGroup,
    VendorTraining,
)

FILTER_KEYS = ("organisation", "stage", "domain", "goal", "category", "q", "stale")


@dataclass(frozen=True)
class Listing:
    """The parsed list parameters, able to write links that change one of them."""

    filter: UseCaseFilter
    values: dict[str, str]
    sort: SortKey
    descending: bool
    page: int

    def url(self, **changes: str | int | None) -> str:
        """The list URL with some parameters changed (a new filter or sort resets the page)."""
        params: dict[str, Any] = {
            **self.values,
            "sort": self.sort,
            "dir": "desc" if self.descending else "asc",
            "page": self.page,
        }
        if "page" not in changes:
            params["page"] = 1
        params.update(changes)
        clean = {k: v for k, v in params.items() if v not in (None, "", 1) or k == "sort"}
        return "/use-cases?" + urlencode(clean)

    def sort_url(self, key: str) -> str:
        """The link a column header points to: toggles direction on the current column."""
        descending = not self.descending if key == self.sort else False
        return self.url(sort=key, dir="desc" if descending else "asc")


def _choice(value: str | None, allowed: set[str]) -> str | None:
    """A filter value if it is one of the allowed codes; anything else does not filter."""
    return value if value in allowed else None


def filter_from_query(query: QueryParams, settings: Settings, now: datetime) -> Listing:
    """Parse list parameters; unknown values are ignored rather than failing the page."""
    values = {k: query.get(k, "").strip()[:200] for k in FILTER_KEYS}
    sort_raw = query.get("sort", "title")
    sort = cast(SortKey, sort_raw) if sort_raw in SORT_COLUMNS else "title"
    try:
        page = max(1, min(100_000, int(query.get("page", "1"))))
    except ValueError:
        page = 1
    f = UseCaseFilter(
        organisation=values["organisation"] or None,
        stage=_choice(values["stage"], set(Stage)),
        domain=_choice(values["domain"], set(PurposeDomain)),
        effect_goal=_choice(values["goal"], set(EffectGoal)),
        data_category=_choice(values["category"], set(DataCategory)),
        q=values["q"] or None,
        stale_before=calculations.stale_cutoff(now, settings.stale_after_months)
        if values["stale"] == "1"
        else None,
    )
    return Listing(f, values, sort, query.get("dir") == "desc", page)


def list_options(session: Session) -> dict[str, Any]:
    """Everything select boxes and checkbox groups offer."""
    return {
        "organisations": repo.organisations(session),
        "ai_system_names": [s.name for s in repo.ai_systems(session)],
        "vendor_names": [v.name for v in repo.vendors(session)],
        "stages": list(Stage),
        "domains": list(PurposeDomain),
        "goals": list(EffectGoal),
        "categories": list(DataCategory),
        "clinical_functions": list(ClinicalFunction),
        "involvements": list(HumanInvolvement),
        "user_groups": list(UserGroup),
        "affected_groups": list(AffectedGroup),
        "benefit_types": list(BenefitType),
        "measures": list(BenefitMeasure),
        "techniques": list(Technique),
        "qualifications": list(DeviceQualification),
        "device_classes": list(DeviceClass),
        "locations": list(Location),
        "sourcing_models": list(SourcingModel),
        "training_options": list(VendorTraining),
    }


def benefit_view(benefit: Benefit, settings: Settings) -> dict[str, Any]:
    """A benefit with its yearly estimate, FTE and NOK equivalents and estimate vs realised."""
    yearly = calculations.yearly_estimate(benefit)
    hours = yearly if benefit.measure == BenefitMeasure.hours and yearly is not None else None
    ordered = sorted(benefit.measurements, key=lambda m: (m.period_start, m.period_end))
    rows = calculations.realisation(yearly, list(ordered))
    chart = {
        "labels": [r.period_end.isoformat() for r in rows],
        "expected": [
            round(r.cumulative_expected, 1) if r.cumulative_expected is not None else None
            for r in rows
        ],
        "realised": [round(r.cumulative_realised, 1) for r in rows],
    }
    return {
        "benefit": benefit,
        "yearly": yearly,
        "fte": calculations.fte(hours, settings.hours_per_fte) if hours is not None else None,
        "nok": calculations.nok_value(hours, settings.hour_cost_nok) if hours is not None else None,
        "rows": rows,
        "chart": chart,
        "pairs": list(zip(ordered, rows, strict=True)),
    }
