"""Extradition cases, inbound and outbound, with their stages and legal deadlines.

Inbound: a foreign state asks this bureau's country to surrender a person
(often after a Red Notice hit at our border). Outbound: we ask a foreign state.
A case records the stages of DESIGN §1 with their dates; its deadlines follow
from its legal basis through the rules held as data in `extradition_treaties`.

Every date here is a calendar date in the bureau's time zone: an arrest at
23:30 in Moscow is on that Moscow day, whatever the UTC date. `local_day`
turns a moment into that day.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from ncbdesk.domain.countries import clean_country
from ncbdesk.domain.errors import InvalidTransition, Problems
from ncbdesk.domain.extradition_treaties import TREATIES, DeadlineRule, Party, Stage, Treaty
from ncbdesk.domain.persons import new_id, utcnow

__all__ = [
    "TREATIES",
    "CaseOutcome",
    "Deadline",
    "DeadlineStatus",
    "Direction",
    "ExtraditionCase",
    "Party",
    "Stage",
    "StageEvent",
    "add_period",
    "local_day",
    "treaty_for",
]

MAX_DOCUMENTS = 50
MAX_REFERENCE = 300
_BILATERAL = re.compile(r"^bilateral:[a-z0-9][a-z0-9._-]{0,60}$")
# Stages that end the person's detention or the case on the ground.
_FINAL_STAGES = frozenset({Stage.SURRENDER, Stage.RELEASE})


class Direction(StrEnum):
    INBOUND = "inbound"  # a foreign state asks us to surrender the person
    OUTBOUND = "outbound"  # we ask a foreign state


class CaseOutcome(StrEnum):
    SURRENDERED = "surrendered"
    REFUSED = "refused"  # with the reason
    RELEASED = "released"
    WITHDRAWN = "withdrawn"  # the requesting state withdrew the request


class DeadlineStatus(StrEnum):
    PENDING = "pending"  # not yet due, not yet answered
    PASSED = "passed"  # due day gone, nothing answered it
    MET = "met"  # answered on or before the due day
    MISSED = "missed"  # answered, but late
    MOOT = "moot"  # the case closed before it fell due


def local_day(moment: datetime, zone: str) -> date:
    """The calendar day of `moment` in the time zone `zone` (IANA name)."""
    if moment.tzinfo is None:
        raise ValueError("a moment without a time zone has no calendar day")
    return moment.astimezone(ZoneInfo(zone)).date()


def add_period(start: date, days: int = 0, months: int = 0) -> date:
    """`start` + months (clamped to the month's last day) + days."""
    if months:
        index = start.month - 1 + months
        year, month = start.year + index // 12, index % 12 + 1
        start = date(year, month, min(start.day, calendar.monthrange(year, month)[1]))
    return start + timedelta(days=days)


def treaty_for(legal_basis: str, book: Mapping[str, Treaty] = TREATIES) -> Treaty | None:
    return book.get(legal_basis)


def legal_basis_problem(legal_basis: str, book: Mapping[str, Treaty] = TREATIES) -> str | None:
    if legal_basis in book or _BILATERAL.match(legal_basis):
        return None
    known = ", ".join(sorted(book))
    return f"'{legal_basis}' is not a known legal basis ({known}, or bilateral:<name>)"


@dataclass
class StageEvent:
    stage: Stage
    on: date
    note: str = ""
    documents: list[str] = field(default_factory=list)  # references, not files
    recorded_by: str = ""
    recorded_at: datetime = field(default_factory=utcnow)


@dataclass(frozen=True)
class Deadline:
    """One computed deadline of a case (never stored: it follows from the data)."""

    key: str
    name: str
    due: date
    rule: str
    party: Party
    binding: bool
    status: DeadlineStatus
    answered_on: date | None = None

    def days_left(self, today: date) -> int:
        return (self.due - today).days

    @property
    def open(self) -> bool:
        return self.status in (DeadlineStatus.PENDING, DeadlineStatus.PASSED)


def _clean_documents(docs: list[str], p: Problems, where: str) -> list[str]:
    out = [" ".join(d.split()) for d in docs if d and d.strip()]
    if len(out) > MAX_DOCUMENTS:
        p.add(where, f"at most {MAX_DOCUMENTS} documents")
    for i, d in enumerate(out):
        if len(d) > MAX_REFERENCE:
            p.add(f"{where}[{i}]", f"longer than {MAX_REFERENCE} characters")
    return out


@dataclass
class ExtraditionCase:
    direction: Direction
    person_name: str
    requesting_state: str
    requested_state: str
    legal_basis: str  # a treaty id: ece, cis-minsk-1993, bilateral:<name>, reciprocity
    owner_bureau: str = ""
    person_id: str | None = None
    notice_id: str | None = None
    hit_id: str | None = None
    warrant_reference: str = ""
    offence: str = ""
    stages: list[StageEvent] = field(default_factory=list)
    outcome: CaseOutcome | None = None
    outcome_on: date | None = None
    outcome_reason: str = ""
    outcome_documents: list[str] = field(default_factory=list)
    id: str = field(default_factory=new_id)
    created_at: datetime = field(default_factory=utcnow)
    updated_at: datetime = field(default_factory=utcnow)
    version: int = 1

    # -- validation ----------------------------------------------------------

    def validate(self, bureau: str, book: Mapping[str, Treaty] = TREATIES) -> None:
        """Check the case; `bureau` is this NCB's country, a party in either direction."""
        p = Problems()
        self.person_name = " ".join(self.person_name.split())
        if not self.person_name:
            p.add("person_name", "name the person sought")
        elif len(self.person_name) > 300:
            p.add("person_name", "longer than 300 characters")
        states = {}
        for name in ("requesting_state", "requested_state"):
            code = clean_country(getattr(self, name))
            if code is None:
                p.add(name, f"'{getattr(self, name)}' is not an ISO 3166 country code")
            else:
                setattr(self, name, code)
                states[name] = code
        ours = "requested_state" if self.direction == Direction.INBOUND else "requesting_state"
        if ours in states and states[ours] != bureau:
            p.add(
                ours,
                f"an {self.direction.value} case has this bureau's country ({bureau}) as "
                f"the {ours.split('_')[0]} state",
            )
        elif len(states) == 2 and states["requesting_state"] == states["requested_state"]:
            p.add("requested_state", "a state does not extradite to itself")
        self.legal_basis = self.legal_basis.strip().lower()
        problem = legal_basis_problem(self.legal_basis, book)
        if problem:
            p.add("legal_basis", problem)
        self.warrant_reference = " ".join(self.warrant_reference.split())
        if len(self.warrant_reference) > MAX_REFERENCE:
            p.add("warrant_reference", f"longer than {MAX_REFERENCE} characters")
        if len(self.offence) > 2000:
            p.add("offence", "longer than 2000 characters")
        if self.notice_id is None and not self.warrant_reference:
            p.add("warrant_reference", "give the notice or the warrant the case rests on")
        p.raise_if_any("The extradition case is not valid.")

    # -- stages --------------------------------------------------------------

    def date_of(self, stage: Stage) -> date | None:
        for e in self.stages:
            if e.stage == stage:
                return e.on
        return None

    @property
    def current_stage(self) -> Stage | None:
        """The furthest stage reached, in the order of DESIGN §1."""
        order = list(Stage)
        recorded = [e.stage for e in self.stages]
        return max(recorded, key=order.index) if recorded else None

    @property
    def closed(self) -> bool:
        return self.outcome is not None

    @property
    def opened_on(self) -> date:
        """The first recorded stage's day, else the day the case was entered (UTC)."""
        days = [e.on for e in self.stages]
        return min(days) if days else self.created_at.date()

    def record_stage(
        self,
        stage: Stage,
        on: date,
        by: str,
        note: str = "",
        documents: list[str] | None = None,
        today: date | None = None,
    ) -> StageEvent:
        """Record that `stage` happened on `on`; recording it again corrects the date."""
        if self.closed:
            assert self.outcome is not None
            raise InvalidTransition(
                f"The case is closed ({self.outcome.value}); no stage can be added."
            )
        p = Problems()
        docs = _clean_documents(list(documents or []), p, "documents")
        if len(note) > 5000:
            p.add("note", "longer than 5000 characters")
        if today is not None and on > today + timedelta(days=366):
            p.add("on", "more than a year ahead")
        if today is not None and on > today and stage != Stage.SURRENDER_DATE:
            p.add("on", "a stage that has happened cannot be dated in the future")
        other = {Stage.CONSENT: Stage.OPPOSITION, Stage.OPPOSITION: Stage.CONSENT}.get(stage)
        if other is not None and self.date_of(other) is not None:
            p.add("stage", f"the person's {other.value} is already recorded")
        first = self.date_of(Stage.HIT) or self.date_of(Stage.PROVISIONAL_ARREST)
        if stage not in (Stage.HIT, Stage.PROVISIONAL_ARREST, Stage.FORMAL_REQUEST) and (
            first is not None and on < first
        ):
            p.add("on", f"before the case began ({first.isoformat()})")
        p.raise_if_any("The stage cannot be recorded.")
        event = StageEvent(stage, on, note.strip(), docs, by)
        self.stages = [e for e in self.stages if e.stage != stage] + [event]
        self.stages.sort(key=lambda e: (e.on, list(Stage).index(e.stage)))
        self.updated_at = utcnow()
        return event

    def record_outcome(
        self,
        outcome: CaseOutcome,
        on: date,
        by: str,
        reason: str = "",
        documents: list[str] | None = None,
        today: date | None = None,
    ) -> None:
        """Close the case. A refusal needs its reason; surrender and release are stages too."""
        if self.closed:
            assert self.outcome is not None
            raise InvalidTransition(f"The case already has its outcome ({self.outcome.value}).")
        p = Problems()
        docs = _clean_documents(list(documents or []), p, "documents")
        reason = reason.strip()
        if outcome in (CaseOutcome.REFUSED, CaseOutcome.WITHDRAWN) and not reason:
            p.add("reason", f"say why the extradition was {outcome.value}")
        if len(reason) > 5000:
            p.add("reason", "longer than 5000 characters")
        if today is not None and on > today:
            p.add("on", "an outcome cannot be dated in the future")
        if self.stages and on < self.opened_on:
            p.add("on", f"before the case began ({self.opened_on.isoformat()})")
        p.raise_if_any("The outcome cannot be recorded.")
        final = {CaseOutcome.SURRENDERED: Stage.SURRENDER, CaseOutcome.RELEASED: Stage.RELEASE}
        stage = final.get(outcome)
        if stage is not None and self.date_of(stage) is None:
            self.stages.append(StageEvent(stage, on, reason, list(docs), by))
        self.outcome, self.outcome_on = outcome, on
        self.outcome_reason, self.outcome_documents = reason, docs
        self.updated_at = utcnow()

    @property
    def duration_days(self) -> int | None:
        """Days from the first stage to the outcome, for the statistics."""
        if self.outcome_on is None:
            return None
        return (self.outcome_on - self.opened_on).days

    # -- deadlines -----------------------------------------------------------

    def _deadline(self, r: DeadlineRule, start: date, today: date) -> Deadline:
        due = add_period(start, r.days, r.months)
        answers = [d for d in (self.date_of(s) for s in r.answered_by) if d is not None]
        answered = min(answers) if answers else None
        if answered is not None:
            status = DeadlineStatus.MET if answered <= due else DeadlineStatus.MISSED
        elif self.closed or any(self.date_of(s) for s in _FINAL_STAGES):
            ended = self.outcome_on or min(
                d for d in (self.date_of(s) for s in _FINAL_STAGES) if d is not None
            )
            status = DeadlineStatus.MOOT if ended <= due else DeadlineStatus.PASSED
        else:
            status = DeadlineStatus.PASSED if today > due else DeadlineStatus.PENDING
        return Deadline(r.key, r.name, due, r.rule, r.party, r.binding, status, answered)

    def deadlines(self, today: date, book: Mapping[str, Treaty] = TREATIES) -> list[Deadline]:
        """Every deadline the legal basis sets from the stages recorded so far, by due date."""
        treaty = book.get(self.legal_basis)
        if treaty is None:
            return []
        out = []
        for r in treaty.rules:
            start = self.date_of(r.starts)
            if start is not None and all(self.date_of(s) for s in r.requires):
                out.append(self._deadline(r, start, today))
        return sorted(out, key=lambda d: (d.due, d.key))

    def next_deadline(self, today: date, book: Mapping[str, Treaty] = TREATIES) -> Deadline | None:
        """The earliest deadline still open (passed ones first: they are overdue)."""
        if self.closed:
            return None
        open_ = [d for d in self.deadlines(today, book) if d.open]
        return open_[0] if open_ else None
