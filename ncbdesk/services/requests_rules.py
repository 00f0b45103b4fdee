"""Routing rules: a supervisor lists, adds, changes and removes them."""

from __future__ import annotations

from ncbdesk.domain.errors import Conflict, NotFound, Problems
from ncbdesk.domain.persons import utcnow
from ncbdesk.domain.requests_routing import RoutingRule
from ncbdesk.domain.security import Permission
from ncbdesk.services.access import authorize, record
from ncbdesk.services.context import Actor
from ncbdesk.services.ports import UnitOfWork


def _check_assignee(uow: UnitOfWork, rule: RoutingRule) -> None:
    if rule.assignee and uow.users.by_username(rule.assignee) is None:
        p = Problems()
        p.add("assignee", f"no officer named '{rule.assignee}'")
        p.raise_if_any("The routing rule is not valid.")


def list_rules(uow: UnitOfWork, actor: Actor) -> list[RoutingRule]:
    """Every rule, in the order they are tried. Officers may read them."""
    authorize(uow, actor, Permission.REQUEST_READ, "rule.list", "routing_rule")
    with uow:
        return uow.requests.rules()


def get_rule(uow: UnitOfWork, actor: Actor, rule_id: str) -> RoutingRule:
    authorize(uow, actor, Permission.REQUEST_READ, "rule.read", "routing_rule", rule_id)
    with uow:
        rule = uow.requests.get_rule(rule_id)
    if rule is None:
        raise NotFound(f"No routing rule with id {rule_id}.")
    return rule


def create_rule(uow: UnitOfWork, actor: Actor, rule: RoutingRule) -> RoutingRule:
    authorize(uow, actor, Permission.RULES_MANAGE, "rule.create", "routing_rule")
    rule.validate()
    rule.created_at = rule.updated_at = utcnow()
    rule.version = 1
    with uow:
        _check_assignee(uow, rule)
        uow.requests.add_rule(rule)
        uow.commit()
    record(uow, actor, "rule.create", "routing_rule", rule.id, name=rule.name)
    return rule


def update_rule(
    uow: UnitOfWork,
    actor: Actor,
    rule_id: str,
    changes: RoutingRule,
    expected_version: int | None = None,
) -> RoutingRule:
    authorize(uow, actor, Permission.RULES_MANAGE, "rule.update", "routing_rule", rule_id)
    changes.validate()
    with uow:
        current = uow.requests.get_rule(rule_id)
        if current is None:
            raise NotFound(f"No routing rule with id {rule_id}.")
        if expected_version is not None and expected_version != current.version:
            raise Conflict(
                f"The rule is at version {current.version}, not {expected_version}; "
                "reload and try again."
            )
        _check_assignee(uow, changes)
        changes.id = current.id
        changes.created_at = current.created_at
        changes.updated_at = utcnow()
        changes.version = current.version + 1
        uow.requests.update_rule(changes)
        uow.commit()
    record(uow, actor, "rule.update", "routing_rule", rule_id, version=changes.version)
    return changes


def delete_rule(uow: UnitOfWork, actor: Actor, rule_id: str) -> None:
    authorize(uow, actor, Permission.RULES_MANAGE, "rule.delete", "routing_rule", rule_id)
    with uow:
        if uow.requests.get_rule(rule_id) is None:
            raise NotFound(f"No routing rule with id {rule_id}.")
        uow.requests.delete_rule(rule_id)
        uow.commit()
    record(uow, actor, "rule.delete", "routing_rule", rule_id)
