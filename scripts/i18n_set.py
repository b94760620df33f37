"""Set translations from the command line: i18n_set.py LOCALE 'msgid' 'msgstr' [...]."""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

LOCALES = Path(__file__).parents[1] / "src" / "tryggki" / "i18n" / "locales"

locale, pairs = sys.argv[1], sys.argv[2:]
path = LOCALES / locale / "LC_MESSAGES" / "messages.po"
with path.open("rb") as fh:
    catalog = read_po(fh)
for msgid, msgstr in zip(pairs[::2], pairs[1::2], strict=True):
    message = catalog.get(msgid)
    if message is None:
        sys.exit(f"no such msgid: {msgid!r}")
    message.string = msgstr
with path.open("wb") as fh:
    write_po(fh, catalog, width=76)
