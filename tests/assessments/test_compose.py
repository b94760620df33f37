"""Pure parts: registry facts merged with answers, what binds an approval, the questionnaire."""

from __future__ import annotations

from typing import Any

from starlette.datastructures import FormData

from tryggki.assessments import compose, questionnaire
from tryggki.rules.facts import UseCaseFacts, fact_names

REGISTRY: dict[str, Any] = {
    "organisation": "helse_bergen",
    "title": "Tale til journalnotat",
    "lifecycle_stage": "pilot",
    "purpose_domain": "clinical_care",
    "data": {"categories": ["health"]},
    "controls_in_place": ["dpia_done"],
}


def test_the_registry_wins_over_an_answer_for_the_same_fact() -> None:
    answers = {"data": {"categories": ["anonymous"], "scale": "trust"}, "lifecycle_stage": "idea"}
    merged = compose.merge(REGISTRY, answers)
    assert merged["data"] == {"categories": ["health"], "scale": "trust"}
    assert merged["lifecycle_stage"] == "pilot"
    assert answers["data"]["categories"] == ["anonymous"]  # the answers are not changed


def _bound(**changes: Any) -> dict[str, Any]:
    return compose.comparable(UseCaseFacts.model_validate(compose.merge(REGISTRY, changes)))


def test_an_approval_is_not_bound_to_titles_or_to_controls_added_later() -> None:
    approved = _bound()
    assert "title" not in approved
    renamed = compose.comparable(
        UseCaseFacts.model_validate({**compose.merge(REGISTRY, {}), "title": "Nytt namn"})
    )
    assert compose.changes(approved, renamed) == []
    more = compose.comparable(
        UseCaseFacts.model_validate(
            {**compose.merge(REGISTRY, {}), "controls_in_place": ["dpia_done", "ros_done"]}
        )
    )
    assert compose.changes(approved, more) == []


def test_a_removed_control_or_a_changed_fact_is_a_change() -> None:
    approved = _bound()
    fewer = compose.comparable(
        UseCaseFacts.model_validate({**compose.merge(REGISTRY, {}), "controls_in_place": []})
    )
    assert [c.name for c in compose.changes(approved, fewer)] == ["controls_in_place"]
    wider = _bound(data={"scale": "region"})
    (change,) = compose.changes(approved, wider)
    assert (change.name, change.approved, change.current) == ("data.scale", None, "region")


def test_every_question_is_a_fact_of_the_schema_and_every_code_has_a_label() -> None:
    names = fact_names()
    for section in questionnaire.sections():
        for q in section.questions:
            assert q.name in names, q.name
            for code in q.codes:
                assert code in questionnaire.OPTION_LABELS, (q.name, code)
    asked = {q.name: q for section in questionnaire.sections() for q in section.questions}
    assert (asked["ai.is_ai_system"].kind, asked["ai.is_ai_system"].codes) == (
        "choice",
        ("yes", "no", "unknown"),
    )
    assert asked["data.sources"].kind == "choices"
    assert asked["people.estimated_data_subjects"].kind == "number"


def test_a_posted_questionnaire_nests_back_into_the_fact_schema() -> None:
    form = FormData(
        [
            ("ai.is_ai_system", "yes"),
            ("data.sources", "ehr"),
            ("data.sources", "lab"),
            ("people.estimated_data_subjects", "1200"),
            ("decision.override_possible", "on"),
            ("annex_iii.area", ""),
        ]
    )
    answers = questionnaire.answers_from_form(form, form.getlist)
    facts = UseCaseFacts.model_validate(compose.merge(REGISTRY, answers))
    assert facts.ai.is_ai_system == "yes"
    assert facts.data.sources == ["ehr", "lab"]
    assert facts.people.estimated_data_subjects == 1200
    assert facts.decision.override_possible is True
    assert facts.decision.explanation_available is False  # an unticked box is "no"
    assert facts.annex_iii.area == "none"  # an empty choice takes the schema's default
