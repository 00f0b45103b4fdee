"""A person's access, correction or deletion request, handled step by step.

The procedure is `docs/data-subject-requests.md`. Supervisors (`retention:manage`)
register the request, find the records about the person with the screening
engine, link those that are about them, produce the access report, record
corrections (made on the person's own page) or delete records, and close the
request with its outcome. Every step is kept on the request and written to the
audit trail with the request's id as its purpose.

The data-owner rule (DESIGN §1) shapes the report: records this bureau owns are
shown; records another bureau owns are listed by id and owner but their content
is withheld until that bureau consents, and only their owner may correct or
delete them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ncbdesk.domain.dates import PartialDate
from ncbdesk.domain.errors import Conflict, FieldError, NotFound, ValidationFailed
from ncbdesk.domain.notices import Notice
from ncbdesk.domain.persons import Person, PersonName
from ncbdesk.domain.rights import RightsKind, RightsOutcome, SubjectRequest
from ncbdesk.domain.security import Permission
from ncbdesk.services import persons as person_svc
from ncbdesk.services import screening
from ncbdesk.services.access import authorize, check_owner, record
from ncbdesk.services.context import Actor
from ncbdesk.services.ports import NoticeFilter, Page
from ncbdesk.services.rights_ports import RightsUnitOfWork
from ncbdesk.services.screening import IndexPort, ScreeningHit

WITHHELD = (
    "Owned by {owner}: withheld until the owning bureau consents to its disclosure "
    "(data-owner rule); ask {owner} and record its answer on this request."
)


def _purpose(request_id: str) -> str:
    return f"data-subject request {request_id}"


def _load(uow: RightsUnitOfWork, actor: Actor, request_id: str) -> SubjectRequest:
    request = uow.subject_requests.get(request_id)
    if request is None or request.bureau != actor.bureau:
        # Another bureau's requests are not ours to see: the same answer as none.
        raise NotFound(f"No data-subject request with id {request_id}.")
    return request


def register(
    uow: RightsUnitOfWork,
    actor: Actor,
    *,
    kind: RightsKind,
    requester: str,
    subject_name: str,
    identity_checks: str,
    received_on: date,
    deadline_days: int,
    subject_birth_date: str = "",
    details: str = "",
    today: date | None = None,
) -> SubjectRequest:
    """Register a request; its deadline is `deadline_days` after it was received."""
    authorize(uow, actor, Permission.RETENTION_MANAGE, "rights.register", "subject_request")
    request = SubjectRequest.register(
        kind=kind,
        bureau=actor.bureau,
        requester=requester,
        subject_name=subject_name,
        identity_checks=identity_checks,
        received_on=received_on,
        deadline_days=deadline_days,
        by=actor.username,
        subject_birth_date=subject_birth_date,
        details=details,
        today=today or date.today(),
    )
    with uow:
        uow.subject_requests.add(request)
        uow.commit()
    record(uow, actor, "rights.register", "subject_request", request.id, kind=kind.value,
           due_on=request.due_on.isoformat())  # fmt: skip
    return request


def get_request(uow: RightsUnitOfWork, actor: Actor, request_id: str) -> SubjectRequest:
    authorize(uow, actor, Permission.RETENTION_MANAGE, "rights.read", "subject_request",
              request_id)  # fmt: skip
    with uow:
        request = _load(uow, actor, request_id)
    record(uow, actor, "rights.read", "subject_request", request_id)
    return request


def list_requests(
    uow: RightsUnitOfWork, actor: Actor, open_only: bool = True, offset: int = 0, limit: int = 50
) -> Page[SubjectRequest]:
    authorize(uow, actor, Permission.RETENTION_MANAGE, "rights.list", "subject_request")
    with uow:
        page = uow.subject_requests.list(actor.bureau, open_only, offset, limit)
    record(uow, actor, "rights.list", "subject_request", results=page.total)
    return page


def find_records(
    uow: RightsUnitOfWork, actor: Actor, request_id: str, index: IndexPort, top_k: int = 20
) -> list[ScreeningHit]:
    """Screen the person's name (and birth date) against everyone held, as a search
    whose stated purpose is this request."""
    authorize(uow, actor, Permission.RETENTION_MANAGE, "rights.find", "subject_request",
              request_id)  # fmt: skip
    with uow:
        request = _load(uow, actor, request_id)
    query = Person(owner_bureau=actor.bureau, names=[PersonName(full=request.subject_name)])
    if request.subject_birth_date:
        query.birth_dates = [PartialDate.parse(request.subject_birth_date)]
    return screening.screen_person(uow, index, actor, query, top_k=top_k, threshold=0.0,
                                   purpose=_purpose(request_id))  # fmt: skip


def _save(uow: RightsUnitOfWork, request: SubjectRequest) -> None:
    uow.subject_requests.update(request)
    uow.commit()


def link_record(
    uow: RightsUnitOfWork, actor: Actor, request_id: str, person_id: str
) -> SubjectRequest:
    """Note that a record held (any bureau's) is about the person."""
    authorize(uow, actor, Permission.RETENTION_MANAGE, "rights.link", "subject_request",
              request_id)  # fmt: skip
    with uow:
        request = _load(uow, actor, request_id)
        if uow.persons.get(person_id) is None:
            raise NotFound(f"No person with id {person_id}.")
        changed = request.link(actor.username, person_id)
        if changed:
            _save(uow, request)
    if changed:
        record(uow, actor, "rights.link", "subject_request", request_id, person_id=person_id)
    return request


def unlink_record(
    uow: RightsUnitOfWork, actor: Actor, request_id: str, person_id: str
) -> SubjectRequest:
    authorize(uow, actor, Permission.RETENTION_MANAGE, "rights.unlink", "subject_request",
              request_id)  # fmt: skip
    with uow:
        request = _load(uow, actor, request_id)
        request.unlink(actor.username, person_id)
        _save(uow, request)
    record(uow, actor, "rights.unlink", "subject_request", request_id, person_id=person_id)
    return request


@dataclass
class ReportRecord:
    """One linked record: shown (this bureau owns it) or withheld (with the reason)."""

    person_id: str
    owner_bureau: str
    person: Person | None = None  # None when withheld or no longer held
    notices: list[Notice] = field(default_factory=list)
    withheld_reason: str = ""


@dataclass
class AccessReport:
    request: SubjectRequest
    bureau: str
    produced_by: str
    shown: list[ReportRecord] = field(default_factory=list)
    withheld: list[ReportRecord] = field(default_factory=list)


def access_report(uow: RightsUnitOfWork, actor: Actor, request_id: str) -> AccessReport:
    """What this bureau holds about the person, for the answer to the person.

    The notices about each shown person follow the same rule: another bureau's
    notice is listed as withheld.
    """
    authorize(uow, actor, Permission.RETENTION_MANAGE, "rights.report", "subject_request",
              request_id)  # fmt: skip
    with uow:
        request = _load(uow, actor, request_id)
        report = AccessReport(request, actor.bureau, actor.username)
        for person in uow.persons.get_many(list(request.person_ids)):
            if person.owner_bureau != actor.bureau:
                report.withheld.append(
                    ReportRecord(person.id, person.owner_bureau,
                                 withheld_reason=WITHHELD.format(owner=person.owner_bureau))
                )  # fmt: skip
                continue
            entry = ReportRecord(person.id, person.owner_bureau, person)
            notices = uow.notices.list(NoticeFilter(subject_id=person.id), 0, 100).items
            for notice in notices:
                if notice.owner_bureau == actor.bureau:
                    entry.notices.append(notice)
                else:
                    report.withheld.append(
                        ReportRecord(notice.id, notice.owner_bureau,
                                     withheld_reason=WITHHELD.format(owner=notice.owner_bureau))
                    )  # fmt: skip
            report.shown.append(entry)
        if request.is_open:
            request.note_report(actor.username, len(report.shown), len(report.withheld))
            _save(uow, request)
    record(uow, actor, "rights.report", "subject_request", request_id,
           purpose=_purpose(request_id), shown=[r.person_id for r in report.shown],
           withheld=[r.person_id for r in report.withheld])  # fmt: skip
    return report


def _owned_linked(
    uow: RightsUnitOfWork, actor: Actor, request: SubjectRequest, person_id: str, action: str
) -> Person:
    if person_id not in request.person_ids:
        raise Conflict("That record is not linked to this request; link it first.")
    person = uow.persons.get(person_id)
    if person is None:
        raise NotFound(f"No person with id {person_id}.")
    check_owner(uow, actor, person.owner_bureau, action, "person", person_id)
    return person


def add_note(uow: RightsUnitOfWork, actor: Actor, request_id: str, note: str) -> SubjectRequest:
    """Keep a note on the request (e.g. another bureau's answer about disclosing its record)."""
    authorize(uow, actor, Permission.RETENTION_MANAGE, "rights.note", "subject_request",
              request_id)  # fmt: skip
    with uow:
        request = _load(uow, actor, request_id)
        request.add_note(actor.username, note)
        _save(uow, request)
    record(uow, actor, "rights.note", "subject_request", request_id)
    return request


def record_correction(
    uow: RightsUnitOfWork, actor: Actor, request_id: str, person_id: str, note: str
) -> SubjectRequest:
    """Note a correction made to a linked record of this bureau (on the person's page)."""
    authorize(uow, actor, Permission.RETENTION_MANAGE, "rights.correct", "subject_request",
              request_id)  # fmt: skip
    with uow:
        request = _load(uow, actor, request_id)
        _owned_linked(uow, actor, request, person_id, "rights.correct")
        request.note_correction(actor.username, person_id, note)
        _save(uow, request)
    record(uow, actor, "rights.correct", "subject_request", request_id, person_id=person_id,
           note=note.strip()[:500])  # fmt: skip
    return request


def delete_record(
    uow: RightsUnitOfWork,
    actor: Actor,
    request_id: str,
    person_id: str,
    index: IndexPort | None = None,
) -> SubjectRequest:
    """Delete a linked record of this bureau for the request: the data goes for good,
    the audit trail keeps the tombstone (id, who, when, why)."""
    authorize(uow, actor, Permission.RETENTION_MANAGE, "rights.delete", "subject_request",
              request_id)  # fmt: skip
    with uow:
        request = _load(uow, actor, request_id)
        if not request.is_open:
            raise Conflict("The request is closed; nothing more is recorded on it.")
        _owned_linked(uow, actor, request, person_id, "rights.delete")
    person_svc.delete_person(uow, actor, person_id, index, reason=_purpose(request_id))
    with uow:
        request = _load(uow, actor, request_id)
        request.note_deletion(actor.username, person_id)
        _save(uow, request)
    record(uow, actor, "rights.delete", "subject_request", request_id, person_id=person_id)
    return request


def close_request(
    uow: RightsUnitOfWork,
    actor: Actor,
    request_id: str,
    outcome: RightsOutcome,
    note: str,
    today: date | None = None,
) -> SubjectRequest:
    authorize(uow, actor, Permission.RETENTION_MANAGE, "rights.close", "subject_request",
              request_id)  # fmt: skip
    with uow:
        request = _load(uow, actor, request_id)
        request.close(actor.username, outcome, note, today or date.today())
        _save(uow, request)
    record(uow, actor, "rights.close", "subject_request", request_id, result=outcome.value)
    return request


def parse_kind(raw: str) -> RightsKind:
    try:
        return RightsKind(raw)
    except ValueError:
        raise ValidationFailed(
            "The request is not valid.",
            [FieldError("kind", "choose access, correction or deletion")],
        ) from None


def parse_outcome(raw: str) -> RightsOutcome:
    try:
        return RightsOutcome(raw)
    except ValueError:
        raise ValidationFailed(
            "The outcome is not valid.", [FieldError("outcome", "choose one of the outcomes")]
        ) from None
