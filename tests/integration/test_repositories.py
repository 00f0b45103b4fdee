"""Repositories on real SQLite and PostgreSQL (see the db_url fixture)."""

from __future__ import annotations

from datetime import date

import pytest

from ncbdesk.adapters.db.engine import SqlUnitOfWork
from ncbdesk.domain.dates import PartialDate
from ncbdesk.domain.errors import Conflict
from ncbdesk.domain.notices import JudicialData, Notice, NoticeStatus, NoticeType
from ncbdesk.domain.persons import (
    DocumentType,
    IdentityDocument,
    NameKind,
    Person,
    PersonName,
    PhysicalDescription,
    Sex,
)
from ncbdesk.services.ports import NoticeFilter, PersonFilter


def magomed() -> Person:
    return Person(
        "RU",
        [
            PersonName("Магомед Нурбагандов", given="Магомед", family="Нурбагандов"),
            PersonName("Magomed Nurbagandov", kind=NameKind.TRANSLITERATION, scheme="ICAO"),
            PersonName("محمد", kind=NameKind.ALIAS),
        ],
        birth_dates=[PartialDate(1985, 2, 1), PartialDate(1985)],
        nationalities=["RU"],
        sex=Sex.MALE,
        documents=[IdentityDocument("8201 123456", DocumentType.NATIONAL_ID, "RU")],
        description=PhysicalDescription(height_cm=180, eye_colour="brown"),
        place_of_birth="Дагестан",
    )


def test_person_round_trip_keeps_everything(uow: SqlUnitOfWork) -> None:
    p = magomed()
    with uow:
        uow.persons.add(p)
        uow.commit()
    with uow:
        got = uow.persons.get(p.id)
    assert got is not None
    assert [n.full for n in got.names] == [n.full for n in p.names]
    assert [n.kind for n in got.names] == [
        NameKind.PRIMARY,
        NameKind.TRANSLITERATION,
        NameKind.ALIAS,
    ]
    assert got.names[2].dir == "rtl"
    assert got.birth_dates == [PartialDate(1985, 2, 1), PartialDate(1985)]
    assert got.documents[0].normalised_number == "8201123456"
    assert got.description.height_cm == 180
    assert got.place_of_birth == "Дагестан"
    assert got.created_at.tzinfo is not None


@pytest.mark.parametrize("term", ["нурбаг", "NURBAGANDOV", "Nurbag", "nurbagandov magomed"[:11]])
def test_name_filter_is_script_and_case_blind(uow: SqlUnitOfWork, term: str) -> None:
    with uow:
        uow.persons.add(magomed())
        uow.persons.add(Person("RU", [PersonName("Иван Петров")], nationalities=["KZ"]))
        uow.commit()
    with uow:
        page = uow.persons.list(PersonFilter(name=term), 0, 10)
    assert [p.display_name for p in page.items] == ["Магомед Нурбагандов"]


def test_filters_and_paging(uow: SqlUnitOfWork) -> None:
    with uow:
        for i in range(7):
            uow.persons.add(Person("RU", [PersonName(f"Person {i}")], nationalities=["KZ"]))
        uow.persons.add(Person("DE", [PersonName("Hans Müller")], nationalities=["DE"]))
        uow.commit()
    with uow:
        page = uow.persons.list(PersonFilter(nationality="kz"), 5, 5)
        assert (page.total, len(page.items)) == (7, 2)
        assert uow.persons.list(PersonFilter(owner_bureau="DE"), 0, 10).total == 1
        assert uow.persons.list(PersonFilter(name="muller"), 0, 10).total == 1
        assert uow.persons.list(PersonFilter(name="100%_"), 0, 10).total == 0


def test_stale_update_is_a_conflict_and_changes_nothing(uow: SqlUnitOfWork) -> None:
    p = magomed()
    with uow:
        uow.persons.add(p)
        uow.commit()
    stale = p.amended(notes="first")
    with uow:
        uow.persons.update(stale)
        uow.commit()
    again = p.amended(notes="second")  # built from version 1 too
    with uow, pytest.raises(Conflict):
        uow.persons.update(again)
    with uow:
        got = uow.persons.get(p.id)
    assert got is not None and got.notes == "first" and got.version == 2


def test_uncommitted_work_is_rolled_back(uow: SqlUnitOfWork) -> None:
    with uow:
        uow.persons.add(magomed())
    with uow:
        assert uow.persons.count() == 0


def test_notice_round_trip_and_filters(uow: SqlUnitOfWork) -> None:
    p = magomed()
    n = Notice(
        NoticeType.RED,
        "RU",
        "Red Notice — NURBAGANDOV",
        subject_ids=[p.id],
        reference="2019/12345",
        judicial=JudicialData(
            offence="fraud", max_penalty_months=120, extradition_countries=["DE"]
        ),
    )
    n.move_to(NoticeStatus.SUBMITTED, "officer")
    with uow:
        uow.persons.add(p)
        uow.notices.add(n)
        uow.notices.add(Notice(NoticeType.YELLOW, "RU", "Yellow Notice — child"))
        uow.commit()
    with uow:
        got = uow.notices.get_by_reference("2019/12345")
        assert got is not None and got.judicial is not None
        assert got.judicial.extradition_countries == ["DE"]
        assert got.history[0].status == NoticeStatus.SUBMITTED
        assert uow.notices.list(NoticeFilter(type=NoticeType.RED), 0, 10).total == 1
        assert uow.notices.list(NoticeFilter(status=NoticeStatus.DRAFT), 0, 10).total == 1
        assert uow.notices.list(NoticeFilter(subject_id=p.id), 0, 10).total == 1
        assert uow.notices.list(NoticeFilter(text="yellow"), 0, 10).total == 1
        uow.persons.delete(p.id)
        uow.commit()
    with uow:
        left = uow.notices.get(n.id)
    assert left is not None and left.subject_ids == []


def test_notice_counts_by_status_and_type_in_one_query(uow: SqlUnitOfWork) -> None:
    red = Notice(NoticeType.RED, "RU", "Red one")
    red.move_to(NoticeStatus.SUBMITTED, "officer")
    with uow:
        uow.notices.add(red)
        uow.notices.add(Notice(NoticeType.RED, "RU", "Red two"))
        uow.notices.add(Notice(NoticeType.YELLOW, "RU", "Yellow"))
        uow.commit()
    with uow:
        counts = uow.notices.count_by_status_and_type()
    assert counts == {("submitted", "red"): 1, ("draft", "red"): 1, ("draft", "yellow"): 1}


def test_iter_all_walks_every_person_once(uow: SqlUnitOfWork) -> None:
    with uow:
        uow.persons.add_many([Person("RU", [PersonName(f"P{i}")]) for i in range(25)])
        uow.commit()
    with uow:
        ids = [p.id for p in uow.persons.iter_all(batch=7)]
    assert len(ids) == len(set(ids)) == 25


def test_a_due_list_comes_soonest_first(uow: SqlUnitOfWork) -> None:
    """Filtering on validity ending before a day lists the soonest expiry first,
    whatever order the notices were entered in."""
    ends = [date(2027, 5, 1), date(2026, 12, 24), date(2027, 1, 15)]
    with uow:
        for i, end in enumerate(ends):
            uow.notices.add(Notice(NoticeType.RED, "RU", f"n{i}", valid_until=end))
        uow.commit()
    with uow:
        due = uow.notices.list(NoticeFilter(valid_before=date(2027, 6, 1)), 0, 10).items
        later = uow.notices.list(NoticeFilter(valid_before=date(2027, 2, 1)), 0, 10)
    assert [n.valid_until for n in due] == sorted(ends)
    assert [n.title for n in later.items] == ["n1", "n2"] and later.total == 2
