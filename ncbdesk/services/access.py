"""Permissions and the audit trail, enforced in one place.

Every service call goes through `authorize` (does the actor's role allow it?)
and, where it touches another bureau's record, `check_owner`. Both write a
refused attempt to the audit trail before raising; `record` writes what was
done. The audit log commits on its own, so refusals are kept even though the
caller's transaction rolls back.
"""

from __future__ import annotations

from ncbdesk.domain.audit import AuditEntry, Outcome
from ncbdesk.domain.errors import PermissionDenied
from ncbdesk.domain.persons import utcnow
from ncbdesk.domain.security import Handling, Permission, Use
from ncbdesk.services.context import Actor
from ncbdesk.services.ports import UnitOfWork


def record(
    uow: UnitOfWork,
    actor: Actor,
    action: str,
    object_type: str = "",
    object_id: str = "",
    *,
    outcome: Outcome = Outcome.OK,
    purpose: str = "",
    **details: object,
) -> None:
    uow.audit.append(
        AuditEntry(
            at=utcnow(),
            actor=actor.username,
            bureau=actor.bureau,
            action=action,
            object_type=object_type,
            object_id=object_id,
            outcome=outcome,
            purpose=purpose,
            source=actor.source,
            details=dict(details),
        )
    )


def refuse(
    uow: UnitOfWork,
    actor: Actor,
    action: str,
    message: str,
    object_type: str = "",
    object_id: str = "",
) -> PermissionDenied:
    """Record a refused attempt and return the error for the caller to raise."""
    record(uow, actor, action, object_type, object_id, outcome=Outcome.REFUSED, reason=message)
    return PermissionDenied(message)


def authorize(
    uow: UnitOfWork,
    actor: Actor,
    permission: Permission,
    action: str,
    object_type: str = "",
    object_id: str = "",
) -> None:
    if not actor.can(permission):
        roles = ", ".join(sorted(r.value for r in actor.roles)) or "none"
        raise refuse(
            uow,
            actor,
            action,
            f"Your roles ({roles}) do not allow {permission.value}.",
            object_type,
            object_id,
        )


def check_owner(
    uow: UnitOfWork,
    actor: Actor,
    owner: str,
    action: str,
    object_type: str,
    object_id: str,
) -> None:
    """Data-owner principle (DESIGN §1): only the owning bureau amends or deletes."""
    if owner != actor.bureau:
        verb = action.split(".")[-1]
        raise refuse(
            uow,
            actor,
            action,
            f"Only the owning bureau ({owner}) may {verb} this {object_type}; "
            f"you act for {actor.bureau}.",
            object_type,
            object_id,
        )


def claim_ownership(
    uow: UnitOfWork, actor: Actor, owner: str, action: str, object_type: str
) -> None:
    """A new record belongs to the bureau that enters it (DESIGN §1, data-owner principle).

    Only the system itself (imports on the command line, naming the source
    bureau) may enter records on another bureau's behalf.
    """
    if owner and owner.strip().upper() != actor.bureau and actor.username != "system":
        raise refuse(
            uow,
            actor,
            action,
            f"A {object_type} you enter belongs to your bureau ({actor.bureau}), "
            f"not {owner.strip().upper()}.",
            object_type,
        )


def check_handling(
    uow: UnitOfWork,
    actor: Actor,
    handling: Handling,
    owner: str,
    use: Use,
    object_type: str,
    object_id: str,
) -> None:
    """Refuse a use that the owner's handling codes forbid to others."""
    try:
        handling.check(use, owner, actor.bureau, f"This {object_type}")
    except PermissionDenied as exc:
        raise refuse(
            uow, actor, f"{object_type}.{use.value}", exc.message, object_type, object_id
        ) from None
