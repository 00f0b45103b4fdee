"""Small hand-written fakes of the ports, for service unit tests (no Mock)."""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Iterator
from datetime import datetime
from typing import Self

from ncbdesk.domain.audit import GENESIS, AuditEntry
from ncbdesk.domain.errors import Conflict
from ncbdesk.domain.notices import Notice
from ncbdesk.domain.persons import Person
from ncbdesk.domain.users import User
from ncbdesk.services.ports import (
    AuditFilter,
    NoticeFilter,
    Page,
    PersonFilter,
    SessionRecord,
    TokenRecord,
)


class FakePersons:
    def __init__(self) -> None:
        self.rows: dict[str, Person] = {}

    def add(self, person: Person) -> None:
        self.rows[person.id] = copy.deepcopy(person)

    def get(self, person_id: str) -> Person | None:
        p = self.rows.get(person_id)
        return copy.deepcopy(p) if p else None

    def get_by_external_id(self, external_id: str) -> Person | None:
        for p in self.rows.values():
            if p.external_id == external_id:
                return copy.deepcopy(p)
        return None

    def update(self, person: Person) -> None:
        if self.rows[person.id].version != person.version - 1:
            raise Conflict("stale")
        self.rows[person.id] = copy.deepcopy(person)

    def delete(self, person_id: str) -> None:
        self.rows.pop(person_id, None)

    def list(self, filter: PersonFilter, offset: int, limit: int) -> Page[Person]:
        items = [
            p
            for p in self.rows.values()
            if filter.name.lower() in " ".join(n.full.lower() for n in p.names)
        ]
        return Page(items[offset : offset + limit], len(items), offset, limit)

    def iter_all(self, batch: int = 1000) -> Iterator[Person]:
        yield from list(self.rows.values())

    def count(self) -> int:
        return len(self.rows)


class FakeNotices:
    def __init__(self) -> None:
        self.rows: dict[str, Notice] = {}

    def add(self, notice: Notice) -> None:
        self.rows[notice.id] = copy.deepcopy(notice)

    def get(self, notice_id: str) -> Notice | None:
        n = self.rows.get(notice_id)
        return copy.deepcopy(n) if n else None

    def get_by_reference(self, reference: str) -> Notice | None:
        for n in self.rows.values():
            if n.reference == reference:
                return copy.deepcopy(n)
        return None

    def update(self, notice: Notice) -> None:
        self.rows[notice.id] = copy.deepcopy(notice)

    def delete(self, notice_id: str) -> None:
        self.rows.pop(notice_id, None)

    def list(self, filter: NoticeFilter, offset: int, limit: int) -> Page[Notice]:
        items = [n for n in self.rows.values() if filter.type in (None, n.type)]
        return Page(items[offset : offset + limit], len(items), offset, limit)

    def count(self) -> int:
        return len(self.rows)


class FakeUsers:
    def __init__(self) -> None:
        self.rows: dict[str, User] = {}

    def add(self, user: User) -> None:
        self.rows[user.id] = copy.deepcopy(user)

    def update(self, user: User) -> None:
        self.rows[user.id] = copy.deepcopy(user)

    def get(self, user_id: str) -> User | None:
        u = self.rows.get(user_id)
        return copy.deepcopy(u) if u else None

    def by_username(self, username: str) -> User | None:
        for u in self.rows.values():
            if u.username == username:
                return copy.deepcopy(u)
        return None

    def list(self) -> list[User]:
        return sorted(self.rows.values(), key=lambda u: u.username)

    def count(self) -> int:
        return len(self.rows)


class FakeTokens:
    def __init__(self) -> None:
        self.rows: dict[str, TokenRecord] = {}

    def add(self, token: TokenRecord) -> None:
        self.rows[token.id] = token

    def by_hash(self, token_hash: str) -> TokenRecord | None:
        return next((t for t in self.rows.values() if t.token_hash == token_hash), None)

    def get(self, token_id: str) -> TokenRecord | None:
        return self.rows.get(token_id)

    def for_user(self, user_id: str) -> list[TokenRecord]:
        return [t for t in self.rows.values() if t.user_id == user_id]

    def revoke(self, token_id: str, at: datetime) -> None:
        self.rows[token_id] = dataclasses.replace(self.rows[token_id], revoked_at=at)

    def touch(self, token_id: str, at: datetime) -> None:
        self.rows[token_id] = dataclasses.replace(self.rows[token_id], last_used_at=at)


class FakeSessions:
    def __init__(self) -> None:
        self.rows: dict[str, SessionRecord] = {}

    def add(self, s: SessionRecord) -> None:
        self.rows[s.id_hash] = s

    def get(self, id_hash: str) -> SessionRecord | None:
        return self.rows.get(id_hash)

    def touch(self, id_hash: str, at: datetime) -> None:
        self.rows[id_hash] = dataclasses.replace(self.rows[id_hash], last_seen_at=at)

    def delete(self, id_hash: str) -> None:
        self.rows.pop(id_hash, None)

    def delete_for_user(self, user_id: str) -> None:
        for k in [k for k, s in self.rows.items() if s.user_id == user_id]:
            del self.rows[k]


class FakeAuditLog:
    """Keeps entries in a list; appends survive rollbacks, as the real one's do."""

    def __init__(self) -> None:
        self.entries: list[AuditEntry] = []

    def append(self, entry: AuditEntry) -> AuditEntry:
        prev = self.entries[-1].hash if self.entries else GENESIS
        entry.seal(len(self.entries) + 1, prev)
        self.entries.append(entry)
        return entry

    def list(self, f: AuditFilter, offset: int, limit: int) -> Page[AuditEntry]:
        items = [e for e in reversed(self.entries) if e.action.startswith(f.action)]
        return Page(items[offset : offset + limit], len(items), offset, limit)

    def iter_all(self, batch: int = 5000) -> Iterator[AuditEntry]:
        yield from self.entries

    def actions(self) -> list[tuple[str, str]]:
        return [(e.action, e.outcome.value) for e in self.entries]


class FakeUnitOfWork:
    """Commits are visible; leaving the block uncommitted restores the snapshot."""

    def __init__(self) -> None:
        self._persons = FakePersons()
        self._notices = FakeNotices()
        self.users = FakeUsers()
        self.tokens = FakeTokens()
        self.sessions = FakeSessions()
        self.audit = FakeAuditLog()
        self.commits = 0
        self._snapshot: tuple[dict[str, Person], dict[str, Notice]] | None = None

    @property
    def persons(self) -> FakePersons:
        return self._persons

    @property
    def notices(self) -> FakeNotices:
        return self._notices

    def __enter__(self) -> Self:
        self._snapshot = (copy.deepcopy(self._persons.rows), copy.deepcopy(self._notices.rows))
        return self

    def __exit__(self, *exc: object) -> None:
        self.rollback()

    def commit(self) -> None:
        self.commits += 1
        self._snapshot = (copy.deepcopy(self._persons.rows), copy.deepcopy(self._notices.rows))

    def rollback(self) -> None:
        if self._snapshot is not None:
            self._persons.rows, self._notices.rows = copy.deepcopy(self._snapshot)
