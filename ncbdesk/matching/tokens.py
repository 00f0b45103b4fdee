"""Name tokens: one distinct spelling, prepared once and cached."""

from __future__ import annotations

import itertools
import re
from functools import lru_cache

from .equivalents import group_of
from .keys import arabic_fine, arabic_skeleton, coarse_key, fine_key
from .translit import MAX_TOKEN_CHARS, is_vowelless_script, script_of, to_ascii

# Name particles that carry no identity (articles, "son of", nobiliary
# prepositions). Their presence or absence is a spelling habit of the sender.
PARTICLES = frozenset(
    {
        "al", "el", "ul", "ad", "ar", "as", "ash", "at", "az", "an",
        "bin", "ibn", "ben", "bint", "binti", "bte", "ould",
        "von", "van", "der", "den", "de", "da", "di", "du", "del", "la", "le", "dos", "das",
    }
)  # fmt: skip
# After these, the next token names the father: optional like a patronymic.
FATHER_MARKERS = frozenset({"bin", "ibn", "ben", "ould", "bint", "binti"})
# The same particles in Arabic script (بن ابن بنت; ال written apart; أبو is a
# kunya and stays), compared on the original token.
ARABIC_PARTICLES = frozenset({"بن", "ابن", "بنت", "ال"})
ARABIC_FATHER_MARKERS = frozenset({"بن", "ابن", "بنت"})

# Patronymic endings after ``fine_key``: Russian -ovich/-evna/-ichna, Turkic
# ogly/kyzy/uly/qizi (Azerbaijani, Kazakh, Uzbek).
_PATRONYMIC = re.compile(r"(oviC|eviC|ovna|evna|iCna|ogli|oglu|kizi|uli|ulu)$")

MAX_NAME_TOKENS = 8
MAX_FIELD_CHARS = 256
_SPLIT = re.compile(r"[\s,;:/\\|()\[\]{}<>.\-‐‑–—_+=*&#\"“”«»0-9]+")


_SERIALS = itertools.count(1)
SERIAL_BITS = 40  # a pair of serials packed in one int: (a << SERIAL_BITS) | b


class Form:
    """Everything the engine needs about one distinct token spelling."""

    __slots__ = (
        "ascii", "bare", "coarse", "fine", "firsts", "grams", "group", "initial", "keys", "orig",
        "serial", "skeleton", "vowelless",
    )  # fmt: skip

    def __init__(self, orig: str) -> None:
        self.orig = orig
        # Unique for the life of the process (an id() can be reused once a
        # form leaves the cache); the token-pair cache is keyed by it.
        self.serial = next(_SERIALS)
        self.keys: tuple[str, ...] | None = None  # index keys, filled by blocking.form_keys
        self.ascii = to_ascii(orig)
        self.vowelless = is_vowelless_script(orig)
        fine = fine_key(self.ascii)
        if self.vowelless:
            fine = arabic_fine(fine)
        self.fine = fine
        # The article glued on in Latin too (Alshami, Elmasry): the same
        # token without it, compared as well.
        a = self.ascii
        self.bare: Form | None = None
        if not self.vowelless and len(a) >= 6 and a[:2] in ("al", "el"):
            self.bare = form(a[2:])
        self.coarse = coarse_key(fine, self.vowelless)
        # One Han character is a whole name (Xi), not an initial.
        self.initial = (
            len(orig.rstrip(".")) == 1
            and bool(self.ascii)
            and not script_of(orig).startswith("Han")
        )
        firsts = {x[:1] for x in (self.ascii, fine) if x}
        if self.ascii[:1] in ("y", "j", "i"):
            firsts.update("yjie")  # Я/Ю/Е/Й initials: Ya, Ia, Ja, Ye, E
        self.firsts = frozenset(firsts)
        self.group = group_of(fine) if not self.initial else -1
        # Consonant skeleton comparable with Arabic script.
        self.skeleton = self.coarse if self.vowelless else arabic_skeleton(fine)
        # Letter pairs: two names sharing none cannot be one typo apart.
        self.grams = frozenset(fine[i : i + 2] for i in range(len(fine) - 1))

    def __repr__(self) -> str:
        return f"Form({self.orig!r}, fine={self.fine!r})"


@lru_cache(maxsize=500_000)
def form(token: str) -> Form:
    """The cached :class:`Form` of one token (truncated to a sane length)."""
    return Form(token[:MAX_TOKEN_CHARS])


def concat(a: Form, b: Form) -> Form:
    """The form of two adjacent tokens written as one (Abdul Rahman / Abdulrahman)."""
    return form(a.orig + b.orig) if a.vowelless == b.vowelless else form(a.ascii + b.ascii)


def is_particle(f: Form) -> bool:
    """Articles and "son of" words carry no identity."""
    return f.ascii in PARTICLES or f.orig in ARABIC_PARTICLES


def is_father_marker(f: Form) -> bool:
    """ "bin", "ibn", "بن": the next token names the father."""
    return f.ascii in FATHER_MARKERS or f.orig in ARABIC_FATHER_MARKERS


def is_patronymic(f: Form) -> bool:
    """True if the token ends like a patronymic (Ivanovich, Aliyevna, Ali ogly)."""
    return len(f.fine) > 5 and _PATRONYMIC.search(f.fine) is not None


def split_field(text: str) -> list[str]:
    """Raw tokens of one name field; never more than ``MAX_NAME_TOKENS``."""
    if not text:
        return []
    parts = [p for p in _SPLIT.split(text[:MAX_FIELD_CHARS]) if p]
    return parts[: MAX_NAME_TOKENS * 2]
