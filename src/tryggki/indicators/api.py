"""JSON routes of indicators under /api/v1: catalogue, values, entry, import and computing."""

from __future__ import annotations

from fastapi import APIRouter, Request
from pydantic import BaseModel

from tryggki.api.deps import Reader, Writer
from tryggki.db.base import oslo_today
from tryggki.exceptions import ValidationFailed
from tryggki.i18n import gettext as _
from tryggki.indicators import calculations as calc
from tryggki.indicators import flows, service
from tryggki.indicators import repository as repo
from tryggki.indicators.schemas import IndicatorIn, IndicatorOut, MeasurementIn, ValueOut
from tryggki.models import Indicator
from tryggki.registry.exchange import UnreadableFile
from tryggki.web.deps import DbSession, SettingsDep

router = APIRouter(tags=["indicators"])
MAX_IMPORT_BYTES = 5 * 1024 * 1024


def _out(i: Indicator, refs: list[str]) -> IndicatorOut:
    return IndicatorOut(
        code=i.code,
        version=i.version,
        name=i.name,
        definition=i.definition,
        effect_goal=i.effect_goal,
        kind=i.kind,
        unit=i.unit,
        direction=i.direction,
        frequency=i.frequency,
        data_source=i.data_source,
        numerator=i.numerator,
        denominator=i.denominator,
        target=i.target,
        owner=i.owner,
        use_cases=refs,
        retired_at=i.retired_at,
    )


@router.get("/indicators", response_model=list[IndicatorOut])
def catalogue(db: DbSession, actor: Reader, include_retired: bool = False) -> list[IndicatorOut]:
    """The current version of every active indicator (and the retired ones on request)."""
    active, retired = service.catalogue_lists(db)
    return [_out(i, []) for i in active + (retired if include_retired else [])]


@router.post("/indicators/{code}/retire", response_model=IndicatorOut)
def retire(code: str, db: DbSession, actor: Writer) -> IndicatorOut:
    """Retire an entered indicator: its values are kept, it takes no new ones."""
    return _out(service.retire_indicator(db, code=code, actor=actor), [])


@router.delete("/indicators/{code}", status_code=204)
def delete(code: str, db: DbSession, actor: Writer) -> None:
    """Delete an entered indicator without values (409 with the reason otherwise)."""
    service.delete_indicator(db, code=code, actor=actor)


@router.delete("/indicators/{code}/values/{organisation}/{period}", status_code=204)
def delete_value(code: str, organisation: str, period: str, db: DbSession, actor: Writer) -> None:
    """Delete an entered value of an organisation (or ``region``) and period."""
    service.delete_value(db, code=code, scope=organisation, period=period, actor=actor)


@router.put("/indicators", response_model=IndicatorOut)
def save(data: IndicatorIn, db: DbSession, actor: Writer) -> IndicatorOut:
    """Add an indicator, or a new version of the one with this code."""
    return _out(service.save_indicator(db, data=data, actor=actor), data.use_cases)


@router.get("/indicators/{code}/values", response_model=list[ValueOut])
def values(code: str, db: DbSession, actor: Reader) -> list[ValueOut]:
    """Every stored value of an indicator with its status against the target."""
    indicator = service.get(db, code=code)
    return [
        ValueOut(
            indicator=v.indicator_code,
            organisation=v.scope,
            period=v.period,
            period_start=v.period_start,
            period_end=v.period_end,
            value=v.value,
            numerator=v.numerator,
            denominator=v.denominator,
            source=v.source,
            status=calc.status(v.value, indicator.target, indicator.direction),
        )
        for v in repo.values(db, [code])
    ]


class Saved(BaseModel):
    """How many values were saved."""

    saved: int


@router.post("/indicator-values", response_model=Saved, status_code=201)
def enter(data: MeasurementIn, db: DbSession, actor: Writer) -> Saved:
    """Enter one value of an entered indicator (replacing the one of that period, if any)."""
    return Saved(saved=service.record_measurements(db, rows=[("", data)], actor=actor))


@router.post("/indicator-values/import", response_model=Saved, status_code=201)
async def import_values(request: Request, db: DbSession, actor: Writer, filename: str) -> Saved:
    """Import a CSV or XLSX body (``?filename=values.csv``): all rows or none."""
    data = await request.body()
    if len(data) > MAX_IMPORT_BYTES:
        raise ValidationFailed({"file": _("The file is larger than 5 MB.")})
    try:
        count = flows.import_measurements(db, data=data, filename=filename, actor=actor)
    except UnreadableFile as exc:
        raise ValidationFailed({"file": exc.message}) from exc
    return Saved(saved=count)


class ComputeIn(BaseModel):
    """Months to compute, as YYYY-MM (default: the last two years up to this month)."""

    first: str | None = None
    last: str | None = None


@router.post("/indicators/compute", response_model=Saved)
def compute(data: ComputeIn, db: DbSession, settings: SettingsDep, actor: Writer) -> Saved:
    """Compute and store every computed indicator for the months given."""
    today = oslo_today()
    first, last = service.month_range(data.first, data.last, today)
    return Saved(saved=service.compute(db, settings=settings, first=first, last=last, actor=actor))
