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

from .dates import PartialDate
from .scoring import Prepared
from .tokens import Form

# Relative weight of each key family in the retrieval vote (multiplies IDF).
# Exact spellings and full dates discriminate best; skeletons and years only
# widen the net. Set by hand, checked with benchmarks/screening_quality.py.
KEY_WEIGHT = {"f": 1.0, "c": 0.6, "s": 0.5, "g": 0.8, "d": 1.0, "y": 0.3, "n": 1.5}


def key_hash(key: str) -> int:
    """Stable 64-bit hash of a key (stable across processes, unlike ``hash``)."""
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest(), "little")


def form_keys(f: Form) -> Iterator[str]:
    """Keys of one name token."""
    if f.initial or not f.fine:
        return
    yield "f" + f.fine
    if not f.vowelless and f.coarse:
        yield "c" + f.coarse
    if f.skeleton:
        yield "s" + f.skeleton
    if f.group >= 0:
        yield f"g{f.group}"


def _date_key(y: int, m: int, d: int) -> str:
    return f"d{y:04d}{m:02d}{d:02d}"


def date_keys(d: PartialDate, query: bool) -> Iterator[str]:
    """A full date and its year; a query also probes swap and ±1 day."""
    y, m, day = d
    yield f"y{y}"
    if not (m and day):
        return
    yield _date_key(y, m, day)
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
    for d in p.dates:
        out.update(date_keys(d, query))
    for doc in p.documents:
        out.add("n" + doc)
    return out
