"""Who is acting: every service call is made on behalf of an actor."""

from __future__ import annotations

from dataclasses import dataclass, field

from ncbdesk.domain.security import Permission, Role, permissions_of


@dataclass(frozen=True)
class Actor:
    """A signed-in user or a machine client (API token), with the bureau it works for.

    `roles` are the roles in force for this call: a token may carry fewer roles
    than its user holds.
    """

    username: str
    bureau: str
    roles: frozenset[Role] = field(default_factory=frozenset)
    user_id: str = ""
    source: str = ""  # client address, or "cli"
    via_token: bool = False

    @property
    def permissions(self) -> frozenset[Permission]:
        return permissions_of(self.roles)

    def can(self, permission: Permission) -> bool:
        return permission in self.permissions

    @classmethod
    def system(cls, bureau: str, source: str = "cli") -> Actor:
        """The system itself (imports, demo data, the command line run by an operator)."""
        every_role = frozenset(Role)
        return cls("system", bureau.upper(), every_role, source=source)
