"""Demo persons: a named person of some culture, or an unidentified body."""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from datetime import date, datetime

from ncbdesk.adapters.demo.cultures import BuiltName, Culture
from ncbdesk.adapters.demo.documents import make_documents
from ncbdesk.adapters.demo.places import places_for
from ncbdesk.adapters.demo.romanise import Romaniser
from ncbdesk.domain.countries import country_name
from ncbdesk.domain.dates import PartialDate
from ncbdesk.domain.persons import NameKind, Person, PersonName, PhysicalDescription, Sex
from ncbdesk.domain.scripts import Script

EYES = ("brown", "brown", "dark brown", "blue", "green", "grey", "hazel", "black")
HAIR = ("black", "dark brown", "brown", "fair", "blond", "red", "grey", "bald", "shaved")
MARKS = (
    "tattoo of a star on each shoulder",
    "tattoo of a dagger on the right forearm",
    "tattoo of a cross on the chest",
    "scar above the right eyebrow",
    "scar on the left cheek",
    "gold front teeth",
    "missing little finger on the left hand",
    "birthmark on the neck",
    "limps on the right leg",
    "pierced left ear",
)


def random_id(rng: random.Random) -> str:
    """A version-4 UUID drawn from the seeded RNG, so ids repeat with the seed."""
    return uuid.UUID(int=rng.getrandbits(128), version=4).hex


def weighted(rng: random.Random, pairs: tuple[tuple[str, float], ...]) -> str:
    if len(pairs) == 1:
        return pairs[0][0]
    return rng.choices([p[0] for p in pairs], [p[1] for p in pairs])[0]


@dataclass
class Generated:
    person: Person
    latin_family: str
    latin_given: str
    culture: str
    found_in: str = ""  # unidentified bodies only


def birth_dates(rng: random.Random, today: date, age_from: int, age_to: int) -> list[PartialDate]:
    """Mostly full dates; some only year-month or year; a few day/month swaps."""
    year = today.year - rng.randint(age_from, age_to)
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    roll = rng.random()
    if roll < 0.8:
        dates = [PartialDate(year, month, day)]
        if day <= 12 and day != month and rng.random() < 0.04:
            dates.append(PartialDate(year, day, month))  # the same date typed US-style
    elif roll < 0.92:
        dates = [PartialDate(year, month)]
    else:
        dates = [PartialDate(year)]
    if rng.random() < 0.02:
        dates.append(PartialDate(year + rng.choice((-1, 1))))  # a mistyped year elsewhere
    return [d for d in dates if not d.is_after(today)] or [PartialDate(year)]


def description(rng: random.Random, sex: Sex, age: int) -> PhysicalDescription:
    mean = 177 if sex == Sex.MALE else 164
    height = round(rng.gauss(mean, 7))
    if age < 17:
        height = max(95, round(height * (0.55 + 0.027 * age)))
    weight = max(14, round((height / 100) ** 2 * rng.uniform(19, 31)))
    marks = "; ".join(rng.sample(MARKS, rng.randint(1, 2))) if rng.random() < 0.35 else ""
    return PhysicalDescription(
        height_cm=height if rng.random() < 0.9 else None,
        weight_kg=weight if rng.random() < 0.7 else None,
        eye_colour=rng.choice(EYES),
        hair_colour=rng.choice(HAIR) if age >= 17 else rng.choice(HAIR[:6]),
        distinguishing_marks=marks,
    )


def named_person(
    rng: random.Random,
    rom: Romaniser,
    culture: Culture,
    *,
    owner: str,
    today: date,
    created_at: datetime,
    ages: tuple[int, int],
    male_share: float,
    described: float,
) -> Generated:
    sex = Sex.MALE if rng.random() < male_share else Sex.FEMALE
    nationality = weighted(rng, culture.nationalities)
    built: BuiltName = culture.build(rng, sex, nationality, rom)
    nationalities = [nationality]
    if rng.random() < 0.04:
        nationalities.append("RU" if nationality != "RU" else rng.choice(("IL", "CY", "DE")))
    dates = birth_dates(rng, today, *ages)
    age = today.year - dates[0].year
    place = ""
    if rng.random() < 0.85:
        place = f"{rng.choice(places_for(culture.key, nationality))}, {country_name(nationality)}"
    person = Person(
        owner_bureau=owner,
        names=built.names,
        birth_dates=dates,
        place_of_birth=place,
        nationalities=nationalities,
        sex=sex,
        documents=make_documents(rng, nationality, dates[0], today) if age >= 14 else [],
        description=description(rng, sex, age)
        if rng.random() < described
        else PhysicalDescription(),
        id=random_id(rng),
        created_at=created_at,
        updated_at=created_at,
    )
    return Generated(person, built.latin_family, built.latin_given, culture.key)


def unidentified_person(
    rng: random.Random, *, owner: str, today: date, created_at: datetime, found_in: str
) -> Generated:
    """The subject of a Black Notice: a body with a description and no name."""
    sex = Sex.MALE if rng.random() < 0.8 else Sex.FEMALE
    low = rng.randint(18, 60)
    word = "male" if sex == Sex.MALE else "female"
    person = Person(
        owner_bureau=owner,
        names=[PersonName(f"Unidentified {word}", NameKind.PRIMARY, script=Script.LATIN)],
        birth_dates=[PartialDate(today.year - low - 5)],
        sex=sex,
        description=description(rng, sex, low + 5),
        notes=f"Body found in {found_in}. Age estimated at {low}–{low + 10} years.",
        id=random_id(rng),
        created_at=created_at,
        updated_at=created_at,
    )
    return Generated(person, "", "", "unidentified", found_in)
