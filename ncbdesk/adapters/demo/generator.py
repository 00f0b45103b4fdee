"""`generate_demo`: a deterministic, realistic population for demos and tests.

Everything is drawn from one `random.Random(seed)`: ids, timestamps and all
choices, so the same arguments always give the same records. Dates are
relative to `REFERENCE_DAY`, not to the clock, for the same reason.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from itertools import accumulate

from ncbdesk.adapters.demo.cultures import CULTURES, Culture
from ncbdesk.adapters.demo.judicial import COUNTRIES_WITH_PROVISIONS
from ncbdesk.adapters.demo.notices import make_notice, pick_status, pick_type
from ncbdesk.adapters.demo.persons import Generated, named_person, unidentified_person
from ncbdesk.adapters.demo.places import BY_COUNTRY
from ncbdesk.adapters.demo.romanise import Romaniser
from ncbdesk.domain.countries import clean_country
from ncbdesk.domain.notices import Notice, NoticeStatus, NoticeType
from ncbdesk.domain.persons import Person

REFERENCE_DAY = date(2026, 11, 1)
NOTICE_SHARE = 0.2  # about one notice per five persons

# Bureaus whose records most often reach a Russian-speaking bureau.
PARTNER_BUREAUS = (
    "KZ", "UZ", "BY", "AM", "GE", "AZ", "KG", "TJ", "DE", "FR", "IT", "ES", "TR", "CN",
    "AE", "US", "GB", "IL", "PL", "CZ", "LV", "FI",
)  # fmt: skip
# Cultures of persons on the UN Security Council's ISIL and Al-Qaida list here.
UN_CULTURES = ("arabic", "chechen", "dagestani", "uzbek", "tajik")

AGES: dict[NoticeType | None, tuple[int, int]] = {
    NoticeType.RED: (20, 65),
    NoticeType.BLUE: (18, 65),
    NoticeType.GREEN: (25, 70),
    NoticeType.ORANGE: (20, 55),
    NoticeType.UN: (25, 60),
    NoticeType.SILVER: (30, 70),
    NoticeType.PURPLE: (20, 60),
    NoticeType.YELLOW: (18, 85),
    None: (16, 75),
}
DESCRIBED = {NoticeType.RED, NoticeType.YELLOW, NoticeType.ORANGE, NoticeType.UN}


@dataclass
class DemoData:
    persons: list[Person] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)


class _Run:
    """State of one generation run: the RNG, caches and coverage counters."""

    def __init__(self, seed: int, bureau: str, today: date) -> None:
        # Reproducible demo data, not secrets: a seeded PRNG is the point.
        self.rng = random.Random(seed)  # noqa: S311
        self.rom = Romaniser()
        self.bureau = bureau
        self.today = today
        self.noon = datetime.combine(today, time(12), tzinfo=UTC)
        self.named = 0
        self.by_key = {c.key: c for c in CULTURES}
        self.cum_weights = list(accumulate(c.weight for c in CULTURES))
        self.red_owners = sorted(COUNTRIES_WITH_PROVISIONS - {bureau})

    def culture(self, ntype: NoticeType | None) -> Culture:
        if ntype == NoticeType.UN:
            return self.by_key[self.rng.choice(UN_CULTURES)]
        if self.named < len(CULTURES):  # every culture appears, however small the run
            return CULTURES[self.named]
        return self.rng.choices(CULTURES, cum_weights=self.cum_weights)[0]

    def owner(self, ntype: NoticeType | None, nationality: str) -> str:
        """Mostly this bureau; otherwise the bureau of the person's country or a partner."""
        rng, bureau = self.rng, self.bureau
        if ntype == NoticeType.RED:
            # Red Notices carry judicial data, so their owners need a legal system we model.
            if bureau in COUNTRIES_WITH_PROVISIONS and rng.random() < 0.6:
                return bureau
            return nationality if nationality in self.red_owners else rng.choice(self.red_owners)
        if rng.random() < (0.7 if ntype else 0.82):
            return bureau
        if nationality != bureau and rng.random() < 0.6:
            return nationality
        return rng.choice([c for c in PARTNER_BUREAUS if c != bureau])

    def subject(self, ntype: NoticeType | None) -> Generated:
        rng = self.rng
        created = self.noon - timedelta(seconds=rng.randint(0, 8 * 365 * 86400))
        if ntype == NoticeType.BLACK:
            owner = self.bureau if rng.random() < 0.6 else rng.choice(PARTNER_BUREAUS)
            found_in = rng.choice(BY_COUNTRY.get(owner, ("the capital",)))
            return unidentified_person(
                rng, owner=owner, today=self.today, created_at=created, found_in=found_in
            )
        ages = AGES[ntype]
        if ntype == NoticeType.YELLOW and rng.random() < 0.6:
            ages = (3, 17)  # most missing-person notices are for children
        male_share = 0.5 if ntype == NoticeType.YELLOW else 0.85 if ntype else 0.75
        described = 0.8 if ntype in DESCRIBED else 0.5 if ntype else 0.3
        generated = named_person(
            rng,
            self.rom,
            self.culture(ntype),
            owner=self.bureau,
            today=self.today,
            created_at=created,
            ages=ages,
            male_share=male_share,
            described=described,
        )
        self.named += 1
        person = generated.person
        person.owner_bureau = self.owner(ntype, person.nationalities[0])
        return generated


def generate_demo(
    persons: int = 5000, seed: int = 1, bureau: str = "RU", *, today: date = REFERENCE_DAY
) -> DemoData:
    """Demo persons and about one notice or diffusion for every five of them.

    The same arguments give identical output, ids and timestamps included.
    `bureau` (ISO alpha-2) owns most records; the rest come from other bureaus.
    Red Notices need a criminal code to cite: a bureau outside
    `judicial.COUNTRIES_WITH_PROVISIONS` gets only other bureaus' Red Notices.
    """
    code = clean_country(bureau)
    if code is None:
        raise ValueError(f"'{bureau}' is not an ISO 3166 country code")
    if persons < 0:
        raise ValueError("the number of persons cannot be negative")
    run = _Run(seed, code, today)
    rng = run.rng
    data = DemoData()
    types, statuses = list(NoticeType), list(NoticeStatus)
    for i in range(persons):
        # The first notices take each type and each status once, so that even a
        # small demo shows all of them.
        ntype: NoticeType | None = types[i] if i < len(types) else None
        if ntype is None and rng.random() < NOTICE_SHARE:
            ntype = pick_type(rng)
        generated = run.subject(ntype)
        data.persons.append(generated.person)
        if ntype is None:
            continue
        n = len(data.notices)
        status = statuses[n] if n < len(statuses) else pick_status(rng)
        subject = generated if ntype != NoticeType.PURPLE or rng.random() < 0.4 else None
        notice = make_notice(
            rng,
            ntype,
            status,
            subject,
            owner=generated.person.owner_bureau,
            bureau=code,
            today=today,
        )
        person = generated.person
        if subject is not None and person.created_at > notice.created_at:
            person.created_at = notice.created_at - timedelta(hours=rng.randint(1, 24 * 30))
            person.updated_at = person.created_at
        data.notices.append(notice)
    return data
