"""Forwarding requests and the owner's handling codes, the request export, request alerts
becoming hits, and a hit's confirmation written in one transaction — on real SQLite and
PostgreSQL."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, event
from wanted import aliev_red_notice

from ncbdesk.adapters.db.engine import SqlUnitOfWork
from ncbdesk.adapters.passwords import Argon2Hasher
from ncbdesk.adapters.storage import FolderStorage
from ncbdesk.domain.dates import PartialDate
from ncbdesk.domain.errors import Conflict, PermissionDenied, ValidationFailed
from ncbdesk.domain.hits import ConfirmMethod, HitStatus
from ncbdesk.domain.notices import Notice
from ncbdesk.domain.persons import Person, PersonName, Sex
from ncbdesk.domain.requests import Channel, Direction, Request, RequestType
from ncbdesk.domain.requests_forwarding import ForwardTarget
from ncbdesk.domain.security import Handling, HandlingCode, Role
from ncbdesk.matching import ScreeningIndex
from ncbdesk.services import auth
from ncbdesk.services import hits as hit_svc
from ncbdesk.services import requests as svc
from ncbdesk.services import requests_export as export_svc
from ncbdesk.services import requests_files as files_svc
from ncbdesk.services import requests_forward as fwd
from ncbdesk.services.context import Actor
from ncbdesk.services.ports import AuditFilter, HitFilter
from ncbdesk.services.requests_alerts import hits_for_request
from ncbdesk.services.requests_ports import RequestFilter
from ncbdesk.services.screening import subject_from_person

SYSTEM = Actor.system("RU")
DUTY = Actor("duty", "RU", frozenset({Role.DUTY_OFFICER}))
RIVAL = Actor("rival", "RU", frozenset({Role.DUTY_OFFICER}))
ANALYST = Actor("analyst", "RU", frozenset({Role.ANALYST}))
FOREIGN = Actor("kz.duty", "KZ", frozenset({Role.DUTY_OFFICER}))
T0 = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
H1 = Handling([HandlingCode.NO_FORWARDING])
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def incoming(**kw: Any) -> Request:
    base: dict[str, Any] = dict(
        direction=Direction.INCOMING,
        channel=Channel.I247,
        type=RequestType.IDENTITY_CHECK,
        subject="Identity check: NURBAGANDOV Magomed",
        body="Please check passport 8201 123456.\nReply by I-24/7.",
        counterpart_country="KZ",
        reference="KZ-2026/117",
        received_at=T0,
    )
    base.update(kw)
    return Request(**base)


def person(name: str, owner: str = "RU", **kw: Any) -> Person:
    return Person(owner, [PersonName(name)], **kw)


def store(uow: SqlUnitOfWork, *items: Person | Notice) -> None:
    with uow:
        for item in items:
            if isinstance(item, Person):
                uow.persons.add(item)
            else:
                uow.notices.add(item)
        uow.commit()


def actions(uow: SqlUnitOfWork, prefix: str) -> list[tuple[str, str]]:
    page = uow.audit.list(AuditFilter(action=prefix), 0, 1000)
    return sorted((e.action, e.outcome.value) for e in page.items)


def count(uow: SqlUnitOfWork) -> int:
    with uow:
        return uow.requests.list(RequestFilter(), 0, 0).total


@pytest.fixture
def storage(tmp_path: Path) -> FolderStorage:
    return FolderStorage(tmp_path / "files")


def stored_files(storage: FolderStorage) -> int:
    return sum(1 for p in storage.root.rglob("*") if p.is_file()) if storage.root.exists() else 0


# -- forwarding --------------------------------------------------------------------


def test_forward_copies_subjects_quotes_the_original_and_links_both(
    uow: SqlUnitOfWork, storage: FolderStorage
) -> None:
    asked = person("Magomed Nurbagandov", "KZ")
    store(uow, asked)
    original = svc.register_request(uow, DUTY, incoming(person_ids=[asked.id]))
    files_svc.add_attachment(uow, DUTY, storage, original.id, "passport.pdf", PDF)
    with uow:
        version = uow.requests.get(original.id).version  # type: ignore[union-attr]
    target = ForwardTarget(agency="Border Service", note="For your check, please.")
    copy = fwd.forward_request(uow, DUTY, original.id, target, True, storage)

    with uow:
        got = uow.requests.get(copy.id)
        after = uow.requests.get(original.id)
    assert got is not None and after is not None
    assert got.direction == Direction.OUTGOING and got.channel == Channel.AGENCY_LETTER
    assert got.counterpart_agency == "Border Service" and got.counterpart_country is None
    assert got.forwarded_from == original.id and got.person_ids == [asked.id]
    assert got.subject == "FWD: Identity check: NURBAGANDOV Magomed"
    assert got.body.startswith("For your check, please.\n\n--- Forwarded request KZ-2026/117")
    assert "> Please check passport 8201 123456.\n> Reply by I-24/7." in got.body
    assert got.information_owner == "KZ" and got.owner_bureau == "RU"
    assert got.due_at is not None and got.status.value == "registered"
    # The file is the copy's own: stored again, same bytes.
    [a] = got.attachments
    assert a.storage_key != after.attachments[0].storage_key
    assert storage.get(a.storage_key, a.sha256) == PDF and a.file_name == "passport.pdf"
    # The original's thread says where it went.
    note = after.messages[-1]
    assert note.subject == "Forwarded to Border Service" and copy.id in note.body
    assert after.version == version + 1
    assert ("request.forward", "ok") in actions(uow, "request.forward")
    with uow:
        listed = uow.requests.list(RequestFilter(forwarded_from=original.id), 0, 10).items
    assert [r.id for r in listed] == [copy.id]


def test_h1_of_another_bureau_refuses_the_forward_and_writes_nothing(
    uow: SqlUnitOfWork, storage: FolderStorage
) -> None:
    original = svc.register_request(uow, DUTY, incoming(handling=H1))
    files_svc.add_attachment(uow, DUTY, storage, original.id, "passport.pdf", PDF)
    with uow:
        before = uow.requests.get(original.id)
    assert before is not None
    files_before = stored_files(storage)

    with pytest.raises(PermissionDenied) as refused:
        fwd.forward_request(uow, DUTY, original.id, ForwardTarget("DE"), True, storage)
    assert "owned by KZ" in refused.value.message
    assert "H1 — not to be forwarded without the owner's permission" in refused.value.message
    assert count(uow) == 1 and stored_files(storage) == files_before
    with uow:
        after = uow.requests.get(original.id)
    assert after is not None and after.version == before.version
    assert after.messages == before.messages
    assert actions(uow, "request.forward") == [("request.forward", "refused")]


def test_the_owners_permission_lifts_h1_and_the_copy_keeps_the_codes(
    uow: SqlUnitOfWork,
) -> None:
    original = svc.register_request(uow, DUTY, incoming(handling=Handling([
        HandlingCode.NO_FORWARDING, HandlingCode.OTHER], "Not to the press")))  # fmt: skip
    today = datetime.now(UTC).date()
    with pytest.raises(ValidationFailed) as bad:
        fwd.record_forward_permission(uow, DUTY, original.id, today + timedelta(days=2), "")
    assert {e.field for e in bad.value.errors} == {"received_on", "reference"}
    with pytest.raises(PermissionDenied):  # another bureau's registry entry
        fwd.record_forward_permission(uow, FOREIGN, original.id, today, "KZ-OK-1")

    done = fwd.record_forward_permission(uow, DUTY, original.id, today, " KZ-OK-1 ")
    assert done.forward_permission is not None
    assert done.forward_permission.reference == "KZ-OK-1"
    with uow:
        got = uow.requests.get(original.id)
    assert got is not None and got.forward_permission == done.forward_permission
    assert ("request.forward_permission", "ok") in actions(uow, "request.forward_permission")

    copy = fwd.forward_request(uow, DUTY, original.id, ForwardTarget("DE"))
    assert copy.counterpart_country == "DE" and copy.channel == Channel.I247
    assert copy.handling.codes == [HandlingCode.NO_FORWARDING, HandlingCode.OTHER]
    assert copy.handling.restrictions == "Not to the press"
    assert copy.information_owner == "KZ" and copy.forward_permission is None
    # The permission was for this forward, not for the copy: passing it on again is refused.
    with pytest.raises(PermissionDenied, match="owned by KZ"):
        fwd.forward_request(uow, DUTY, copy.id, ForwardTarget(agency="Customs"))


def test_what_the_owner_may_receive_and_what_binds_no_one(uow: SqlUnitOfWork) -> None:
    restricted = svc.register_request(uow, DUTY, incoming(handling=H1))
    # Sending it back to its owner passes nothing on.
    back = fwd.forward_request(uow, DUTY, restricted.id, ForwardTarget("kz"))
    assert back.counterpart_country == "KZ"
    # Our own outgoing request with H1: the owner is never bound by its codes.
    ours = svc.register_request(
        uow, DUTY, incoming(direction=Direction.OUTGOING, counterpart_country="DE", handling=H1)
    )
    assert ours.information_owner == "RU"
    assert fwd.forward_request(uow, DUTY, ours.id, ForwardTarget("FR")).information_owner == "RU"
    with pytest.raises(ValidationFailed) as bad:
        fwd.forward_request(uow, DUTY, ours.id, ForwardTarget("RU"))
    assert [e.field for e in bad.value.errors] == ["to_country"]
    with pytest.raises(ValidationFailed):
        fwd.forward_request(uow, DUTY, ours.id, ForwardTarget("FR", "Customs"))
    with pytest.raises(ValidationFailed):  # a request without restrictions needs no permission
        fwd.record_forward_permission(uow, DUTY, ours.id, date.today(), "X-1")
    with pytest.raises(PermissionDenied):  # analysts read, they do not forward
        fwd.forward_request(uow, ANALYST, ours.id, ForwardTarget("FR"))


# -- export --------------------------------------------------------------------------


def test_export_withholds_what_the_owners_codes_forbid(uow: SqlUnitOfWork) -> None:
    theirs = svc.register_request(uow, DUTY, incoming(handling=H1, subject="Secret of KZ"))
    free = svc.register_request(uow, DUTY, incoming(subject='=HYPERLINK("x")'))
    ours = svc.register_request(
        uow, DUTY, incoming(direction=Direction.OUTGOING, handling=H1, subject="Our own")
    )
    with pytest.raises(PermissionDenied):  # duty officers do not export
        export_svc.export_requests(uow, DUTY, RequestFilter())

    run = export_svc.export_requests(uow, ANALYST, RequestFilter(), purpose="annual report")
    assert (run.exported, run.withheld) == (2, 1)
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(export_svc.to_csv(run)))}
    assert set(rows) == {theirs.id, free.id, ours.id}
    withheld = rows[theirs.id]
    assert "owned by KZ" in withheld["withheld"] and "H1" in withheld["withheld"]
    assert withheld["subject"] == "" and withheld["handling_codes"] == "H1"
    assert withheld["information_owner"] == "KZ"
    assert rows[ours.id]["subject"] == "Our own" and rows[ours.id]["withheld"] == ""
    assert rows[free.id]["subject"] == '\'=HYPERLINK("x")'  # no formula in a spreadsheet
    # The duty officer's refusal, the withheld record's, and the export itself.
    assert actions(uow, "request.export") == [
        ("request.export", "ok"), ("request.export", "refused"), ("request.export", "refused")
    ]  # fmt: skip
    refused = uow.audit.list(AuditFilter(action="request.export", outcome="refused"), 0, 10)
    assert [e.object_id for e in refused.items if e.actor == "analyst"] == [theirs.id]
    # The filters of the list apply.
    only = export_svc.export_requests(uow, ANALYST, RequestFilter(direction=Direction.OUTGOING))
    assert [r.id for r, _ in only.rows] == [ours.id]
    with pytest.raises(ValidationFailed):
        export_svc.export_requests(uow, ANALYST, RequestFilter(), max_rows=2)


# -- request alerts become hits --------------------------------------------------------


def _wanted(uow: SqlUnitOfWork) -> tuple[Person, Notice, Person]:
    """A DE Red Notice on Aliev (held here), and the person a KZ request asks about."""
    subject = person("Руслан Алиев", "DE", birth_dates=[PartialDate(1979, 3, 4)],
                     nationalities=["RU"], sex=Sex.MALE)  # fmt: skip
    notice = aliev_red_notice(subject.id)
    asked = person("Ruslan Aliev", "KZ", birth_dates=[PartialDate(1979, 3, 4)],
                   nationalities=["RU"], sex=Sex.MALE)  # fmt: skip
    store(uow, subject, asked, notice)
    return subject, notice, asked


def test_an_incoming_request_about_a_wanted_person_raises_a_pending_hit(
    uow: SqlUnitOfWork,
) -> None:
    subject, notice, asked = _wanted(uow)
    bystander = person("John Smith", nationalities=["GB"])
    store(uow, bystander)
    index = ScreeningIndex.build([subject_from_person(p) for p in (subject, asked, bystander)])
    r = svc.register_request(uow, DUTY, incoming(person_ids=[asked.id]), index=index)
    assert [(h.subject_id, h.person_id) for h in r.hits] == [(asked.id, subject.id)]

    with uow:
        queue = uow.hits.list(HitFilter(source="request"), 0, 10).items
        linked = hits_for_request(uow, r)
    [hit] = queue
    assert hit.status == HitStatus.PENDING and hit.notice_id == notice.id
    assert hit.subject_id == subject.id and hit.person_id == asked.id
    assert hit.query["id"] == f"ncbdesk-{asked.id}"
    assert hit.query["properties"]["name"] == ["Ruslan Aliev"]
    assert hit.query["properties"]["birthDate"] == ["1979-03-04"]
    assert hit.location == "Incoming request KZ-2026/117 from KZ"
    assert hit.raised_by == "duty" and hit.reasons
    assert [h.id for h in linked] == [hit.id]
    raised = uow.audit.list(AuditFilter(action="hit.raise"), 0, 10).items
    assert [e.details["source"] for e in raised] == ["request"]

    # A second request about the same person: the hit is already pending, not raised again.
    again = svc.register_request(uow, DUTY, incoming(person_ids=[asked.id]), index=index)
    with uow:
        assert uow.hits.list(HitFilter(source="request"), 0, 10).total == 1
        assert [h.id for h in hits_for_request(uow, again)] == [hit.id]
    # Outgoing requests are not screened; a request about nobody wanted raises nothing.
    svc.register_request(
        uow, DUTY, incoming(direction=Direction.OUTGOING, person_ids=[asked.id]), index=index
    )
    svc.register_request(uow, DUTY, incoming(person_ids=[bystander.id]), index=index)
    with uow:
        assert uow.hits.list(HitFilter(), 0, 10).total == 1


def test_imported_requests_raise_hits_too(uow: SqlUnitOfWork) -> None:
    subject, notice, asked = _wanted(uow)
    index = ScreeningIndex.build([subject_from_person(p) for p in (subject, asked)])
    svc.import_requests(uow, DUTY, [incoming(person_ids=[asked.id])], index=index)
    with uow:
        [hit] = uow.hits.list(HitFilter(source="request"), 0, 10).items
    assert hit.notice_id == notice.id and hit.person_id == asked.id


# -- confirming a hit: one transaction ---------------------------------------------------


HASHER = Argon2Hasher(time_cost=1, memory_cost_kib=1024)


def _request_hit(uow: SqlUnitOfWork, engine: Engine) -> tuple[str, Person, Notice]:
    subject, notice, asked = _wanted(uow)
    auth.create_user(SqlUnitOfWork(engine), SYSTEM, HASHER, "duty", "correct horse battery",
                     {Role.DUTY_OFFICER}, "RU")  # fmt: skip
    index = ScreeningIndex.build([subject_from_person(p) for p in (subject, asked)])
    svc.register_request(uow, DUTY, incoming(person_ids=[asked.id]), index=index)
    with uow:
        [hit] = uow.hits.list(HitFilter(source="request"), 0, 10).items
    return hit.id, asked, notice


def test_confirming_writes_the_decision_and_the_owners_request_together(
    uow: SqlUnitOfWork, engine: Engine
) -> None:
    hit_id, asked, notice = _request_hit(uow, engine)
    done = hit_svc.confirm_hit(uow, DUTY, hit_id, [ConfirmMethod.DOCUMENT], "passport seen")
    assert done.notification is not None and done.notification.request_id
    with uow:
        request = uow.requests.get(done.notification.request_id)
        stored = uow.hits.get(hit_id)
    assert stored is not None and stored.status == HitStatus.CONFIRMED
    assert request is not None and request.counterpart_country == "DE"
    assert request.assignee == "duty" and request.notice_ids == [notice.id]
    assert asked.id in request.person_ids
    created = uow.audit.list(AuditFilter(action="request.create", object_id=request.id), 0, 5)
    assert [e.details["hit"] for e in created.items] == [hit_id]


def test_a_hit_decided_meanwhile_leaves_neither_the_decision_nor_the_request(
    uow: SqlUnitOfWork, engine: Engine
) -> None:
    hit_id, _, _ = _request_hit(uow, engine)
    before = count(uow)
    fired: list[str] = []

    # Another officer discards the hit at the moment this confirmation writes the
    # owner's request: its own transaction, committed first.
    def rival_decides(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if not fired and statement.lstrip().upper().startswith("INSERT INTO REQUESTS "):
            fired.append(statement)
            hit_svc.discard_hit(SqlUnitOfWork(engine), RIVAL, hit_id, "not him: other father")

    event.listen(engine, "before_cursor_execute", rival_decides)
    try:
        with pytest.raises(Conflict, match="decided this hit meanwhile"):
            hit_svc.confirm_hit(uow, DUTY, hit_id, [ConfirmMethod.PHOTO])
    finally:
        event.remove(engine, "before_cursor_execute", rival_decides)
    assert fired  # the request was being written when the rival's decision landed
    assert count(uow) == before  # the owner's request went with the failed decision
    with uow:
        stored = uow.hits.get(hit_id)
        assert uow.hits.notification_for(hit_id) is None
    assert stored is not None and stored.status == HitStatus.DISCARDED
    assert stored.decided_by == "rival"
    ok = [e.action for e in uow.audit.list(AuditFilter(action="hit"), 0, 50).items
          if e.outcome.value == "ok"]  # fmt: skip
    assert "hit.confirm" not in ok and "hit.discard" in ok
    created = uow.audit.list(AuditFilter(action="request.create"), 0, 50).items
    assert len(created) == before  # no entry for a request that was never written


def test_requests_written_before_migration_0009_read_their_owner(tmp_path: Path) -> None:
    from sqlalchemy import insert

    from ncbdesk.adapters.db.engine import make_engine
    from ncbdesk.adapters.db.migrate import upgrade
    from ncbdesk.adapters.db.requests_repo import request_row
    from ncbdesk.adapters.db.tables import requests

    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    try:
        upgrade(engine, "0008")
        old = incoming(handling=H1, owner_bureau="RU")
        row = request_row(old)
        for later in ("data_owner", "forwarded_from", "forward_permission"):
            del row[later]
        with engine.begin() as conn:
            conn.execute(insert(requests), [row])
        upgrade(engine)
        uow = SqlUnitOfWork(engine)
        with uow:
            got = uow.requests.get(old.id)
        assert got is not None and got.data_owner == "" and got.information_owner == "KZ"
        assert got.forwarded_from is None and got.forward_permission is None
        with pytest.raises(PermissionDenied, match="owned by KZ"):
            fwd.forward_request(uow, DUTY, old.id, ForwardTarget("DE"))
    finally:
        engine.dispose()
