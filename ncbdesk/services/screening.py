"""Screening use cases: a person (or a name) against everyone the bureau holds.

The engine (`ncbdesk.matching`) is pure; this module turns domain persons into
the engine's subjects, keeps the index in step with the database, and attaches
to each match what an officer needs next: the person and the notices about them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from ncbdesk.domain.notices import Notice, NoticeStatus
from ncbdesk.domain.persons import NameKind, Person
from ncbdesk.domain.security import Permission
from ncbdesk.matching import Match, NameInput, Subject
from ncbdesk.services.access import authorize, record
from ncbdesk.services.context import Actor
from ncbdesk.services.ports import NoticeFilter, UnitOfWork

MAX_TOP_K = 100


class IndexPort(Protocol):
    """What the services need from a screening index (ncbdesk.matching.ScreeningIndex)."""

    def screen(
        self, query: Subject, top_k: int = 10, threshold: float | None = None
    ) -> list[Match]: ...
    def search(self, text: str, top_k: int = 10) -> list[Match]: ...
    def upsert(self, subject: Subject) -> None: ...
    def remove(self, subject_id: str) -> None: ...
    def __len__(self) -> int: ...


def subject_from_person(person: Person, subject_id: str | None = None) -> Subject:
    """The engine's view of a person: every name, dates, nationalities, documents."""
    # A primary name carries its free text and, where the record split it, its
    # parts: the engine reads both as one writing (the parts give the roles).
    names = [
        NameInput(full=n.full, given=n.given, family=n.family, patronymic=n.patronymic)
        if n.kind == NameKind.PRIMARY
        else NameInput(full=n.full)
        for n in person.names
    ]
    sex = person.sex.value if person.sex.value in ("male", "female") else None
    return Subject(
        id=subject_id or person.id,
        names=tuple(names),
        birth_dates=tuple(d.iso() for d in person.birth_dates),
        nationalities=tuple(person.nationalities),
        sex=sex,
        documents=tuple(d.number for d in person.documents),
    )


@dataclass
class ScreeningHit:
    """One match with the record it points at and the notices about that person."""

    match: Match
    person: Person | None
    notices: list[Notice] = field(default_factory=list)

    @property
    def active_notices(self) -> list[Notice]:
        return [n for n in self.notices if n.status == NoticeStatus.PUBLISHED]


def _attach(uow: UnitOfWork, matches: Sequence[Match]) -> list[ScreeningHit]:
    # One query for the matched persons, not one per match.
    persons = {p.id: p for p in uow.persons.get_many([m.id for m in matches])} if matches else {}
    hits = []
    for m in matches:
        person = persons.get(m.id)
        notices: list[Notice] = []
        if person is not None:
            notices = list(uow.notices.list(NoticeFilter(subject_id=person.id), 0, 20).items)
        hits.append(ScreeningHit(m, person, notices))
    return hits


def screen_person(
    uow: UnitOfWork,
    index: IndexPort,
    actor: Actor,
    query: Person,
    top_k: int = 10,
    threshold: float | None = None,
    purpose: str = "",
) -> list[ScreeningHit]:
    """Screen one person against the index; best first, with notices attached."""
    authorize(uow, actor, Permission.SCREEN, "screen", "person")
    top_k = max(1, min(top_k, MAX_TOP_K))
    matches = index.screen(subject_from_person(query, "query"), top_k=top_k, threshold=threshold)
    with uow:
        hits = _attach(uow, matches)
    record(
        uow,
        actor,
        "screen",
        "person",
        purpose=purpose,
        query=query.display_name,
        alerts=[m.id for m in matches if m.alert],
    )
    return hits


def search_name(
    uow: UnitOfWork,
    index: IndexPort,
    actor: Actor,
    text: str,
    top_k: int = 10,
    purpose: str = "",
) -> list[ScreeningHit]:
    """Free-text name search through the screening engine."""
    authorize(uow, actor, Permission.SCREEN, "search", "person")
    top_k = max(1, min(top_k, MAX_TOP_K))
    matches = index.search(text, top_k=top_k)
    with uow:
        hits = _attach(uow, matches)
    record(uow, actor, "search", "person", purpose=purpose, query=text[:300], results=len(hits))
    return hits


def subjects_from_db(persons: Iterable[Person]) -> Iterable[Subject]:
    for p in persons:
        yield subject_from_person(p)
