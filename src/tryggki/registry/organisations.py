"""Reference data: the organisations named in the plan (Helse Vest and the external actors)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from tryggki.models import Organisation

# (code, name, kind, is_helse_vest, public contact). Codes are those of the fact schema.
ORGANISATIONS: tuple[tuple[str, str, str, bool, str | None], ...] = (
    (
        "helse_vest_rhf",
        "Helse Vest RHF",
        "regional_health_authority",
        True,
        "https://helse-vest.no/kontakt-oss",
    ),
    (
        "helse_bergen",
        "Helse Bergen HF",
        "health_trust",
        True,
        "https://helse-bergen.no/kontakt-oss",
    ),
    (
        "helse_stavanger",
        "Helse Stavanger HF",
        "health_trust",
        True,
        "https://helse-stavanger.no/kontakt-oss",
    ),
    ("helse_fonna", "Helse Fonna HF", "health_trust", True, "https://helse-fonna.no/kontakt-oss"),
    ("helse_forde", "Helse Førde HF", "health_trust", True, "https://helse-forde.no/kontakt-oss"),
    (
        "sjukehusapoteka_vest",
        "Sjukehusapoteka Vest HF",
        "pharmacy_trust",
        True,
        "https://sjukehusapoteka-vest.no/kontakt-oss",
    ),
    (
        "helse_vest_ikt",
        "Helse Vest IKT AS",
        "it_provider",
        True,
        "https://helse-vest-ikt.no/kontakt-oss",
    ),
    ("helse_sor_ost_rhf", "Helse Sør-Øst RHF", "regional_health_authority", False, None),
    ("helse_midt_norge_rhf", "Helse Midt-Norge RHF", "regional_health_authority", False, None),
    ("helse_nord_rhf", "Helse Nord RHF", "regional_health_authority", False, None),
    ("helsedirektoratet", "Helsedirektoratet", "agency", False, None),
    (
        "direktoratet_for_e_helse",
        "Direktoratet for e-helse (no del av Helsedirektoratet)",
        "agency",
        False,
        None,
    ),
    (
        "dmp",
        "Direktoratet for medisinske produkt (tidlegare Statens legemiddelverk)",
        "agency",
        False,
        None,
    ),
    ("helsetilsynet", "Statens helsetilsyn", "agency", False, None),
    ("fhi", "Folkehelseinstituttet", "agency", False, None),
    ("ks", "KS – Kommunesektorens organisasjon", "municipal_sector", False, None),
)


def ensure_organisations(session: Session) -> int:
    """Insert the organisations that are missing; returns how many were added."""
    existing = set(session.scalars(select(Organisation.code)))
    added = 0
    for code, name, kind, is_hv, contact in ORGANISATIONS:
        if code not in existing:
            session.add(
                Organisation(
                    code=code, name=name, kind=kind, is_helse_vest=is_hv, public_contact=contact
                )
            )
            added += 1
    session.flush()
    return added
