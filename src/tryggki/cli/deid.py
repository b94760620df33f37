"""``tryggki deid``: de-identify text from stdin, files or directories, and evaluate on corpora.

``tryggki deid [FILES…]`` runs the ``run`` command (the group falls back to it), so both
``tryggki deid notes/`` and ``tryggki deid evaluate corpus.json`` work. Messages never quote the
text: identifiers appear only in the requested output.
"""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import track
from typer.core import TyperGroup

from tryggki.cli.common import fail
from tryggki.deid import Label, Policy, Vault, detect, tokenise
from tryggki.deid.corpus import read_corpus
from tryggki.deid.evaluate import ANY, Report, Scores, evaluate
from tryggki.deid.transform import Surrogates, replace
from tryggki.i18n import gettext as _


class _RunByDefault(TyperGroup):
    """A group whose first argument, when it is no subcommand, goes to ``run``."""

    # The context type lives in typer's private copy of click; Any keeps mypy honest enough.
    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if not args or (args[0] not in self.commands and args[0] not in ("--help", "-h")):
            args = ["run", *args]
        return super().parse_args(ctx, args)


deid_app = typer.Typer(
    cls=_RunByDefault,
    help="Find and replace personal and health identifiers in Norwegian text.",
)


class Mode(StrEnum):
    """What to put in place of an identifier."""

    redact = "redact"
    pseudonymise = "pseudonymise"
    tokens = "tokens"


class Output(StrEnum):
    """Output format."""

    text = "text"
    json = "json"


def _files(paths: list[Path]) -> list[Path]:
    """The files to read: directories are walked, ``-`` is stdin."""
    out: list[Path] = []
    for path in paths:
        if str(path) == "-":
            out.append(path)
        elif path.is_dir():
            out.extend(sorted(p for p in path.rglob("*") if p.is_file()))
        elif path.is_file():
            out.append(path)
        else:
            fail(_("No such file or directory: %(path)s") % {"path": path})
    return out


def _read(path: Path) -> str:
    try:
        if str(path) == "-":
            return sys.stdin.read()
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        fail(_("%(path)s is not UTF-8 text.") % {"path": path})
    except OSError:
        fail(_("Cannot read %(path)s.") % {"path": path})


def _policy(keep: list[str], min_confidence: float) -> Policy:
    try:
        return Policy(keep=frozenset(Label(k.upper()) for k in keep), min_confidence=min_confidence)
    except ValueError:
        fail(
            _(
                "Cannot keep that class. Classes: %(classes)s. Names, ID numbers, phone, e-mail, "
                "addresses and record numbers are always replaced."
            )
            % {"classes": ", ".join(label.value for label in Label)}
        )


@deid_app.command("run")
def run(
    paths: Annotated[
        list[Path] | None, typer.Argument(help="Files or directories; - or none for stdin.")
    ] = None,
    mode: Annotated[Mode, typer.Option(help="redact, pseudonymise or tokens")] = Mode.redact,
    output: Annotated[
        Output, typer.Option("--format", help="text or json (the findings)")
    ] = Output.text,
    keep: Annotated[
        list[str] | None, typer.Option(help="Class to keep, e.g. AGE (repeatable).")
    ] = None,
    min_confidence: Annotated[float, typer.Option(min=0.0, max=1.0)] = 0.5,
    out_dir: Annotated[
        Path | None, typer.Option("--output-dir", help="Write one file per input here.")
    ] = None,
    vault_file: Annotated[
        Path | None, typer.Option("--vault", help="tokens: save the placeholders here.")
    ] = None,
) -> None:
    """De-identify text: redact, pseudonymise or tokenise every identifier."""
    files = _files(paths or [Path("-")])
    policy = _policy(keep or [], min_confidence)
    vault = Vault()
    documents: list[dict[str, Any]] = []
    replaced = 0
    many = len(files) > 1
    console = Console(stderr=True)
    for path in track(
        files, _("De-identifying"), console=console, disable=not (many and console.is_terminal)
    ):
        text = _read(path)
        findings = detect(text, policy)
        replaced += len(findings)
        if output is Output.json:
            documents.append({"source": str(path), "findings": [f.as_dict() for f in findings]})
            continue
        if mode is Mode.redact:
            result = replace(text, findings, lambda f: f"[{f.label.value}]")
        elif mode is Mode.pseudonymise:
            surrogates = Surrogates()
            surrogates.remember(findings)
            result = replace(text, findings, surrogates)
        else:
            result = tokenise(text, vault, policy)
        _emit(path, result, out_dir, many)
    if output is Output.json:
        typer.echo(json.dumps({"documents": documents}, ensure_ascii=False, indent=2))
    if vault_file is not None:
        vault_file.write_text(
            json.dumps(vault.to_dict(), ensure_ascii=False, indent=2), encoding="utf-8"
        )
    if many or out_dir is not None:
        typer.echo(
            _("%(files)s files, %(n)s identifiers replaced.")
            % {"files": len(files), "n": replaced},
            err=True,
        )


def _emit(path: Path, result: str, out_dir: Path | None, many: bool) -> None:
    if out_dir is not None:
        target = out_dir / ("stdin.txt" if str(path) == "-" else path.name)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(result, encoding="utf-8")
    elif many:
        typer.echo(f"==> {path} <==")
        typer.echo(result)
    else:
        typer.echo(result, nl=False)


def _row(name: str, gold: int, levels: list[Scores]) -> str:
    cells = "".join(f"  {s.precision:5.3f} {s.recall:5.3f} {s.f1:5.3f}" for s in levels)
    return f"{name:13}{gold:6}{cells}"


def _print_report(report: Report, show: int) -> None:
    klass, gold = _("class"), _("gold")
    titles = [_("exact"), _("overlap"), _("token")]
    typer.echo(f"{klass:13}{gold:>6}  " + "  ".join(f"{title:^17}" for title in titles))
    typer.echo(" " * 19 + "  P     R     F1   " * 3)
    for name in sorted(report.overlap, key=lambda k: (k == ANY, k)):
        levels = [
            report.exact[name],
            report.overlap[name],
            report.token.get(name, Scores(0, 0, 0, 0)),
        ]
        typer.echo(_row(name, report.overlap[name].gold, levels))
    a = report.any_class
    typer.echo(
        _("Any identifier, overlap: P %(p).3f  R %(r).3f  F1 %(f).3f")
        % {"p": a.precision, "r": a.recall, "f": a.f1}
    )
    for title, examples in ((_("Misses"), report.misses), (_("False alarms"), report.false_alarms)):
        typer.echo(f"\n{title} ({len(examples)}):")
        for ex in examples[:show]:
            typer.echo(f"  {ex.label:12} {ex.context}")


def _as_json(report: Report) -> dict[str, Any]:
    def table(scores: dict[str, Scores]) -> dict[str, dict[str, float]]:
        return {
            k: {
                "precision": s.precision,
                "recall": s.recall,
                "f1": s.f1,
                "gold": s.gold,
                "predicted": s.pred,
            }
            for k, s in scores.items()
        }

    return {
        "exact": table(report.exact),
        "overlap": table(report.overlap),
        "token": table(report.token),
        "any_identifier_overlap": table({ANY: report.any_class})[ANY],
        "misses": [{"label": e.label, "context": e.context} for e in report.misses],
        "false_alarms": [{"label": e.label, "context": e.context} for e in report.false_alarms],
    }


@deid_app.command("evaluate")
def evaluate_command(
    paths: Annotated[
        list[Path],
        typer.Argument(help="Annotated corpora: .json, .conll/.conllu, or text with inline tags."),
    ],
    output: Annotated[Output, typer.Option("--format", help="text or json")] = Output.text,
    show: Annotated[int, typer.Option(help="How many misses and false alarms to list.")] = 20,
    min_confidence: Annotated[float, typer.Option(min=0.0, max=1.0)] = 0.5,
) -> None:
    """Score the detectors against annotated corpora (precision, recall, F1 per class)."""
    documents = []
    for path in _files(paths):
        try:
            documents.extend(read_corpus(path))
        except UnicodeDecodeError:
            fail(_("%(path)s is not UTF-8 text.") % {"path": path})
        except (OSError, ValueError, KeyError, TypeError):
            fail(_("Cannot read %(path)s as an annotated corpus.") % {"path": path})
    report = evaluate(documents, min_confidence)
    if output is Output.json:
        typer.echo(json.dumps(_as_json(report), ensure_ascii=False, indent=2))
    else:
        typer.echo(_("%(n)s documents") % {"n": len(documents)})
        _print_report(report, show)
