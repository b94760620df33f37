"""Demo data: fictional use cases across the Helse Vest trusts, clearly marked as demo."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from sqlalchemy.orm import Session

from tryggki.auth.actor import Actor
from tryggki.registry import flows

DEMO_FILE = Path(__file__).parent / "demo-data.yaml"


def load_demo_data(session: Session) -> flows.ImportReport:
    """Import the demo set; importing it again changes nothing (records match by natural key)."""
    document = yaml.safe_load(DEMO_FILE.read_text(encoding="utf-8"))
    data = json.dumps(document, default=str).encode()
    return flows.import_file(
        session, data=data, fmt="json", actor=Actor.system("cli"), is_demo=True
    )
