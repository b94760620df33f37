"""``tryggki indicators`` and ``tryggki portfolio`` on the command line."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tests.test_cli import cli
from tryggki.config import Settings
from tryggki.indicators.service import ensure_catalogue
from tryggki.models import Indicator, IndicatorValue


def _count(db: Session) -> int:
    db.expire_all()
    return db.scalar(select(func.count()).select_from(IndicatorValue)) or 0


def test_compute_stores_a_value_per_month_and_scope_and_refuses_a_bad_month(
    settings: Settings, db: Session
) -> None:
    ensure_catalogue(db)
    db.commit()
    bad = cli(settings, "indicators", "compute", "--from", "2026-13")
    assert bad.returncode == 1
    assert "“2026-13” is not a period: write it as YYYY-MM." in bad.stderr
    assert _count(db) == 0
    done = cli(settings, "indicators", "compute", "--from", "2026-01", "--to", "2026-03")
    assert done.returncode == 0, done.stderr
    # Nine computed indicators (six on the registry, three on the gateway's calls) × three
    # months, for the region only (no use cases, no calls yet).
    assert "27 indicator values computed and stored." in done.stdout
    assert _count(db) == 27


def test_import_reports_every_bad_row_and_saves_nothing(
    settings: Settings, db: Session, tmp_path: Path
) -> None:
    ensure_catalogue(db)
    db.commit()
    path = tmp_path / "values.csv"
    path.write_text(
        "indicator,organisation,period,value\n"
        "patient_experience_score,helse_bergen,2026-Q1,70\n"
        "patient_experience_score,helse_bergen,2026-1,70\n"
        "finst_ikkje,helse_bergen,2026-Q1,1\n"
        "ai_security_incidents,ukjend_hf,2026-Q1,1\n",
        encoding="utf-8",
    )
    result = cli(settings, "indicators", "import", str(path), lang="nb")
    assert result.returncode == 1
    assert "rad 3: period: «2026-1» er ikke en periode: skriv den som YYYY-Qn." in result.stderr
    assert "rad 4: indicator: Ukjent indikator: finst_ikkje" in result.stderr
    assert "rad 5: organisation: Ukjent virksomhet: ukjend_hf" in result.stderr
    assert _count(db) == 0
    path.write_text(
        "indicator,organisation,period,value\npatient_experience_score,helse_bergen,2026-Q1,70\n",
        encoding="utf-8",
    )
    assert cli(settings, "indicators", "import", str(path)).returncode == 0
    assert _count(db) == 1


def test_list_marks_retired_indicators(settings: Settings, db: Session) -> None:
    ensure_catalogue(db)
    indicator = db.scalars(
        select(Indicator).where(Indicator.code == "patient_experience_score")
    ).one()
    indicator.retired_at = datetime(2026, 11, 1, tzinfo=UTC)
    db.commit()
    rows = {
        line.split("\t")[0]: line.split("\t")
        for line in cli(settings, "indicators", "list", lang="nb").stdout.splitlines()
    }
    assert rows["patient_experience_score"][4] == "Avviklet"
    assert rows["ai_security_incidents"][4] == "Aktiv"


def test_portfolio_ranking_as_json(settings: Settings, db: Session) -> None:
    result = cli(settings, "portfolio", "ranking", "--format", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []
    missing = cli(settings, "portfolio", "ranking", "--weight-set", "Finst ikkje")
    assert missing.returncode == 1
    assert "There is no weight set with that name." in missing.stderr
