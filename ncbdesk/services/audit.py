"""Reading and checking the audit trail (supervisors and administrators)."""

from __future__ import annotations

from collections.abc import Iterator

from ncbdesk.domain.audit import AuditEntry, ChainProblem, verify_chain
from ncbdesk.domain.security import Permission
from ncbdesk.services.access import authorize, record
from ncbdesk.services.context import Actor
from ncbdesk.services.ports import AuditFilter, AuditLog, Page, UnitOfWork


def list_entries(
    uow: UnitOfWork, actor: Actor, f: AuditFilter, offset: int = 0, limit: int = 100
) -> Page[AuditEntry]:
    authorize(uow, actor, Permission.AUDIT_READ, "audit.read", "audit")
    page = uow.audit.list(f, offset, limit)
    record(uow, actor, "audit.read", "audit", results=page.total)
    return page


def export_entries(uow: UnitOfWork, actor: Actor) -> Iterator[AuditEntry]:
    authorize(uow, actor, Permission.AUDIT_READ, "audit.export", "audit")
    record(uow, actor, "audit.export", "audit")
    return uow.audit.iter_all()


def verify(log: AuditLog) -> tuple[int, list[ChainProblem]]:
    """Walk the whole chain: (entries checked, problems found)."""
    count = 0

    def counted() -> Iterator[AuditEntry]:
        nonlocal count
        for e in log.iter_all():
            count += 1
            yield e

    problems = verify_chain(counted())
    return count, problems
