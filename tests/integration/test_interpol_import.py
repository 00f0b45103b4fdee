"""Importing INTERPOL's public notices into real SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.exc import IntegrityError

from ncbdesk.adapters.db.engine import SqlUnitOfWork
from ncbdesk.adapters.interpol import InterpolRecord, parse_interpol_file
from ncbdesk.domain.audit import Outcome
from ncbdesk.domain.errors import Conflict, PermissionDenied, ValidationFailed
from ncbdesk.domain.notices import Notice, NoticeStatus, NoticeType
from ncbdesk.domain.persons import Person, PersonName
from ncbdesk.domain.security import Role
from ncbdesk.services.context import Actor
from ncbdesk.services.interpol_import import IMPORT_REASON, import_interpol
from ncbdesk.services.ports import AuditFilter

FIXTURES = Path(__file__).parents[1] / "fixtures" / "interpol"
SYSTEM = Actor.system("RU")


def records(name: str) -> list[InterpolRecord]:
    parsed = parse_interpol_file((FIXTURES / name).read_text(encoding="utf-8"))
    parsed.raise_if_errors()
    return parsed.records


def counts(uow: SqlUnitOfWork) -> tuple[int, int]:
    with uow:
        return uow.persons.count(), uow.notices.count()


def stored(uow: SqlUnitOfWork, reference: str) -> tuple[Notice, Person]:
    with uow:
        notice = uow.notices.get_by_reference(reference)
        assert notice is not None
        person = uow.persons.get_by_external_id(f"interpol:{reference}")
        assert person is not None
    return notice, person


def test_import_a_red_list_page(uow: SqlUnitOfWork) -> None:
    result = import_interpol(uow, SYSTEM, records("red-list.json"), "red-list.json")
    assert (result.created, result.updated) == (4, 0)
    assert counts(uow) == (4, 4)
    notice, person = stored(uow, "2023/10942")
    assert notice.type == NoticeType.RED and notice.status == NoticeStatus.PUBLISHED
    assert notice.subject_ids == [person.id]
    assert notice.owner_bureau == person.owner_bureau == "KG"
    assert notice.title == "Red Notice — TOKTOSUNOV, AZAMAT"
    assert person.nationalities == ["KG", "RU"]
    assert person.review_on is not None
    assert [h.reason for h in notice.history] == [f"{IMPORT_REASON} (red-list.json)"]
    with uow:
        audit = uow.audit.list(AuditFilter(action="notice.import"), 0, 10).items
    assert [(a.outcome, a.details["created"], a.details["source"]) for a in audit] == [
        (Outcome.OK, 4, "red-list.json")
    ]


def test_every_fixture_imports(uow: SqlUnitOfWork) -> None:
    for name in ("red-details.jsonl", "yellow-list.json", "un-detail.json"):
        import_interpol(uow, SYSTEM, records(name), name)
    assert counts(uow) == (5, 5)
    un, person = stored(uow, "2011/99873")
    assert un.type == NoticeType.UN and un.summary.startswith("UN Security Council reference")
    assert person.place_of_birth == "TIKRIT (Iraq)"


def test_re_import_updates_instead_of_duplicating(uow: SqlUnitOfWork) -> None:
    import_interpol(uow, SYSTEM, records("red-list.json"), "first")
    before_notice, before_person = stored(uow, "2021/48213")
    result = import_interpol(uow, SYSTEM, records("red-list.json"), "second")
    assert (result.created, result.updated) == (0, 4)
    assert counts(uow) == (4, 4)
    after_notice, after_person = stored(uow, "2021/48213")
    assert after_notice.id == before_notice.id and after_person.id == before_person.id
    assert after_notice.created_at == before_notice.created_at
    assert after_person.created_at == before_person.created_at
    assert (after_notice.version, after_person.version) == (2, 2)
    assert after_notice.subject_ids == [after_person.id]
    assert len(after_notice.history) == 1  # the first import's; an update changes no status


def test_detail_refreshes_a_list_entry_and_a_later_list_keeps_the_detail(
    uow: SqlUnitOfWork,
) -> None:
    import_interpol(uow, SYSTEM, records("red-list.json"), "list")
    _, person = stored(uow, "2018/77015")
    assert person.description.height_cm is None

    result = import_interpol(uow, SYSTEM, records("red-details.jsonl"), "details")
    assert (result.created, result.updated) == (0, 2)
    notice, person = stored(uow, "2018/77015")
    assert person.description.height_cm == 182
    assert notice.judicial is not None and "money laundering" in notice.judicial.offence

    import_interpol(uow, SYSTEM, records("red-list.json"), "list again")
    notice, person = stored(uow, "2018/77015")
    assert (notice.version, person.version) == (3, 3)
    assert person.description.height_cm == 182
    assert "Languages spoken: Arabic, English." in person.notes
    assert notice.judicial is not None and "money laundering" in notice.judicial.offence
    assert notice.summary == "Wanted by Kuwait."


def test_the_public_detail_replaces_content(uow: SqlUnitOfWork) -> None:
    import_interpol(uow, SYSTEM, records("yellow-detail.json"), "v1")
    recs = records("yellow-detail.json")
    recs[0].person.description.distinguishing_marks = ""
    recs[0].person.names = [PersonName("DILNOZA RUSTAMOVNA ABDULLAEVA")]
    import_interpol(uow, SYSTEM, recs, "v2")
    _, person = stored(uow, "2022/55107")
    assert person.description.distinguishing_marks == ""
    assert [n.full for n in person.names] == ["DILNOZA RUSTAMOVNA ABDULLAEVA"]


def test_a_failure_mid_import_stores_nothing(uow: SqlUnitOfWork) -> None:
    local = Person("RU", [PersonName("Иван Петров")])
    with uow:
        uow.persons.add(local)
        uow.commit()
    recs = records("red-list.json")
    recs[2].person.id = local.id  # the third insert fails after two have been written
    with pytest.raises(IntegrityError):
        import_interpol(uow, SYSTEM, recs, "red-list.json")
    assert counts(uow) == (1, 0)


def test_an_invalid_record_stores_nothing(uow: SqlUnitOfWork) -> None:
    recs = records("red-list.json")
    recs[3].person.nationalities = ["QQ"]
    with pytest.raises(ValidationFailed) as exc:
        import_interpol(uow, SYSTEM, recs, "red-list.json")
    assert [(e.field, e.message) for e in exc.value.errors] == [
        ("_embedded.notices[3].nationalities[0]", "'QQ' is not an ISO 3166 country code")
    ]
    assert counts(uow) == (0, 0)


def test_a_bad_file_imports_nothing(uow: SqlUnitOfWork) -> None:
    """The caller's gate (as the CLI does it): any error in the file, no import at all."""
    parsed = parse_interpol_file((FIXTURES / "bad-list.json").read_text(encoding="utf-8"))
    assert len(parsed.records) == 1  # one good entry among the bad ones
    with pytest.raises(ValidationFailed) as exc:
        parsed.raise_if_errors()
    assert len(exc.value.errors) == 5
    assert counts(uow) == (0, 0)


def test_a_notice_held_for_another_reason_is_not_overwritten(uow: SqlUnitOfWork) -> None:
    own = Notice(NoticeType.RED, "RU", "Our own draft", reference="2019/31577")
    with uow:
        uow.notices.add(own)
        uow.commit()
    with pytest.raises(Conflict) as exc:
        import_interpol(uow, SYSTEM, records("red-list.json"), "red-list.json")
    assert [(e.field, e.message) for e in exc.value.errors] == [
        (
            "_embedded.notices[1].entity_id",
            "notice 2019/31577 is already held here, not as an INTERPOL import; "
            "it is left as it is",
        )
    ]
    assert counts(uow) == (0, 1)
    with uow:
        kept = uow.notices.get(own.id)
    assert kept is not None and kept.title == "Our own draft" and kept.version == 1


def test_a_notice_imported_as_another_type_clashes(uow: SqlUnitOfWork) -> None:
    import_interpol(uow, SYSTEM, records("yellow-list.json"), "yellow")
    text = (FIXTURES / "red-detail.json").read_text(encoding="utf-8")
    text = text.replace("2021/48213", "2022/55107").replace("2021-48213", "2022-55107")
    parsed = parse_interpol_file(text)
    with pytest.raises(Conflict) as exc:
        import_interpol(uow, SYSTEM, parsed.records, "red")
    assert "imported as yellow, now read as red" in exc.value.errors[0].message
    notice, _ = stored(uow, "2022/55107")
    assert notice.type == NoticeType.YELLOW and notice.version == 1


def test_the_same_notice_twice_in_one_import_clashes(uow: SqlUnitOfWork) -> None:
    recs = records("red-list.json")[:1] + records("red-list.json")[:1]
    with pytest.raises(Conflict) as exc:
        import_interpol(uow, SYSTEM, recs, "twice")
    assert exc.value.errors[0].message == "2021/48213 is imported twice"
    assert counts(uow) == (0, 0)


def test_an_actor_without_the_import_permission_is_refused_and_audited(
    uow: SqlUnitOfWork,
) -> None:
    analyst = Actor("ana", "RU", frozenset({Role.ANALYST}))
    with pytest.raises(PermissionDenied):
        import_interpol(uow, analyst, records("red-list.json"), "red-list.json")
    assert counts(uow) == (0, 0)
    with uow:
        audit = uow.audit.list(AuditFilter(action="notice.import"), 0, 10).items
    assert [(a.actor, a.outcome) for a in audit] == [("ana", Outcome.REFUSED)]
