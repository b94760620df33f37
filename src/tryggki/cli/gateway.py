"""``tryggki gateway``: run the AI gateway and the demo vendor; ``tryggki gateway-key``: keys."""

from __future__ import annotations

import os
from typing import Annotated

import typer
from sqlalchemy import select

from tryggki.access import service as access
from tryggki.access import snapshot
from tryggki.auth.actor import Actor
from tryggki.cli.common import fail, session_scope, settings_from_env
from tryggki.exceptions import DomainError, ValidationFailed
from tryggki.i18n import gettext as _

gateway_app = typer.Typer(help="The AI gateway (OpenAI-compatible, pseudonymising).")
key_app = typer.Typer(help="Gateway keys.", no_args_is_help=True)

Host = Annotated[str, typer.Option(help="Interface to listen on.")]


@gateway_app.callback(invoke_without_command=True)
def gateway(
    ctx: typer.Context,
    host: Host = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8080,
    workers: Annotated[int, typer.Option(min=1, max=64, help="Worker processes.")] = 1,
) -> None:
    """Serve the gateway (the default when no subcommand is given)."""
    if ctx.invoked_subcommand is not None:
        return
    import uvicorn

    settings_from_env()  # a readable error now rather than a traceback in each worker
    # The workers read their settings from the environment: each takes its share of the budgets.
    os.environ["TRYGGKI_GATEWAY_WORKERS"] = str(workers)
    typer.echo(
        _("The AI gateway runs at http://%(host)s:%(port)s/v1") % {"host": host, "port": port}
    )
    uvicorn.run(
        "tryggki.gateway.serve:app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="warning",
        access_log=False,
        server_header=False,
    )


@gateway_app.command("demo-upstream")
def demo_upstream(
    host: Host = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8009,
    latency_ms: Annotated[float, typer.Option(min=0, help="Delay of every answer.")] = 0.0,
) -> None:
    """Run the demo AI vendor, which shows what it received at its page /."""
    import uvicorn

    from tryggki.gateway.demo_upstream import create_demo_upstream

    typer.echo(
        _("The demo AI vendor runs at http://%(host)s:%(port)s") % {"host": host, "port": port}
    )
    uvicorn.run(
        create_demo_upstream(latency_ms=latency_ms),
        host=host,
        port=port,
        log_level="warning",
        access_log=False,
    )


@gateway_app.command("publish")
def publish() -> None:
    """Publish the gateway's policy now (keys, approvals, AI systems)."""
    with session_scope(settings_from_env()) as session:
        changed = snapshot.publish(session)
    typer.echo(
        _("The gateway policy was published.")
        if changed
        else _("The gateway policy is up to date.")
    )


@key_app.command("create")
def key_create(
    use_case: Annotated[str, typer.Option(help="Reference of the use case, e.g. DEMO-IKT-003.")],
    name: Annotated[str, typer.Option(help="What the key is for.")],
    email: Annotated[str | None, typer.Option(help="The person the key belongs to.")] = None,
    service: Annotated[str | None, typer.Option(help="The service the key belongs to.")] = None,
    requests_per_minute: Annotated[int | None, typer.Option(min=1)] = None,
    tokens_per_day: Annotated[int | None, typer.Option(min=1)] = None,
) -> None:
    """Issue a gateway key and print it once."""
    from tryggki.models import UseCase, User

    with session_scope(settings_from_env()) as session:
        uc = session.scalar(select(UseCase).where(UseCase.ref == use_case.strip()))
        if uc is None:
            fail(_("No such use case."))
        user = None
        if email:
            user = session.scalar(select(User).where(User.email == email.strip().lower()))
            if user is None:
                fail(_("No such user."))
        try:
            _key, plain = access.create_key(
                session,
                actor=Actor.system("cli"),
                name=name,
                use_case_id=uc.id,
                user=user,
                service_name=service,
                requests_per_minute=requests_per_minute,
                tokens_per_day=tokens_per_day,
            )
        except ValidationFailed as exc:
            fail("; ".join(exc.errors.values()))
        except DomainError as exc:
            fail(exc.message)
    typer.echo(plain)


@key_app.command("revoke")
def key_revoke(
    prefix: Annotated[str, typer.Argument(help="The key's first ten characters.")],
) -> None:
    """Revoke a gateway key."""
    with session_scope(settings_from_env()) as session:
        key = access.find_key(session, prefix=prefix[:10])
        if key is None:
            fail(_("No such key."))
        access.revoke_key(session, actor=Actor.system("cli"), key_id=key.id)
    typer.echo(_("The key was revoked."))


@key_app.command("list")
def key_list() -> None:
    """List gateway keys: prefix, use case, name, state."""
    with session_scope(settings_from_env()) as session:
        for key in access.list_keys(session, actor=Actor.system("cli")):
            state = _("revoked") if key.revoked_at else _("active")
            typer.echo(f"{key.prefix}\t{key.use_case.ref}\t{key.name}\t{state}")
