"""Small hand-written fakes of the ports, for service unit tests (no Mock)."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Self

from ncbdesk.domain.errors import Conflict
from ncbdesk.domain.notices import Notice
from ncbdesk.domain.persons import Person
from ncbdesk.services.ports import NoticeFilter, Page, PersonFilter


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


class FakeUnitOfWork:
    """Commits are visible; leaving the block uncommitted restores the snapshot."""

    def __init__(self) -> None:
        self._persons = FakePersons()
        self._notices = FakeNotices()
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
