"""After `make i18n`: copy msgids into the English catalogue and list what nn/nb still miss."""

from __future__ import annotations

from pathlib import Path

from babel.messages.pofile import read_po, write_po

LOCALES = Path(__file__).parents[1] / "src" / "tryggki" / "i18n" / "locales"

for locale in ("en", "nn", "nb"):
    path = LOCALES / locale / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as fh:
        catalog = read_po(fh)
    for message in catalog:
        if not message.id or (message.string and all(message.string)):
            continue
        if locale == "en":
            message.string = message.id if isinstance(message.id, str) else tuple(message.id)
        else:
            print(f"{locale}: {message.id!r}")
    if locale == "en":
        with path.open("wb") as fh:
            write_po(fh, catalog, width=76)
