"""The routing rules editor: a supervisor lists, adds, changes, reorders and removes rules.

Rules are tried by priority (lower first, then by name) and the first that
matches places a newly registered request. Officers may read the list (to know
where requests go); changing it needs the rules permission.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from ncbdesk.domain.country_codes import COUNTRIES
from ncbdesk.domain.errors import Conflict, NotFound, Problems, ValidationFailed
from ncbdesk.domain.requests import RequestType
from ncbdesk.domain.requests_routing import RoutingRule
from ncbdesk.domain.security import Permission
from ncbdesk.entrypoints import deps
from ncbdesk.entrypoints.web.forms import (
    FormState,
    FormValues,
    IndexMap,
    country_choices,
    int_value,
    parse_version,
    text_value,
    validate_all,
)
from ncbdesk.entrypoints.web.rendering import Uow, form_values, render, see_other
from ncbdesk.entrypoints.web.requests import TYPE_LABELS, Reader, choices, flash_of
from ncbdesk.services import requests as svc
from ncbdesk.services import requests_rules as rules_svc
from ncbdesk.services.context import Actor

router = APIRouter(prefix="/requests/rules", include_in_schema=False)

RuleManager = Annotated[Actor, Depends(deps.requires(Permission.RULES_MANAGE))]
Form = Annotated[FormValues, Depends(form_values)]
RULE_FIELDS = ("name", "priority", "type", "country", "agency", "words", "queue", "assignee")


def rule_values(rule: RoutingRule) -> FormValues:
    return {
        "name": rule.name,
        "priority": str(rule.priority),
        "type": rule.type.value if rule.type else "",
        "country": rule.country or "",
        "agency": rule.agency,
        "words": "\n".join(rule.words),
        "queue": rule.queue,
        "assignee": rule.assignee or "",
        "active": "on" if rule.active else "",
        "version": str(rule.version),
    }


def parse_rule(values: Mapping[str, str]) -> RoutingRule:
    """A rule from the form: one word or phrase a line; blanks mean "any"."""
    p = Problems()
    raw_type = text_value(values, "type")
    rule_type = None
    if raw_type:
        try:
            rule_type = RequestType(raw_type)
        except ValueError:
            p.add("type", f"'{raw_type[:40]}' is not one of the choices")
    priority = int_value(values, "priority", p)
    words = [w.strip() for w in values.get("words", "").replace(",", "\n").splitlines()]
    rule = RoutingRule(
        name=text_value(values, "name"),
        priority=100 if priority is None else priority,
        type=rule_type,
        country=text_value(values, "country").upper() or None,
        agency=text_value(values, "agency"),
        words=[w for w in words if w],
        queue=text_value(values, "queue"),
        assignee=text_value(values, "assignee") or None,
        active=bool(text_value(values, "active")),
    )
    validate_all(p, rule.validate, "The routing rule is not valid; nothing was saved.", IndexMap())
    return rule


@router.get("")
def rules_page(request: Request, uow: Uow, actor: Reader) -> Response:
    """Every rule in the order they are tried."""
    return render(
        request,
        "requests/rules.html",
        {
            "rules": rules_svc.list_rules(uow, actor),
            "type_labels": TYPE_LABELS,
            "flash": flash_of(request),
            "may_edit": actor.can(Permission.RULES_MANAGE),
        },
        actor=actor,
    )


def _form(
    request: Request,
    uow: Uow,
    actor: Actor,
    state: FormState,
    rule: RoutingRule | None,
    status: int = 200,
) -> Response:
    return render(
        request,
        "requests/rule_form.html",
        {
            "form": state,
            "rule": rule,
            "action": f"/requests/rules/{rule.id}/edit" if rule else "/requests/rules/new",
            "types": choices("type"),
            "countries": country_choices(COUNTRIES),
            "officers": svc.officers(uow, actor),
        },
        status=status,
        actor=actor,
    )


def _failed(
    request: Request,
    uow: Uow,
    actor: Actor,
    values: FormValues,
    rule: RoutingRule | None,
    exc: ValidationFailed | Conflict,
) -> Response:
    details = exc if isinstance(exc, ValidationFailed) else None
    state = FormState.failed(values, RULE_FIELDS, details, exc.message)
    return _form(request, uow, actor, state, rule, exc.status)


@router.get("/new")
def new_rule(request: Request, uow: Uow, actor: RuleManager) -> Response:
    values = {"priority": "100", "active": "on"}
    return _form(request, uow, actor, FormState(values=values), None)


@router.post("/new")
def create(request: Request, uow: Uow, actor: RuleManager, values: Form) -> Response:
    try:
        rules_svc.create_rule(uow, actor, parse_rule(values))
    except (ValidationFailed, Conflict) as exc:
        return _failed(request, uow, actor, values, None, exc)
    return see_other("/requests/rules?done=created")


@router.get("/{rule_id}/edit")
def edit_rule(request: Request, uow: Uow, actor: RuleManager, rule_id: str) -> Response:
    rule = rules_svc.get_rule(uow, actor, rule_id)
    return _form(request, uow, actor, FormState(values=rule_values(rule)), rule)


@router.post("/{rule_id}/edit")
def update(request: Request, uow: Uow, actor: RuleManager, rule_id: str, values: Form) -> Response:
    current = rules_svc.get_rule(uow, actor, rule_id)
    try:
        rules_svc.update_rule(uow, actor, rule_id, parse_rule(values), parse_version(values))
    except (ValidationFailed, Conflict) as exc:
        return _failed(request, uow, actor, values, current, exc)
    return see_other("/requests/rules?done=updated")


@router.post("/{rule_id}/move")
def move(request: Request, uow: Uow, actor: RuleManager, rule_id: str, values: Form) -> Response:
    """Try a rule before (up) or after (down) its neighbour: it takes a priority past it."""
    direction = text_value(values, "to")
    rules = rules_svc.list_rules(uow, actor)
    ordered = sorted(rules, key=lambda r: (r.priority, r.name, r.id))
    at = next((i for i, r in enumerate(ordered) if r.id == rule_id), None)
    if at is None:
        raise NotFound(f"No routing rule with id {rule_id}.")
    other = at - 1 if direction == "up" else at + 1
    if direction in ("up", "down") and 0 <= other < len(ordered):
        rule, neighbour = ordered[at], ordered[other]
        step = -1 if direction == "up" else 1
        changes = RoutingRule(**{**vars(rule), "priority": neighbour.priority + step})
        try:
            rules_svc.update_rule(uow, actor, rule_id, changes, parse_version(values))
        except (ValidationFailed, Conflict) as exc:
            return _failed(request, uow, actor, rule_values(rule), rule, exc)
    return see_other("/requests/rules?done=updated")


@router.get("/{rule_id}/delete")
def confirm_delete(request: Request, uow: Uow, actor: RuleManager, rule_id: str) -> Response:
    rule = rules_svc.get_rule(uow, actor, rule_id)
    return render(request, "requests/rule_delete.html", {"rule": rule}, actor=actor)


@router.post("/{rule_id}/delete")
def delete(request: Request, uow: Uow, actor: RuleManager, rule_id: str) -> Response:
    rules_svc.delete_rule(uow, actor, rule_id)
    return see_other("/requests/rules?done=deleted")
