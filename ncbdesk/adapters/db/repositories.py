"""SQLAlchemy repositories for persons and notices."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy import Connection, and_, delete, func, insert, or_, select, update

from ncbdesk.adapters.db import mappers
from ncbdesk.adapters.db.tables import (
    notice_history,
    notice_reviews,
    notice_subjects,
    notices,
    person_birth_dates,
    person_documents,
    person_names,
    person_nationalities,
    persons,
    possible_hits,
)
from ncbdesk.adapters.text import fold, search_text, to_ascii
from ncbdesk.domain.errors import Conflict
from ncbdesk.domain.hits import HitStatus, PossibleHit
from ncbdesk.domain.notices import Notice
from ncbdesk.domain.persons import Person
from ncbdesk.services.ports import NoticeFilter, Page, PersonFilter

_CHILDREN = {
    "names": person_names,
    "birth_dates": person_birth_dates,
    "nationalities": person_nationalities,
    "documents": person_documents,
}


def like_pattern(term: str, anywhere: bool = True) -> str:
    """A LIKE pattern (escape character backslash) matching `term` literally.

    `anywhere` finds it inside the text; otherwise the text must start with it.
    """
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%" if anywhere else f"{escaped}%"


class SqlPersonRepository:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def _write_children(self, person: Person) -> None:
        for key, rows in mappers.person_children(person).items():
            if rows:
                self.conn.execute(insert(_CHILDREN[key]), rows)

    def _row(self, person: Person) -> dict[str, Any]:
        return mappers.person_row(person, search_text([n.full for n in person.names]))

    def add(self, person: Person) -> None:
        self.conn.execute(insert(persons).values(**self._row(person)))
        self._write_children(person)

    def add_many(self, batch: Sequence[Person]) -> None:
        """Bulk insert for imports and demo data: one statement per table."""
        if not batch:
            return
        self.conn.execute(insert(persons), [self._row(p) for p in batch])
        grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for p in batch:
            for key, rows in mappers.person_children(p).items():
                grouped[key].extend(rows)
        for key, rows in grouped.items():
            if rows:
                self.conn.execute(insert(_CHILDREN[key]), rows)

    def update(self, person: Person) -> None:
        """Write `person`, whose version the service has bumped by one.

        Fails with Conflict when someone else saved the record in between.
        """
        result = self.conn.execute(
            update(persons)
            .where(and_(persons.c.id == person.id, persons.c.version == person.version - 1))
            .values(**self._row(person))
        )
        if result.rowcount != 1:
            raise Conflict("The person was changed by someone else; reload and try again.")
        for table in _CHILDREN.values():
            self.conn.execute(delete(table).where(table.c.person_id == person.id))
        self._write_children(person)

    def delete(self, person_id: str) -> None:
        for table in (*_CHILDREN.values(), notice_subjects):
            self.conn.execute(delete(table).where(table.c.person_id == person_id))
        self.conn.execute(delete(persons).where(persons.c.id == person_id))

    def _load(self, rows: Sequence[Any]) -> list[Person]:
        if not rows:
            return []
        ids = [r.id for r in rows]
        children: dict[str, dict[str, list[Any]]] = {k: defaultdict(list) for k in _CHILDREN}
        for key, table in _CHILDREN.items():
            for child in self.conn.execute(select(table).where(table.c.person_id.in_(ids))):
                children[key][child.person_id].append(child)
        return [
            mappers.person_from_rows(
                r,
                children["names"][r.id],
                children["birth_dates"][r.id],
                children["nationalities"][r.id],
                children["documents"][r.id],
            )
            for r in rows
        ]

    def get(self, person_id: str) -> Person | None:
        rows = self.conn.execute(select(persons).where(persons.c.id == person_id)).all()
        loaded = self._load(rows)
        return loaded[0] if loaded else None

    def get_many(self, ids: Sequence[str]) -> list[Person]:
        rows = self.conn.execute(select(persons).where(persons.c.id.in_(list(ids)))).all()
        return self._load(rows)

    def get_by_external_id(self, external_id: str) -> Person | None:
        rows = self.conn.execute(select(persons).where(persons.c.external_id == external_id)).all()
        loaded = self._load(rows)
        return loaded[0] if loaded else None

    def _where(self, f: PersonFilter) -> list[Any]:
        clauses: list[Any] = []
        if f.name.strip():
            folded, ascii_ = fold(f.name), to_ascii(f.name)
            clauses.append(
                or_(
                    persons.c.search_text.like(like_pattern(folded), escape="\\"),
                    persons.c.search_text.like(like_pattern(ascii_), escape="\\"),
                )
            )
        if f.nationality:
            clauses.append(
                persons.c.id.in_(
                    select(person_nationalities.c.person_id).where(
                        person_nationalities.c.country == f.nationality.upper()
                    )
                )
            )
        if f.owner_bureau:
            clauses.append(persons.c.owner_bureau == f.owner_bureau.upper())
        return clauses

    def list(self, filter: PersonFilter, offset: int, limit: int) -> Page[Person]:
        where = self._where(filter)
        total = self.conn.execute(select(func.count()).select_from(persons).where(*where)).scalar()
        rows = self.conn.execute(
            select(persons)
            .where(*where)
            .order_by(persons.c.sort_name, persons.c.id)
            .offset(offset)
            .limit(limit)
        ).all()
        return Page(self._load(rows), int(total or 0), offset, limit)

    def iter_all(self, batch: int = 1000) -> Iterator[Person]:
        last = ""
        while True:
            rows = self.conn.execute(
                select(persons).where(persons.c.id > last).order_by(persons.c.id).limit(batch)
            ).all()
            if not rows:
                return
            yield from self._load(rows)
            last = rows[-1].id

    def count(self) -> int:
        return int(self.conn.execute(select(func.count()).select_from(persons)).scalar() or 0)


class SqlNoticeRepository:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def _write_children(self, n: Notice) -> None:
        if n.subject_ids:
            self.conn.execute(
                insert(notice_subjects),
                [
                    {"notice_id": n.id, "person_id": pid, "position": i}
                    for i, pid in enumerate(dict.fromkeys(n.subject_ids))
                ],
            )
        if n.history:
            self.conn.execute(
                insert(notice_history),
                [
                    {
                        "notice_id": n.id,
                        "position": i,
                        "status": h.status.value,
                        "at": h.at,
                        "by": h.by,
                        "reason": h.reason,
                    }
                    for i, h in enumerate(n.history)
                ],
            )
        reviews = mappers.review_rows(n)
        if reviews:
            self.conn.execute(insert(notice_reviews), reviews)

    def add(self, notice: Notice) -> None:
        self.conn.execute(insert(notices).values(**mappers.notice_row(notice)))
        self._write_children(notice)

    def add_many(self, batch: Sequence[Notice]) -> None:
        for n in batch:
            self.add(n)

    def update(self, notice: Notice) -> None:
        result = self.conn.execute(
            update(notices)
            .where(and_(notices.c.id == notice.id, notices.c.version == notice.version - 1))
            .values(**mappers.notice_row(notice))
        )
        if result.rowcount != 1:
            raise Conflict("The notice was changed by someone else; reload and try again.")
        for table in (notice_subjects, notice_history, notice_reviews):
            self.conn.execute(delete(table).where(table.c.notice_id == notice.id))
        self._write_children(notice)

    def delete(self, notice_id: str) -> None:
        for table in (notice_subjects, notice_history, notice_reviews):
            self.conn.execute(delete(table).where(table.c.notice_id == notice_id))
        self.conn.execute(delete(notices).where(notices.c.id == notice_id))

    def _load(self, rows: Sequence[Any]) -> list[Notice]:
        if not rows:
            return []
        ids = [r.id for r in rows]
        subjects: dict[str, list[Any]] = defaultdict(list)
        history: dict[str, list[Any]] = defaultdict(list)
        reviews: dict[str, list[Any]] = defaultdict(list)
        for r in self.conn.execute(
            select(notice_reviews).where(notice_reviews.c.notice_id.in_(ids))
        ):
            reviews[r.notice_id].append(r)
        for s in self.conn.execute(
            select(notice_subjects).where(notice_subjects.c.notice_id.in_(ids))
        ):
            subjects[s.notice_id].append(s)
        for h in self.conn.execute(
            select(notice_history).where(notice_history.c.notice_id.in_(ids))
        ):
            history[h.notice_id].append(h)
        return [
            mappers.notice_from_rows(r, subjects[r.id], history[r.id], reviews[r.id]) for r in rows
        ]

    def get(self, notice_id: str) -> Notice | None:
        loaded = self._load(
            self.conn.execute(select(notices).where(notices.c.id == notice_id)).all()
        )
        return loaded[0] if loaded else None

    def get_by_reference(self, reference: str) -> Notice | None:
        loaded = self._load(
            self.conn.execute(select(notices).where(notices.c.reference == reference)).all()
        )
        return loaded[0] if loaded else None

    def _where(self, f: NoticeFilter) -> list[Any]:
        clauses: list[Any] = []
        if f.type is not None:
            clauses.append(notices.c.type == f.type.value)
        if f.status is not None:
            clauses.append(notices.c.status == f.status.value)
        if f.kind is not None:
            clauses.append(notices.c.kind == f.kind.value)
        if f.owner_bureau:
            clauses.append(notices.c.owner_bureau == f.owner_bureau.upper())
        if f.valid_before is not None:
            clauses.append(notices.c.valid_until < f.valid_before)
        if f.subject_id:
            clauses.append(
                notices.c.id.in_(
                    select(notice_subjects.c.notice_id).where(
                        notice_subjects.c.person_id == f.subject_id
                    )
                )
            )
        if f.text.strip():
            term = like_pattern(f.text.strip())
            clauses.append(
                or_(
                    func.lower(notices.c.title).like(func.lower(term), escape="\\"),
                    notices.c.reference.like(term, escape="\\"),
                )
            )
        return clauses

    def list(self, filter: NoticeFilter, offset: int, limit: int) -> Page[Notice]:
        where = self._where(filter)
        total = self.conn.execute(select(func.count()).select_from(notices).where(*where)).scalar()
        # A list of what expires before a day is a due list: the soonest first.
        order = (
            (notices.c.valid_until, notices.c.id)
            if filter.valid_before is not None
            else (notices.c.created_at.desc(), notices.c.id)
        )
        rows = self.conn.execute(
            select(notices).where(*where).order_by(*order).offset(offset).limit(limit)
        ).all()
        return Page(self._load(rows), int(total or 0), offset, limit)

    def count(self) -> int:
        return int(self.conn.execute(select(func.count()).select_from(notices)).scalar() or 0)

    def count_by_status_and_type(self) -> dict[tuple[str, str], int]:
        """How many notices of each (status, type) pair, in one query; absent pairs are 0."""
        rows = self.conn.execute(
            select(notices.c.status, notices.c.type, func.count()).group_by(
                notices.c.status, notices.c.type
            )
        ).all()
        return {(status, type_): int(n) for status, type_, n in rows}


class SqlPossibleHitRepository:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def replace_pending(self, notice_id: str, source: str, hits: Sequence[PossibleHit]) -> None:
        """Drop the notice's pending hits from `source` and store `hits` instead."""
        self.conn.execute(
            delete(possible_hits).where(
                and_(
                    possible_hits.c.notice_id == notice_id,
                    possible_hits.c.source == source,
                    possible_hits.c.status == HitStatus.PENDING.value,
                )
            )
        )
        if hits:
            self.conn.execute(
                insert(possible_hits),
                [
                    {
                        "id": h.id,
                        "notice_id": h.notice_id,
                        "subject_id": h.subject_id,
                        "person_id": h.person_id,
                        "score": h.score,
                        "reasons": list(h.reasons),
                        "source": h.source,
                        "status": h.status.value,
                        "created_at": h.created_at,
                    }
                    for h in hits
                ],
            )

    def for_notice(self, notice_id: str) -> list[PossibleHit]:
        rows = self.conn.execute(
            select(possible_hits)
            .where(possible_hits.c.notice_id == notice_id)
            .order_by(possible_hits.c.score.desc())
        )
        return [
            PossibleHit(
                id=r.id,
                notice_id=r.notice_id,
                subject_id=r.subject_id,
                person_id=r.person_id,
                score=r.score,
                reasons=list(r.reasons),
                source=r.source,
                status=HitStatus(r.status),
                created_at=mappers.aware(r.created_at),
            )
            for r in rows
        ]
