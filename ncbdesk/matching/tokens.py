"""Name tokens: one distinct spelling, prepared once and cached."""

from __future__ import annotations

import itertools
import re
import weakref
from functools import lru_cache
from typing import Protocol

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
        "ascii", "bare", "coarse", "fine", "firsts", "grams", "group", "han", "initial", "keys",
        "latin", "orig", "serial", "skeleton", "vowelless",
    )  # fmt: skip

    def __init__(self, orig: str) -> None:
        ascii_ = to_ascii(orig)
        vowelless = is_vowelless_script(orig)
        fine = fine_key(ascii_)
        if vowelless:
            fine = arabic_fine(fine)
        coarse = coarse_key(fine, vowelless)
        # One Han character is a whole name (Xi), not an initial.
        initial = (
            len(orig.rstrip(".")) == 1 and bool(ascii_) and not script_of(orig).startswith("Han")
        )
        self._set(
            orig,
            ascii_,
            fine,
            coarse,
            # Consonant skeleton comparable with Arabic script.
            coarse if vowelless else arabic_skeleton(fine),
            vowelless,
            initial,
            group_of(fine) if not initial else -1,
        )

    @classmethod
    def stored(cls, fields: StoredForm) -> Form:
        """The form from fields computed earlier by :meth:`fields` (no transliteration)."""
        f = cls.__new__(cls)
        f._set(*fields)
        return f

    def fields(self) -> StoredForm:
        """What :meth:`stored` needs to make this form again."""
        return (
            self.orig, self.ascii, self.fine, self.coarse, self.skeleton, self.vowelless,
            self.initial, self.group,
        )  # fmt: skip

    def _set(
        self,
        orig: str,
        ascii_: str,
        fine: str,
        coarse: str,
        skeleton: str,
        vowelless: bool,
        initial: bool,
        group: int,
    ) -> None:
        self.orig = orig
        script = script_of(orig)
        self.han = script.startswith("Han")  # Chinese characters: compared as pinyin
        self.latin = not script  # Latin letters (or no letters at all)
        # Unique for the life of the process (an id() can be reused once a
        # form leaves the cache); the token-pair cache is keyed by it.
        self.serial = next(_SERIALS)
        self.keys: tuple[str, ...] | None = None  # index keys, filled by blocking.form_keys
        self.ascii = ascii_
        self.vowelless = vowelless
        self.fine = fine
        # The article glued on in Latin too (Alshami, Elmasry): the same
        # token without it, compared as well.
        self.bare: Form | None = None
        if not vowelless and len(ascii_) >= 6 and ascii_[:2] in ("al", "el"):
            self.bare = form(ascii_[2:])
        self.coarse = coarse
        self.initial = initial
        firsts = {x[:1] for x in (ascii_, fine) if x}
        if ascii_[:1] in ("y", "j", "i"):
            firsts.update("yjie")  # Я/Ю/Е/Й initials: Ya, Ia, Ja, Ye, E
        self.firsts = frozenset(firsts)
        self.group = group
        self.skeleton = skeleton
        # Letter pairs: two names sharing none cannot be one typo apart.
        self.grams = frozenset(fine[i : i + 2] for i in range(len(fine) - 1))

    def __repr__(self) -> str:
        return f"Form({self.orig!r}, fine={self.fine!r})"


# (orig, ascii, fine, coarse, skeleton, vowelless, initial, group)
StoredForm = tuple[str, str, str, str, str, bool, bool, int]


class FormSource(Protocol):
    """Forms computed before (a loaded index's table): ``None`` for a token it lacks."""

    def lookup(self, token: str) -> StoredForm | None: ...


# Sources consulted before computing a form. A form depends on its token alone
# (for one version of this code), so any source serves any caller; a source
# is held weakly and drops out when its index is gone. A tuple of references,
# not a WeakSet: iterating a WeakSet cost ~10 µs a form.
_sources: tuple[weakref.ref[FormSource], ...] = ()


def add_form_source(source: FormSource) -> None:
    """Let :func:`form` take stored forms from ``source`` (see :class:`FormSource`)."""
    global _sources
    _sources = (*(r for r in _sources if r() is not None), weakref.ref(source))


def form(token: str) -> Form:
    """The cached :class:`Form` of one token (truncated to a sane length)."""
    return _form(token[:MAX_TOKEN_CHARS])  # one form for every text it truncates to


# Forms kept: every token of a 1,000,000-person list (131,000 in the
# generated one of benchmarks/screening_data.py) and the queries' own.
FORM_CACHE = 500_000


@lru_cache(maxsize=FORM_CACHE)
def _form(token: str) -> Form:
    for ref in _sources:
        source = ref()
        fields = source.lookup(token) if source is not None else None
        if fields is not None:
            return Form.stored(fields)
    return Form(token)


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
