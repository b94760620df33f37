"""Demo assessments: answers and controls for a few demo use cases, one of them approved."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy.orm import Session

from tryggki.assessments import service
from tryggki.assessments.schemas import EvidenceIn
from tryggki.auth.actor import Actor
from tryggki.registry import repository as registry_repo

DEMO_FILE = Path(__file__).parent / "demo-assessments.yaml"


def load_demo_assessments(session: Session, ctx: service.Context) -> int:
    """Answer, record controls and (where marked) approve; use cases already assessed are left."""
    system = Actor.system("cli")
    done = 0
    for entry in yaml.safe_load(DEMO_FILE.read_text(encoding="utf-8")):
        uc = registry_repo.get_use_case_by_ref(session, entry["ref"])
        if uc is None or service.get(session, use_case_id=uc.id)[1] is not None:
            continue
        service.save_answers(
            session, use_case_id=uc.id, answers=entry["answers"], actor=system, ctx=ctx
        )
        for control, spec in entry.get("controls", {}).items():
            service.save_evidence(
                session,
                use_case_id=uc.id,
                data=_evidence(control, spec, ctx),
                actor=system,
                ctx=ctx,
            )
        if entry.get("approve"):
            service.submit(session, use_case_id=uc.id, actor=system, comment=None, ctx=ctx)
            service.approve(session, use_case_id=uc.id, actor=system, comment="Demo", ctx=ctx)
        done += 1
    return done


def _evidence(control: str, spec: dict[str, Any], ctx: service.Context) -> EvidenceIn:
    due = ctx.engine.assessment_date + timedelta(days=spec["due"]) if "due" in spec else None
    return EvidenceIn(
        control=control,
        in_place=spec.get("in_place", False),
        note=spec.get("note"),
        owner=spec.get("owner"),
        due_date=due,
    )
