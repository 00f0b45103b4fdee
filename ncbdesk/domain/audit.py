"""The audit trail: append-only entries linked by a hash chain.

Each entry's hash covers its own content and the previous entry's hash, so an
edited, deleted or reordered entry breaks the chain from that point on and
`verify_chain` names the first sequence number where it breaks.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

GENESIS = "0" * 64


class Outcome(StrEnum):
    OK = "ok"
    REFUSED = "refused"


@dataclass
class AuditEntry:
    at: datetime
    actor: str
    bureau: str
    action: str  # e.g. "person.read", "person.update", "search", "login"
    object_type: str = ""
    object_id: str = ""
    outcome: Outcome = Outcome.OK
    purpose: str = ""  # the reason stated for a search or read
    source: str = ""  # client address or "cli"
    details: dict[str, object] = field(default_factory=dict)
    seq: int = 0
    prev_hash: str = GENESIS
    hash: str = ""

    def canonical(self) -> bytes:
        """The bytes the hash covers: every field but the hash itself."""
        body = {
            "seq": self.seq,
            "at": self.at.isoformat(timespec="microseconds"),
            "actor": self.actor,
            "bureau": self.bureau,
            "action": self.action,
            "object_type": self.object_type,
            "object_id": self.object_id,
            "outcome": self.outcome.value,
            "purpose": self.purpose,
            "source": self.source,
            "details": self.details,
            "prev_hash": self.prev_hash,
        }
        return json.dumps(body, sort_keys=True, ensure_ascii=False, default=str).encode()

    def seal(self, seq: int, prev_hash: str) -> None:
        self.seq = seq
        self.prev_hash = prev_hash
        self.hash = hashlib.sha256(self.canonical()).hexdigest()


@dataclass(frozen=True)
class ChainProblem:
    seq: int
    message: str

    def __str__(self) -> str:
        return f"entry {self.seq}: {self.message}"


def verify_chain(entries: Iterable[AuditEntry]) -> list[ChainProblem]:
    """Walk entries in stored order; report every break in the chain."""
    problems: list[ChainProblem] = []
    expected_seq = 1
    prev = GENESIS
    for e in entries:
        if e.seq != expected_seq:
            kind = "missing before it" if e.seq > expected_seq else "out of order"
            problems.append(ChainProblem(e.seq, f"expected entry {expected_seq}; entries {kind}"))
        if e.prev_hash != prev:
            problems.append(ChainProblem(e.seq, "does not follow the previous entry's hash"))
        actual = hashlib.sha256(e.canonical()).hexdigest()
        if actual != e.hash:
            problems.append(ChainProblem(e.seq, "content does not match its hash (edited)"))
        prev = e.hash
        expected_seq = e.seq + 1
    return problems
