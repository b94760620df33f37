"""Rulebook benchmark: assess 10,000 generated use cases against the whole packaged rulebook.

Conditions are compiled once when the rulebook is loaded; each assessment only derives facts and
runs the compiled predicates. Prints load time, total and per-assessment time, and the verdict mix.

    uv run python bench/rules_bench.py [--n 10000] [--seed 7]
"""

from __future__ import annotations

import argparse
import platform
import random
import statistics
import time
from collections import Counter
from datetime import date
from typing import Any

from tryggki.registry.vocabulary import AffectedGroup, DataCategory, PurposeDomain, Stage, UserGroup
from tryggki.rules.ask import DATA_KINDS, OPEN_TOOLS, TASKS, Question, answer
from tryggki.rules.engine import EngineSettings, assess
from tryggki.rules.facts import CONTROLS, UseCaseFacts
from tryggki.rules.loader import load_rulebook
from tryggki.rules.model import Rulebook

SOURCING = ["cots_onprem", "saas_enterprise", "consumer_free", "in_house", "co_developed"]
LOCATIONS = ["onprem_helse_vest", "norway_cloud", "eea_cloud", "usa_dpf_certified", "unknown"]


def _some(rng: random.Random, values: list[Any], most: int = 3) -> list[Any]:
    return rng.sample(values, rng.randint(0, min(most, len(values))))


def use_case(rng: random.Random) -> UseCaseFacts:
    """One random but schema-valid use case."""
    return UseCaseFacts.model_validate(
        {
            "organisation": rng.choice(["helse_bergen", "helse_stavanger", "helse_vest_ikt"]),
            "purpose_domain": rng.choice(list(PurposeDomain)).value,
            "lifecycle_stage": rng.choice(list(Stage)).value,
            "clinical": {
                "function": rng.choice(["none", "inform", "drive", "diagnose_or_treat"]),
                "situation": rng.choice(["non_serious", "serious", "critical"]),
            },
            "people": {
                "users": _some(rng, [u.value for u in UserGroup]),
                "affected": _some(rng, [a.value for a in AffectedGroup]),
                "interacts_directly_with_natural_persons": rng.random() < 0.2,
            },
            "ai": {
                "is_ai_system": rng.choice(["yes", "yes", "yes", "no", "unknown"]),
                "technique": _some(rng, ["ml_prediction", "nlp", "llm_generative"]),
                "gpai_based": rng.random() < 0.4,
                "generates_content": _some(rng, ["text", "code"]),
            },
            "device": {
                "qualification": rng.choice(["not_md", "md", "unknown"]),
                "mdr_class": rng.choice(["I", "IIa", "IIb", "n_a"]),
                "ce_marked": rng.random() < 0.5,
            },
            "sourcing": {
                "model": rng.choice(SOURCING),
                "vendor_role": rng.choice(["processor", "independent_controller", None]),
                "vendor_uses_inputs_for_training": rng.choice(["yes", "no", "unknown"]),
            },
            "data": {
                "categories": _some(rng, [c.value for c in DataCategory], 4) or ["none"],
                "subject_to_professional_secrecy": rng.random() < 0.5,
                "sources": _some(rng, ["ehr", "user_prompt", "m365_tenant"]),
            },
            "location": {
                "storage": rng.choice(LOCATIONS),
                "processing": rng.choice(LOCATIONS),
                "transfer_mechanism": rng.choice(["none_needed", "dpf", "scc_with_tia"]),
            },
            "legal_basis_claimed": _some(rng, ["helsehjelp_pjl", "hpl_26_internal"]),
            "controls_in_place": _some(rng, list(CONTROLS), 12),
        }
    )


def main() -> None:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    started = time.perf_counter()
    rulebook = load_rulebook()
    load_ms = (time.perf_counter() - started) * 1000
    rng = random.Random(args.seed)
    cases = [use_case(rng) for _ in range(args.n)]
    settings = EngineSettings(assessment_date=date(2026, 9, 1))
    timings: list[float] = []
    verdicts: Counter[str] = Counter()
    total_start = time.perf_counter()
    for facts in cases:
        t0 = time.perf_counter()
        verdicts[assess(facts, rulebook, settings).verdict] += 1
        timings.append((time.perf_counter() - t0) * 1e6)
    total = time.perf_counter() - total_start
    timings.sort()
    print(
        f"Python {platform.python_version()} · rulebook {rulebook.version} "
        f"({len(rulebook.rules)} rules) · {args.n} use cases, seed {args.seed}"
    )
    print(f"load + compile rulebook   {load_ms:9.1f} ms")
    print(f"assess all                {total * 1000:9.1f} ms")
    print(f"per assessment  median    {statistics.median(timings):9.1f} µs")
    print(f"per assessment  p99       {timings[int(len(timings) * 0.99)]:9.1f} µs")
    print(f"throughput                {args.n / total:9.0f} assessments/s")
    print("verdicts                  " + ", ".join(f"{k} {v}" for k, v in sorted(verdicts.items())))
    staff_question(rulebook, rng)


def staff_question(rulebook: Rulebook, rng: random.Random, n: int = 1000) -> None:
    """Time the "Kan eg bruke KI til dette?" answer (facts → assessment → advice)."""
    tools = list(OPEN_TOOLS.values())
    timings = []
    for _ in range(n):
        question = Question(
            tool=rng.choice(tools),
            task=rng.choice(list(TASKS)),
            data_kinds=tuple(rng.sample(list(DATA_KINDS), rng.randint(1, 3))),
        )
        t0 = time.perf_counter()
        answer(question, rulebook, date(2026, 9, 1))
        timings.append((time.perf_counter() - t0) * 1e6)
    timings.sort()
    print(
        f"staff question  median    {statistics.median(timings):9.1f} µs  "
        f"(p99 {timings[int(n * 0.99)]:.1f} µs, {n} questions)"
    )


if __name__ == "__main__":
    main()
