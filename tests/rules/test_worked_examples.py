"""The worked examples of the research file (§10) as tests: tier, roles, MDR, GDPR, health law,
verdict and the rules that must fire."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from tryggki.rules.engine import Assessment, EngineSettings, assess
from tryggki.rules.facts import UseCaseFacts
from tryggki.rules.loader import load_rulebook

FIXTURES = sorted((Path(__file__).parent / "fixtures").glob("F*.yaml"))
SETTINGS = EngineSettings(assessment_date=date(2026, 9, 1), omnibus_in_force=True)
RULEBOOK = load_rulebook()


def _code(value: Any) -> str:
    """'required(met)' in the fixtures means the requirement with its control in place."""
    return str(value).split("(")[0].strip()


def _run(path: Path) -> tuple[dict[str, Any], Assessment]:
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    return doc["expected"], assess(UseCaseFacts.model_validate(doc["input"]), RULEBOOK, SETTINGS)


@pytest.mark.parametrize("path", FIXTURES, ids=[p.stem for p in FIXTURES])
def test_worked_example(path: Path) -> None:
    expected, result = _run(path)
    aia = expected["aia"]
    assert set(result.roles) == set(aia["roles"])
    assert result.tier == aia["tier"]
    if "tier_confidence" in aia:
        assert result.tier_confidence == aia["tier_confidence"]
    if "transparency" in aia:
        assert set(result.transparency) == set(aia["transparency"])
    if "fria_required" in aia:
        assert result.fria_required == aia["fria_required"]
    assert result.mdr_status == expected["mdr"]["status"]
    if "route" in expected["mdr"]:
        assert result.mdr_route == expected["mdr"]["route"]
    gdpr = expected["gdpr"]
    assert result.gdpr_applies == gdpr["applies"]
    assert (result.dpia, result.dpa, result.transfer, result.art22) == (
        _code(gdpr["dpia"]),
        _code(gdpr["dpa"]),
        gdpr["transfer"],
        gdpr["art22"],
    )
    assert set(result.confidentiality_exception) == set(
        expected["nor"]["confidentiality_exception"]
    )
    if "evidence_tier" in expected:
        assert result.evidence_tier == expected["evidence_tier"]
    missing = set(expected["must_include_rules"]) - set(result.fired_rule_ids)
    assert not missing, f"rules that should fire: {sorted(missing)}"
    assert result.verdict == expected["verdict"], [
        (f.rule_id, f.effect)
        for f in result.firings
        if f.status == "in_force" and (f.effect in ("block", "review") or not f.met)
    ]
    if expected.get("all_conditions_met"):
        assert result.unmet_conditions == []


def _f09_built_in_house(by: str, **changes: Any) -> Assessment:
    """F09 (sepsis prediction) as an in-house device built and manufactured by ``by``."""
    doc = yaml.safe_load((Path(__file__).parent / "fixtures" / "F09.yaml").read_text())
    facts = doc["input"]
    changes = {
        "sourcing": {"model": "in_house", "developed_by": by, "vendor_role": None},
        "device": {
            "ce_marked": False,
            "notified_body_certificate": False,
            "in_house_art5_5": True,
            "manufacturer_entity": by,
        },
        **changes,
    }
    for key, value in changes.items():
        facts[key] = {**facts.get(key, {}), **value}
    return assess(UseCaseFacts.model_validate(facts), RULEBOOK, SETTINGS)


def test_f09_variant_a_in_house_at_the_same_trust_is_provider_and_contested() -> None:
    result = _f09_built_in_house("helse_forde", data={"use_phase": ["training", "inference"]})
    assert set(result.roles) == {"provider", "deployer"}
    assert result.mdr_route == "in_house_art5_5"
    assert result.tier == "high_risk_annex_i" and result.tier_confidence == "contested"
    assert {"AIA-21", "NOR-02"} <= set(result.fired_rule_ids)


def test_f09_variant_b_built_by_another_legal_entity_is_not_allowed() -> None:
    result = _f09_built_in_house("helse_vest_ikt")
    assert result.verdict == "not_allowed"
    assert "MDR-05" in {f.rule_id for f in result.by_effect("block")}
