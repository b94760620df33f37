"""Indicator operations: the versioned catalogue, entered values and stored computed values."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from datetime import date

from sqlalchemy.orm import Session

from tryggki.audit.service import record_change
from tryggki.auth.actor import Actor
from tryggki.auth.permissions import require_enter_measurement, require_manage_indicators
from tryggki.config import Settings
from tryggki.db.base import utcnow
from tryggki.exceptions import Conflict, NotFound, ValidationFailed
from tryggki.i18n import gettext as _
from tryggki.indicators import calculations as calc
from tryggki.indicators import catalogue
from tryggki.indicators import repository as repo
from tryggki.indicators.schemas import IndicatorIn, MeasurementIn
from tryggki.models import Indicator, IndicatorUseCase, IndicatorValue, UseCase
from tryggki.registry import repository as registry_repo
from tryggki.registry.flows import ImportFailed

PERIOD_FORMATS = {"monthly": "YYYY-MM", "quarterly": "YYYY-Qn", "yearly": "YYYY"}


def ensure_catalogue(session: Session) -> int:
    """Add the built-in indicators that are missing (version 1); returns how many were added."""
    known = {i.code for i in repo.current_indicators(session)}
    added = 0
    for spec in catalogue.builtin_specs():
        if spec.code in known:
            continue
        kind = "computed" if spec.code in catalogue.COMPUTED else "entered"
        session.add(Indicator(**asdict(spec), version=1, is_current=True, kind=kind))
        added += 1
    session.flush()
    return added


def current(session: Session) -> dict[str, Indicator]:
    """The current version of every indicator, by code."""
    return {i.code: i for i in repo.current_indicators(session)}


def catalogue_lists(session: Session) -> tuple[list[Indicator], list[Indicator]]:
    """The active indicators and the retired ones (current versions)."""
    found = repo.current_indicators(session)
    return (
        [i for i in found if i.retired_at is None],
        [i for i in found if i.retired_at is not None],
    )


def deletable(indicator: Indicator, values: Sequence[IndicatorValue]) -> bool:
    """Whether the indicator may be deleted rather than retired: entered, added by a user (not
    built in), still active and without values."""
    return (
        indicator.kind == "entered"
        and indicator.retired_at is None
        and indicator.code not in {spec.code for spec in catalogue.ENTERED}
        and not values
    )


def get(session: Session, *, code: str) -> Indicator:
    """The current version of an indicator, or NotFound."""
    found = current(session).get(code)
    if found is None:
        raise NotFound(_("There is no indicator with that code."))
    return found


def save_indicator(session: Session, *, data: IndicatorIn, actor: Actor) -> Indicator:
    """Add an indicator, or a new version of it; earlier versions and their values are kept."""
    require_manage_indicators(actor)
    ids = []
    for ref in data.use_cases:
        uc = registry_repo.get_use_case_by_ref(session, ref)
        if uc is None:
            raise ValidationFailed({"use_cases": _("Unknown use case: %(ref)s") % {"ref": ref}})
        ids.append(uc.id)
    old = current(session).get(data.code)
    if old is not None and old.retired_at is not None:
        raise Conflict(_("The indicator has been retired; give a new indicator another code."))
    kind = old.kind if old else "entered"
    if old is not None:
        old.is_current = False
    fields = data.model_dump(exclude={"use_cases"})
    row = Indicator(
        **fields,
        kind=kind,
        version=(old.version + 1) if old else 1,
        is_current=True,
        use_case_rows=[IndicatorUseCase(use_case_id=i) for i in dict.fromkeys(ids)],
    )
    session.add(row)
    session.flush()
    record_change(
        session,
        actor=actor,
        entity_type="indicator",
        entity_id=data.code,
        action="update" if old else "create",
        old={k: getattr(old, k) for k in fields} if old else {},
        new={**fields, "version": row.version},
    )
    return row


def _scope_organisation(session: Session, scope: str) -> object:
    if scope == calc.REGION:
        return None
    org = registry_repo.organisation_by_code(session, scope)
    if org is None:
        raise ValidationFailed(
            {"organisation": _("Unknown organisation: %(code)s") % {"code": scope}}
        )
    return org.id


def period_of(indicator: Indicator, text: str) -> calc.Period:
    """The period ``text`` under the indicator's frequency, or a precise ValidationFailed."""
    try:
        return calc.parse_period(text, indicator.frequency)
    except calc.PeriodError as exc:
        raise ValidationFailed(
            {
                "period": _("“%(text)s” is not a period: write it as %(format)s.")
                % {"text": text, "format": PERIOD_FORMATS[indicator.frequency]}
            }
        ) from exc


def check_measurement(
    session: Session, data: MeasurementIn, indicators: dict[str, Indicator], actor: Actor
) -> tuple[Indicator, calc.Period]:
    """Validate a value against the catalogue without saving it."""
    indicator = indicators.get(data.indicator)
    if indicator is None:
        raise ValidationFailed(
            {"indicator": _("Unknown indicator: %(code)s") % {"code": data.indicator}}
        )
    if indicator.kind != "entered":
        raise ValidationFailed(
            {"indicator": _("This indicator is computed by the product and cannot be entered.")}
        )
    if indicator.retired_at is not None:
        raise ValidationFailed(
            {"indicator": _("The indicator %(code)s has been retired.") % {"code": indicator.code}}
        )
    org_id = _scope_organisation(session, data.organisation)
    require_enter_measurement(actor, org_id)  # type: ignore[arg-type]
    return indicator, period_of(indicator, data.period)


def _store(
    session: Session,
    indicator: Indicator,
    scope: str,
    period: calc.Period,
    value: calc.Value | MeasurementIn,
    actor: Actor,
    existing: IndicatorValue | None,
) -> IndicatorValue:
    row = existing or IndicatorValue(indicator_code=indicator.code, scope=scope, period=period.code)
    row.period_start, row.period_end = period.start, period.end
    row.value = value.value
    row.indicator_version = indicator.version
    if isinstance(value, MeasurementIn):
        row.source, row.note, row.entered_by_id = "entered", value.note, actor.user_id
    else:
        row.source, row.numerator, row.denominator = "computed", value.numerator, value.denominator
    if existing is None:
        session.add(row)
    return row


def record_measurements(
    session: Session, *, rows: Sequence[tuple[str, MeasurementIn]], actor: Actor
) -> int:
    """Enter values (form, API or import) all or nothing; rows are (where, value).

    One unlabelled row fails with ValidationFailed (field → message); labelled rows fail with
    ImportFailed listing every problem by row. Nothing is saved when anything is wrong.
    """
    indicators = current(session)
    checked = []
    errors: list[tuple[str, str, str]] = []
    for where, data in rows:
        try:
            checked.append((data, *check_measurement(session, data, indicators, actor)))
        except ValidationFailed as exc:
            errors += [(where, field, message) for field, message in exc.errors.items()]
    if errors:
        if len(rows) == 1 and not rows[0][0]:
            raise ValidationFailed({field: message for _w, field, message in errors})
        raise ImportFailed(errors)
    for data, indicator, period in checked:
        existing = repo.stored_value(session, indicator.code, data.organisation, period.code)
        existing_value = existing.value if existing else None
        row = _store(session, indicator, data.organisation, period, data, actor, existing)
        session.flush()
        record_change(
            session,
            actor=actor,
            entity_type="indicator_value",
            entity_id=str(row.id),
            action="update" if existing else "create",
            old={"value": existing_value} if existing else {},
            new={
                "indicator": indicator.code,
                "scope": data.organisation,
                "period": period.code,
                "value": data.value,
            },
        )
    return len(checked)


def _removable(session: Session, code: str) -> Indicator:
    indicator = get(session, code=code)
    if indicator.kind != "entered":
        raise Conflict(
            _("Indicators computed by Trygg KI cannot be retired or deleted; they follow the code.")
        )
    if indicator.retired_at is not None:
        raise Conflict(_("The indicator %(code)s has been retired.") % {"code": code})
    return indicator


def retire_indicator(session: Session, *, code: str, actor: Actor) -> Indicator:
    """Retire an entered indicator: its versions and values stay (history, the indicator's page),
    it leaves the dashboard and the catalogue's active list, and takes no new values."""
    require_manage_indicators(actor)
    indicator = _removable(session, code)
    indicator.retired_at = utcnow()
    session.flush()
    record_change(
        session,
        actor=actor,
        entity_type="indicator",
        entity_id=code,
        action="retire",
        old={"status": "active"},
        new={"status": "retired"},
    )
    return indicator


def delete_indicator(session: Session, *, code: str, actor: Actor) -> None:
    """Delete an entered indicator that has no values (every version); a built-in one, or one
    with values, is retired instead so its history is kept."""
    require_manage_indicators(actor)
    indicator = _removable(session, code)
    if code in {spec.code for spec in catalogue.ENTERED}:
        raise Conflict(_("A built-in indicator cannot be deleted; retire it instead."))
    count = repo.value_count(session, code)
    if count:
        raise Conflict(
            _("The indicator has %(n)s values and cannot be deleted; retire it to keep them.")
            % {"n": count}
        )
    record_change(
        session,
        actor=actor,
        entity_type="indicator",
        entity_id=code,
        action="delete",
        old={"name": indicator.name, "version": indicator.version},
        new={},
    )
    for version in repo.versions(session, code):
        session.delete(version)
    session.flush()


def delete_value(session: Session, *, code: str, scope: str, period: str, actor: Actor) -> None:
    """Delete an entered value (an organisation's or the region's, one period)."""
    indicator = get(session, code=code)
    row = repo.stored_value(session, code, scope, period)
    if row is None:
        raise NotFound(_("There is no value of this indicator for that organisation and period."))
    if row.source != "entered":
        raise Conflict(
            _("Computed values cannot be deleted; they are replaced when computed again.")
        )
    if indicator.retired_at is not None:
        raise Conflict(_("The indicator %(code)s has been retired.") % {"code": code})
    require_enter_measurement(actor, _scope_organisation(session, scope))  # type: ignore[arg-type]
    record_change(
        session,
        actor=actor,
        entity_type="indicator_value",
        entity_id=str(row.id),
        action="delete",
        old={"indicator": code, "scope": scope, "period": period, "value": row.value},
        new={},
    )
    session.delete(row)
    session.flush()


def compute(session: Session, *, settings: Settings, first: date, last: date, actor: Actor) -> int:
    """Compute every registered indicator for every month from ``first`` to ``last`` and store
    the values (replacing earlier computed values of those months); returns the count."""
    require_manage_indicators(actor)
    periods = calc.months(first, last)
    if not periods:
        raise ValidationFailed({"to": _("The last month must not come before the first.")})
    indicators = current(session)
    loaded: dict[str, object] = {}
    stored = 0
    for code, computed in sorted(catalogue.COMPUTED.items()):
        indicator = indicators.get(code)
        if indicator is None:
            continue
        if computed.loader not in loaded:
            loaded[computed.loader] = catalogue.LOADERS[computed.loader](session, settings)
        existing = repo.stored_values(session, code, [p.code for p in periods])
        for value in computed.compute(loaded[computed.loader], periods):
            key = (value.scope, value.period.code)
            _store(session, indicator, value.scope, value.period, value, actor, existing.get(key))
            stored += 1
    session.flush()
    record_change(
        session,
        actor=actor,
        entity_type="indicator",
        entity_id="computed",
        action="compute",
        old={},
        new={"from": periods[0].code, "to": periods[-1].code, "values": stored},
    )
    return stored


catalogue.register_loader(
    "registry", lambda session, settings: repo.snapshot(session, settings.stale_after_months)
)


TREND_MONTHS = 24


def dashboard(
    session: Session, *, today: date
) -> tuple[list[Indicator], list[IndicatorValue], dict[str, str], frozenset[str]]:
    """Active indicators, their values of the last two years, the organisations' names and the
    codes of the Helse Vest organisations (whose values add up to the region's)."""
    indicators = repo.current_indicators(session, retired=False)
    since = date(today.year - TREND_MONTHS // 12, today.month, 1)
    values = repo.values(session, [i.code for i in indicators], since=since)
    return indicators, values, repo.organisation_names(session), repo.helse_vest_codes(session)


def detail(
    session: Session, *, code: str
) -> tuple[
    Indicator, list[Indicator], list[IndicatorValue], dict[str, str], list[UseCase], frozenset[str]
]:
    """An indicator, its versions, every stored value, organisation names, linked use cases and
    the codes of the Helse Vest organisations."""
    indicator = get(session, code=code)
    ids = [row.use_case_id for row in indicator.use_case_rows]
    return (
        indicator,
        repo.versions(session, code),
        repo.values(session, [code]),
        repo.organisation_names(session),
        repo.use_cases_by_id(session, ids),
        repo.helse_vest_codes(session),
    )


def month_range(first: str | None, last: str | None, today: date) -> tuple[date, date]:
    """The months ``YYYY-MM`` to ``YYYY-MM`` (default: two years back to this month)."""
    errors: dict[str, str] = {}
    bounds: list[date] = []
    for name, text, default in (
        ("from", first, date(today.year - 2, today.month, 1)),
        ("to", last, today),
    ):
        if not text:
            bounds.append(default)
            continue
        try:
            period = calc.parse_period(text, "monthly")
        except calc.PeriodError:
            errors[name] = _("“%(text)s” is not a period: write it as %(format)s.") % {
                "text": text,
                "format": PERIOD_FORMATS["monthly"],
            }
            continue
        bounds.append(period.start if name == "from" else period.end)
    if errors:
        raise ValidationFailed(errors)
    return bounds[0], bounds[1]
