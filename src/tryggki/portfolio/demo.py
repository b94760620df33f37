"""Demo portfolio: two demo reviewers score some demo use cases; one focus area is designated."""

from __future__ import annotations

import secrets
from datetime import date

from sqlalchemy.orm import Session

from tryggki.auth import service as auth
from tryggki.auth.actor import Actor
from tryggki.models import Role, User
from tryggki.portfolio import flows, service
from tryggki.portfolio import repository as repo
from tryggki.portfolio.schemas import FocusAreaIn, ScoreIn
from tryggki.portfolio.scoring import REVIEWED
from tryggki.registry import repository as registry_repo

# Synthetic accounts with a random password nobody knows: they only carry the demo scores.
REVIEWERS = ("demo.fagkontroll.a@tryggki.local", "demo.fagkontroll.b@tryggki.local")
# Scores in the order of REVIEWED: patient experience, security and safety, freed resources,
# strategic fit, readiness, maturity, cost, reuse — one row per demo reviewer.
SCORES: dict[str, tuple[tuple[int, ...], tuple[int, ...]]] = {
    "DEMO-HB-008": ((3, 3, 5, 5, 4, 4, 4, 5), (4, 3, 5, 4, 4, 4, 3, 5)),
    "DEMO-HS-001": ((3, 3, 4, 5, 3, 3, 4, 5), (3, 2, 4, 4, 3, 3, 4, 4)),
    "DEMO-HS-005": ((3, 3, 4, 4, 3, 3, 4, 4), (2, 3, 4, 5, 2, 3, 4, 5)),
    "DEMO-FONNA-002": ((3, 3, 4, 4, 2, 3, 4, 5), (3, 3, 3, 4, 2, 2, 4, 5)),
    "DEMO-HB-003": ((4, 3, 5, 5, 3, 3, 3, 5), (5, 3, 4, 5, 3, 2, 3, 4)),
    "DEMO-HS-002": ((4, 3, 4, 4, 3, 2, 3, 4), (4, 3, 5, 4, 2, 3, 3, 5)),
    "DEMO-HB-001": ((4, 5, 3, 4, 5, 5, 2, 4), (4, 4, 3, 4, 4, 5, 2, 3)),
    "DEMO-RHF-002": ((1, 2, 4, 3, 4, 3, 2, 3), (2, 2, 3, 3, 4, 3, 3, 2)),
}
FOCUS = {
    "title": "Pasientflyt og kapasitet med flytprognosar",
    "owner": "Regional KI-koordinator, Helse Vest RHF",
    "rationale": (
        "Tre helseføretak treng same prognose for innleggingar og utskrivingar.\n"
        "Ei felles løysing frigjer tid i koordinering og kan gjenbrukast på tvers."
    ),
    "refs": ("DEMO-HB-008", "DEMO-HS-001", "DEMO-HS-005", "DEMO-FONNA-002"),
}


def _reviewer(session: Session, email: str, name: str) -> User:
    found = repo.user_by_email(session, email)
    if found is not None:
        return found
    return auth.create_user(
        session,
        email=email,
        display_name=name,
        password=secrets.token_urlsafe(24),
        role=Role.reviewer,
        organisation_code=None,
        actor=Actor.system("cli"),
    )


def load_demo_portfolio(session: Session) -> int:
    """Weight sets, the demo scores and one focus area (loading again duplicates nothing)."""
    service.ensure_weight_sets(session)
    names = ("Demo-fagkontrollør A", "Demo-fagkontrollør B")
    reviewers = [_reviewer(session, e, n) for e, n in zip(REVIEWERS, names, strict=True)]
    scored = 0
    for ref, rows in SCORES.items():
        uc = registry_repo.get_use_case_by_ref(session, ref)
        if uc is None:
            continue
        for user, row in zip(reviewers, rows, strict=True):
            actor = auth.actor_for(user, "cli")
            if service.my_score(session, use_case_id=uc.id, actor=actor) is None:
                data = ScoreIn(scores=dict(zip(REVIEWED, row, strict=True)))
                service.save_score(session, use_case_id=uc.id, data=data, actor=actor)
                scored += 1
    if not repo.focus_areas(session, withdrawn=None):
        refs = [r for r in FOCUS["refs"] if registry_repo.get_use_case_by_ref(session, r)]
        if refs:
            area = FocusAreaIn(
                title=str(FOCUS["title"]),
                period_start=date(2026, 1, 1),
                period_end=date(2027, 12, 31),
                owner=str(FOCUS["owner"]),
                rationale=str(FOCUS["rationale"]),
                use_cases=refs,
                candidate_key=None,
                weight_set=None,
            )
            flows.designate(session, data=area, actor=auth.actor_for(reviewers[0], "cli"))
    return scored
