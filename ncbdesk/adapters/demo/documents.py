"""Identity documents with number formats of the issuing country.

Formats follow what the documents print (series and number, check letters
where the country computes one); they are plausible shapes, not valid
numbers of real people.
"""

from __future__ import annotations

import random
import string
from collections.abc import Callable
from datetime import date, timedelta

from ncbdesk.domain.dates import PartialDate
from ncbdesk.domain.persons import DocumentType, IdentityDocument

Pattern = str  # "@" a letter, "#" a digit, "*" an alphanumeric, anything else literal
_GERMAN_ALPHABET = "CFGHJKLMNPRTVWXYZ0123456789"  # what German document numbers use


def _fill(rng: random.Random, pattern: Pattern) -> str:
    out = []
    for ch in pattern:
        if ch == "@":
            out.append(rng.choice(string.ascii_uppercase))
        elif ch == "#":
            out.append(rng.choice(string.digits))
        elif ch == "*":
            out.append(rng.choice(_GERMAN_ALPHABET))
        else:
            out.append(ch)
    return "".join(out)


# Passport and national identity document patterns by issuing country.
PASSPORT: dict[str, Pattern] = {
    "RU": "## #######", "UA": "@@######", "BY": "@@#######", "UZ": "@@#######",
    "KZ": "N########", "TJ": "#########", "KG": "AC#######", "GE": "##@@#####",
    "AM": "@@#######", "AZ": "C########", "TR": "U########", "CN": "E########",
    "DE": "C********", "FR": "##@@#####", "IT": "YA#######", "ES": "PAA######",
    "PL": "@@#######", "GB": "#########", "NL": "@@******#", "EG": "A########",
    "SY": "N#########", "IQ": "@########", "MA": "@@#######", "DZ": "#########",
}  # fmt: skip
NATIONAL_ID: dict[str, Pattern] = {
    "RU": "## ## ######", "UA": "#########", "KZ": "#########", "UZ": "AD#######",
    "GE": "###########", "AM": "#########", "AZ": "AZE########", "TR": "###########",
    "DE": "L********", "FR": "############", "IT": "CA@@#####@@", "PL": "@@@######",
    "RO": "@@ ######", "HR": "#########",
}  # fmt: skip
_DEFAULT_PASSPORT = "@########"


def _china_id(rng: random.Random, born: PartialDate) -> str:
    """18-character resident identity number: region, birth date, serial, check."""
    day = born.day or rng.randint(1, 28)
    body = f"{rng.choice((110101, 310104, 440103, 330302, 350102, 230102))}"
    body += f"{born.year:04d}{born.month or 1:02d}{day:02d}{rng.randint(0, 999):03d}"
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    check = "10X98765432"[sum(int(c) * w for c, w in zip(body, weights, strict=True)) % 11]
    return body + check


def _spain_dni(rng: random.Random, born: PartialDate) -> str:
    number = rng.randint(10_000_000, 99_999_999)
    return f"{number}{'TRWAGMYFPDXBNJZSQVHLCKE'[number % 23]}"


SPECIAL_ID: dict[str, Callable[[random.Random, PartialDate], str]] = {
    "CN": _china_id,
    "ES": _spain_dni,
}


def make_documents(
    rng: random.Random, country: str, born: PartialDate, today: date
) -> list[IdentityDocument]:
    """0–2 documents issued by the person's country: usually a passport."""
    roll = rng.random()
    count = 0 if roll < 0.35 else 1 if roll < 0.8 else 2
    docs: list[IdentityDocument] = []
    kinds = [DocumentType.PASSPORT, DocumentType.NATIONAL_ID]
    if count == 1 and rng.random() < 0.3:
        kinds.reverse()
    for kind in kinds[:count]:
        issued = today - timedelta(days=rng.randint(30, 9 * 365))
        if kind == DocumentType.PASSPORT:
            number = _fill(rng, PASSPORT.get(country, _DEFAULT_PASSPORT))
            until: date | None = issued.replace(year=issued.year + 10, day=min(issued.day, 28))
        elif country in SPECIAL_ID:
            number, until = SPECIAL_ID[country](rng, born), None
        elif country in NATIONAL_ID:
            number, until = _fill(rng, NATIONAL_ID[country]), None
        else:
            continue
        docs.append(IdentityDocument(number, kind, country, issued, until))
    return docs
