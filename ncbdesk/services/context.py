"""Who is acting: every service call is made on behalf of an actor."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Actor:
    """A user or machine client, with the bureau it works for."""

    username: str
    bureau: str
    roles: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def system(cls, bureau: str) -> Actor:
        """The system itself (imports, demo data, scheduled jobs)."""
        return cls("system", bureau.upper(), frozenset({"administrator"}))
