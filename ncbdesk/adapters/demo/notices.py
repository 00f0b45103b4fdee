"""Demo notices and diffusions at every stage of their lifecycle.

Frequencies follow the shape of INTERPOL's yearly figures: Red Notices are the
large majority, then Yellow and Blue, then Green; Black, Orange, Purple, UN and
Silver are rare. Histories are built along `TRANSITIONS`, so a published
notice has been submitted and reviewed first.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta
from itertools import accumulate

from ncbdesk.adapters.demo.judicial import COUNTRIES_WITH_PROVISIONS, judicial_data
from ncbdesk.adapters.demo.persons import Generated, random_id
from ncbdesk.adapters.demo.places import BY_COUNTRY
from ncbdesk.domain.notices import (
    VALIDITY_YEARS,
    Notice,
    NoticeKind,
    NoticeStatus,
    NoticeType,
    StatusChange,
    add_years,
)

TYPE_WEIGHTS: dict[NoticeType, float] = {
    NoticeType.RED: 58,
    NoticeType.YELLOW: 14,
    NoticeType.BLUE: 12,
    NoticeType.GREEN: 6,
    NoticeType.BLACK: 3,
    NoticeType.PURPLE: 2,
    NoticeType.ORANGE: 1.5,
    NoticeType.UN: 1.5,
    NoticeType.SILVER: 2,
}
STATUS_WEIGHTS: dict[NoticeStatus, float] = {
    NoticeStatus.PUBLISHED: 50,
    NoticeStatus.EXPIRED: 9,
    NoticeStatus.CANCELLED: 9,
    NoticeStatus.IN_REVIEW: 9,
    NoticeStatus.SUBMITTED: 7,
    NoticeStatus.DRAFT: 9,
    NoticeStatus.REFUSED: 7,
}
DIFFUSION_TYPES: dict[NoticeType, str] = {
    NoticeType.RED: "Wanted-person diffusion",
    NoticeType.YELLOW: "Missing-person diffusion",
    NoticeType.BLUE: "Diffusion to locate",
    NoticeType.GREEN: "Warning diffusion",
}
DIFFUSION_SHARE = 0.15
GENERAL_SECRETARIAT = "IPSG/NDTF"  # the Notices and Diffusions Task Force

# Where a bureau's fugitives are most often looked for.
FUGITIVE_DESTINATIONS = (
    "TR", "AE", "TH", "ES", "DE", "GE", "AM", "KZ", "UZ", "CY", "IL", "ME", "CZ", "IT",
    "FR", "BY", "AZ", "KG", "CN", "VN", "ID", "IN", "GB", "US", "LV", "PL", "RS",
)  # fmt: skip
# Refusals of requests to find or watch a person, and of the others.
WANTED_TYPES = frozenset({NoticeType.RED, NoticeType.GREEN, NoticeType.ORANGE, NoticeType.SILVER})
OTHER_REFUSALS = (
    "Insufficient identifying data: no fingerprints, DNA profile or photograph provided.",
    "The request duplicates a notice already published.",
)
REFUSALS = (
    "Article 3: the request is predominantly political in character.",
    "The facts do not describe the subject's participation in the offence.",
    "The arrest warrant has not been provided.",
    "Article 2: the subject holds refugee status granted against the requesting country.",
)
CANCELLATIONS = (
    "Subject arrested.",
    "Subject located.",
    "Subject extradited.",
    "Warrant withdrawn by the issuing authority.",
    "Subject deceased.",
)
MODUS_OPERANDI = (
    "cocaine concealed in vacuum-packed coffee shipments",
    "ATM skimming devices with pinhole cameras",
    "SIM-swap takeover of bank accounts",
    "migrant smuggling in refrigerated lorries",
    "fake investment platforms run from call centres",
    "counterfeit medicines sold through social networks",
    "theft of luxury cars by relay attack on keyless entry",
)
MISSING = (
    "Believed to have been taken abroad by a parent without consent.",
    "Left home and has not been in contact since.",
    "Suffers from memory loss and may be disoriented.",
    "Possible victim of trafficking in human beings.",
)
GREEN_OFFENCES = (
    "sexual abuse of children",
    "fraud against elderly people",
    "armed robbery",
    "burglary as a member of an itinerant gang",
    "drug trafficking",
)


_TYPES, _TYPE_CUM = list(TYPE_WEIGHTS), list(accumulate(TYPE_WEIGHTS.values()))
_STATUSES, _STATUS_CUM = list(STATUS_WEIGHTS), list(accumulate(STATUS_WEIGHTS.values()))


def pick_type(rng: random.Random) -> NoticeType:
    return rng.choices(_TYPES, cum_weights=_TYPE_CUM)[0]


def pick_status(rng: random.Random) -> NoticeStatus:
    return rng.choices(_STATUSES, cum_weights=_STATUS_CUM)[0]


def _at(day: date, rng: random.Random) -> datetime:
    return datetime.combine(day, time(rng.randint(7, 19), rng.randint(0, 59)), tzinfo=UTC)


def _countries(
    rng: random.Random, exclude: set[str], k: int, first: str | None = None
) -> list[str]:
    out = [first] if first and first not in exclude else []
    for code in rng.sample(FUGITIVE_DESTINATIONS, k + len(exclude) + 1):
        if code not in exclude and code not in out:
            out.append(code)
    return out[:k]


def _title(ntype: NoticeType, kind: NoticeKind, subject: Generated | None, extra: str) -> str:
    label = DIFFUSION_TYPES[ntype] if kind == NoticeKind.DIFFUSION else ntype.label
    if subject is None or not subject.latin_family:
        return f"{label} — {extra}"
    return f"{label} — {subject.latin_family.upper()}, {subject.latin_given}"


def _summary(
    rng: random.Random, ntype: NoticeType, subject: Generated | None, today: date, owner: str
) -> str:
    place = rng.choice(BY_COUNTRY[owner]) if owner in BY_COUNTRY else ""
    if ntype == NoticeType.YELLOW:
        since = today - timedelta(days=rng.randint(3, 3000))
        where = f", last seen in {place}" if place else ""
        return f"Missing since {since.isoformat()}{where}. {rng.choice(MISSING)}"
    if ntype == NoticeType.BLUE:
        return "Locate the subject and report on identity, location and activities."
    if ntype == NoticeType.GREEN:
        year = today.year - rng.randint(1, 15)
        return f"Convicted of {rng.choice(GREEN_OFFENCES)} in {year}; likely to reoffend abroad."
    if ntype == NoticeType.ORANGE:
        return "Escaped from custody; considered armed and dangerous. Do not approach alone."
    if ntype == NoticeType.UN:
        return (
            "Subject to the ISIL (Da'esh) and Al-Qaida sanctions of the UN Security Council "
            f"(list entry QDi.{rng.randint(100, 450)}): assets freeze, travel ban, arms embargo."
        )
    if ntype == NoticeType.SILVER:
        return "Locate and identify assets: real estate, bank accounts and vehicles of the subject."
    if ntype == NoticeType.BLACK:
        return subject.person.notes if subject else "Unidentified body."
    return ""


def _lifecycle(
    rng: random.Random, notice: Notice, status: NoticeStatus, today: date, officer: str
) -> None:
    """Set dates, reference and a history that follows the allowed transitions."""
    steps: list[tuple[NoticeStatus, date, str, str]] = []
    if status in (NoticeStatus.EXPIRED,):
        published = add_years(today, -VALIDITY_YEARS) - timedelta(days=rng.randint(1, 1800))
    elif status in (NoticeStatus.PUBLISHED, NoticeStatus.CANCELLED):
        published = today - timedelta(days=rng.randint(5, VALIDITY_YEARS * 365 - 5))
    else:
        published = today - timedelta(days=rng.randint(0, 120))
    created = published - timedelta(days=rng.randint(10, 120))
    if status == NoticeStatus.CANCELLED and rng.random() < 0.3:
        steps.append((NoticeStatus.CANCELLED, created + timedelta(days=2), officer, "Withdrawn."))
    elif status != NoticeStatus.DRAFT:
        submitted = created + timedelta(days=rng.randint(1, 5))
        steps.append((NoticeStatus.SUBMITTED, submitted, officer, ""))
        if status != NoticeStatus.SUBMITTED:
            reviewed = submitted + timedelta(days=rng.randint(1, 4))
            steps.append((NoticeStatus.IN_REVIEW, reviewed, GENERAL_SECRETARIAT, ""))
            if status == NoticeStatus.REFUSED:
                reasons = REFUSALS if notice.type in WANTED_TYPES else OTHER_REFUSALS
                steps.append((status, published, GENERAL_SECRETARIAT, rng.choice(reasons)))
            elif status != NoticeStatus.IN_REVIEW:
                steps.append((NoticeStatus.PUBLISHED, published, GENERAL_SECRETARIAT, ""))
                notice.published_on = published
                notice.valid_until = add_years(published, VALIDITY_YEARS)
                if notice.kind == NoticeKind.NOTICE:  # diffusions get no GS number
                    notice.reference = f"{published.year}/{rng.randint(10000, 99999)}"
                if status == NoticeStatus.EXPIRED:
                    steps.append((status, notice.valid_until, GENERAL_SECRETARIAT, ""))
                elif status == NoticeStatus.CANCELLED:
                    ended = published + timedelta(days=rng.randint(1, (today - published).days))
                    steps.append((status, ended, officer, rng.choice(CANCELLATIONS)))
    notice.status = status
    notice.created_at = _at(min(created, today), rng)
    notice.history = [StatusChange(s, _at(min(d, today), rng), by, why) for s, d, by, why in steps]
    notice.updated_at = max([notice.created_at, *(c.at for c in notice.history)])


def make_notice(
    rng: random.Random,
    ntype: NoticeType,
    status: NoticeStatus,
    subject: Generated | None,
    *,
    owner: str,
    bureau: str,
    today: date,
) -> Notice:
    kind = NoticeKind.NOTICE
    if ntype in DIFFUSION_TYPES and rng.random() < DIFFUSION_SHARE:
        kind = NoticeKind.DIFFUSION
    extra = ""
    if ntype == NoticeType.PURPLE:
        extra = f"modus operandi: {rng.choice(MODUS_OPERANDI)}"
    elif subject is not None and not subject.latin_family:
        extra = f"{subject.person.display_name.lower()} found in {subject.found_in}"
    notice = Notice(
        type=ntype,
        owner_bureau=owner,
        title=_title(ntype, kind, subject, extra),
        subject_ids=[subject.person.id] if subject else [],
        kind=kind,
        id=random_id(rng),
    )
    officer = f"{owner.lower()}-officer-{rng.randint(1, 40):02d}"
    _lifecycle(rng, notice, status, today, officer)
    # What the request says happened before the request was drafted.
    drafted = notice.created_at.date()
    notice.summary = _summary(rng, ntype, subject, drafted, owner)
    if kind == NoticeKind.DIFFUSION:
        first = bureau if owner != bureau else None
        notice.recipient_countries = _countries(rng, {owner}, rng.randint(1, 6), first)
    if ntype == NoticeType.RED and owner in COUNTRIES_WITH_PROVISIONS:
        nationality = subject.person.nationalities[0] if subject else None
        first = bureau if owner != bureau else nationality
        extradition = _countries(rng, {owner}, rng.randint(1, 3), first)
        notice.judicial = judicial_data(rng, owner, extradition, drafted)
    return notice
