"""``tryggki rules``: validate a rulebook and assess a use-case file offline."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
import yaml
from pydantic import ValidationError

from tryggki.cli.common import fail
from tryggki.db.base import oslo_today
from tryggki.i18n import get_locale
from tryggki.i18n import gettext as _
from tryggki.rules.engine import EngineSettings, assess
from tryggki.rules.facts import UseCaseFacts
from tryggki.rules.labels import TIER_LABELS, VERDICT_LABELS, label
from tryggki.rules.loader import PACKAGED_RULEBOOK, RulebookError, load_rulebook

rules_app = typer.Typer(help="Guidelines as code: the rulebook.", no_args_is_help=True)
RulebookDir = Annotated[
    Path, typer.Option("--rulebook", help="Rulebook directory (default: the packaged one).")
]


@rules_app.command("validate")
def validate(directory: Annotated[Path, typer.Argument()] = PACKAGED_RULEBOOK) -> None:
    """Check a rulebook directory; exit 1 with file, line and rule id on the first error."""
    try:
        rulebook = load_rulebook(directory)
    except RulebookError as exc:
        fail(str(exc))
    typer.echo(
        _("Rulebook %(version)s is valid: %(n)s rules.")
        % {"version": rulebook.version, "n": len(rulebook.rules)}
    )


def read_facts(path: Path) -> UseCaseFacts:
    """A use-case file in the fact schema (YAML or JSON); a worked example's ``input`` is used."""
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        fail(_("Cannot read the file."))
    except yaml.YAMLError:
        fail(_("The file is not valid YAML or JSON."))
    if isinstance(document, dict) and isinstance(document.get("input"), dict):
        document = document["input"]
    if not isinstance(document, dict):
        fail(_("The file must hold one use case as a mapping of facts."))
    try:
        return UseCaseFacts.model_validate(document)
    except ValidationError as exc:
        problems = [f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors()]
        fail(_("The use case does not follow the fact schema:") + "\n  " + "\n  ".join(problems))


@rules_app.command("evaluate")
def evaluate(
    path: Annotated[Path, typer.Argument(help="Use case in the fact schema (.yaml or .json).")],
    output: Annotated[str, typer.Option("--format", help="text or json")] = "text",
    on: Annotated[str | None, typer.Option("--date", help="Assess as of YYYY-MM-DD.")] = None,
    omnibus: Annotated[bool, typer.Option(help="Digital Omnibus on AI in force.")] = True,
    directory: RulebookDir = PACKAGED_RULEBOOK,
) -> None:
    """Assess one use case offline and print the verdict with its reasons."""
    if output not in ("text", "json"):
        fail(_("Unknown format: use text or json."))
    facts = read_facts(path)
    try:
        when = date.fromisoformat(on) if on else facts.assessment_date or oslo_today()
    except ValueError:
        fail(_("Enter a date as YYYY-MM-DD."))
    try:
        rulebook = load_rulebook(directory)
    except RulebookError as exc:
        fail(str(exc))
    result = assess(facts, rulebook, EngineSettings(assessment_date=when, omnibus_in_force=omnibus))
    if output == "json":
        typer.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
        return
    locale = get_locale()
    typer.echo(
        _("Verdict: %(verdict)s   AI Act tier: %(tier)s")
        % {"verdict": result.verdict, "tier": result.tier}
    )
    if result.missing_facts:
        typer.echo(_("Missing facts: %(facts)s") % {"facts": ", ".join(result.missing_facts)})
    upcoming = _("upcoming")
    for firing in result.firings:
        rule = rulebook.rule(firing.rule_id)
        mark = {"block": "✗", "review": "?", "condition": "✓" if firing.met else "○", "info": "·"}
        status = "" if firing.status == "in_force" else f" ({upcoming} {firing.applies_from})"
        typer.echo(f" {mark[firing.effect]} {rule.id:8} {rule.title[locale]}{status}")
        typer.echo(f"            {rule.legal_ref}")


def _result(verdict: str | None, tier: str | None) -> str:
    text = label(VERDICT_LABELS, verdict or "")
    return f"{text} ({label(TIER_LABELS, tier)})" if tier else text


@rules_app.command("reassess")
def reassess(
    output: Annotated[str, typer.Option("--format", help="text or json")] = "text",
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Report only; keep the stored results.")
    ] = False,
) -> None:
    """Assess every registered use case again and report what changed since the last run."""
    from tryggki.assessments.flows import reassess_all
    from tryggki.assessments.service import Context
    from tryggki.cli.common import session_scope, settings_from_env

    if output not in ("text", "json"):
        fail(_("Unknown format: use text or json."))
    settings = settings_from_env()
    ctx = Context.for_today(load_rulebook(), settings)
    with session_scope(settings) as session:
        report = reassess_all(session, ctx=ctx, store=not dry_run)
    if output == "json":
        rows = [{**asdict(o), "changed": o.changed} for o in report.outcomes]
        typer.echo(json.dumps({"rulebook_version": ctx.rulebook.version, "use_cases": rows}))
        return
    typer.echo(
        _("Assessed %(n)s use cases against the guidelines, version %(version)s.")
        % {"n": len(report.outcomes), "version": ctx.rulebook.version}
    )
    for o in report.changed:
        typer.echo(
            _("%(ref)s: %(old)s → %(new)s")
            % {
                "ref": o.ref,
                "old": _result(o.old_verdict, o.old_tier),
                "new": _result(o.verdict, o.tier),
            }
        )
    for o in report.to_renew:
        typer.echo(_("%(ref)s: the approval must be renewed.") % {"ref": o.ref})
    if not report.changed and not report.to_renew:
        typer.echo(_("Nothing changed."))
