"""Roles, permissions and handling codes: who may do what, with whose data.

The permission table is data: a role is the set of things its holder does in a
bureau (DESIGN §2, C10). Handling codes follow Europol's (H0–H2): the bureau
that owns a record states how others may use it, and the system enforces it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from ncbdesk.domain.errors import PermissionDenied


class Role(StrEnum):
    DUTY_OFFICER = "duty_officer"
    CASE_OFFICER = "case_officer"
    ANALYST = "analyst"
    LEGAL_REVIEWER = "legal_reviewer"
    SUPERVISOR = "supervisor"
    ADMINISTRATOR = "administrator"


class Permission(StrEnum):
    PERSON_READ = "person:read"
    PERSON_WRITE = "person:write"
    PERSON_DELETE = "person:delete"
    NOTICE_READ = "notice:read"
    NOTICE_WRITE = "notice:write"
    NOTICE_REVIEW = "notice:review"
    SCREEN = "screen"
    IMPORT = "import"
    EXPORT = "export"
    AUDIT_READ = "audit:read"
    USER_MANAGE = "user:manage"
    RETENTION_MANAGE = "retention:manage"
    REQUEST_READ = "request:read"
    REQUEST_WRITE = "request:write"
    REQUEST_ASSIGN = "request:assign"
    RULES_MANAGE = "rules:manage"
    HIT_DECIDE = "hit:decide"
    EXTRADITION_READ = "extradition:read"
    EXTRADITION_WRITE = "extradition:write"
    STATS_READ = "stats:read"  # the bureau's statistics dashboard (figures, no names)


P = Permission
_READ = frozenset({P.PERSON_READ, P.NOTICE_READ, P.SCREEN})
# Who does what, from the roles DESIGN §2 C10 names:
# - duty officers run the 24/7 desk: they check, screen and record persons;
# - case officers own cases: they also prepare notices and import data;
# - analysts read and screen for the projects, and export for analysis;
# - legal reviewers read everything and decide on notices (Article 3 review);
# - supervisors oversee: everything the officers do plus the audit trail and
#   retention (deletion of personal data, a person's requests);
# - administrators run the system: accounts and tokens, and the audit trail.
#   They do not touch case data, so that no one holds every key.
# The request registry: duty and case officers register and handle requests;
# supervisors also hand them out and edit the routing rules; analysts and
# legal reviewers read them (statistics, context of a notice).
# Hits and extradition: the 24/7 desk confirms or discards hits (supervisors
# too, who oversee it); case officers and supervisors run extradition cases;
# the desk, analysts (statistics) and legal reviewers read them.
_REQUESTS = frozenset({P.REQUEST_READ, P.REQUEST_WRITE})
_EXTRADITION = frozenset({P.EXTRADITION_READ, P.EXTRADITION_WRITE})
ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.DUTY_OFFICER: _READ | _REQUESTS | {P.PERSON_WRITE, P.HIT_DECIDE, P.EXTRADITION_READ},
    Role.CASE_OFFICER: _READ
    | _REQUESTS
    | _EXTRADITION
    | {P.PERSON_WRITE, P.PERSON_DELETE, P.NOTICE_WRITE, P.IMPORT},
    Role.ANALYST: _READ | {P.EXPORT, P.REQUEST_READ, P.EXTRADITION_READ, P.STATS_READ},
    Role.LEGAL_REVIEWER: _READ | {P.NOTICE_REVIEW, P.REQUEST_READ, P.EXTRADITION_READ},
    Role.SUPERVISOR: _READ
    | _REQUESTS
    | _EXTRADITION
    | {
        P.HIT_DECIDE,
        P.REQUEST_ASSIGN,
        P.RULES_MANAGE,
        P.PERSON_WRITE,
        P.PERSON_DELETE,
        P.NOTICE_WRITE,
        P.IMPORT,
        P.EXPORT,
        P.AUDIT_READ,
        P.RETENTION_MANAGE,
        P.STATS_READ,
    },
    Role.ADMINISTRATOR: frozenset({P.USER_MANAGE, P.AUDIT_READ}),
}


def permissions_of(roles: frozenset[Role] | set[Role]) -> frozenset[Permission]:
    out: set[Permission] = set()
    for role in roles:
        out |= ROLE_PERMISSIONS[role]
    return frozenset(out)


class HandlingCode(StrEnum):
    # Europol handling codes (Europol Regulation 2016/794 art. 19; the H0–H2
    # practice of the Europol Information System).
    NO_JUDICIAL_USE = "H0"  # not for use in judicial proceedings without permission
    NO_FORWARDING = "H1"  # not to be passed on without permission
    OTHER = "H2"  # other restrictions, stated in text

    @property
    def label(self) -> str:
        return HANDLING_LABELS[self]


HANDLING_LABELS: dict[HandlingCode, str] = {
    HandlingCode.NO_JUDICIAL_USE: "H0 — not for use in judicial proceedings without the "
    "owner's permission",
    HandlingCode.NO_FORWARDING: "H1 — not to be forwarded without the owner's permission",
    HandlingCode.OTHER: "H2 — other restrictions apply",
}


class Use(StrEnum):
    """Uses of a record that a handling code may forbid to anyone but its owner."""

    EXPORT = "export"  # bulk export out of the system
    FORWARD = "forward"  # passing it to another country or agency
    JUDICIAL = "judicial"  # use as evidence in proceedings


_FORBIDS: dict[HandlingCode, frozenset[Use]] = {
    HandlingCode.NO_JUDICIAL_USE: frozenset({Use.JUDICIAL}),
    HandlingCode.NO_FORWARDING: frozenset({Use.FORWARD, Use.EXPORT}),
    HandlingCode.OTHER: frozenset(),
}


@dataclass
class Handling:
    """The owner's restrictions on a record."""

    codes: list[HandlingCode] = field(default_factory=list)
    restrictions: str = ""  # the text of H2 restrictions

    def forbids(self, use: Use) -> list[HandlingCode]:
        return [c for c in self.codes if use in _FORBIDS[c]]

    def check(self, use: Use, owner: str, bureau: str, what: str) -> None:
        """Refuse `use` by `bureau` if a code forbids it; the owner is never bound."""
        if owner == bureau:
            return
        forbidden = self.forbids(use)
        if forbidden:
            labels = "; ".join(c.label for c in forbidden)
            raise PermissionDenied(
                f"{what} is owned by {owner} and its handling code forbids {use.value} "
                f"without permission: {labels}."
            )

    def labels(self) -> list[str]:
        out = [c.label for c in self.codes]
        if self.restrictions:
            out.append(f"Restrictions: {self.restrictions}")
        return out
