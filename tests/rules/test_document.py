"""The guideline document: HTML in three languages, PDF, version history and diffs."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import httpx
import pytest
from pypdf import PdfReader
from sqlalchemy.orm import Session

from tests.conftest import Live
from tryggki.rules import versions
from tryggki.rules.loader import PACKAGED_RULEBOOK, load_rulebook

RULEBOOK = load_rulebook()


@pytest.mark.parametrize("lang", ["nn", "nb", "en"])
def test_the_document_shows_every_rule_by_theme_in_each_language(
    live: Live, db: Session, lang: str
) -> None:
    page = httpx.get(f"{live.url}/retningslinjer", headers={"Accept-Language": lang})
    assert page.status_code == 200
    assert f'<html lang="{lang}">' in page.text
    for rule in RULEBOOK.rules:
        assert f'id="{rule.id}"' in page.text
    for theme in RULEBOOK.themes:
        assert theme.title[lang] in page.text
    pub01 = RULEBOOK.rule("PUB-01")
    assert pub01.title[lang] in page.text


def test_the_pdf_holds_the_same_rules_as_the_page(live: Live, db: Session) -> None:
    response = httpx.get(f"{live.url}/retningslinjer.pdf", headers={"Accept-Language": "nn"})
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    pages = PdfReader(io.BytesIO(response.content)).pages
    text = " ".join(" ".join(p.extract_text() for p in pages).split())
    assert RULEBOOK.title["nn"] in text
    for rule_id in ("AIA-01", "GDPR-08", "PUB-01", "BEN-02"):
        assert rule_id in text
    assert "Rettsgrunnlag:" in text


def test_a_changed_rulebook_is_a_new_version_and_the_diff_shows_what_changed(
    live: Live, db: Session, tmp_path: Path
) -> None:
    copy = tmp_path / "book"
    shutil.copytree(PACKAGED_RULEBOOK, copy)
    manifest = copy / "rulebook.yaml"
    manifest.write_text(manifest.read_text().replace('version: "', 'version: "9', 1))
    policy = copy / "policy.yaml"
    old_title = RULEBOOK.rule("PUB-01").title["en"]
    policy.write_text(policy.read_text().replace(old_title, "No personal data in open AI", 1))
    changed = load_rulebook(copy)
    first = versions.record(db, RULEBOOK)
    second = versions.record(db, changed)
    assert versions.record(db, changed).id == second.id  # recording again adds nothing
    db.commit()
    listing = httpx.get(f"{live.url}/retningslinjer/versjonar")
    assert RULEBOOK.version in listing.text and changed.version in listing.text
    diff = httpx.get(
        f"{live.url}/retningslinjer/endringar",
        params={"fra": str(first.id), "til": str(second.id)},
        headers={"Accept-Language": "en"},
    )
    assert diff.status_code == 200
    assert "PUB-01" in diff.text and "No personal data in open AI" in diff.text
    assert old_title in diff.text
    assert "GDPR-08" not in diff.text  # unchanged rules are not listed
    missing = httpx.get(
        f"{live.url}/retningslinjer/endringar",
        params={"fra": str(first.id), "til": "00000000-0000-0000-0000-000000000000"},
    )
    assert missing.status_code == 404
