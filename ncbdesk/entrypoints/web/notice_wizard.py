"""The step-by-step notice form: type → person → the type's fields → review.

Nothing is stored until the last step.  The steps carry what was typed on the
others in hidden inputs (only the known field names), and every value is
parsed and validated again when the notice is saved: a hidden field is never
trusted.  Each step is a POST with the CSRF token; on step 3,
`/notices/new/check` re-runs the minimum-data checks on every change and htmx
swaps in the checks panel and, out of band, the check beside each field — the
inputs are never replaced, so nothing typed while a check runs is lost.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from fastapi import Request
from fastapi.responses import Response

from ncbdesk.domain.errors import Conflict, FieldError, NotFound, ValidationFailed
from ncbdesk.domain.notice_checks import (
    minimum_data_problems,
    needs_named_subject,
    summary_needed,
    type_fields,
)
from ncbdesk.domain.notices import Notice, NoticeKind, NoticeType
from ncbdesk.domain.persons import Person, Sex
from ncbdesk.entrypoints.deps import loaded_index
from ncbdesk.entrypoints.web.forms import (
    FormState,
    FormValues,
    SummaryItem,
    field_id,
    humanise,
    split_list,
)
from ncbdesk.entrypoints.web.notice_form import NOTICE_FIELDS, parse_notice
from ncbdesk.entrypoints.web.person_form import parse_person
from ncbdesk.entrypoints.web.rendering import Uow, render, see_other
from ncbdesk.services import notices as svc
from ncbdesk.services import persons as person_svc
from ncbdesk.services.context import Actor
from ncbdesk.services.ports import PersonFilter

STEPS = ("Type", "Person", "Details", "Review")
# The new person typed on step 2, and where the person form's paths land.
NEW_PERSON = ("new.family", "new.given", "new.birth_date", "new.nationality", "new.sex")
_PERSON_PATHS = {
    "names": "new.family",
    "names[0]": "new.family",
    "names[0].full": "new.family",
    "names[0].family": "new.family",
    "names[0].given": "new.given",
    "birth_dates": "new.birth_date",
    "birth_dates[0]": "new.birth_date",
    "nationalities": "new.nationality",
    "nationalities[0]": "new.nationality",
    "sex": "new.sex",
}
# The checks name a subject by its index; a new person is subject 0.
_SUBJECT_PATHS = {
    "names": "new.family",
    "birth_dates": "new.birth_date",
    "nationalities": "new.nationality",
    "sex": "new.sex",
}
STEP1 = ("type", "kind", "recipient_countries")
STEP2 = ("subject_ids", *NEW_PERSON)
STEP3_COMMON = ("title", "reference")
# Every name the wizard carries between steps; anything else posted is dropped.
CARRIED = tuple(dict.fromkeys((*STEP1, *STEP2, *STEP3_COMMON, *NOTICE_FIELDS)))
MAX_FOUND = 10


def _base(field: str) -> str:
    """`recipient_countries[1]` → `recipient_countries`: the input a list item is typed in."""
    return re.sub(r"\[\d+\].*$", "", field)


def step_of(field: str) -> int:
    """The step where a field (or a check on it) is shown."""
    field = _base(field)
    if field in STEP1:
        return 1
    if field in STEP2 or field.startswith("subject"):
        return 2
    return 3


def step3_fields(type_: NoticeType) -> tuple[str, ...]:
    return (*STEP3_COMMON, *type_fields(type_))


def carried(values: Mapping[str, str]) -> FormValues:
    return {k: values[k] for k in CARRIED if values.get(k, "")}


def _type(values: Mapping[str, str]) -> NoticeType | None:
    try:
        return NoticeType(values.get("type", ""))
    except ValueError:
        return None


def _new_person_given(values: Mapping[str, str]) -> bool:
    return any(values.get(f, "").strip() for f in NEW_PERSON if f != "new.sex")


def parse_new_person(values: Mapping[str, str], bureau: str) -> Person | None:
    """The identity typed on step 2 as an unsaved Person, or None when none was typed."""
    if not _new_person_given(values):
        return None
    mapped = {
        "names[0].family": values.get("new.family", ""),
        "names[0].given": values.get("new.given", ""),
        "names[0].kind": "primary",
        "birth_dates[0]": values.get("new.birth_date", ""),
        "nationalities[0]": values.get("new.nationality", "").upper(),
        "sex": values.get("new.sex", ""),
    }
    try:
        return parse_person(mapped, bureau, date.today())
    except ValidationFailed as exc:
        errors = [
            FieldError(_PERSON_PATHS.get(e.field, "new.family"), e.message) for e in exc.errors
        ]
        raise ValidationFailed("The person is not valid.", errors) from None


@dataclass
class Draft:
    """What the values make, with every problem found on the way."""

    notice: Notice | None
    new_person: Person | None
    subjects: list[Person]
    errors: list[FieldError]  # the form is not valid: must be fixed before saving
    checks: list[FieldError]  # minimum data missing: a draft may be saved, not submitted


def build(uow: Uow, actor: Actor, values: Mapping[str, str]) -> Draft:
    """Parse everything typed so far, as the final save will."""
    errors: list[FieldError] = []
    notice: Notice | None = None
    try:
        notice = parse_notice(values, actor.bureau)
    except ValidationFailed as exc:
        errors += exc.errors
    new_person: Person | None = None
    try:
        new_person = parse_new_person(values, actor.bureau)
    except ValidationFailed as exc:
        errors += exc.errors
    subject_ids = list(dict.fromkeys(split_list(values.get("subject_ids", ""))))
    if new_person is not None and subject_ids:
        errors.append(
            FieldError("subject_ids", "choose an existing person or enter a new one, not both")
        )
    subjects: list[Person] = []
    for pid in subject_ids[:50]:
        try:
            subjects.append(person_svc.get_person(uow, actor, pid, purpose="notice draft"))
        except NotFound:
            errors.append(FieldError("subject_ids", f"no person with id {pid}"))
    if new_person is not None:
        subjects = [new_person]
    checks: list[FieldError] = []
    if notice is not None:
        for problem in minimum_data_problems(notice, subjects):
            checks.append(_place_check(problem, new_person is not None))
    return Draft(notice, new_person, subjects, errors, checks)


def _place_check(problem: FieldError, new_person: bool) -> FieldError:
    if problem.field.startswith("subjects["):
        rest = problem.field.split(".", 1)[1] if "." in problem.field else ""
        target = _SUBJECT_PATHS.get(rest, "new.family") if new_person else "subject_ids"
        return FieldError(target, problem.message)
    if problem.field == "judicial":
        return FieldError("judicial.offence", problem.message)
    return problem


def state_for(
    values: FormValues,
    step: int,
    shown: set[str],
    draft: Draft | None,
    show_checks: bool,
    message: str = "",
) -> FormState:
    """Errors of this step beside its fields (with `show_checks`, the failed checks
    too); with a message, every error listed at the top, linked where it is shown."""
    state = FormState(values=dict(values), message=message)
    problems = list(draft.errors) if draft else []
    if draft and show_checks:
        problems += draft.checks
    for e in problems:
        name = _base(e.field)
        here = name in shown
        if here:
            state.errors.setdefault(name, []).append(e.message)
        if message and (e in (draft.errors if draft else []) or step == 4 or here):
            target = field_id(name) if here else ""
            state.summary.append(SummaryItem(e.message, humanise(e.field), target))
    return state


def found_persons(uow: Uow, actor: Actor, q: str) -> list[Person]:
    if not q.strip():
        return []
    page = person_svc.list_persons(
        uow, actor, PersonFilter(name=q.strip()[:200]), 0, MAX_FOUND, purpose="notice draft"
    )
    return list(page.items)


def render_step(
    request: Request,
    uow: Uow,
    actor: Actor,
    values: FormValues,
    step: int,
    *,
    show_checks: bool = False,
    message: str = "",
    status: int = 200,
    found: list[Person] | None = None,
    searched: str = "",
    partial: bool = False,
    extra: list[FieldError] | None = None,
) -> Response:
    draft = build(uow, actor, values) if values or show_checks else None
    if draft is not None and extra:
        draft.errors += extra
    type_ = _type(values)
    if step >= 3 and type_ is None:
        step = 1  # a type is chosen first; a crafted post cannot skip it
    shown = _shown(step, type_)
    state = state_for(values, step, shown, draft, show_checks and step == 2, message)
    if step == 3:
        state.check_slots = frozenset(shown)
    field_checks: dict[str, list[str]] = {}
    if draft is not None and show_checks and step == 3:
        for c in draft.checks:
            field_checks.setdefault(_base(c.field), []).append(c.message)
    check_items = [
        (humanise(c.field), c.message, field_id(c.field) if c.field in shown else "")
        for c in (draft.checks if draft else [])
    ]
    context: dict[str, Any] = {
        "form": state,
        "step": step,
        "steps": STEPS,
        "hidden": [(k, v) for k, v in carried(values).items() if k not in shown],
        "type": type_,
        "fields": set(step3_fields(type_)) if type_ else set(),
        "summary_needed": summary_needed(type_) if type_ else "",
        "needs_subject": needs_named_subject(type_) if type_ else False,
        "types": list(NoticeType),
        "kinds": list(NoticeKind),
        "sexes": list(Sex),
        "draft": draft,
        "check_items": check_items,
        "field_checks": field_checks,
        "check_slots": sorted(shown) if step == 3 else [],
        "error_items": [(humanise(e.field), e.message) for e in draft.errors]
        if draft and step == 4
        else [],
        "assessment": _assessment(draft),
        "found": found or [],
        "searched": searched,
    }
    template = "notices/_wizard_check_update.html" if partial else "notices/wizard.html"
    return render(request, template, context, status=status, actor=actor)


def _shown(step: int, type_: NoticeType | None) -> set[str]:
    if step == 1:
        return set(STEP1)
    if step == 2:
        return set(STEP2)
    if step == 3 and type_ is not None:
        return set(step3_fields(type_))
    return set()


def _assessment(draft: Draft | None) -> Any:
    if draft is None or draft.notice is None:
        return None
    return svc.assess_notice(draft.notice, draft.subjects)


def first_step_with(errors: list[FieldError]) -> int:
    return min((step_of(e.field) for e in errors), default=4)


def save(request: Request, uow: Uow, actor: Actor, values: FormValues, action: str) -> Response:
    """Validate everything again; store the person (if new) and the notice; maybe submit."""
    draft = build(uow, actor, values)
    if draft.errors or draft.notice is None:
        step = first_step_with(draft.errors)
        return render_step(
            request, uow, actor, values, step, show_checks=True, status=422,
            message="The notice is not valid.",
        )  # fmt: skip
    notice = draft.notice
    if action == "submit" and draft.checks:
        return render_step(
            request, uow, actor, values, 4, status=422,
            message=f"The {notice.type.label} lacks data it needs before it can be submitted.",
        )  # fmt: skip
    if notice.reference and svc.reference_taken(uow, actor, notice.reference):
        taken = FieldError("reference", "another notice already has this reference")
        return render_step(
            request, uow, actor, values, 3, show_checks=True, status=409, extra=[taken],
            message=f"A notice with reference {notice.reference} already exists.",
        )  # fmt: skip
    try:
        # A new person is stored with the notice, in one transaction.
        notice = svc.create_notice(
            uow, actor, notice, new_subject=draft.new_person, index=loaded_index(request)
        )
    except (ValidationFailed, Conflict) as exc:
        return render_step(request, uow, actor, values, 3, status=exc.status, message=exc.message)
    if action == "submit":
        svc.submit_notice(uow, actor, notice.id)
        return see_other(f"/notices/{notice.id}?done=submitted")
    return see_other(f"/notices/{notice.id}?done=created")
