"""Subjects as compact JSON records in one byte array, readable through mmap.

Two records per subject: the subject as given (to rebuild or return it) and
the subject as the scorer prepared it (tokens with their roles, parsed dates,
cleaned codes), so that a query does not parse a candidate's names again:
at 1,000,000 list persons most candidates of a query are rows this process
has not prepared yet (~30 µs each to parse, ~10 µs to read back).
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

import orjson

from .model import NameInput, Subject
from .names import ROLES, Part, father_parts, make_part
from .scoring import Prepared, prepare_fields
from .tokens import form


def _texts(values: Any) -> list[str]:
    # The engine ignores non-text values anyway; dropping them here keeps the
    # store encodable whatever a caller passes.
    return [x for x in tuple(values or ()) if isinstance(x, str)]


def encode(s: Subject) -> bytes:
    """One subject as UTF-8 JSON (names as 5-field lists)."""
    rec: dict[str, Any] = {
        "i": str(s.id),
        "n": [
            [
                x if isinstance(x, str) else ""
                for x in (n.full, n.given, n.family, n.patronymic, n.middle)
            ]
            for n in tuple(s.names or ())
            if isinstance(n, NameInput)
        ],
    }
    for field, values in (("b", s.birth_dates), ("c", s.nationalities), ("d", s.documents)):
        texts = _texts(values)
        if texts:
            rec[field] = texts
    if isinstance(s.sex, str) and s.sex:
        rec["s"] = s.sex
    return _dumps(rec)


def _dumps(value: Any) -> bytes:
    try:
        return orjson.dumps(value)  # fast path (a build encodes every record)
    except TypeError:  # lone surrogates: orjson refuses them, json can carry them
        return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode(
            "utf-8", "surrogatepass"
        )


def _load(raw: bytes) -> Any:
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError:
        return json.loads(raw.decode("utf-8", "surrogatepass"))


def prepare_record(raw: bytes) -> Prepared:
    """The prepared subject of one record, without building the Subject first."""
    rec = _load(raw)
    return prepare_fields(
        rec["i"], rec["n"], rec.get("b", ()), rec.get("c", ()), rec.get("s"), rec.get("d", ())
    )


def decode(raw: bytes) -> Subject:
    """Inverse of :func:`encode`."""
    rec = _load(raw)
    return Subject(
        id=rec["i"],
        names=tuple(NameInput(*n) for n in rec["n"]),
        birth_dates=tuple(rec.get("b", ())),
        nationalities=tuple(rec.get("c", ())),
        sex=rec.get("s"),
        documents=tuple(rec.get("d", ())),
    )


def encode_prepared(p: Prepared) -> bytes:
    """A prepared subject as JSON: each writing as [token, role number] pairs."""
    return _dumps(
        [
            p.id,
            [[[part.form.orig, ROLES.index(part.role)] for part in name] for name in p.names],
            p.dates,
            sorted(p.nationalities),
            p.sex,
            sorted(p.documents),
        ]
    )


@lru_cache(maxsize=500_000)
def _stored_part(token: str, role: int) -> Part:
    """The part of a stored [token, role number] pair (one cache lookup, not two)."""
    return make_part(form(token), ROLES[role])


def decode_prepared(raw: bytes) -> Prepared:
    """Inverse of :func:`encode_prepared` (parts made again from the tokens' forms)."""
    sid, names, dates, nationalities, sex, documents = _load(raw)
    parsed = tuple([tuple([_stored_part(tok, role) for tok, role in name]) for name in names])
    return Prepared(
        sid,
        parsed,
        tuple([(y, m, d) for y, m, d in dates]),
        frozenset(nationalities),
        sex,
        frozenset(documents),
        father_parts(parsed),
    )
