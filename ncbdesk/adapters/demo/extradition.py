"""Demo hits and extradition cases: a hit queue and a board that are not empty.

Built from the demo's published Red and Yellow Notices of foreign bureaus:
border checks that matched their subjects wait in the hit queue (scored by the
engine, so their reasons are real), and extradition cases sit at every stage,
dated relative to `today` (the bureau's day the demo is loaded), so a newcomer
sees a deadline due soon, one overdue and one case closed, whenever they
start. The same data and day give the same hits and cases.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from ncbdesk.domain.extradition import CaseOutcome, Direction, ExtraditionCase, Stage
from ncbdesk.domain.hits import PossibleHit
from ncbdesk.domain.notices import Notice, NoticeStatus, NoticeType
from ncbdesk.domain.persons import Person, PersonName
from ncbdesk.matching import score
from ncbdesk.services.screening import subject_from_person

CROSSINGS = (
    "Moscow Sheremetyevo, border crossing point 2",
    "Saint Petersburg Pulkovo, arrivals",
    "Novosibirsk Tolmachevo, passport control",
    "Verkhny Lars road crossing",
)
OFFICER = "demo.case"

# The legal basis follows the requesting state: the CIS Minsk Convention (as
# restated in 1997) between CIS members, the European Convention on Extradition
# with its parties, reciprocity otherwise.
CIS = frozenset({"AM", "AZ", "BY", "KG", "KZ", "MD", "TJ", "UZ"})
ECE_PARTIES = frozenset(
    [
        "AD",
        "AL",
        "AT",
        "BA",
        "BE",
        "BG",
        "CH",
        "CY",
        "CZ",
        "DE",
        "DK",
        "EE",
        "ES",
        "FI",
        "FR",
        "GB",
        "GE",
        "GR",
        "HR",
        "HU",
        "IE",
        "IL",
        "IS",
        "IT",
        "KR",
        "LI",
        "LT",
        "LU",
        "LV",
        "MC",
        "ME",
        "MK",
        "MT",
        "NL",
        "NO",
        "PL",
        "PT",
        "RO",
        "RS",
        "SE",
        "SI",
        "SK",
        "SM",
        "TR",
        "UA",
        "ZA",
    ]
)

# Inbound cases: (days since arrest, stages after it with their day offsets).
# Chosen so the board shows each column and each kind of deadline.
INBOUND: tuple[tuple[int, tuple[tuple[Stage, int], ...]], ...] = (
    (4, ()),  # consent still open: due in 6 days
    (9, ((Stage.COURT_APPEARANCE, 1),)),  # consent due tomorrow
    (21, ((Stage.COURT_APPEARANCE, 1), (Stage.OPPOSITION, 3))),  # no formal request: overdue
    (12, ((Stage.COURT_APPEARANCE, 2),)),
    (
        55,
        (
            (Stage.COURT_APPEARANCE, 1),
            (Stage.OPPOSITION, 2),
            (Stage.FORMAL_REQUEST, 15),
            (Stage.HEARING, 40),
        ),
    ),
    (
        80,
        (
            (Stage.COURT_APPEARANCE, 1),
            (Stage.CONSENT, 2),
            (Stage.FORMAL_REQUEST, 12),
            (Stage.EXECUTIVE_DECISION, 70),
        ),
    ),
)


@dataclass
class DemoCasework:
    hits: list[PossibleHit] = field(default_factory=list)
    cases: list[ExtraditionCase] = field(default_factory=list)


def legal_basis(country: str) -> str:
    if country in CIS:
        return "cis-minsk-1993-protocol-1997"
    return "ece" if country in ECE_PARTIES else "reciprocity"


def _latin_name(person: Person) -> str:
    """The name as a passport reader would give it: a Latin writing if the record has one."""
    for n in person.names:
        if n.full.isascii():
            return n.full.upper()
    return person.display_name


def _border_hit(notice: Notice, subject: Person, where: str, at: datetime) -> PossibleHit:
    name = _latin_name(subject)
    props: dict[str, list[str]] = {"name": [name]}
    if subject.birth_dates:
        props["birthDate"] = [str(subject.birth_dates[0])]
    if subject.nationalities:
        props["nationality"] = [c.lower() for c in subject.nationalities[:1]]
    query = Person(subject.owner_bureau, [PersonName(name)], birth_dates=subject.birth_dates[:1])
    match = score(subject_from_person(query, "query"), subject_from_person(subject))
    return PossibleHit(
        notice_id=notice.id,
        subject_id=subject.id,
        person_id="",
        score=match.score,
        reasons=list(match.reasons),
        source="border",
        created_at=at,
        query={"id": f"border-{subject.id[:8]}", "schema": "Person", "properties": props},
        location=where,
        raised_by="demo.border",
    )


def demo_casework(
    persons: list[Person], notices: list[Notice], bureau: str, today: date
) -> DemoCasework:
    """Pending border hits and extradition cases on foreign bureaus' published notices."""
    by_id = {p.id: p for p in persons}
    foreign = [
        n
        for n in notices
        if n.status == NoticeStatus.PUBLISHED
        and n.owner_bureau != bureau
        and n.subject_ids
        and n.subject_ids[0] in by_id
    ]
    red = [n for n in foreign if n.type == NoticeType.RED]
    yellow = [n for n in foreign if n.type == NoticeType.YELLOW]
    out = DemoCasework()
    noon = datetime.combine(today, time(12), tzinfo=UTC)
    for i, notice in enumerate([*red[:3], *yellow[:1]]):
        subject = by_id[notice.subject_ids[0]]
        at = noon - timedelta(hours=3 * i + 1)
        out.hits.append(_border_hit(notice, subject, CROSSINGS[i % len(CROSSINGS)], at))

    def case_for(notice: Notice, direction: Direction, other: str) -> ExtraditionCase:
        """A case with `other`, the foreign state: the notice's owner when inbound."""
        subject = by_id[notice.subject_ids[0]]
        judicial = notice.judicial
        return ExtraditionCase(
            direction=direction,
            person_name=subject.display_name,
            requesting_state=other if direction == Direction.INBOUND else bureau,
            requested_state=bureau if direction == Direction.INBOUND else other,
            legal_basis=legal_basis(other),
            owner_bureau=bureau,
            person_id=subject.id,
            notice_id=notice.id,
            warrant_reference=(judicial.warrant_reference if judicial else "") or notice.reference,
            offence=judicial.offence if judicial else "",
        )

    for (ago, later), notice in zip(INBOUND, red[3:], strict=False):
        case = case_for(notice, Direction.INBOUND, notice.owner_bureau)
        arrest = today - timedelta(days=ago)
        case.record_stage(Stage.HIT, arrest, OFFICER)
        case.record_stage(Stage.PROVISIONAL_ARREST, arrest, OFFICER, "Arrested on the Red Notice")
        for stage, offset in later:
            case.record_stage(stage, arrest + timedelta(days=offset), OFFICER)
        out.cases.append(case)
    rest = red[3 + len(INBOUND) :]
    if rest:  # one closed last season: surrendered after 64 days
        case = case_for(rest[0], Direction.INBOUND, rest[0].owner_bureau)
        arrest = today - timedelta(days=140)
        case.record_stage(Stage.PROVISIONAL_ARREST, arrest, OFFICER)
        case.record_stage(Stage.CONSENT, arrest + timedelta(days=3), OFFICER)
        case.record_stage(Stage.EXECUTIVE_DECISION, arrest + timedelta(days=20), OFFICER)
        case.record_outcome(CaseOutcome.SURRENDERED, arrest + timedelta(days=64), OFFICER)
        out.cases.append(case)
    own = [
        n
        for n in notices
        if n.status == NoticeStatus.PUBLISHED
        and n.type == NoticeType.RED
        and n.owner_bureau == bureau
        and n.subject_ids
        and n.subject_ids[0] in by_id
    ]
    for notice, country in zip(own[:2], ("ES", "AE"), strict=False):
        # Outbound: our wanted person found abroad; we send the formal request.
        case = case_for(notice, Direction.OUTBOUND, country)
        arrest = today - timedelta(days=6)
        case.record_stage(Stage.PROVISIONAL_ARREST, arrest, OFFICER, f"Arrested in {country}")
        if country == "AE":
            case.record_stage(Stage.FORMAL_REQUEST, arrest + timedelta(days=5), OFFICER)
        out.cases.append(case)
    for case in out.cases:
        case.validate(bureau)
    return out
