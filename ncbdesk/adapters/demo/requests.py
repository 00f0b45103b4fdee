"""Demo requests and routing rules: a realistic morning's queue for the demo accounts.

Requests are placed relative to `now` (the hour the demo is loaded), not to
REFERENCE_DAY, so a newcomer sees something due soon, something overdue and
something answered whenever they start the demo; the same seed and hour give
the same requests. Subjects link some of the demo persons and notices.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from ncbdesk.domain.notices import Notice
from ncbdesk.domain.persons import Person
from ncbdesk.domain.requests import (
    Channel,
    Direction,
    Message,
    Priority,
    Request,
    RequestStatus,
    RequestType,
    StatusChange,
)
from ncbdesk.domain.requests_deadlines import DeadlinePolicy
from ncbdesk.domain.requests_routing import RoutingRule
from ncbdesk.domain.security import Handling, HandlingCode

OFFICERS = ("demo.duty", "demo.case")
COUNT = 60

RULES = (
    RoutingRule("Extradition matters", 10, type=RequestType.EXTRADITION, queue="Extradition"),
    RoutingRule(
        "Documents", 20, type=RequestType.DOCUMENT_CHECK, queue="Documents", assignee="demo.duty"
    ),
    RoutingRule(
        "Central Asia (Kalkan)",
        30,
        words=["Kalkan", "Калкан"],
        queue="Central Asia",
        assignee="demo.case",
    ),
    RoutingRule("Germany", 50, country="DE", queue="Europe"),
)

AGENCY = Channel.AGENCY_LETTER
# (type, subject template, counterpart country or "", agency, channel)
TEMPLATES: tuple[tuple[RequestType, str, str, str, Channel], ...] = (
    (RequestType.IDENTITY_CHECK, "Identity check: {name}", "DE", "", Channel.I247),
    (RequestType.IDENTITY_CHECK, "Установление личности: {name}", "KZ", "", Channel.I247),
    (RequestType.WANTED_SEARCH, "Розыск: {name}", "", "МВД по Дагестану", AGENCY),
    (RequestType.WANTED_SEARCH, "Location request: {name}", "TR", "", Channel.I247),
    (RequestType.DOCUMENT_CHECK, "Passport check for {name}", "FR", "", Channel.I247),
    (RequestType.DOCUMENT_CHECK, "Проверка паспорта: {name}", "", "Погранслужба", Channel.EMAIL),
    (RequestType.INFORMATION, "Criminal record of {name}", "IT", "", Channel.I247),
    (RequestType.INFORMATION, "Kalkan project: contacts of {name}", "UZ", "", Channel.I247),
    (RequestType.MISSING_PERSON, "Missing person: {name}", "GE", "", Channel.DIFFUSION),
    (RequestType.EXTRADITION, "Экстрадиция: {name}", "", "Генпрокуратура", AGENCY),
    (RequestType.NOTICE_REQUEST, "Red Notice for {name}", "", "ГУ МВД по Москве", AGENCY),
    (RequestType.OTHER, "Vehicle check, VIN WVWZZZ1JZ{n:08d}", "PL", "", Channel.I247),
)  # fmt: skip


def _status_path(status: RequestStatus) -> list[RequestStatus]:
    S = RequestStatus
    paths = {
        S.REGISTERED: [],
        S.ASSIGNED: [S.ASSIGNED],
        S.IN_PROGRESS: [S.ASSIGNED, S.IN_PROGRESS],
        S.AWAITING_REPLY: [S.ASSIGNED, S.IN_PROGRESS, S.AWAITING_REPLY],
        S.ANSWERED: [S.ASSIGNED, S.IN_PROGRESS, S.ANSWERED],
        S.CLOSED: [S.ASSIGNED, S.IN_PROGRESS, S.ANSWERED, S.CLOSED],
    }
    return paths[status]


def demo_requests(
    persons: list[Person],
    notices: list[Notice],
    bureau: str,
    now: datetime,
    seed: int = 1,
    count: int = COUNT,
) -> tuple[list[RoutingRule], list[Request]]:
    """Routing rules and `count` requests of the last ten days, in every status."""
    rng = random.Random(seed)  # noqa: S311 - demo data, reproducible by design
    policy = DeadlinePolicy()
    now = now.replace(minute=0, second=0, microsecond=0)

    def new_id() -> str:
        return f"{rng.getrandbits(128):032x}"

    rules = [RoutingRule(**{**vars(r), "id": new_id()}) for r in RULES]
    statuses = [
        *[RequestStatus.REGISTERED] * 3,
        *[RequestStatus.ASSIGNED] * 4,
        *[RequestStatus.IN_PROGRESS] * 4,
        *[RequestStatus.AWAITING_REPLY] * 2,
        *[RequestStatus.ANSWERED] * 2,
        *[RequestStatus.CLOSED] * 5,
    ]
    out: list[Request] = []
    for n in range(count):
        rtype, subject, country, agency, channel = TEMPLATES[n % len(TEMPLATES)]
        person = rng.choice(persons) if persons else None
        name = person.primary_name.full if person else "unknown person"
        status = rng.choice(statuses)
        # Open requests are recent (some past their deadline); closed ones older.
        hours_ago = rng.randint(1, 30) if status != RequestStatus.CLOSED else rng.randint(30, 240)
        received = now - timedelta(hours=hours_ago, minutes=rng.randint(0, 59))
        r = Request(
            direction=Direction.OUTGOING if agency else Direction.INCOMING,
            channel=channel,
            type=rtype,
            subject=subject.format(name=name, n=n),
            body="Please check your records and reply. / Просим проверить по учётам и ответить.",
            counterpart_country=country or None,
            counterpart_agency=agency,
            priority=Priority.URGENT if rng.random() < 0.2 else Priority.NORMAL,
            reference=f"{country or 'RU'}-{2026}/{1000 + n}",
            owner_bureau=bureau,
            person_ids=[person.id] if person and rtype != RequestType.OTHER else [],
            handling=Handling([HandlingCode.NO_FORWARDING]) if n % 7 == 0 else Handling(),
            id=new_id(),
        )
        r.received_at = received
        r.due_at = policy.due(r)
        r.created_at = received
        r.history = [StatusChange(RequestStatus.REGISTERED, received, "demo.duty")]
        rule = next((rule for rule in rules if rule.matches(r)), None)
        r.queue = rule.queue if rule else ""
        officer = (rule.assignee if rule else None) or rng.choice(OFFICERS)
        at = received
        for step in _status_path(status):
            at = min(now, at + timedelta(hours=rng.randint(1, 4)))
            if step == RequestStatus.ASSIGNED:
                r.assign(officer, "demo.supervisor", at)
            else:
                r.move_to(step, officer, at)
        if rtype == RequestType.NOTICE_REQUEST and notices:
            r.notice_ids = [rng.choice(notices).id]
        # An incoming request is written by the counterpart, an outgoing one by us.
        incoming = r.direction == Direction.INCOMING
        author = (f"NCB {country}" if country else agency) if incoming else "demo.duty"
        r.messages = [Message(r.direction, author, r.body, sent_at=received, id=new_id())]
        if status in (RequestStatus.ANSWERED, RequestStatus.CLOSED):
            reply = Direction.OUTGOING if r.direction == Direction.INCOMING else Direction.INCOMING
            answer = "No records found. / Сведений нет."
            r.messages.append(Message(reply, officer, answer, sent_at=at, id=new_id()))
        r.updated_at = at
        r.version = len(r.history)
        r.validate()
        out.append(r)
    return rules, out
