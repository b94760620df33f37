"""The ``tryggki`` command line (Typer); one module per command group."""

from __future__ import annotations

from tryggki.cli.app import app


def main() -> None:
    """Entry point of the ``tryggki`` command."""
    app()
