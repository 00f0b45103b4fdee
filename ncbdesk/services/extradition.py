"""Use cases on extradition cases: open, record stages and the outcome, alerts, figures.

Cases belong to the bureau that opened them (data-owner rule). "Today" is the
calendar day in the bureau's time zone (settings.timezone), so a deadline
falls due on the bureau's day, not UTC's.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from ncbdesk.domain.errors import Conflict, NotFound, Problems
from ncbdesk.domain.extradition import (
    CaseOutcome,
    Deadline,
    Direction,
    ExtraditionCase,
    Stage,
    local_day,
)
from ncbdesk.domain.hits import HitStatus
from ncbdesk.domain.persons import utcnow
from ncbdesk.domain.security import Permission
from ncbdesk.services.access import authorize, check_owner, record
from ncbdesk.services.context import Actor
from ncbdesk.services.ports import CaseFilter, Page, UnitOfWork

MAX_ALERT_DAYS = 366


def today_in(zone: str, now: datetime | None = None) -> date:
    """The bureau's calendar day now."""
    return local_day(now or utcnow(), zone)


def _from_hit(uow: UnitOfWork, case: ExtraditionCase, zone: str) -> None:
    """Fill the case from a confirmed hit: notice, person, requesting state, hit day."""
    assert case.hit_id is not None
    hit = uow.hits.get(case.hit_id)
    if hit is None:
        raise NotFound(f"No hit with id {case.hit_id}.")
    if hit.status != HitStatus.CONFIRMED:
        raise Conflict(f"Only a confirmed hit opens a case; this one is {hit.status.value}.")
    if uow.extradition.list(CaseFilter(hit_id=hit.id), 0, 0).total:
        raise Conflict("A case was already opened from this hit.")
    notice = uow.notices.get(hit.notice_id)
    if notice is None:
        raise NotFound(f"The hit's notice {hit.notice_id} no longer exists.")
    case.notice_id = case.notice_id or notice.id
    subject = uow.persons.get(hit.subject_id)
    case.person_id = case.person_id or hit.subject_id
    if not case.person_name.strip() and subject is not None:
        case.person_name = subject.display_name
    if not case.requesting_state and case.direction == Direction.INBOUND:
        case.requesting_state = notice.owner_bureau
    if case.date_of(Stage.HIT) is None:
        day = local_day(hit.decided_at or hit.created_at, zone)
        case.record_stage(Stage.HIT, day, hit.decided_by or hit.raised_by or "system")


def _from_notice(uow: UnitOfWork, case: ExtraditionCase) -> None:
    assert case.notice_id is not None
    notice = uow.notices.get(case.notice_id)
    if notice is None:
        p = Problems()
        p.add("notice_id", f"no notice with id {case.notice_id}")
        p.raise_if_any("The extradition case refers to a notice that does not exist.")
        return
    j = notice.judicial
    if j is not None:
        case.warrant_reference = case.warrant_reference or j.warrant_reference
        case.offence = case.offence or j.offence
    if not case.person_id and notice.subject_ids:
        case.person_id = notice.subject_ids[0]
    if not case.person_name.strip() and case.person_id:
        person = uow.persons.get(case.person_id)
        case.person_name = person.display_name if person else ""


@dataclass(frozen=True)
class StageInput:
    stage: Stage
    on: date
    note: str = ""
    documents: tuple[str, ...] = ()


def create_case(
    uow: UnitOfWork,
    actor: Actor,
    case: ExtraditionCase,
    stages: Sequence[StageInput] = (),
    zone: str = "UTC",
) -> ExtraditionCase:
    """Open a case of the actor's bureau, filled from its hit and notice where given.

    Inbound, this bureau's country is the requested state; outbound, the
    requesting one: left empty, it is filled in. `stages` are those already
    reached (an arrest before the case was entered).
    """
    authorize(uow, actor, Permission.EXTRADITION_WRITE, "extradition.create", "extradition")
    case.owner_bureau = actor.bureau
    if case.direction == Direction.INBOUND and not case.requested_state:
        case.requested_state = actor.bureau
    if case.direction == Direction.OUTBOUND and not case.requesting_state:
        case.requesting_state = actor.bureau
    today = today_in(zone)
    case.stages = []
    for s in stages:
        case.record_stage(s.stage, s.on, actor.username, s.note, list(s.documents), today=today)
    with uow:
        if case.hit_id:
            _from_hit(uow, case, zone)
        if case.notice_id:
            _from_notice(uow, case)
        if case.person_id and uow.persons.get(case.person_id) is None:
            p = Problems()
            p.add("person_id", f"no person with id {case.person_id}")
            p.raise_if_any("The extradition case refers to a person that does not exist.")
        case.validate(actor.bureau)
        uow.extradition.add(case)
        uow.commit()
    record(
        uow,
        actor,
        "extradition.create",
        "extradition",
        case.id,
        direction=case.direction.value,
        legal_basis=case.legal_basis,
        hit=case.hit_id or "",
    )
    return case


def get_case(uow: UnitOfWork, actor: Actor, case_id: str, purpose: str = "") -> ExtraditionCase:
    authorize(uow, actor, Permission.EXTRADITION_READ, "extradition.read", "extradition", case_id)
    with uow:
        case = uow.extradition.get(case_id)
    if case is None:
        raise NotFound(f"No extradition case with id {case_id}.")
    record(uow, actor, "extradition.read", "extradition", case_id, purpose=purpose)
    return case


def list_cases(
    uow: UnitOfWork, actor: Actor, f: CaseFilter, offset: int = 0, limit: int = 50
) -> Page[ExtraditionCase]:
    authorize(uow, actor, Permission.EXTRADITION_READ, "extradition.list", "extradition")
    with uow:
        page = uow.extradition.list(f, offset, limit)
    record(
        uow,
        actor,
        "extradition.list",
        "extradition",
        direction=f.direction.value if f.direction else "",
        stage=f.stage.value if f.stage else "",
        results=page.total,
    )
    return page


def _load_owned(uow: UnitOfWork, actor: Actor, case_id: str, action: str) -> ExtraditionCase:
    case = uow.extradition.get(case_id)
    if case is None:
        raise NotFound(f"No extradition case with id {case_id}.")
    check_owner(uow, actor, case.owner_bureau, action, "extradition case", case_id)
    return case


def _save(uow: UnitOfWork, case: ExtraditionCase, expected_version: int | None) -> None:
    if expected_version is not None and expected_version != case.version:
        raise Conflict(
            f"The case is at version {case.version}, not {expected_version}; reload and try again."
        )
    case.version += 1
    uow.extradition.update(case)
    uow.commit()


def record_stage(
    uow: UnitOfWork,
    actor: Actor,
    case_id: str,
    stage: Stage,
    on: date,
    note: str = "",
    documents: list[str] | None = None,
    zone: str = "UTC",
    expected_version: int | None = None,
) -> ExtraditionCase:
    """Record a stage with its date (a calendar day of the bureau)."""
    action = "extradition.stage"
    authorize(uow, actor, Permission.EXTRADITION_WRITE, action, "extradition", case_id)
    with uow:
        case = _load_owned(uow, actor, case_id, action)
        case.record_stage(stage, on, actor.username, note, documents, today=today_in(zone))
        _save(uow, case, expected_version)
    record(uow, actor, action, "extradition", case_id, stage=stage.value, on=on.isoformat())
    return case


def record_outcome(
    uow: UnitOfWork,
    actor: Actor,
    case_id: str,
    outcome: CaseOutcome,
    on: date,
    reason: str = "",
    documents: list[str] | None = None,
    expected_version: int | None = None,
    zone: str = "UTC",
) -> ExtraditionCase:
    """Close the case: surrendered, refused (with the reason), released or withdrawn."""
    action = "extradition.outcome"
    authorize(uow, actor, Permission.EXTRADITION_WRITE, action, "extradition", case_id)
    with uow:
        case = _load_owned(uow, actor, case_id, action)
        case.record_outcome(outcome, on, actor.username, reason, documents, today_in(zone))
        _save(uow, case, expected_version)
    record(uow, actor, action, "extradition", case_id, result=outcome.value, on=on.isoformat())
    return case


@dataclass(frozen=True)
class DeadlineAlert:
    case: ExtraditionCase
    deadline: Deadline
    days_left: int  # negative: overdue


def due_soon(uow: UnitOfWork, actor: Actor, today: date, days: int = 7) -> list[DeadlineAlert]:
    """Open deadlines of open cases falling due within `days` of `today`, overdue ones too.

    Most urgent first. Deadlines a case answered in time or that became moot
    are left out.
    """
    authorize(uow, actor, Permission.EXTRADITION_READ, "extradition.due", "extradition")
    days = max(0, min(days, MAX_ALERT_DAYS))
    alerts: list[DeadlineAlert] = []
    with uow:
        for case in uow.extradition.iter_all(CaseFilter(open=True)):
            for d in case.deadlines(today):
                left = d.days_left(today)
                if d.open and left <= days:
                    alerts.append(DeadlineAlert(case, d, left))
    alerts.sort(key=lambda a: (a.deadline.due, a.case.id, a.deadline.key))
    record(uow, actor, "extradition.due", "extradition", days=days, alerts=len(alerts))
    return alerts


@dataclass
class YearFigures:
    """One year, one direction: cases opened, closed by outcome, and how long they took."""

    year: int
    direction: Direction
    opened: int = 0
    closed: int = 0
    outcomes: dict[CaseOutcome, int] = field(default_factory=dict)
    median_days: float | None = None  # first stage to outcome, closed cases of the year
    median_days_surrendered: float | None = None


@dataclass
class ExtraditionStats:
    years: list[YearFigures]  # by year, then inbound before outbound
    open_cases: dict[Direction, int]

    def figures(self, year: int, direction: Direction) -> YearFigures | None:
        for f in self.years:
            if f.year == year and f.direction == direction:
                return f
        return None


def _median(values: list[int]) -> float | None:
    return float(statistics.median(values)) if values else None


def extradition_statistics(uow: UnitOfWork, actor: Actor) -> ExtraditionStats:
    """Extraditions in and out per year: opened (by first stage), closed and their outcomes
    and median durations (by the outcome's year). Figures only, so not audited."""
    authorize(uow, actor, Permission.EXTRADITION_READ, "extradition.stats", "extradition")
    opened: Counter[tuple[int, Direction]] = Counter()
    outcomes: dict[tuple[int, Direction], Counter[CaseOutcome]] = defaultdict(Counter)
    durations: dict[tuple[int, Direction], list[int]] = defaultdict(list)
    surrendered: dict[tuple[int, Direction], list[int]] = defaultdict(list)
    open_cases: Counter[Direction] = Counter()
    with uow:
        for case in uow.extradition.iter_all(CaseFilter()):
            opened[(case.opened_on.year, case.direction)] += 1
            if case.outcome is None or case.outcome_on is None:
                open_cases[case.direction] += 1
                continue
            key = (case.outcome_on.year, case.direction)
            outcomes[key][case.outcome] += 1
            days = case.duration_days
            if days is not None:
                durations[key].append(days)
                if case.outcome == CaseOutcome.SURRENDERED:
                    surrendered[key].append(days)
    keys = sorted(set(opened) | set(outcomes), key=lambda k: (k[0], list(Direction).index(k[1])))
    years = [
        YearFigures(
            year=y,
            direction=d,
            opened=opened[(y, d)],
            closed=sum(outcomes[(y, d)].values()),
            outcomes=dict(outcomes[(y, d)]),
            median_days=_median(durations[(y, d)]),
            median_days_surrendered=_median(surrendered[(y, d)]),
        )
        for y, d in keys
    ]
    return ExtraditionStats(years, {d: open_cases[d] for d in Direction})
