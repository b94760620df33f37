"""Command definitions. Every command runs in one unit of work and prints in the chosen language."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from tryggki import bootstrap
from tryggki.auth import service as auth
from tryggki.auth.actor import Actor
from tryggki.cli.common import fail, locale_option, progress, session_scope, settings_from_env
from tryggki.cli.deid import deid_app
from tryggki.cli.gateway import gateway_app, key_app
from tryggki.cli.indicators import indicators_app, portfolio_app
from tryggki.cli.rules import rules_app
from tryggki.exceptions import DomainError, ValidationFailed
from tryggki.i18n import gettext as _
from tryggki.registry import flows
from tryggki.registry.exchange import Format, UnreadableFile, format_named

app = typer.Typer(help="Trygg KI – safe use of AI in Helse Vest.", no_args_is_help=True)
db_app = typer.Typer(help="Database commands.", no_args_is_help=True)
audit_app = typer.Typer(help="Audit trail commands.", no_args_is_help=True)
token_app = typer.Typer(help="API tokens.", no_args_is_help=True)
app.add_typer(db_app, name="db")
app.add_typer(audit_app, name="audit")
app.add_typer(token_app, name="token")
app.add_typer(rules_app, name="rules")
app.add_typer(deid_app, name="deid")
app.add_typer(indicators_app, name="indicators")
app.add_typer(portfolio_app, name="portfolio")
app.add_typer(gateway_app, name="gateway")
app.add_typer(key_app, name="gateway-key")

Lang = Annotated[str | None, typer.Option("--lang", help="nn, nb or en")]


@app.callback()
def _root(lang: Lang = None) -> None:
    """Set the language of messages."""
    locale_option(lang)


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
) -> None:
    """Prepare the database (migrations, demo data on first start) and run the web server."""
    import uvicorn

    from tryggki.web.app import create_app

    settings = settings_from_env()
    prepared = bootstrap.prepare(settings)
    if prepared.demo_loaded:
        typer.echo(_("Demo data loaded."))
    if prepared.admin_password:
        typer.echo(
            _("First administrator: %(email)s  password: %(password)s")
            % {"email": bootstrap.FIRST_ADMIN_EMAIL, "password": prepared.admin_password}
        )
        typer.echo(_("Change it, or create your own administrator with 'tryggki create-admin'."))
    typer.echo(_("Trygg KI runs at http://%(host)s:%(port)s") % {"host": host, "port": port})
    uvicorn.run(
        create_app(settings),
        host=host,
        port=port,
        log_level="info",
        proxy_headers=True,
        server_header=False,
    )


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Apply all migrations and insert the reference organisations."""
    bootstrap.upgrade_database(settings_from_env())
    typer.echo(_("The database is up to date."))


@app.command("create-admin")
def create_admin(
    email: Annotated[str, typer.Option(prompt=True)],
    name: Annotated[str, typer.Option(prompt=True)],
    password: Annotated[str, typer.Option(prompt=True, hide_input=True, confirmation_prompt=True)],
) -> None:
    """Create an administrator account."""
    settings = settings_from_env()
    bootstrap.upgrade_database(settings)
    with session_scope(settings) as session:
        try:
            auth.create_user(
                session,
                email=email,
                display_name=name,
                password=password,
                role="admin",
                organisation_code=None,
                actor=Actor.system("cli"),
            )
        except ValidationFailed as exc:
            fail("\n".join(exc.errors.values()))
    typer.echo(_("Administrator created."))


@app.command("demo-data")
def demo_data() -> None:
    """Load the demo data set (again: nothing is duplicated)."""
    settings = settings_from_env()
    bootstrap.upgrade_database(settings)
    with session_scope(settings) as session:
        report = bootstrap.load_demo(session, settings)
    typer.echo(
        _("Demo data: %(created)s created, %(updated)s updated.")
        % {"created": sum(report.created.values()), "updated": sum(report.updated.values())}
    )


def _format(path: Path, given: str | None) -> Format:
    fmt = format_named(given or path.suffix)
    if fmt is None:
        fail(_("Unknown format: use csv, xlsx or json."))
    return fmt


@app.command("import")
def import_cmd(
    path: Annotated[Path, typer.Argument(help="File to import (.csv, .xlsx or .json).")],
    fmt: Annotated[str | None, typer.Option("--format")] = None,
) -> None:
    """Import a registry file: all or nothing, every problem reported."""
    fmt_ = _format(path, fmt)
    try:
        data = path.read_bytes()
    except OSError:
        fail(_("Cannot read the file."))
    settings = settings_from_env()
    with session_scope(settings) as session:
        try:
            with progress(_("Importing")):
                report = flows.import_file(session, data=data, fmt=fmt_, actor=Actor.system("cli"))
        except UnreadableFile as exc:
            fail(exc.message)
        except flows.ImportFailed as exc:
            for where, field, message in exc.errors:
                typer.echo(f"{where}: {field}: {message}", err=True)
            fail(exc.message)
    typer.echo(
        _("Imported: %(created)s created, %(updated)s updated.")
        % {"created": sum(report.created.values()), "updated": sum(report.updated.values())}
    )


@app.command("export")
def export_cmd(
    path: Annotated[
        Path, typer.Argument(help="Where to write (.csv, .xlsx or .json); - for stdout.")
    ],
    fmt: Annotated[str | None, typer.Option("--format")] = None,
) -> None:
    """Export the registry."""
    fmt_ = _format(path, fmt if str(path) != "-" else (fmt or "json"))
    settings = settings_from_env()
    with session_scope(settings) as session, progress(_("Exporting")):
        body = flows.export(session, fmt_)
    if str(path) == "-":
        sys.stdout.buffer.write(body)
        return
    try:
        path.write_bytes(body)
    except OSError:
        fail(_("Cannot write the file."))
    typer.echo(_("Wrote %(path)s.") % {"path": path})


@audit_app.command("verify")
def audit_verify() -> None:
    """Check the hash chain of the audit trail; exit code 1 if it was tampered with."""
    from tryggki.audit.service import verify

    with session_scope(settings_from_env()) as session:
        result = verify(session)
    if result.broken_seq is not None:
        fail(
            _("The audit trail is broken at event %(seq)s (%(n)s events before it are intact).")
            % {"seq": result.broken_seq, "n": result.checked}
        )
    typer.echo(_("The audit trail is intact (%(n)s events).") % {"n": result.checked})


@token_app.command("create")
def token_create(
    email: Annotated[str, typer.Option(help="The user the token acts as.")],
    name: Annotated[str, typer.Option(help="What the token is for.")],
) -> None:
    """Create an API token for a user and print it once."""
    from sqlalchemy import select

    from tryggki.models import User

    with session_scope(settings_from_env()) as session:
        user = session.scalar(select(User).where(User.email == email.strip().lower()))
        if user is None:
            fail(_("No such user."))
        try:
            _token, plain = auth.create_api_token(session, user=user, name=name)
        except DomainError as exc:
            fail(exc.message)
    typer.echo(plain)
