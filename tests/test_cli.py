"""The command line: administrator, demo data, import/export, errors with clear messages."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tryggki.config import Settings
from tryggki.models import UseCase, User


def cli(settings: Settings, *args: str, lang: str = "en") -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "TRYGGKI_DATABASE_URL": settings.sqlalchemy_url,
        "TRYGGKI_DATA_DIR": str(settings.data_dir),
        "LANG": f"{lang}.UTF-8",
    }
    return subprocess.run(
        [sys.executable, "-m", "tryggki", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_create_admin_refuses_a_short_password_then_creates(
    settings: Settings, db: Session
) -> None:
    short = cli(
        settings, "create-admin", "--email", "ny@example.test", "--name", "Ny", "--password", "kort"
    )
    assert short.returncode == 1
    assert "at least 12 characters" in short.stderr
    assert "kort" not in short.stderr
    ok = cli(
        settings,
        "create-admin",
        "--email",
        "ny@example.test",
        "--name",
        "Ny",
        "--password",
        "eit-langt-passord",
    )
    assert ok.returncode == 0, ok.stderr
    assert db.scalar(select(User.role).where(User.email == "ny@example.test")) == "admin"


def test_demo_data_export_and_import_round_trip(
    settings: Settings, db: Session, tmp_path: Path
) -> None:
    assert cli(settings, "demo-data").returncode == 0
    again = cli(settings, "demo-data")
    assert "0 created, 0 updated" in again.stdout
    out = tmp_path / "registry.xlsx"
    export = cli(settings, "export", str(out))
    assert export.returncode == 0 and out.stat().st_size > 0
    imported = cli(settings, "import", str(out))
    assert imported.returncode == 0, imported.stderr
    assert "0 created, 0 updated" in imported.stdout
    stdout_json = cli(settings, "export", "-", "--format", "json")
    assert json.loads(stdout_json.stdout)["format"] == "tryggki-registry"


def test_a_bad_import_file_exits_non_zero_and_saves_nothing(
    settings: Settings, db: Session, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(
        json.dumps(
            {
                "format": "tryggki-registry",
                "version": "1.0",
                "use_cases": [
                    {
                        "ref": "X-1",
                        "title": "Ola Nordmann 01017012345",
                        "organisation": "ukjend",
                        "purpose_domain": "research",
                        "lifecycle_stage": "idea",
                    },
                ],
            }
        )
    )
    result = cli(settings, "import", str(bad), lang="nb")
    assert result.returncode == 1
    assert "Ukjent virksomhet." in result.stderr
    assert "01017012345" not in result.stderr + result.stdout
    assert db.scalar(select(func.count()).select_from(UseCase)) == 0
    missing = cli(settings, "import", str(tmp_path / "nope.csv"))
    assert missing.returncode == 1 and "Cannot read the file." in missing.stderr
    unknown = cli(settings, "import", str(tmp_path / "x.pdf"))
    assert unknown.returncode == 1 and "Unknown format" in unknown.stderr
