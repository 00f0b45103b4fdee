"""Screening pages: one person, or a quick name search, against everyone the bureau holds.

Both are POST forms (the query names a person and must not land in URLs or
logs); without JavaScript the answer is a whole page, with htmx only the panel
of form and results is swapped. The stated purpose is required: it goes into
the audit trail with every screening.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from ncbdesk.adapters.batch_files import COLUMNS, query_person
from ncbdesk.domain.country_codes import COUNTRIES
from ncbdesk.domain.errors import Problems, ValidationFailed
from ncbdesk.domain.security import Permission
from ncbdesk.entrypoints import deps
from ncbdesk.entrypoints.web.forms import FormState, FormValues, country_choices, text_value
from ncbdesk.entrypoints.web.rendering import Uow, form_values, render
from ncbdesk.matching import DEFAULT_THRESHOLD, ScreeningIndex
from ncbdesk.services import screening as svc
from ncbdesk.services.context import Actor

router = APIRouter(prefix="/screening", include_in_schema=False)

Screener = Annotated[Actor, Depends(deps.requires(Permission.SCREEN))]
Form = Annotated[FormValues, Depends(form_values)]
Index = Annotated[ScreeningIndex, Depends(deps.index)]

MAX_PURPOSE = 300
TOP_CHOICES = ("10", "25", "50")
# Why officers screen, as the desk states it most often; "other" asks for words.
PURPOSES: tuple[tuple[str, str], ...] = (
    ("border", "Border or travel check"),
    ("request", "Request from another bureau"),
    ("investigation", "Criminal investigation"),
    ("notice", "Notice or diffusion preparation"),
    ("extradition", "Extradition case"),
    ("analysis", "Analytical project"),
    ("other", "Other (describe below)"),
)
SEXES = (("male", "male"), ("female", "female"))
PERSON_FIELDS = (*COLUMNS[1:], "purpose", "purpose_detail", "top")
SEARCH_FIELDS = ("q", "purpose", "purpose_detail", "top")


def stated_purpose(values: Mapping[str, str], p: Problems) -> str:
    """The purpose as recorded: the chosen label, and the officer's words if any."""
    labels = dict(PURPOSES)
    choice = text_value(values, "purpose")
    detail = " ".join(text_value(values, "purpose_detail").split())
    if choice not in labels:
        p.add("purpose", "say why you screen: it is recorded in the audit trail")
        return ""
    if choice == "other" and not detail:
        p.add("purpose_detail", "describe the purpose")
    if len(detail) > MAX_PURPOSE:
        p.add("purpose_detail", f"at most {MAX_PURPOSE} characters")
    label = "Other" if choice == "other" else labels[choice]
    return f"{label}: {detail}" if detail else label


def top_value(values: Mapping[str, str]) -> int:
    raw = text_value(values, "top")
    return int(raw) if raw in TOP_CHOICES else int(TOP_CHOICES[0])


def _page(
    request: Request,
    actor: Actor,
    mode: str,
    form: FormState,
    hits: list[svc.ScreeningHit] | None = None,
    status: int = 200,
) -> Response:
    """The whole page, or for htmx the panel alone (form with its errors, and results)."""
    context: dict[str, Any] = {
        "mode": mode,
        "form": form,
        "hits": hits,
        "purposes": PURPOSES,
        "sexes": SEXES,
        "tops": [(t, t) for t in TOP_CHOICES],
        "countries": country_choices(COUNTRIES),
        "threshold": DEFAULT_THRESHOLD,
    }
    fragment = request.headers.get("hx-request") == "true" and request.method == "POST"
    name = "screening/_panel.html" if fragment else "screening/page.html"
    return render(request, name, context, status=status, actor=actor)


def _failed(
    request: Request, actor: Actor, mode: str, values: FormValues, exc: ValidationFailed
) -> Response:
    known = PERSON_FIELDS if mode == "person" else SEARCH_FIELDS
    state = FormState.failed(values, known, exc, "Nothing was screened: correct the fields marked.")
    return _page(request, actor, mode, state, status=exc.status)


@router.get("")
def screen_form(request: Request, actor: Screener) -> Response:
    return _page(request, actor, "person", FormState(values={"top": TOP_CHOICES[0]}))


@router.post("")
def screen(request: Request, uow: Uow, actor: Screener, index: Index, values: Form) -> Response:
    p = Problems()
    purpose = stated_purpose(values, p)
    try:
        query = query_person(values, actor.bureau, date.today())
    except ValidationFailed as exc:
        p.extend(exc.errors)
        query = None
    if p or query is None:
        return _failed(request, actor, "person", values, ValidationFailed("", p.items))
    hits = svc.screen_person(uow, index, actor, query, top_k=top_value(values), purpose=purpose)
    return _page(request, actor, "person", FormState(values=values), hits)


@router.get("/search")
def search_form(request: Request, actor: Screener) -> Response:
    return _page(request, actor, "search", FormState(values={"top": TOP_CHOICES[0]}))


@router.post("/search")
def search(request: Request, uow: Uow, actor: Screener, index: Index, values: Form) -> Response:
    p = Problems()
    purpose = stated_purpose(values, p)
    text = " ".join(text_value(values, "q").split())
    if not text:
        p.add("q", "type a name")
    elif len(text) > MAX_PURPOSE:
        p.add("q", f"at most {MAX_PURPOSE} characters")
    if p:
        return _failed(request, actor, "search", values, ValidationFailed("", p.items))
    hits = svc.search_name(uow, index, actor, text, top_k=top_value(values), purpose=purpose)
    return _page(request, actor, "search", FormState(values=values), hits)
