"""Notices and diffusions (DESIGN §1).

A notice is published by the General Secretariat at a bureau's request after
review; a diffusion is sent by a bureau directly to chosen countries and is held
to the same rules. Both are valid five years; six months before expiry the
owner is asked whether to keep it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from ncbdesk.domain.countries import clean_country
from ncbdesk.domain.errors import FieldError, InvalidTransition, Problems, ValidationFailed
from ncbdesk.domain.persons import MAX_TEXT_LENGTH, new_id, utcnow
from ncbdesk.domain.security import Handling

VALIDITY_YEARS = 5  # INTERPOL RPD art. 49: notices are valid five years
REVIEW_NOTICE_MONTHS = 6  # the owner is asked six months before expiry


class NoticeType(StrEnum):
    RED = "red"  # locate and provisionally arrest for extradition
    BLUE = "blue"  # identity, location or activities
    GREEN = "green"  # warning about a repeat offender
    YELLOW = "yellow"  # missing person
    BLACK = "black"  # unidentified body
    ORANGE = "orange"  # imminent threat
    PURPLE = "purple"  # modus operandi
    UN = "un"  # INTERPOL–UN Security Council Special Notice
    SILVER = "silver"  # criminal assets (pilot since 2025)

    @property
    def label(self) -> str:
        return NOTICE_LABELS[self]


NOTICE_LABELS: dict[NoticeType, str] = {
    NoticeType.RED: "Red Notice",
    NoticeType.BLUE: "Blue Notice",
    NoticeType.GREEN: "Green Notice",
    NoticeType.YELLOW: "Yellow Notice",
    NoticeType.BLACK: "Black Notice",
    NoticeType.ORANGE: "Orange Notice",
    NoticeType.PURPLE: "Purple Notice",
    NoticeType.UN: "INTERPOL–UN Security Council Special Notice",
    NoticeType.SILVER: "Silver Notice",
}

# Types whose subject is a person to be found: they feed screening.
WANTED_OR_MISSING = frozenset({NoticeType.RED, NoticeType.YELLOW, NoticeType.UN, NoticeType.BLUE})


class NoticeKind(StrEnum):
    NOTICE = "notice"
    DIFFUSION = "diffusion"


class NoticeStatus(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    IN_REVIEW = "in_review"
    PUBLISHED = "published"
    REFUSED = "refused"
    EXPIRED = "expired"
    CANCELLED = "cancelled"


# The lifecycle as data: which status may follow which.
TRANSITIONS: dict[NoticeStatus, frozenset[NoticeStatus]] = {
    NoticeStatus.DRAFT: frozenset({NoticeStatus.SUBMITTED, NoticeStatus.CANCELLED}),
    NoticeStatus.SUBMITTED: frozenset(
        {NoticeStatus.IN_REVIEW, NoticeStatus.DRAFT, NoticeStatus.CANCELLED}
    ),
    NoticeStatus.IN_REVIEW: frozenset(
        {NoticeStatus.PUBLISHED, NoticeStatus.REFUSED, NoticeStatus.DRAFT, NoticeStatus.CANCELLED}
    ),
    NoticeStatus.PUBLISHED: frozenset({NoticeStatus.EXPIRED, NoticeStatus.CANCELLED}),
    NoticeStatus.REFUSED: frozenset({NoticeStatus.DRAFT}),
    NoticeStatus.EXPIRED: frozenset(),
    NoticeStatus.CANCELLED: frozenset(),
}


def add_years(day: date, years: int) -> date:
    """Same day `years` later; 29 February falls back to 28 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def add_months(day: date, months: int) -> date:
    import calendar

    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass
class JudicialData:
    """The judicial part of a Red Notice or wanted-person diffusion (RPD art. 83)."""

    offence: str = ""
    facts: str = ""
    legal_provisions: str = ""
    max_penalty_months: int | None = None
    sentence_imposed_months: int | None = None
    sentence_remaining_months: int | None = None
    warrant_reference: str = ""
    issuing_authority: str = ""
    warrant_date: date | None = None
    extradition_countries: list[str] = field(default_factory=list)

    def problems(self) -> Problems:
        p = Problems()
        for name in ("max_penalty_months", "sentence_imposed_months", "sentence_remaining_months"):
            value = getattr(self, name)
            if value is not None and not 0 <= value <= 1200:
                p.add(name, "must be between 0 and 1200 months (1200 = life)")
        for i, code in enumerate(self.extradition_countries):
            c = clean_country(code)
            if c is None:
                p.add(f"extradition_countries[{i}]", f"'{code}' is not an ISO 3166 country code")
            else:
                self.extradition_countries[i] = c
        for name in ("offence", "facts", "legal_provisions"):
            if len(getattr(self, name)) > MAX_TEXT_LENGTH:
                p.add(name, f"longer than {MAX_TEXT_LENGTH} characters")
        return p


@dataclass
class NoticeContext:
    """What the Article 3 assessment reads beside the judicial data."""

    person_status: str = ""  # profession or standing: journalist, opposition MP …
    refugee_status_against_requester: bool = False
    requester_restrictions: str = ""
    election_period: bool = False


@dataclass
class AssessmentRecord:
    """The automated Article 3 assessment as it stood when the notice was submitted."""

    risk: str  # low, medium, high
    needs_review: bool
    reasons: list[str]
    at: datetime


class Decision(StrEnum):
    PUBLISH = "publish"
    REFUSE = "refuse"


@dataclass
class Review:
    """A legal reviewer's recorded decision and reasons."""

    at: datetime
    by: str
    decision: Decision
    reasons: str
    risk: str  # the assessment's risk level the reviewer saw


class CancelReason(StrEnum):
    LOCATED = "located"
    ARRESTED = "arrested"
    WARRANT_WITHDRAWN = "warrant_withdrawn"
    EXTRADITED = "extradited"
    DECEASED = "deceased"
    OTHER = "other"


@dataclass
class StatusChange:
    status: NoticeStatus
    at: datetime
    by: str
    reason: str = ""


@dataclass
class Notice:
    type: NoticeType
    owner_bureau: str
    title: str
    subject_ids: list[str] = field(default_factory=list)
    kind: NoticeKind = NoticeKind.NOTICE
    status: NoticeStatus = NoticeStatus.DRAFT
    summary: str = ""
    reference: str = ""  # the General Secretariat's number, e.g. "2019/12345"
    recipient_countries: list[str] = field(default_factory=list)  # diffusions only
    judicial: JudicialData | None = None
    context: NoticeContext = field(default_factory=NoticeContext)
    assessment: AssessmentRecord | None = None
    reviews: list[Review] = field(default_factory=list)
    handling: Handling = field(default_factory=Handling)
    published_on: date | None = None
    valid_until: date | None = None
    id: str = field(default_factory=new_id)
    created_at: datetime = field(default_factory=utcnow)
    updated_at: datetime = field(default_factory=utcnow)
    version: int = 1
    history: list[StatusChange] = field(default_factory=list)

    @property
    def review_due_on(self) -> date | None:
        if self.valid_until is None:
            return None
        return add_months(self.valid_until, -REVIEW_NOTICE_MONTHS)

    def is_review_due(self, today: date) -> bool:
        due = self.review_due_on
        return self.status == NoticeStatus.PUBLISHED and due is not None and today >= due

    def validate(self) -> None:
        p = Problems()
        cleaned = clean_country(self.owner_bureau)
        if cleaned is None:
            p.add("owner_bureau", f"'{self.owner_bureau}' is not an ISO 3166 country code")
        else:
            self.owner_bureau = cleaned
        self.title = " ".join(self.title.split())
        if not self.title:
            p.add("title", "the title is empty")
        elif len(self.title) > 300:
            p.add("title", "longer than 300 characters")
        if len(self.summary) > MAX_TEXT_LENGTH:
            p.add("summary", f"longer than {MAX_TEXT_LENGTH} characters")
        for i, code in enumerate(self.recipient_countries):
            c = clean_country(code)
            if c is None:
                p.add(f"recipient_countries[{i}]", f"'{code}' is not an ISO 3166 country code")
            else:
                self.recipient_countries[i] = c
        if self.kind == NoticeKind.DIFFUSION and not self.recipient_countries:
            p.add("recipient_countries", "a diffusion goes to at least one country")
        if self.kind == NoticeKind.NOTICE and self.recipient_countries:
            p.add("recipient_countries", "only diffusions have recipient countries")
        if self.judicial is not None:
            p.extend(self.judicial.problems().items, "judicial")
        if self.published_on and self.valid_until and self.valid_until < self.published_on:
            p.add("valid_until", "ends before the publication date")
        p.raise_if_any("The notice is not valid.")

    @property
    def needs_legal_review(self) -> bool:
        """Red Notices always; others when the assessment flagged them (issue: Article 3)."""
        if self.type == NoticeType.RED:
            return True
        return self.assessment is None or self.assessment.needs_review

    def submit(self, by: str, assessment: AssessmentRecord) -> None:
        """Send to compliance review with the assessment taken at submission.

        A refused notice, once reworked, goes back through draft: the refusal
        and its reasons stay in the history and the reviews.
        """
        if self.status == NoticeStatus.REFUSED:
            self.move_to(NoticeStatus.DRAFT, by, "reworked after refusal")
        self.move_to(NoticeStatus.SUBMITTED, by, "submitted for compliance review")
        self.assessment = assessment
        self.move_to(NoticeStatus.IN_REVIEW, by, f"Article 3 assessment: {assessment.risk} risk")

    def decide(self, by: str, decision: Decision, reasons: str) -> None:
        """A legal reviewer publishes or refuses; the reasons are required and kept."""
        if not reasons.strip():
            raise ValidationFailed(
                "A review decision needs its reasons.",
                [FieldError("reasons", "state the reasons for the decision")],
            )
        target = NoticeStatus.PUBLISHED if decision == Decision.PUBLISH else NoticeStatus.REFUSED
        if target not in TRANSITIONS[self.status]:
            raise InvalidTransition(f"A {self.status.value} notice cannot be reviewed.")
        risk = self.assessment.risk if self.assessment else "not assessed"
        self.reviews.append(Review(utcnow(), by, decision, reasons.strip(), risk))
        self.move_to(target, by, reasons.strip())

    def publish_without_review(self, by: str) -> None:
        """Compliance passes a low-risk notice that no rule sends to a legal reviewer."""
        if self.needs_legal_review:
            what = "A Red Notice" if self.type == NoticeType.RED else "A flagged notice"
            raise InvalidTransition(f"{what} is published only after a recorded legal review.")
        self.move_to(NoticeStatus.PUBLISHED, by, "compliance check passed; low Article 3 risk")

    def renew(self, by: str, reasons: str, today: date) -> None:
        """Keep a published notice another five years, for stated reasons."""
        if self.status != NoticeStatus.PUBLISHED:
            raise InvalidTransition(f"A {self.status.value} notice cannot be renewed.")
        if not reasons.strip():
            raise ValidationFailed(
                "A renewal needs its reasons.",
                [FieldError("reasons", "say why the notice is still needed")],
            )
        if not self.is_review_due(today):
            raise InvalidTransition(
                f"The notice can be renewed from {self.review_due_on}, six months before expiry."
            )
        base = self.valid_until or today
        self.valid_until = add_years(max(base, today), VALIDITY_YEARS)
        now = utcnow()
        self.history.append(StatusChange(NoticeStatus.PUBLISHED, now, by, f"renewed: {reasons}"))
        self.updated_at = now

    def cancel(self, by: str, reason: CancelReason, details: str = "") -> None:
        text = reason.value.replace("_", " ") + (f": {details.strip()}" if details.strip() else "")
        self.move_to(NoticeStatus.CANCELLED, by, text)

    def expire(self, by: str, today: date) -> bool:
        """Expire a published notice whose validity has ended; True if it did."""
        if self.status == NoticeStatus.PUBLISHED and self.valid_until and self.valid_until < today:
            self.move_to(NoticeStatus.EXPIRED, by, f"validity ended on {self.valid_until}")
            return True
        return False

    def move_to(self, status: NoticeStatus, by: str, reason: str = "") -> None:
        """Change status if the lifecycle allows it, and record the change."""
        if status not in TRANSITIONS[self.status]:
            raise InvalidTransition(
                f"A {self.status.value} notice cannot become {status.value}.",
            )
        now = utcnow()
        self.status = status
        if status == NoticeStatus.PUBLISHED:
            self.published_on = now.date()
            self.valid_until = add_years(now.date(), VALIDITY_YEARS)
        self.history.append(StatusChange(status, now, by, reason))
        self.updated_at = now
