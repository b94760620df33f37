"""The staff page "Kan eg bruke KI til dette?" and its JSON twin."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from pydantic import BaseModel

from tryggki.db.base import utcnow
from tryggki.exceptions import ValidationFailed
from tryggki.i18n import get_locale
from tryggki.i18n import gettext as _
from tryggki.registry import repository as repo
from tryggki.rules.ask import DATA_KINDS, OPEN_TOOLS, TASKS, answer
from tryggki.rules.model import Rulebook
from tryggki.rules.service import build_question
from tryggki.web.deps import DbSession, OptionalUser
from tryggki.web.templating import is_htmx, render

router = APIRouter()
api_router = APIRouter()
PATH = "/kan-eg-bruke-ki"


def _organisation_code(db: DbSession, user: Any) -> str | None:
    if user is None or user.organisation_id is None:
        return None
    return next((o.code for o in repo.organisations(db) if o.id == user.organisation_id), None)


@router.get(PATH, response_class=HTMLResponse)
def may_i_use(request: Request, db: DbSession, user: OptionalUser) -> HTMLResponse:
    """The question form; with a complete question in the query, the answer below it."""
    query = request.query_params
    tool, task, data = query.get("tool", ""), query.get("task", ""), query.getlist("data")
    chosen = {"tool": tool, "task": task, "data": data}
    context: dict[str, Any] = {
        "chosen": chosen,
        "errors": {},
        "open_tools": OPEN_TOOLS,
        "tasks": TASKS,
        "data_kinds": DATA_KINDS,
        "systems": repo.ai_systems(db),
        "reply": None,
    }
    status = 200
    if "task" in query:
        try:
            question = build_question(
                db, tool=tool, task=task, data=data, organisation=_organisation_code(db, user)
            )
        except ValidationFailed as exc:
            context["errors"], status = exc.errors, 400
        else:
            rulebook: Rulebook = request.app.state.rulebook
            context["reply"] = answer(question, rulebook, utcnow().date())
            context["rulebook"] = rulebook
    template = "rules/_answer.html" if is_htmx(request, "answer") else "rules/may_i_use.html"
    return render(request, template, context, status=status)


class RuleReason(BaseModel):
    """A rule behind the answer, in the asker's language."""

    rule_id: str
    title: str
    explanation: str
    legal_ref: str
    source_url: str | None


class MayIUseAnswer(BaseModel):
    """The answer to "may I use this AI tool for this task with this data?"."""

    answer: str
    verdict: str
    tier: str | None
    reasons: list[RuleReason]
    duties: list[RuleReason]
    advice: list[str]
    rulebook_version: str


@api_router.get("/may-i-use", response_model=MayIUseAnswer, tags=["guidelines"])
def may_i_use_api(
    request: Request,
    db: DbSession,
    tool: str,
    task: str,
    data: Annotated[list[str] | None, Query()] = None,
) -> MayIUseAnswer:
    """Ask the rulebook: tool (``consumer_free``, ``consumer_paid`` or ``system:<id>``), task and
    data kinds (repeat ``data``). No login needed; nothing is stored."""
    question = build_question(db, tool=tool, task=task, data=data or [], organisation=None)
    rulebook: Rulebook = request.app.state.rulebook
    reply = answer(question, rulebook, utcnow().date())
    locale = get_locale()

    def reason(rule_id: str) -> RuleReason:
        rule = rulebook.rule(rule_id)
        return RuleReason(
            rule_id=rule.id,
            title=rule.title[locale],
            explanation=rule.explanation[locale],
            legal_ref=rule.legal_ref,
            source_url=rule.source_url,
        )

    reasons = [reason(r) for r in reply.reasons]
    if reply.not_approved:
        reasons.append(
            RuleReason(
                rule_id="PUB-07",
                title=_("Approved tools only"),
                explanation=_("This tool is not approved in Helse Vest for this kind of data."),
                legal_ref=rulebook.rule("PUB-07").legal_ref,
                source_url=None,
            )
        )
    return MayIUseAnswer(
        answer=reply.answer,
        verdict=reply.assessment.verdict,
        tier=reply.assessment.tier,
        reasons=reasons,
        duties=[reason(r) for r in reply.duties],
        advice=[_(a) for a in reply.advice],
        rulebook_version=rulebook.version,
    )
