"""Index keys: which cheap keys a subject is filed under, and a query looks up.

Candidate retrieval only — the scorer decides. Keys are deliberately lossy so
spellings meet (a consonant skeleton lets محمد meet Muhammad); their weight in
the retrieval vote is their inverse document frequency, so common keys cost
time but never recall (DESIGN §4: capping common keys lost the top match).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator
from functools import lru_cache

from .dates import PartialDate
from .equivalents import group_of
from .keys import fine_key
from .names import Name
from .scoring import Prepared
from .tokens import Form, form
from .translit import stripped

# Relative weight of each key family in the retrieval vote (multiplies IDF).
# The skeleton is the one key every spelling and script of a token shares, so
# it carries the vote; exact spellings only break ties — otherwise a record
# matching two tokens in the same script outvotes the right record matching
# all three across scripts. Checked with benchmarks/screening_quality.py
# (seed 7, 2026-11-30): with f=1.0/s=0.5 cross-script recall fell by 0.1.
KEY_WEIGHT = {"f": 0.3, "s": 1.0, "g": 0.5, "d": 2.0, "y": 1.0, "n": 1.5, "t": 1.0, "w": 1.0}
# Date keys only add to rows a name or document key found (kernels.top_voted).
SECONDARY_KEYS = frozenset("dty")
# Dates rank the rows the names found; they do not find rows themselves: a
# person born on the query's date but named otherwise can never alert (a name
# must carry most of an alert), yet at 1,000,000 list persons ~45 strangers
# share each birth date, and their date votes outvoted the right person with
# one mistyped digit and a common name: counting where the expected person
# ranks among retrieved rows (benchmarks/screening_data seed 7, 5,000
# positives at 1,000,000; 2026-11-30), 281 fell below the 15 rows scored,
# 78 of them dob_typo. With dates only ranking name-found rows, 181; with
# the date weights then doubled (d 1.0 -> 2.0, t 0.5 -> 1.0, y 0.3 -> 1.0:
# among namesakes the date is what tells the person apart), 116.
# benchmarks/screening_quality.py --seed 7 (20,000): recall 0.9878 -> 0.9890.
# Lowering the date weights instead (d 0.25, t 0.12) cost recall at 20,000
# (ar_latin_to_script 0.88), where the date picks the person among weak
# cross-script name matches.
# "w" keys (a whole name, see name_key) are filed but never probed: their
# weight is never read.
# "t" keys are a full date with one part left out (month-day, year-month,
# year-day): a date with one mistyped digit still shares one of them, so the
# right person outvotes the namesakes that share only the name. Added after
# benchmarks/screening_quality.py (seeds 7 and 11, 2026-11-30) showed most
# birth-date-typo misses were never retrieved (score 0, namesakes filled the
# rescored rows); weighted below the name keys so a date never outvotes a name.


# First parts of Arabic compound names (Abd al-..., Abu ...), after fine_key.
COMPOUND_HEADS = frozenset({"abd", "abu", "bu", "ubaid", "nur", "nasr", "saif", "seif"})
# The same heads in Arabic script, as its spelling key writes them (عبد ابو أبو
# بو نور نصر سيف عبيد): Arabic-script tokens are short, so they cannot rely on
# the short-syllable rule below.
ARABIC_COMPOUND_HEADS = frozenset({"bd", "abv", "bv", "nvr", "nsr", "sif", "bid"})


def key_hash(key: str) -> int:
    """Stable 64-bit hash of a key (stable across processes, unlike ``hash``)."""
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest(), "little")


def form_keys(f: Form) -> tuple[str, ...]:
    """Keys of one name token (computed once per distinct token)."""
    if f.keys is None:
        f.keys = tuple(_form_keys(f))
    return f.keys


def _form_keys(f: Form) -> Iterator[str]:
    if f.initial or not f.fine:
        return
    yield "f" + f.fine
    if f.bare is not None:
        yield "f" + f.bare.fine
        yield "s" + f.bare.skeleton
    if f.skeleton:
        yield "s" + f.skeleton
    if f.group >= 0:
        yield f"g{f.group}"
    # Romanised with the letters' own sounds, Elçin is elchin and Şükrü
    # shukru; written without the marks they are Elcin and Sukru, which share
    # no key with them. Both spellings are filed and probed. Added after
    # diacritics_stripped queries were crowded out of the rescored rows by
    # namesakes at 1,000,000 list persons (30 of 157, 2026-11-30).
    plain = stripped(f.orig) if f.latin else ""
    if plain:
        g = form(plain)
        if g.fine != f.fine:
            yield "f" + g.fine
        if g.skeleton and g.skeleton != f.skeleton:
            yield "s" + g.skeleton


@lru_cache(maxsize=200_000)
def joined_keys(a: Form, b: Form) -> tuple[str, ...]:
    """Keys of two adjacent tokens written as one word.

    Cached (forms are interned, so the key is the pair of tokens): a query
    probes every adjacent pair of its names, and the spelling key of the
    joined word costs ~5 µs of regular expressions.
    """
    if a.initial or b.initial or not a.fine or not b.fine:
        return ()
    fine = fine_key(a.ascii + b.ascii)
    group = group_of(fine)
    return ("f" + fine, "s" + a.skeleton + b.skeleton) + ((f"g{group}",) if group >= 0 else ())


def name_key(name: Name) -> str | None:
    """The whole name as one key: its main parts' spelling keys in any order.

    Filed for list records only, never probed by a query: the length of its
    list is how many list records carry that name (their namesakes), which
    the scorer weighs (a shared common name is weaker evidence).
    Patronymics, middle names and initials are left out; a one-part name
    has no such key.
    """
    fines = sorted(p.form.fine for p in name if not p.optional and p.form.fine)
    return "w" + " ".join(fines) if len(fines) >= 2 else None


def _date_key(y: int, m: int, d: int) -> str:
    return f"d{y:04d}{m:02d}{d:02d}"


def date_keys(d: PartialDate, query: bool) -> Iterator[str]:
    """A full date, its year and its one-part-missing forms; a query also probes swap and ±1 day.

    A query with a full date does not probe the year: at a million records a
    year has ~20,000 postings, and the name keys already find the person.
    """
    y, m, day = d
    if not (m and day):
        yield f"y{y}"
        return
    if not query:
        yield f"y{y}"
    yield _date_key(y, m, day)
    yield f"t{m:02d}{day:02d}"
    yield f"t{y:04d}{m:02d}"
    yield f"t{y:04d}--{day:02d}"
    if not query:
        return
    if day <= 12 and day != m:
        yield _date_key(y, day, m)
    base = dt.date(y, m, day)
    for delta in (-1, 1):
        try:
            o = base + dt.timedelta(days=delta)
        except OverflowError:
            continue
        yield _date_key(o.year, o.month, o.day)


def subject_keys(p: Prepared, query: bool = False) -> set[str]:
    """All keys of a prepared subject (deduplicated)."""
    out: set[str] = set()
    for name in p.names:
        for part in name:
            out.update(form_keys(part.form))
        # Compounds written apart on one side and together on the other
        # (Abdul Rahman / Abdulrahman): a query probes every joined pair; the
        # list files joined forms only where compounds occur (a compound head
        # such as Abd/Abu, or two short syllables as in Chinese given names),
        # which keeps the build fast and the index small. Not every pair of
        # short Arabic-script tokens (خديجة حمزة is no compound): their joined
        # keys gave a same-script namesake votes a Latin-only record of the
        # person cannot get, and at 1,000,000 list persons such namesakes
        # crowded the person out: positives below the 15 rows scored 116 ->
        # 92 (ar_latin_to_script 24 -> 11; /tmp rank check, benchmarks/
        # screening_data seed 7, 5,000 positives, 2026-11-30);
        # benchmarks/screening_quality.py --seed 7: recall 0.9868 -> 0.9880.
        for i in range(min(len(name), 4) - 1):
            a, b = name[i].form, name[i + 1].form
            if (
                query
                or a.fine in COMPOUND_HEADS
                or (a.vowelless and a.fine in ARABIC_COMPOUND_HEADS)
                or (not a.vowelless and len(a.fine) <= 4 and len(b.fine) <= 4)
            ):
                out.update(joined_keys(a, b))
        if not query:
            whole = name_key(name)
            if whole is not None:
                out.add(whole)
    for d in p.dates:
        out.update(date_keys(d, query))
    for doc in p.documents:
        out.add("n" + doc)
    return out
