"""``python -m tryggki`` runs the CLI."""

from tryggki.cli import main

main()
