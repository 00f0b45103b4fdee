"""The ports the services depend on: repositories and the unit of work.

Adapters implement them (SQLAlchemy in `adapters/db`); unit tests implement
them with small in-memory fakes.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Generic, Protocol, Self, TypeVar

from ncbdesk.domain.audit import AuditEntry
from ncbdesk.domain.batch_jobs import BatchJob
from ncbdesk.domain.extradition import Direction, ExtraditionCase, Stage
from ncbdesk.domain.hits import HitStatus, OwnerNotification, PossibleHit
from ncbdesk.domain.notices import Notice, NoticeKind, NoticeStatus, NoticeType
from ncbdesk.domain.persons import Person
from ncbdesk.domain.security import Role
from ncbdesk.domain.users import User

if TYPE_CHECKING:
    from ncbdesk.services.requests_ports import RequestRepository


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
    valid_before: date | None = None  # validity ends before this day


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
    def get_many(self, ids: Sequence[str]) -> list[Person]: ...
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
    def count_by_status_and_type(self) -> dict[tuple[str, str], int]: ...


@dataclass(frozen=True)
class TokenRecord:
    """An API token as stored: only its hash, never the token itself."""

    id: str
    user_id: str
    token_hash: str
    name: str
    roles: frozenset[Role]
    created_at: datetime
    expires_at: datetime | None = None
    revoked_at: datetime | None = None
    last_used_at: datetime | None = None


@dataclass(frozen=True)
class SessionRecord:
    """A signed-in browser session; the cookie value is stored only hashed."""

    id_hash: str
    user_id: str
    csrf: str
    created_at: datetime
    last_seen_at: datetime
    expires_at: datetime
    source: str


@dataclass(frozen=True)
class AuditFilter:
    actor: str = ""
    action: str = ""  # prefix: "person" matches person.read, person.update …
    object_id: str = ""
    outcome: str = ""
    since: datetime | None = None
    until: datetime | None = None


class UserRepository(Protocol):
    def add(self, user: User) -> None: ...
    def update(self, user: User) -> None: ...
    def get(self, user_id: str) -> User | None: ...
    def by_username(self, username: str) -> User | None: ...
    def list(self) -> list[User]: ...
    def count(self) -> int: ...


class TokenRepository(Protocol):
    def add(self, token: TokenRecord) -> None: ...
    def by_hash(self, token_hash: str) -> TokenRecord | None: ...
    def get(self, token_id: str) -> TokenRecord | None: ...
    def for_user(self, user_id: str) -> list[TokenRecord]: ...
    def revoke(self, token_id: str, at: datetime) -> None: ...
    def touch(self, token_id: str, at: datetime) -> None: ...


class SessionRepository(Protocol):
    def add(self, s: SessionRecord) -> None: ...
    def get(self, id_hash: str) -> SessionRecord | None: ...
    def touch(self, id_hash: str, at: datetime) -> None: ...
    def delete(self, id_hash: str) -> None: ...
    def delete_for_user(self, user_id: str) -> None: ...


class AuditLog(Protocol):
    """The append-only trail. `append` commits on its own, whatever the caller does next."""

    def append(self, entry: AuditEntry) -> AuditEntry: ...
    def list(self, f: AuditFilter, offset: int, limit: int) -> Page[AuditEntry]: ...
    def iter_all(self, batch: int = 5000) -> Iterator[AuditEntry]: ...


@dataclass(frozen=True)
class HitFilter:
    status: HitStatus | None = None
    notice_id: str = ""
    source: str = ""
    notice_type: NoticeType | None = None  # the type of the notice hit


class PossibleHitRepository(Protocol):
    def replace_pending(self, notice_id: str, source: str, hits: Sequence[PossibleHit]) -> None: ...
    def for_notice(self, notice_id: str) -> list[PossibleHit]: ...
    def add(self, hit: PossibleHit) -> None: ...
    def get(self, hit_id: str) -> PossibleHit | None: ...
    def list(self, f: HitFilter, offset: int, limit: int) -> Page[PossibleHit]: ...
    def save_decision(self, hit: PossibleHit) -> None:
        """Write a decision; Conflict if the hit was no longer pending."""
        ...

    def report(self, hit: PossibleHit) -> None:
        """Complete a pending hit with a client's report; Conflict if no longer pending."""
        ...

    def add_notification(self, n: OwnerNotification) -> None: ...
    def notification_for(self, hit_id: str) -> OwnerNotification | None: ...


@dataclass(frozen=True)
class CaseFilter:
    direction: Direction | None = None
    stage: Stage | None = None  # the case's current (furthest) stage
    open: bool | None = None  # True: no outcome yet; False: closed
    person_id: str = ""
    notice_id: str = ""
    hit_id: str = ""


class ExtraditionRepository(Protocol):
    def add(self, case: ExtraditionCase) -> None: ...
    def get(self, case_id: str) -> ExtraditionCase | None: ...
    def update(self, case: ExtraditionCase) -> None:
        """Write a case whose version was bumped by one; Conflict if it was stale."""
        ...

    def list(self, f: CaseFilter, offset: int, limit: int) -> Page[ExtraditionCase]: ...
    def iter_all(self, f: CaseFilter, batch: int = 500) -> Iterator[ExtraditionCase]: ...


class BatchJobRepository(Protocol):
    """Batch screening jobs, shared by every server process (services/batch_screening.py)."""

    def add(self, job: BatchJob, max_unfinished: int) -> int:
        """Insert `job` unless its owner already has `max_unfinished` jobs queued or running.

        Returns how many they had before it (so `>= max_unfinished` means nothing
        was inserted); two processes adding for one owner at once take turns.
        """
        ...

    def get(self, job_id: str) -> BatchJob | None: ...
    def for_owner(self, owner: tuple[str, str]) -> list[BatchJob]:
        """The owner's jobs, newest first."""
        ...

    def update(self, job: BatchJob) -> bool:
        """Write the job's state, counts, error, times and summary if it is still unfinished.

        False when it is not: finished meanwhile (e.g. failed as interrupted by
        another process) or forgotten.
        """
        ...

    def beat(self, job_ids: Sequence[str], at: datetime) -> None:
        """Set the heartbeat of those of these jobs that are unfinished."""
        ...

    def fail_stale(self, before: datetime, error: str, at: datetime) -> list[BatchJob]:
        """Fail the unfinished jobs whose heartbeat is older than `before`; those failed."""
        ...

    def forget_finished(self, keep: int) -> list[str]:
        """Delete the oldest finished jobs until at most `keep` jobs are left; their ids."""
        ...

    def ids(self) -> set[str]: ...


class UnitOfWork(Protocol):
    """One transaction: everything done through it commits together or not at all."""

    @property
    def persons(self) -> PersonRepository: ...
    @property
    def notices(self) -> NoticeRepository: ...
    @property
    def users(self) -> UserRepository: ...
    @property
    def tokens(self) -> TokenRepository: ...
    @property
    def sessions(self) -> SessionRepository: ...
    @property
    def audit(self) -> AuditLog: ...
    @property
    def hits(self) -> PossibleHitRepository: ...
    @property
    def requests(self) -> RequestRepository: ...
    @property
    def extradition(self) -> ExtraditionRepository: ...
    @property
    def batch_jobs(self) -> BatchJobRepository: ...

    def __enter__(self) -> Self: ...
    def __exit__(self, *exc: object) -> None: ...
    def commit(self) -> None: ...
    def rollback(self) -> None: ...
