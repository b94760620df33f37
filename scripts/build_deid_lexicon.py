"""Build the name, place and ambiguity lists shipped in ``src/tryggki/deid/data/``.

Run by a developer when a source changes (not at run time):
``uv run python scripts/build_deid_lexicon.py``. Sources: the SSB and Bring gazetteers in
``../shared/data/gazetteers`` (copied with attribution), the person providers of Faker (MIT, a dev
dependency) for foreign names, the Norwegian given names of Mimesis (MIT, a dev dependency) for
the older and rarer Norwegian names SSB's list leaves out ("Vigdis", "Åsmund"), and, when installed, Debian's ``wnorwegian`` word lists (only used to
decide which names are also common Norwegian words; no word list is shipped).
"""

from __future__ import annotations

import csv
import importlib
import json
import pkgutil
import re
import shutil
from pathlib import Path

import faker.providers.person as person_providers
import mimesis

ROOT = Path(__file__).parents[1]
SHARED = ROOT.parent / "shared" / "data" / "gazetteers"
OUT = ROOT / "src" / "tryggki" / "deid" / "data"
LATIN = re.compile(r"[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿA-ZÀ-ÖØ-Þ'\-]+")
SMALL_WORDS = {"i", "på", "og", "ved", "under", "over", "til", "fra", "frå", "de", "la", "le"}


def read_lines(path: Path) -> list[str]:
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _latin(values: object) -> set[str]:
    if not isinstance(values, (tuple, list, dict)):
        return set()  # some locales compute these lists in a property
    return {part for name in values for part in str(name).split() if LATIN.fullmatch(part)}


def faker_gendered() -> tuple[set[str], set[str], set[str], set[str]]:
    """Female and male given names of every locale, and the Nordic ones for surrogates."""
    female: set[str] = set()
    male: set[str] = set()
    nordic_female: set[str] = set()
    nordic_male: set[str] = set()
    for module in pkgutil.iter_modules(person_providers.__path__):
        provider = importlib.import_module(f"{person_providers.__name__}.{module.name}").Provider
        f = _latin(getattr(provider, "first_names_female", ()))
        m = _latin(getattr(provider, "first_names_male", ()))
        female |= f
        male |= m
        if module.name in ("no_NO", "da_DK", "sv_SE"):
            nordic_female |= f
            nordic_male |= m
    return female, male, nordic_female, nordic_male


def faker_names() -> tuple[set[str], set[str]]:
    given: set[str] = set()
    family: set[str] = set()
    for module in pkgutil.iter_modules(person_providers.__path__):
        provider = importlib.import_module(f"{person_providers.__name__}.{module.name}").Provider
        for attr, target in (
            ("first_names", given),
            ("first_names_male", given),
            ("first_names_female", given),
            ("last_names", family),
        ):
            values = getattr(provider, attr, ())
            if not isinstance(values, (tuple, list, dict)):
                continue  # some locales compute these lists in a property
            for name in values:
                for part in str(name).split():
                    if LATIN.fullmatch(part):
                        target.add(part)
    return given, family


def mimesis_given() -> tuple[set[str], set[str]]:
    """Mimesis's Norwegian female and male given names."""
    path = Path(mimesis.__file__).parent / "datasets" / "no" / "person.json"
    names = json.loads(path.read_text(encoding="utf-8"))["names"]
    return _latin(names["female"]), _latin(names["male"])


def title(place: str) -> str:
    words = re.split(r"(\s+|-)", place.lower())
    return "".join(w if w in SMALL_WORDS else w[:1].upper() + w[1:] for w in words)


def norwegian_words() -> set[str]:
    words: set[str] = set()
    for name in ("bokmaal", "nynorsk"):
        path = Path("/usr/share/dict") / name
        if path.exists():
            words.update(w for w in path.read_text(encoding="latin-1").split() if w[:1].islower())
    return words


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    ssb_given = set(read_lines(SHARED / "nb_given_names.csv"))
    ssb_family = set(read_lines(SHARED / "nb_family_names.csv"))
    fk_given, fk_family = faker_names()
    mi_female, mi_male = mimesis_given()
    given = ssb_given | fk_given | mi_female | mi_male
    family = ssb_family | fk_family
    places = set(read_lines(SHARED / "nb_cities.csv"))
    with (SHARED / "postal_codes_bring.tsv").open(encoding="utf-8") as fh:
        for row in csv.reader(fh, delimiter="\t"):
            places.add(title(row[1]))
            places.add(title(row[3]))
    words = norwegian_words()
    ambiguous = {n for n in given | family | places if n.lower() in words}
    (OUT / "given_names.txt").write_text("\n".join(sorted(given)) + "\n", encoding="utf-8")
    (OUT / "family_names.txt").write_text("\n".join(sorted(family)) + "\n", encoding="utf-8")
    (OUT / "surrogate_given.txt").write_text("\n".join(sorted(ssb_given)) + "\n", encoding="utf-8")
    (OUT / "surrogate_family.txt").write_text(
        "\n".join(sorted(ssb_family)) + "\n", encoding="utf-8"
    )
    female, male, nordic_female, nordic_male = faker_gendered()
    female |= mi_female
    male |= mi_male
    (OUT / "female_given.txt").write_text("\n".join(sorted(female - male)) + "\n", encoding="utf-8")
    (OUT / "male_given.txt").write_text("\n".join(sorted(male - female)) + "\n", encoding="utf-8")
    (OUT / "surrogate_female.txt").write_text(
        "\n".join(sorted(nordic_female - nordic_male)) + "\n", encoding="utf-8"
    )
    (OUT / "surrogate_male.txt").write_text(
        "\n".join(sorted(nordic_male - nordic_female)) + "\n", encoding="utf-8"
    )
    (OUT / "places.txt").write_text("\n".join(sorted(places)) + "\n", encoding="utf-8")
    (OUT / "ambiguous.txt").write_text("\n".join(sorted(ambiguous)) + "\n", encoding="utf-8")
    shutil.copy(SHARED / "nb_healthcare_units.csv", OUT / "health_units.txt")
    shutil.copy(SHARED / "postal_codes_bring.tsv", OUT / "postal_codes.tsv")
    shutil.copy(
        SHARED / "postal_codes_LICENSE_MIT_sindresorhus.txt",
        OUT / "LICENSE-postal-codes-MIT.txt",
    )
    print(f"given {len(given)}, family {len(family)}, places {len(places)}")
    print(f"ambiguous {len(ambiguous)}")


if __name__ == "__main__":
    main()
