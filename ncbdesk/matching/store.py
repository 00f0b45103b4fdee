"""Subjects as compact JSON records in one byte array, readable through mmap."""

from __future__ import annotations

import json
from typing import Any

import orjson

from .model import NameInput, Subject
from .scoring import Prepared, prepare_fields


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
    try:
        return orjson.dumps(rec)  # fast path (a build encodes every record)
    except TypeError:  # lone surrogates: orjson refuses them, json can carry them
        return json.dumps(rec, ensure_ascii=False, separators=(",", ":")).encode(
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
