"""Requests: the bureau's daily traffic, incoming and outgoing (DESIGN §2, C5).

A foreign bureau asks for a check, a national agency asks for a search abroad,
a colleague answers. Each request has a counterpart, subjects, a priority, a
deadline, a lifecycle and a thread of messages with attachments.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from ncbdesk.domain.countries import clean_country
from ncbdesk.domain.errors import InvalidTransition, Problems
from ncbdesk.domain.persons import MAX_TEXT_LENGTH, new_id, utcnow
from ncbdesk.domain.security import Handling

MAX_SUBJECT_LENGTH = 300
MAX_BODY_LENGTH = 100_000  # a long letter, not a pasted archive
MAX_NAME_LENGTH = 200  # agency, queue, author, attachment file name


class Direction(StrEnum):
    INCOMING = "incoming"
    OUTGOING = "outgoing"


class Channel(StrEnum):
    I247 = "i247"  # INTERPOL's I-24/7 secure message
    DIFFUSION = "diffusion"
    AGENCY_LETTER = "agency_letter"  # a letter from or to a national agency
    EMAIL = "email"
    OTHER = "other"


class RequestType(StrEnum):
    WANTED_SEARCH = "wanted_search"
    IDENTITY_CHECK = "identity_check"
    DOCUMENT_CHECK = "document_check"
    INFORMATION = "information"
    MISSING_PERSON = "missing_person"
    EXTRADITION = "extradition"
    NOTICE_REQUEST = "notice_request"
    OTHER = "other"


class Priority(StrEnum):
    URGENT = "urgent"
    NORMAL = "normal"


class RequestStatus(StrEnum):
    REGISTERED = "registered"
    ASSIGNED = "assigned"
    IN_PROGRESS = "in_progress"
    AWAITING_REPLY = "awaiting_reply"
    ANSWERED = "answered"
    CLOSED = "closed"
    REOPENED = "reopened"


S = RequestStatus
# The lifecycle as data: which status may follow which. An answered request can
# still be taken up again (a follow-up question) before it is closed; a closed
# one only by reopening, which sends it back to an officer.
TRANSITIONS: dict[RequestStatus, frozenset[RequestStatus]] = {
    S.REGISTERED: frozenset({S.ASSIGNED, S.CLOSED}),
    S.ASSIGNED: frozenset({S.ASSIGNED, S.IN_PROGRESS, S.CLOSED}),
    S.IN_PROGRESS: frozenset({S.ASSIGNED, S.AWAITING_REPLY, S.ANSWERED, S.CLOSED}),
    S.AWAITING_REPLY: frozenset({S.IN_PROGRESS, S.ANSWERED, S.CLOSED}),
    S.ANSWERED: frozenset({S.IN_PROGRESS, S.CLOSED}),
    S.CLOSED: frozenset({S.REOPENED}),
    S.REOPENED: frozenset({S.ASSIGNED, S.IN_PROGRESS, S.CLOSED}),
}

# Statuses in which a request still waits for the bureau: they count for
# deadlines, queues and overdue lists.
OPEN_STATUSES = frozenset({S.REGISTERED, S.ASSIGNED, S.IN_PROGRESS, S.REOPENED})
# Statuses in which it is still somebody's work (awaiting reply included).
ACTIVE_STATUSES = OPEN_STATUSES | {S.AWAITING_REPLY}


def clean_text(value: str) -> str:
    """NFC, no control characters but newlines and tabs, trimmed."""
    value = unicodedata.normalize("NFC", value)
    return "".join(c for c in value if c in "\n\t" or unicodedata.category(c) != "Cc").strip()


def clean_line(value: str) -> str:
    """One line: control characters and runs of whitespace collapse to one space."""
    return " ".join(clean_text(value).split())


def fold_words(value: str) -> str:
    """Case- and accent-blind words: "Délit  d'ÉTAT" → "delit d etat"; any script."""
    decomposed = unicodedata.normalize("NFKD", value.casefold())
    kept = "".join(c if c.isalnum() else " " for c in decomposed if not unicodedata.combining(c))
    return " ".join(kept.split())


@dataclass
class StatusChange:
    status: RequestStatus
    at: datetime
    by: str
    reason: str = ""


@dataclass
class Attachment:
    """A stored file. `file_name` is shown to people only; the disk sees `storage_key`."""

    file_name: str
    content_type: str
    size: int
    sha256: str
    storage_key: str
    message_id: str | None = None
    added_by: str = ""
    id: str = field(default_factory=new_id)
    created_at: datetime = field(default_factory=utcnow)


@dataclass
class Message:
    """One message of a request's thread."""

    direction: Direction
    author: str
    body: str
    subject: str = ""
    sent_at: datetime = field(default_factory=utcnow)
    id: str = field(default_factory=new_id)

    def problems(self) -> Problems:
        p = Problems()
        self.author = clean_line(self.author)
        self.subject = clean_line(self.subject)
        self.body = clean_text(self.body)
        if not self.author:
            p.add("author", "required")
        elif len(self.author) > MAX_NAME_LENGTH:
            p.add("author", f"at most {MAX_NAME_LENGTH} characters")
        if len(self.subject) > MAX_SUBJECT_LENGTH:
            p.add("subject", f"at most {MAX_SUBJECT_LENGTH} characters")
        if not self.body:
            p.add("body", "required")
        elif len(self.body) > MAX_BODY_LENGTH:
            p.add("body", f"at most {MAX_BODY_LENGTH} characters")
        if self.sent_at.tzinfo is None:
            p.add("sent_at", "must carry a time zone (UTC is stored)")
        return p


@dataclass
class RequestHit:
    """A possible match found by screening a subject of an incoming request."""

    subject_id: str  # the person the request is about
    person_id: str  # the person held who may be the same
    score: float
    reasons: list[str]
    id: str = field(default_factory=new_id)
    created_at: datetime = field(default_factory=utcnow)


@dataclass
class ForwardPermission:
    """The information owner's permission to pass a restricted request on (handling code H1)."""

    received_on: date  # when the owner's permission came in
    reference: str  # the owner's message that gave it, as they numbered it
    recorded_by: str
    recorded_at: datetime = field(default_factory=utcnow)
    note: str = ""


@dataclass
class Request:
    direction: Direction
    channel: Channel
    type: RequestType
    subject: str
    body: str = ""
    counterpart_country: str | None = None  # the foreign bureau, by country code
    counterpart_agency: str = ""  # or the national agency, by name
    priority: Priority = Priority.NORMAL
    received_at: datetime = field(default_factory=utcnow)
    due_at: datetime | None = None
    status: RequestStatus = RequestStatus.REGISTERED
    assignee: str | None = None  # a username
    queue: str = ""  # or a team's queue
    person_ids: list[str] = field(default_factory=list)
    notice_ids: list[str] = field(default_factory=list)
    reference: str = ""  # the counterpart's reference, as they wrote it
    handling: Handling = field(default_factory=Handling)
    owner_bureau: str = ""  # the bureau whose registry entry this is: only it changes it
    # The bureau whose information this is, whose handling codes bind everyone
    # else: the sender of an incoming request, the first sender of a forwarded
    # copy. "" until registered; `information_owner` says it for any request.
    data_owner: str = ""
    forwarded_from: str | None = None  # the request this one passes on
    forward_permission: ForwardPermission | None = None
    history: list[StatusChange] = field(default_factory=list)
    messages: list[Message] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    hits: list[RequestHit] = field(default_factory=list)
    escalated_at: datetime | None = None
    answered_at: datetime | None = None
    closed_at: datetime | None = None
    id: str = field(default_factory=new_id)
    created_at: datetime = field(default_factory=utcnow)
    updated_at: datetime = field(default_factory=utcnow)
    version: int = 1

    def problems(self) -> Problems:
        """Clean the free text and report every rule the request breaks."""
        p = Problems()
        self.subject = clean_line(self.subject)
        self.body = clean_text(self.body)
        self.counterpart_agency = clean_line(self.counterpart_agency)
        self.queue = clean_line(self.queue)
        self.reference = clean_line(self.reference)
        if not self.subject:
            p.add("subject", "required")
        elif len(self.subject) > MAX_SUBJECT_LENGTH:
            p.add("subject", f"at most {MAX_SUBJECT_LENGTH} characters")
        if len(self.body) > MAX_BODY_LENGTH:
            p.add("body", f"at most {MAX_BODY_LENGTH} characters")
        if self.counterpart_country:
            code = clean_country(self.counterpart_country)
            if code is None:
                p.add("counterpart_country", f"'{self.counterpart_country}' is not a country code")
            else:
                self.counterpart_country = code
        else:
            self.counterpart_country = None
        if not self.counterpart_country and not self.counterpart_agency:
            p.add("counterpart", "name the foreign bureau (country) or the national agency")
        for name in ("counterpart_agency", "queue", "reference"):
            if len(getattr(self, name)) > MAX_NAME_LENGTH:
                p.add(name, f"at most {MAX_NAME_LENGTH} characters")
        if len(self.handling.restrictions) > MAX_TEXT_LENGTH:
            p.add("handling.restrictions", f"at most {MAX_TEXT_LENGTH} characters")
        for name in ("received_at", "due_at"):
            value = getattr(self, name)
            if value is not None and value.tzinfo is None:
                p.add(name, "must carry a time zone (UTC is stored)")
        due, received = self.due_at, self.received_at
        if due is not None and due.tzinfo and received.tzinfo and due < received:
            p.add("due_at", "is before the request was received")
        for i, m in enumerate(self.messages):
            p.extend(m.problems().items, prefix=f"messages[{i}]")
        return p

    def validate(self) -> None:
        self.problems().raise_if_any("The request is not valid.")

    @property
    def counterpart(self) -> str:
        return self.counterpart_country or self.counterpart_agency

    @property
    def information_owner(self) -> str:
        """Whose restrictions the handling codes are (DESIGN §1, data-owner principle).

        A foreign bureau's incoming request is that bureau's information, even in
        our registry; what we send, or what a national agency sends us, is ours.
        """
        if self.data_owner:
            return self.data_owner
        if self.direction == Direction.INCOMING and self.counterpart_country:
            return self.counterpart_country
        return self.owner_bureau

    def can_move_to(self, status: RequestStatus) -> bool:
        return status in TRANSITIONS[self.status]

    def move_to(self, status: RequestStatus, by: str, at: datetime, reason: str = "") -> None:
        """Take one lifecycle step, or raise InvalidTransition naming what is allowed."""
        if not self.can_move_to(status):
            allowed = ", ".join(sorted(s.value for s in TRANSITIONS[self.status])) or "none"
            raise InvalidTransition(
                f"A request that is {self.status.value} cannot become {status.value} "
                f"(allowed: {allowed})."
            )
        self.status = status
        if status == RequestStatus.ANSWERED and self.answered_at is None:
            self.answered_at = at
        if status == RequestStatus.CLOSED:
            self.closed_at = at
        if status == RequestStatus.REOPENED:
            self.closed_at = None
            self.escalated_at = None
        self.history.append(StatusChange(status, at, by, clean_line(reason)[:MAX_TEXT_LENGTH]))
        self.updated_at = at

    def assign(self, assignee: str, by: str, at: datetime, reason: str = "") -> None:
        self.move_to(RequestStatus.ASSIGNED, by, at, reason or f"assigned to {assignee}")
        self.assignee = assignee

    def is_overdue(self, now: datetime) -> bool:
        return self.status in OPEN_STATUSES and self.due_at is not None and self.due_at < now

    @property
    def handled_seconds(self) -> int | None:
        """Time from receipt to the first answer, for the statistics."""
        if self.answered_at is None:
            return None
        return max(0, int((self.answered_at - self.received_at).total_seconds()))

    @property
    def answered_in_time(self) -> bool | None:
        if self.answered_at is None or self.due_at is None:
            return None
        return self.answered_at <= self.due_at
