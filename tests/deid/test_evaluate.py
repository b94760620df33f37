"""Corpus readers and scores, and the figures on the shared validation split."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tryggki.deid import Label
from tryggki.deid.corpus import Span, parse_inline, read_conll, read_corpus
from tryggki.deid.evaluate import ANY, evaluate

REPO = Path(__file__).resolve().parents[2]
# The corpus stays in the team's shared folder beside the checkout; a clone elsewhere (CI in a
# temporary directory) names it with TRYGGKI_SHARED_DIR or finds the workplace's copy.
SHARED = next(
    (
        p
        for p in (Path(os.environ.get("TRYGGKI_SHARED_DIR", "")), REPO.parent / "shared")
        if str(p) != "." and p.is_dir()
    ),
    Path("/work/shared"),
)
VALIDATION = SHARED / "data" / "nor-deid-synthdata" / "validation.json"


def test_inline_tags_become_spans_and_name_parts_join() -> None:
    doc = parse_inline(
        "Pasient <First_Name>Kari</First_Name> <Last_Name>Nordmann</Last_Name>, "
        "<Age>41</Age> år<br>, <junk>x</junk> <Date>1. mai</Date>."
    )
    assert doc.text == "Pasient Kari Nordmann, 41 år, x 1. mai."
    assert [(doc.text[s.start : s.end], s.label) for s in doc.gold] == [
        ("Kari Nordmann", Label.PERSON),
        ("41", Label.AGE),
        ("1. mai", Label.DATE),
    ]


def test_conll_bioes_and_conllu_are_read() -> None:
    bioes = read_conll("Kari B-First_Name\nNordmann E-Last_Name\nkom O\n\n40 B-Age\når E-Age\n")
    assert bioes.text == "Kari Nordmann kom\n40 år"
    assert bioes.gold == (Span(0, 13, Label.PERSON), Span(18, 23, Label.AGE))
    conllu = read_conll(
        "# text = Per bur i Oslo\n"
        "1\tPer\tPer\tPROPN\t_\t_\t0\troot\t_\tname=B-PER\n"
        "2\tbur\tbu\tVERB\t_\t_\t1\tx\t_\tname=O\n"
        "3\ti\ti\tADP\t_\t_\t1\tx\t_\tname=O\n"
        "4\tOslo\tOslo\tPROPN\t_\t_\t1\tx\t_\tSpaceAfter=No|name=B-GPE_LOC\n"
    )
    assert [conllu.text[s.start : s.end] for s in conllu.gold] == ["Per", "Oslo"]


def test_scores_count_exact_overlap_and_token_matches() -> None:
    doc = parse_inline(
        "Pasient <First_Name>Kari</First_Name> ringte <Phone_Number>93092261</Phone_Number>."
    )
    report = evaluate([doc])
    assert report.exact[ANY].recall == 1.0
    assert report.overlap["PERSON"].precision == 1.0
    assert report.token["PHONE"].f1 == 1.0
    assert report.misses == [] and report.false_alarms == []


def test_validation_split_meets_the_bar() -> None:
    report = evaluate(read_corpus(VALIDATION))
    overlap = report.overlap
    assert overlap[ANY].recall >= 0.95
    assert overlap[ANY].precision >= 0.90
    for label in ("PERSON", "ID_NUMBER", "PHONE"):
        assert overlap[label].recall >= 0.95, label
    assert overlap["PERSON"].precision >= 0.78


def test_handwritten_bokmal_and_nynorsk_sentences_score_high() -> None:
    # Sentences written for this project (news-like and clinical, both written standards), with
    # names in no list, traps and the common formats: a regression set, not a benchmark.
    [doc] = read_corpus(Path(__file__).parent / "data" / "handwritten_nb_nn.txt")
    report = evaluate([doc])
    assert report.overlap["PERSON"].recall == 1.0
    assert report.overlap[ANY].precision >= 0.95
    assert report.overlap[ANY].recall >= 0.95
    assert report.misses == []


@pytest.mark.parametrize(
    ("name", "recall", "person_recall"),  # overlap, class and span both counted
    [
        # 166 clinical and general sentences, written without looking at the detectors or the
        # shared corpus; the rules were then tuned on their misses.
        ("dev2_clinical_nb", 0.92, 0.98),
        ("dev2_clinical_nn", 0.92, 0.98),
        ("dev2_general_nb", 0.92, 0.98),
        ("dev2_general_nn", 0.92, 0.98),
        # 146 harder pieces (DIPS headers, signatures, SMS, minutes, obituaries), written the
        # same way by another hand; scored before any tuning at all-class recall 0.89 / 0.89 /
        # 0.82 / 0.80, then tuned on their misses (lower-case names are still missed).
        ("dev3_clinical_nb", 0.92, 0.92),
        ("dev3_clinical_nn", 0.90, 0.92),
        ("dev3_general_nb", 0.88, 0.85),
        ("dev3_general_nn", 0.88, 0.84),
        # 60 longer clinical and general texts by two more hands, scored once before any
        # tuning (the held-out figures in the README), then tuned on their misses.
        ("dev4_clinical_nb", 0.95, 0.98),
        ("dev4_clinical_nn", 0.95, 0.98),
        ("dev4_general_nb", 0.95, 0.95),
        ("dev4_general_nn", 0.90, 0.93),
    ],
)
def test_the_development_sets_meet_the_bar_in_both_written_standards(
    name: str, recall: float, person_recall: float
) -> None:
    # Regression sets, not benchmarks: each fails when a change loses what it taught.
    report = evaluate(read_corpus(Path(__file__).parent / "data" / f"{name}.txt"))
    overlap = report.overlap
    assert overlap[ANY].recall >= recall
    assert overlap[ANY].precision >= 0.94
    assert overlap["PERSON"].recall >= person_recall
