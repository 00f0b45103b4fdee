"""The ports the services depend on: repositories and the unit of work.

Adapters implement them (SQLAlchemy in `adapters/db`); unit tests implement
them with small in-memory fakes.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Generic, Protocol, Self, TypeVar

from ncbdesk.domain.notices import Notice, NoticeKind, NoticeStatus, NoticeType
from ncbdesk.domain.persons import Person


@dataclass(frozen=True)
class PersonFilter:
    name: str = ""  # contained in any name, any script, case- and accent-blind
    nationality: str = ""
    owner_bureau: str = ""


@dataclass(frozen=True)
class NoticeFilter:
    type: NoticeType | None = None
    status: NoticeStatus | None = None
    kind: NoticeKind | None = None
    owner_bureau: str = ""
    subject_id: str = ""
    text: str = ""  # contained in title or reference


T = TypeVar("T")


@dataclass(frozen=True)
class Page(Generic[T]):
    items: Sequence[T]
    total: int
    offset: int
    limit: int


class PersonRepository(Protocol):
    def add(self, person: Person) -> None: ...
    def get(self, person_id: str) -> Person | None: ...
    def get_by_external_id(self, external_id: str) -> Person | None: ...
    def update(self, person: Person) -> None: ...
    def delete(self, person_id: str) -> None: ...
    def list(self, filter: PersonFilter, offset: int, limit: int) -> Page[Person]: ...
    def iter_all(self, batch: int = 1000) -> Iterator[Person]: ...
    def count(self) -> int: ...


class NoticeRepository(Protocol):
    def add(self, notice: Notice) -> None: ...
    def get(self, notice_id: str) -> Notice | None: ...
    def get_by_reference(self, reference: str) -> Notice | None: ...
    def update(self, notice: Notice) -> None: ...
    def delete(self, notice_id: str) -> None: ...
    def list(self, filter: NoticeFilter, offset: int, limit: int) -> Page[Notice]: ...
    def count(self) -> int: ...


class UnitOfWork(Protocol):
    """One transaction: everything done through it commits together or not at all."""

    @property
    def persons(self) -> PersonRepository: ...
    @property
    def notices(self) -> NoticeRepository: ...

    def __enter__(self) -> Self: ...
    def __exit__(self, *exc: object) -> None: ...
    def commit(self) -> None: ...
    def rollback(self) -> None: ...
