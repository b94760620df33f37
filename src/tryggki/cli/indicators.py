"""``tryggki indicators`` and ``tryggki portfolio``: compute, import and list from the shell."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from tryggki.auth.actor import Actor
from tryggki.cli.common import fail, session_scope, settings_from_env
from tryggki.db.base import oslo_today
from tryggki.exceptions import DomainError, ValidationFailed
from tryggki.i18n import gettext as _
from tryggki.indicators import flows, service
from tryggki.portfolio import service as portfolio
from tryggki.registry.exchange import UnreadableFile
from tryggki.registry.flows import ImportFailed

indicators_app = typer.Typer(help="Effect-goal indicators.", no_args_is_help=True)
portfolio_app = typer.Typer(help="The portfolio ranking.", no_args_is_help=True)


def _fail_domain(exc: DomainError) -> None:
    if isinstance(exc, ValidationFailed):
        for field, message in exc.errors.items():
            typer.echo(f"{field}: {message}", err=True)
    if isinstance(exc, ImportFailed):
        for where, field, message in exc.errors:
            typer.echo(f"{where}: {field}: {message}", err=True)
    fail(exc.message)


@indicators_app.command("compute")
def compute(
    first: Annotated[str | None, typer.Option("--from", help="First month, YYYY-MM.")] = None,
    last: Annotated[str | None, typer.Option("--to", help="Last month, YYYY-MM.")] = None,
) -> None:
    """Compute every computed indicator per month and store the values (run it on a schedule)."""
    settings = settings_from_env()
    with session_scope(settings) as session:
        try:
            start, end = service.month_range(first, last, oslo_today())
            count = service.compute(
                session, settings=settings, first=start, last=end, actor=Actor.system("cli")
            )
        except DomainError as exc:
            _fail_domain(exc)
    typer.echo(_("%(n)s indicator values computed and stored.") % {"n": count})


@indicators_app.command("import")
def import_values(
    path: Annotated[Path, typer.Argument(help="A .csv or .xlsx file of values.")],
) -> None:
    """Import entered values: all rows or none, every problem reported by row."""
    try:
        data = path.read_bytes()
    except OSError:
        fail(_("Cannot read the file."))
    settings = settings_from_env()
    with session_scope(settings) as session:
        try:
            count = flows.import_measurements(
                session, data=data, filename=path.name, actor=Actor.system("cli")
            )
        except UnreadableFile as exc:
            fail(exc.message)
        except DomainError as exc:
            _fail_domain(exc)
    typer.echo(_("%(n)s values saved.") % {"n": count})


@indicators_app.command("list")
def list_indicators() -> None:
    """The indicator catalogue: code, version, kind, frequency, status and name."""
    with session_scope(settings_from_env()) as session:
        for i in service.current(session).values():
            status = _("Retired") if i.retired_at is not None else _("Active")
            typer.echo(f"{i.code}\tv{i.version}\t{i.kind}\t{i.frequency}\t{status}\t{_(i.name)}")


@portfolio_app.command("ranking")
def ranking(
    weight_set: Annotated[str | None, typer.Option("--weight-set")] = None,
    fmt: Annotated[str, typer.Option("--format", help="text or json")] = "text",
) -> None:
    """The ranking of the scored use cases under a weight set."""
    with session_scope(settings_from_env()) as session:
        try:
            result = portfolio.portfolio(session, weight_set_name=weight_set)
        except DomainError as exc:
            _fail_domain(exc)
        rows = [
            {
                "rank": r.ranked.rank,
                "use_case": r.uc.ref,
                "total": round(r.ranked.scored.total, 2),
                "best_rank": r.sensitivity.best,
                "worst_rank": r.sensitivity.worst,
            }
            for r in result.rows
        ]
    if fmt == "json":
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for row in rows:
        typer.echo(
            f"{row['rank']:>3}  {row['use_case']:<16} {row['total']:>6.1f}"
            f"  ({row['best_rank']}–{row['worst_rank']})"
        )
