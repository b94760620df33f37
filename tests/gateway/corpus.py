"""Synthetic prompts full of Norwegian identifiers (no real person: ID numbers are synthetic).

Each prompt comes with the identifiers in it, so a test can look for every one of them in what
the upstream received.
"""

from __future__ import annotations

import random
from datetime import date

from tryggki.deid.idnumbers import synthetic

GIVEN = ["Kari", "Ola", "Ingrid", "Lars", "Sigrid", "Nils", "Astrid", "Håkon", "Solveig", "Bjørn"]
FAMILY = ["Nordmann", "Hansen", "Johansen", "Olsen", "Larsen", "Berge", "Haugland", "Vik"]
STREETS = ["Storgata", "Kongsvegen", "Fjellvegen", "Strandgata", "Nygårdsgaten"]
TEMPLATES = [
    "Pasienten {name} (fødselsnummer {fnr}) vart innlagt {date}. Ring {phone} ved spørsmål.",
    "Skriv eit brev til {name}, {street} {no}, {postcode} Bergen. E-post: {email}.",
    "Oppsummer: {name}, fnr {fnr}, tlf {phone}, kom til legevakta {date} med brystsmerter.",
    "Kan du omsetje dette? «Hei {name}, timen din er {date}. Mvh fastlegen.»",
    "Journalnotat: Pas. {name} f. nr. {fnr}. Adresse {street} {no}, {postcode} Bergen.",
]


def prompts(n: int, seed: int = 7) -> list[tuple[str, list[str]]]:
    """``n`` prompts and, for each, the identifiers it holds."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        given, family = rng.choice(GIVEN), rng.choice(FAMILY)
        birth = date(1940 + rng.randrange(70), 1 + rng.randrange(12), 1 + rng.randrange(28))
        values = {
            "name": f"{given} {family}",
            "fnr": synthetic(birth, rng),
            "date": f"{1 + rng.randrange(28):02d}.{1 + rng.randrange(12):02d}.2025",
            "phone": f"9{rng.randrange(10)}{rng.randrange(10)} {rng.randrange(10, 99)} "
            f"{rng.randrange(100, 999)}",
            "email": f"{given.lower().replace('å', 'a').replace('ø', 'o')}.{family.lower()}"
            f"@example.no",
            "street": rng.choice(STREETS),
            "no": str(1 + rng.randrange(80)),
            "postcode": f"50{rng.randrange(3, 23):02d}",
        }
        template = TEMPLATES[i % len(TEMPLATES)]
        text = template.format(**values)
        held = [v for k, v in values.items() if "{" + k + "}" in template and k not in ("no",)]
        out.append((text, held))
    return out
