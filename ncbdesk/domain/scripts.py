"""Which writing system a name is written in, and which way it runs."""

from __future__ import annotations

import unicodedata
from enum import StrEnum


class Script(StrEnum):
    LATIN = "latin"
    CYRILLIC = "cyrillic"
    ARABIC = "arabic"
    HAN = "han"
    GEORGIAN = "georgian"
    ARMENIAN = "armenian"
    GREEK = "greek"
    HEBREW = "hebrew"
    OTHER = "other"


# Unicode character names start with the script's name ("CYRILLIC SMALL LETTER
# A", "CJK UNIFIED IDEOGRAPH-738B"); that is enough to classify a name without
# a script database.
_PREFIXES: tuple[tuple[str, Script], ...] = (
    ("LATIN", Script.LATIN),
    ("CYRILLIC", Script.CYRILLIC),
    ("ARABIC", Script.ARABIC),
    ("CJK", Script.HAN),
    ("GEORGIAN", Script.GEORGIAN),
    ("ARMENIAN", Script.ARMENIAN),
    ("GREEK", Script.GREEK),
    ("HEBREW", Script.HEBREW),
)

RTL_SCRIPTS = frozenset({Script.ARABIC, Script.HEBREW})


def detect_script(text: str) -> Script:
    """The script of most letters in `text`; OTHER when there are none we know."""
    counts: dict[Script, int] = {}
    for ch in text:
        if not ch.isalpha():
            continue
        name = unicodedata.name(ch, "")
        for prefix, script in _PREFIXES:
            if name.startswith(prefix):
                counts[script] = counts.get(script, 0) + 1
                break
        else:
            counts[Script.OTHER] = counts.get(Script.OTHER, 0) + 1
    if not counts:
        return Script.OTHER
    return max(counts.items(), key=lambda kv: kv[1])[0]


def direction(script: Script) -> str:
    """HTML `dir` value for text in this script."""
    return "rtl" if script in RTL_SCRIPTS else "ltr"
