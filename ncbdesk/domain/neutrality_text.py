"""Text folding and pattern compilation for the Article 3 screening.

Matching runs on a *folded* copy of each field: case-folded, ``ё`` → ``е``,
Latin accents and Arabic diacritics removed, every non-alphanumeric
character turned into a space and runs of spaces collapsed.  The folded
text keeps a map back to the original characters, so evidence is quoted as
the requester wrote it.

Rule patterns are regular expressions over folded text with two shorthands,
so stems read like stems:

* ``*`` at the end of a word is ``\\w*`` (``дезертир*`` matches
  ``дезертирство``, ``дезертира`` …);
* `` ~ `` is a gap of up to three whole words (``insult* ~ president``
  matches "insulting the incumbent president").

Patterns are folded the same way as the text, so they may be written with
or without accents, and are compiled on first use, not at import.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

_GAP = r" (?:\w+ ){0,3}"

# Letters folded beyond casefold(): Russian ё, Turkish dotless i, Arabic
# letter variants that spelling treats as interchangeable.
_LETTERS = str.maketrans(
    {
        "ё": "е",
        "ı": "i",
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ى": "ي",
        "ة": "ه",
        "ـ": "",  # tatweel
    }
)


@cache
def _fold_char(ch: str) -> str:
    """Fold one character: casefold, strip accents of Latin letters only.

    Cyrillic is not decomposed (``й`` must stay ``й``); Arabic and Latin
    combining marks are dropped.
    """
    folded = ch.casefold().translate(_LETTERS)
    out = []
    for c in folded:
        if "\u0300" <= c <= "\u036f" or "\u064b" <= c <= "\u065f" or c == "\u0670":
            continue  # combining accent or Arabic short vowel
        if c.isascii() or not ("\u00c0" <= c <= "\u024f"):
            out.append(c)
            continue
        base = "".join(d for d in unicodedata.normalize("NFKD", c) if not unicodedata.combining(d))
        out.append(base or c)
    return "".join(out)


def fold_keep_punctuation(text: str) -> str:
    """Fold letters but keep punctuation (article numbers such as ``280.3``)."""
    return "".join(_fold_char(c) for c in text)


@dataclass(frozen=True)
class Folded:
    """Folded text plus, for each of its characters, the index in the original."""

    original: str
    text: str
    origin: tuple[int, ...]

    def quote(self, start: int, end: int) -> str:
        """The original words behind ``text[start:end]``."""
        if start >= end:
            return ""
        return self.original[self.origin[start] : self.origin[end - 1] + 1].strip()

    def words_before(self, start: int, count: int) -> list[str]:
        return self.text[:start].split()[-count:]


def fold(text: str) -> Folded:
    chars: list[str] = []
    origin: list[int] = []
    for index, ch in enumerate(text):
        for c in _fold_char(ch):
            if not c.isalnum():
                c = " "
            if c == " " and (not chars or chars[-1] == " "):
                continue
            chars.append(c)
            origin.append(index)
    if chars and chars[-1] == " ":
        chars.pop()
        origin.pop()
    return Folded(text, "".join(chars), tuple(origin))


def expand(pattern: str) -> str:
    """Turn the rule shorthand into a regular expression over folded text."""
    folded = "".join(_fold_char(c) if c.isalpha() else c for c in pattern)
    return folded.replace(" ~ ", _GAP).replace("*", r"\w*")


@cache
def compile_patterns(patterns: tuple[str, ...]) -> re.Pattern[str] | None:
    """One whole-word regex for a tuple of rule patterns (cached, so lazy)."""
    if not patterns:
        return None
    body = "|".join(f"(?:{expand(p)})" for p in patterns)
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)")
