"""The codes INTERPOL's public notice API writes, and what they mean to us.

The API (ws-public.interpol.int/notices/v1) writes countries as ISO 3166-1
alpha-2 codes, languages as three-letter ISO 639-2 codes and eye and hair
colours as three-letter codes of its own. The tables below are deliberately
small: the common codes only. A colour or language not in them is stored as the
code itself, never guessed.
"""

from __future__ import annotations

import re

from ncbdesk.domain.countries import clean_country
from ncbdesk.domain.notices import NoticeType
from ncbdesk.domain.persons import Sex

# Non-ISO country codes that travel with European data (EU style "UK", "EL").
# INTERPOL itself writes ISO codes; these cost nothing and save a rejected file.
COUNTRY_ALIASES: dict[str, str] = {"UK": "GB", "EL": "GR"}

SEX: dict[str, Sex] = {
    "M": Sex.MALE,
    "F": Sex.FEMALE,
    "U": Sex.UNKNOWN,
    "MALE": Sex.MALE,
    "FEMALE": Sex.FEMALE,
    "UNKNOWN": Sex.UNKNOWN,
}

EYE_COLOURS: dict[str, str] = {
    "BLA": "black",
    "BLU": "blue",
    "BRO": "brown",
    "GRE": "green",
    "GRY": "grey",
    "HAZ": "hazel",
}

HAIR_COLOURS: dict[str, str] = {
    "BLA": "black",
    "BRO": "brown",
    "BLO": "blond",
    "RED": "red",
    "GRY": "grey",
    "WHI": "white",
    "BAL": "bald",
}

LANGUAGES: dict[str, str] = {
    "ARA": "Arabic",
    "ARM": "Armenian",
    "HYE": "Armenian",
    "AVA": "Avar",
    "AZE": "Azerbaijani",
    "CHE": "Chechen",
    "CHI": "Chinese",
    "ZHO": "Chinese",
    "ENG": "English",
    "FAS": "Persian",
    "PER": "Persian",
    "FRA": "French",
    "FRE": "French",
    "DEU": "German",
    "GER": "German",
    "GEO": "Georgian",
    "KAT": "Georgian",
    "HEB": "Hebrew",
    "ITA": "Italian",
    "KAZ": "Kazakh",
    "KIR": "Kyrgyz",
    "POR": "Portuguese",
    "PUS": "Pashto",
    "RUS": "Russian",
    "SPA": "Spanish",
    "TGK": "Tajik",
    "TUK": "Turkmen",
    "TUR": "Turkish",
    "UKR": "Ukrainian",
    "URD": "Urdu",
    "UZB": "Uzbek",
}

# The public API serves these three families; the others are not public.
NOTICE_TYPES: dict[str, NoticeType] = {
    "red": NoticeType.RED,
    "yellow": NoticeType.YELLOW,
    "un": NoticeType.UN,
}

_LINK_TYPE = re.compile(r"/notices/v1/([A-Za-z]+)(?:/|$|\?)")


def country(code: str) -> str | None:
    """The ISO alpha-2 code INTERPOL's `code` stands for, or None if it is none."""
    raw = code.strip().upper()
    return clean_country(COUNTRY_ALIASES.get(raw, raw))


def notice_type_of(word: str) -> NoticeType | None:
    return NOTICE_TYPES.get(word.strip().lower())


def link_type(href: str) -> str | None:
    """The notice family a link names ("red" in …/notices/v1/red/2019-12345), lower-case."""
    m = _LINK_TYPE.search(href)
    return m.group(1).lower() if m else None


def describe(codes: list[str], table: dict[str, str]) -> str:
    """Codes as words, in order, without repeats; unknown codes kept as given."""
    words = [table.get(c.strip().upper(), c.strip().upper()) for c in codes if c.strip()]
    return ", ".join(dict.fromkeys(words))
