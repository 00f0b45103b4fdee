"""Hits: a screening match that an officer must confirm or discard.

A hit comes from screening a newly published notice against the persons held
(`source="publish"`), or from a border or other system that matched a traveller
against a notice (`source="border"`, `"api"` …). It is pending until an officer
confirms it (saying how identity was established) or discards it (saying why).
Confirming tells the bureau that owns the notice (DESIGN §1: every hit is
reported to the owner) and proposes what the notice asks for.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from ncbdesk.domain.errors import FieldError, InvalidTransition, Problems, ValidationFailed
from ncbdesk.domain.notices import NoticeType
from ncbdesk.domain.persons import new_id, utcnow

# The owner is told within the relay time of DESIGN §1 (of the order of 24 hours).
NOTIFY_OWNER_HOURS = 24
MAX_NOTE = 5000


class HitStatus(StrEnum):
    PENDING = "pending"
    CONFIRMED = "confirmed"
    DISCARDED = "discarded"


class ConfirmMethod(StrEnum):
    """How the officer established that the person is the one sought."""

    DOCUMENT = "document"
    PHOTO = "photo"
    FINGERPRINTS = "fingerprints"
    INTERVIEW = "interview"


# What each notice type asks of the bureau that finds its subject (INTERPOL's
# published notice descriptions; DESIGN §1).
PROPOSED_ACTIONS: dict[NoticeType, str] = {
    NoticeType.RED: "Provisional arrest with a view to extradition, under national law and "
    "the applicable treaty; tell the owner at once.",
    NoticeType.YELLOW: "Inform the owner where the person is; protect the person; do not "
    "disclose the location to third parties without the owner's consent.",
    NoticeType.BLUE: "Report the person's location (and identity or activities asked for) "
    "to the owner; no arrest on this notice.",
    NoticeType.GREEN: "Inform the owner; take the preventive measures national law allows.",
    NoticeType.ORANGE: "Inform the owner at once; take measures against the threat.",
    NoticeType.BLACK: "Compare the data (fingerprints, DNA, photo) and report the result to "
    "the owner.",
    NoticeType.PURPLE: "Inform the owner of the modus operandi match.",
    NoticeType.UN: "Apply the UN Security Council sanctions measures (asset freeze, travel "
    "ban, arms embargo) and inform the owner and the Sanctions Committee via the General "
    "Secretariat.",
    NoticeType.SILVER: "Inform the owner; trace and report the assets.",
}


@dataclass
class PossibleHit:
    """`person_id` (or the query) may be the person `subject_id` names in notice `notice_id`.

    From publication, `person_id` is a person held here. From a border check the
    traveller is not held: `person_id` is "" and `query` keeps what the border
    system sent (FollowTheMoney properties), so the hit shows both sides later.
    """

    notice_id: str
    subject_id: str
    person_id: str
    score: float
    reasons: list[str]
    source: str = "publish"  # what found it: publication of the notice, a border check …
    status: HitStatus = HitStatus.PENDING
    id: str = field(default_factory=new_id)
    created_at: datetime = field(default_factory=utcnow)
    query: dict[str, Any] = field(default_factory=dict)  # snapshot of the query entity
    location: str = ""  # where: a border crossing point, an office
    raised_by: str = ""
    methods: list[ConfirmMethod] = field(default_factory=list)
    note: str = ""
    discard_reason: str = ""
    decided_by: str = ""
    decided_at: datetime | None = None

    def _decide(self, status: HitStatus, by: str, note: str) -> None:
        if self.status != HitStatus.PENDING:
            raise InvalidTransition(f"The hit is already {self.status.value}.")
        if len(note) > MAX_NOTE:
            raise ValidationFailed(
                "The note is too long.", [FieldError("note", f"longer than {MAX_NOTE} characters")]
            )
        self.status = status
        self.note = note.strip()
        self.decided_by = by
        self.decided_at = utcnow()

    def confirm(self, by: str, methods: list[ConfirmMethod], note: str = "") -> None:
        """Same person: say how (document, photo, fingerprints, interview)."""
        if not methods:
            raise ValidationFailed(
                "Say how the identity was confirmed.",
                [FieldError("methods", "at least one of " + ", ".join(ConfirmMethod))],
            )
        self._decide(HitStatus.CONFIRMED, by, note)
        self.methods = list(dict.fromkeys(methods))

    def discard(self, by: str, reason: str, note: str = "") -> None:
        """Not the same person: say why."""
        reason = " ".join(reason.split())
        p = Problems()
        if not reason:
            p.add("reason", "say why the hit is discarded")
        elif len(reason) > MAX_NOTE:
            p.add("reason", f"longer than {MAX_NOTE} characters")
        p.raise_if_any("A discarded hit needs its reason.")
        self._decide(HitStatus.DISCARDED, by, note)
        self.discard_reason = reason


class NotificationStatus(StrEnum):
    DRAFT = "draft"  # created for the officer to complete and send
    SENT = "sent"


@dataclass
class OwnerNotification:
    """The message that tells a notice's owner about a confirmed hit.

    Shaped as an outgoing request of the registry (counterpart country, subject,
    body, due time, links to persons and notices): `request_id` is set once it
    is sent as one, so the registry can take these over without a new model.
    """

    hit_id: str
    notice_id: str
    to_bureau: str
    subject: str
    body: str
    proposed_action: str
    due_at: datetime
    created_by: str
    person_ids: list[str] = field(default_factory=list)
    status: NotificationStatus = NotificationStatus.DRAFT
    request_id: str | None = None
    id: str = field(default_factory=new_id)
    created_at: datetime = field(default_factory=utcnow)

    @classmethod
    def for_hit(
        cls,
        hit: PossibleHit,
        notice_type: NoticeType,
        notice_label: str,
        to_bureau: str,
        who: str,
        by: str,
    ) -> OwnerNotification:
        now = utcnow()
        action = PROPOSED_ACTIONS[notice_type]
        where = f" at {hit.location}" if hit.location else ""
        how = ", ".join(m.value for m in hit.methods)
        body = (
            f"The subject of your {notice_label} was identified{where} on "
            f"{(hit.decided_at or now).date().isoformat()}: {who}. Identity confirmed by {how}."
            + (f"\n{hit.note}" if hit.note else "")
            + f"\nProposed action: {action}"
        )
        return cls(
            hit_id=hit.id,
            notice_id=hit.notice_id,
            to_bureau=to_bureau,
            subject=f"HIT — {notice_label}: {who}"[:300],
            body=body,
            proposed_action=action,
            due_at=now + timedelta(hours=NOTIFY_OWNER_HOURS),
            created_by=by,
            person_ids=[p for p in (hit.subject_id, hit.person_id) if p],
            created_at=now,
        )
