"""A person's request to see, correct or delete what the bureau holds about them.

Data-protection law gives the person these rights (DESIGN §1: "people can ask
for access, correction or deletion of their data"); INTERPOL's own rules do the
same for its files. A request is registered with who asked and how their
identity was checked, has a deadline (commonly one month), collects the records
found about the person, and is closed with its outcome. Every step is kept on
the request (and in the audit trail); nothing here does I/O.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum

from ncbdesk.domain.dates import PartialDate
from ncbdesk.domain.errors import FieldError, InvalidTransition, Problems, ValidationFailed
from ncbdesk.domain.persons import new_id, utcnow

MAX_TEXT = 4000


class RightsKind(StrEnum):
    ACCESS = "access"  # what do you hold about me?
    CORRECTION = "correction"  # this is wrong: correct it
    DELETION = "deletion"  # delete what you hold about me

    @property
    def label(self) -> str:
        return {
            RightsKind.ACCESS: "Access",
            RightsKind.CORRECTION: "Correction",
            RightsKind.DELETION: "Deletion",
        }[self]


class RightsOutcome(StrEnum):
    GRANTED = "granted"  # answered in full: report given, data corrected or deleted
    PARTLY_GRANTED = "partly_granted"  # some withheld or kept, with the reasons
    REFUSED = "refused"  # with the legal reason (e.g. it would harm an investigation)
    NOTHING_HELD = "nothing_held"  # no record about the person was found
    WITHDRAWN = "withdrawn"  # the person withdrew the request

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


class StepKind(StrEnum):
    REGISTERED = "registered"
    LINKED = "linked"  # a record found to be about the person
    UNLINKED = "unlinked"
    REPORT = "report"  # the access report was produced
    CORRECTED = "corrected"
    DELETED = "deleted"
    NOTE = "note"
    CLOSED = "closed"


@dataclass(frozen=True)
class Step:
    at: datetime
    by: str
    kind: StepKind
    note: str = ""
    record_id: str = ""


@dataclass
class SubjectRequest:
    """One person's request under their data-protection rights, as the bureau handles it."""

    kind: RightsKind
    bureau: str  # the bureau that received and handles it
    requester: str  # who asked: the person, or their lawyer on their behalf
    subject_name: str  # the person the request is about, as they gave it
    identity_checks: str  # how the requester's identity (and mandate) was checked
    received_on: date
    due_on: date
    subject_birth_date: str = ""  # partial ISO date, as the person gave it
    details: str = ""  # what the person asks, in their words
    person_ids: list[str] = field(default_factory=list)  # records found about the person
    steps: list[Step] = field(default_factory=list)
    outcome: RightsOutcome | None = None
    outcome_note: str = ""
    closed_on: date | None = None
    registered_by: str = ""
    id: str = field(default_factory=new_id)
    created_at: datetime = field(default_factory=utcnow)
    updated_at: datetime = field(default_factory=utcnow)
    version: int = 1

    @classmethod
    def register(
        cls,
        *,
        kind: RightsKind,
        bureau: str,
        requester: str,
        subject_name: str,
        identity_checks: str,
        received_on: date,
        deadline_days: int,
        by: str,
        subject_birth_date: str = "",
        details: str = "",
        today: date,
    ) -> SubjectRequest:
        request = cls(
            kind=kind,
            bureau=bureau,
            requester=" ".join(requester.split()),
            subject_name=" ".join(subject_name.split()),
            identity_checks=identity_checks.strip(),
            received_on=received_on,
            due_on=received_on + timedelta(days=deadline_days),
            subject_birth_date=subject_birth_date.strip(),
            details=details.strip(),
            registered_by=by,
        )
        request.validate(today)
        request.steps.append(Step(utcnow(), by, StepKind.REGISTERED, f"{kind.label} request"))
        return request

    @property
    def is_open(self) -> bool:
        return self.outcome is None

    def is_overdue(self, today: date) -> bool:
        return self.is_open and today > self.due_on

    def days_left(self, today: date) -> int:
        return (self.due_on - today).days

    def validate(self, today: date) -> None:
        p = Problems()
        if not self.requester:
            p.add("requester", "say who made the request")
        if not self.subject_name:
            p.add("subject_name", "the name of the person the request is about is required")
        if not self.identity_checks:
            p.add("identity_checks", "record how the requester's identity was checked")
        if self.received_on > today:
            p.add("received_on", "is in the future")
        if self.subject_birth_date:
            try:
                PartialDate.parse(self.subject_birth_date)
            except ValueError as exc:
                p.add("subject_birth_date", str(exc))
        for name in ("requester", "subject_name"):
            if len(getattr(self, name)) > 300:
                p.add(name, "longer than 300 characters")
        for name in ("identity_checks", "details"):
            if len(getattr(self, name)) > MAX_TEXT:
                p.add(name, f"longer than {MAX_TEXT} characters")
        p.raise_if_any("The request is not valid.")

    def _open(self) -> None:
        if not self.is_open:
            raise InvalidTransition("The request is closed; nothing more is recorded on it.")

    def _step(self, by: str, kind: StepKind, note: str = "", record_id: str = "") -> None:
        now = utcnow()
        self.steps.append(Step(now, by, kind, note.strip()[:MAX_TEXT], record_id))
        self.updated_at = now

    def link(self, by: str, person_id: str) -> bool:
        """Note a record found to be about the person; False if it was already linked."""
        self._open()
        if person_id in self.person_ids:
            return False
        self.person_ids.append(person_id)
        self._step(by, StepKind.LINKED, record_id=person_id)
        return True

    def unlink(self, by: str, person_id: str) -> None:
        self._open()
        if person_id in self.person_ids:
            self.person_ids.remove(person_id)
            self._step(by, StepKind.UNLINKED, record_id=person_id)

    def note_report(self, by: str, shown: int, withheld: int) -> None:
        self._step(by, StepKind.REPORT, f"{shown} records shown, {withheld} withheld")

    def add_note(self, by: str, note: str) -> None:
        """Anything else worth keeping: an owner's consent or refusal, an extension and why."""
        self._open()
        if not note.strip():
            raise ValidationFailed("The note is empty.", [FieldError("note", "write the note")])
        self._step(by, StepKind.NOTE, note)

    def note_correction(self, by: str, person_id: str, what: str) -> None:
        self._open()
        if not what.strip():
            raise ValidationFailed(
                "Say what was corrected.", [FieldError("note", "describe the correction")]
            )
        self._step(by, StepKind.CORRECTED, what, person_id)

    def note_deletion(self, by: str, person_id: str) -> None:
        self._open()
        if person_id in self.person_ids:
            self.person_ids.remove(person_id)
        self._step(by, StepKind.DELETED, "record deleted; the audit trail keeps its tombstone",
                   person_id)  # fmt: skip

    def close(self, by: str, outcome: RightsOutcome, note: str, today: date) -> None:
        """Close with the outcome; a refusal or partial answer needs its reasons."""
        self._open()
        if outcome in (RightsOutcome.REFUSED, RightsOutcome.PARTLY_GRANTED) and not note.strip():
            raise ValidationFailed(
                "A refusal or a partial answer needs its reasons.",
                [FieldError("note", "state the reasons given to the person")],
            )
        self.outcome = outcome
        self.outcome_note = note.strip()[:MAX_TEXT]
        self.closed_on = today
        self._step(by, StepKind.CLOSED, f"{outcome.label}. {self.outcome_note}".strip())
