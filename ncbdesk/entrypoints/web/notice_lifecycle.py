"""A notice's lifecycle in the web: submit, publish, cancel, renew, the legal review queue
and the renewals due.

The buttons shown are those the caller may use (role, owning bureau, status); the
services decide again. A refused step re-renders the notice page with the reason
beside the form that asked for it, and changes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from ncbdesk.domain.errors import Conflict, FieldError, NotFound, ValidationFailed
from ncbdesk.domain.notices import CancelReason, Decision, Notice, NoticeStatus
from ncbdesk.domain.persons import Person
from ncbdesk.domain.security import Permission
from ncbdesk.entrypoints import deps
from ncbdesk.entrypoints.web.forms import FormValues, field_id, humanise, text_value
from ncbdesk.entrypoints.web.rendering import Uow, form_values, pager, render, see_other
from ncbdesk.services import notices as svc
from ncbdesk.services import persons as person_svc
from ncbdesk.services.context import Actor
from ncbdesk.services.ports import NoticeFilter

router = APIRouter(prefix="/notices", include_in_schema=False)

PAGE_SIZE = 25
Reader = Annotated[Actor, Depends(deps.requires(Permission.NOTICE_READ))]
Writer = Annotated[Actor, Depends(deps.requires(Permission.NOTICE_WRITE))]
Reviewer = Annotated[Actor, Depends(deps.requires(Permission.NOTICE_REVIEW))]
Form = Annotated[FormValues, Depends(form_values)]
Offset = Annotated[int, Query(ge=0, le=10_000_000)]
CANCELLABLE = (
    NoticeStatus.DRAFT,
    NoticeStatus.SUBMITTED,
    NoticeStatus.IN_REVIEW,
    NoticeStatus.PUBLISHED,
)


@dataclass(frozen=True)
class NoticeActions:
    """Which lifecycle steps to offer this caller on this notice now."""

    submit: bool
    publish: bool
    cancel: bool
    renew: bool
    decide: bool

    @classmethod
    def for_actor(cls, actor: Actor, notice: Notice, today: date) -> NoticeActions:
        owner = actor.can(Permission.NOTICE_WRITE) and notice.owner_bureau == actor.bureau
        status = notice.status
        return cls(
            submit=owner and status == NoticeStatus.DRAFT,
            publish=owner and status == NoticeStatus.IN_REVIEW and not notice.needs_legal_review,
            cancel=owner and status in CANCELLABLE,
            renew=owner and notice.is_review_due(today),
            decide=actor.can(Permission.NOTICE_REVIEW) and status == NoticeStatus.IN_REVIEW,
        )

    @property
    def any(self) -> bool:
        return self.submit or self.publish or self.cancel or self.renew or self.decide


@dataclass(frozen=True)
class Problem:
    """One missing item of minimum data, with where to fix it."""

    label: str
    message: str
    href: str


@dataclass
class ActionError:
    """A refused step: which form, the message, and what was typed (kept for the retry)."""

    action: str  # submit, publish, cancel, renew, decide
    message: str
    fields: dict[str, list[str]] = field(default_factory=dict)
    values: FormValues = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def value(self, action: str, name: str) -> str:
        return self.values.get(name, "") if action == self.action else ""

    def error(self, action: str, name: str) -> list[str]:
        return self.fields.get(name, []) if action == self.action else []


def subjects(uow: Uow, actor: Actor, ids: list[str]) -> list[tuple[str, Person | None]]:
    """Each subject id with its person, or None where there is no such person."""
    out: list[tuple[str, Person | None]] = []
    for pid in ids:
        try:
            out.append((pid, person_svc.get_person(uow, actor, pid)))
        except NotFound:
            out.append((pid, None))
    return out


def detail_context(uow: Uow, actor: Actor, notice: Notice) -> dict[str, Any]:
    """What notices/detail.html needs, shared by the page and the refused steps."""
    owned = notice.owner_bureau == actor.bureau
    return {
        "notice": notice,
        "subjects": subjects(uow, actor, list(notice.subject_ids)),
        "owned": owned,
        "editable": svc.can_amend(actor, notice),
        "actions": NoticeActions.for_actor(actor, notice, date.today()),
        "cancel_reasons": list(CancelReason),
        "failed": None,
    }


def _problems(notice: Notice, errors: Sequence[FieldError]) -> list[Problem]:
    """Each missing item linked to the input that fixes it (the subject's page for persons)."""
    out = []
    for e in errors:
        href = f"/notices/{notice.id}/edit#{field_id(e.field)}"
        if e.field.startswith("subjects["):
            index = int(e.field[len("subjects[") : e.field.index("]")])
            if index < len(notice.subject_ids):
                href = f"/persons/{notice.subject_ids[index]}/edit"
        out.append(Problem(humanise(e.field), e.message, href))
    return out


def _refused(
    request: Request,
    uow: Uow,
    actor: Actor,
    notice_id: str,
    action: str,
    exc: ValidationFailed | Conflict,
    values: FormValues | None = None,
) -> Response:
    """The notice page again, as it is now, with why the step was refused."""
    notice = svc.get_notice(uow, actor, notice_id)
    context = detail_context(uow, actor, notice)
    failed = ActionError(action, exc.message, values=values or {})
    if isinstance(exc, ValidationFailed):
        if action == "submit":
            failed.problems = _problems(notice, exc.errors)
        for e in exc.errors:
            failed.fields.setdefault(e.field, []).append(e.message)
    context["failed"] = failed
    return render(request, "notices/detail.html", context, status=exc.status, actor=actor)


@router.get("/review")
def review_queue(request: Request, uow: Uow, actor: Reviewer, offset: Offset = 0) -> Response:
    """Notices waiting for a legal reviewer, oldest first, each with its assessment."""
    return _queue(request, uow, actor, offset)


def _queue(
    request: Request,
    uow: Uow,
    actor: Actor,
    offset: int,
    failed: ActionError | None = None,
    failed_id: str = "",
    status: int = 200,
) -> Response:
    waiting = NoticeFilter(status=NoticeStatus.IN_REVIEW)
    page = svc.list_notices(uow, actor, waiting, offset, PAGE_SIZE)
    return render(
        request,
        "notices/review.html",
        {
            "page": page,
            "pager": pager("/notices/review", {}, page),
            "failed": failed,
            "failed_id": failed_id,
            "offset": offset,
        },
        status=status,
        actor=actor,
    )


@router.get("/due")
def renewals_due(request: Request, uow: Uow, actor: Reader, offset: Offset = 0) -> Response:
    """This bureau's published notices within six months of expiry: renew or let expire."""
    page = svc.review_due(uow, actor, offset=offset, limit=PAGE_SIZE)
    return render(
        request,
        "notices/due.html",
        {
            "page": page,
            "pager": pager("/notices/due", {}, page),
            "may_renew": actor.can(Permission.NOTICE_WRITE),
            "today": date.today(),
        },
        actor=actor,
    )


@router.post("/{notice_id}/submit")
def submit(request: Request, uow: Uow, actor: Writer, notice_id: str) -> Response:
    try:
        svc.submit_notice(uow, actor, notice_id)
    except (ValidationFailed, Conflict) as exc:
        return _refused(request, uow, actor, notice_id, "submit", exc)
    return see_other(f"/notices/{notice_id}?done=submitted")


@router.post("/{notice_id}/publish")
def publish(request: Request, uow: Uow, actor: Writer, notice_id: str) -> Response:
    try:
        svc.publish_notice(uow, actor, notice_id)
    except (ValidationFailed, Conflict) as exc:
        return _refused(request, uow, actor, notice_id, "publish", exc)
    return see_other(f"/notices/{notice_id}?done=published")


@router.post("/{notice_id}/cancel")
def cancel(request: Request, uow: Uow, actor: Writer, notice_id: str, values: Form) -> Response:
    try:
        raw = text_value(values, "reason")
        try:
            reason = CancelReason(raw)
        except ValueError:
            raise ValidationFailed(
                "Choose why the notice is cancelled.",
                [FieldError("reason", "choose one of the reasons")],
            ) from None
        svc.cancel_notice(uow, actor, notice_id, reason, text_value(values, "details")[:2000])
    except (ValidationFailed, Conflict) as exc:
        return _refused(request, uow, actor, notice_id, "cancel", exc, values)
    return see_other(f"/notices/{notice_id}?done=cancelled")


@router.post("/{notice_id}/renew")
def renew(request: Request, uow: Uow, actor: Writer, notice_id: str, values: Form) -> Response:
    try:
        svc.renew_notice(uow, actor, notice_id, text_value(values, "reasons")[:2000])
    except (ValidationFailed, Conflict) as exc:
        return _refused(request, uow, actor, notice_id, "renew", exc, values)
    return see_other(f"/notices/{notice_id}?done=renewed")


@router.post("/{notice_id}/decision")
def decide(request: Request, uow: Uow, actor: Reviewer, notice_id: str, values: Form) -> Response:
    """Publish or refuse, with reasons; back to the queue or the notice it came from."""
    from_queue = values.get("back") == "queue"
    try:
        raw = text_value(values, "decision")
        try:
            decision = Decision(raw)
        except ValueError:
            raise ValidationFailed(
                "Choose a decision.", [FieldError("decision", "publish or refuse")]
            ) from None
        svc.decide_notice(uow, actor, notice_id, decision, text_value(values, "reasons")[:4000])
    except (ValidationFailed, Conflict) as exc:
        if not from_queue:
            return _refused(request, uow, actor, notice_id, "decide", exc, values)
        failed = ActionError("decide", exc.message, values=values)
        if isinstance(exc, ValidationFailed):
            for e in exc.errors:
                failed.fields.setdefault(e.field, []).append(e.message)
        return _queue(request, uow, actor, 0, failed, notice_id, exc.status)
    done = "published" if decision == Decision.PUBLISH else "refused"
    if from_queue:
        return see_other(f"/notices/review?done={done}")
    return see_other(f"/notices/{notice_id}?done={done}")
