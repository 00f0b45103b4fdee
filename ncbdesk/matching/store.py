"""Subjects as compact JSON records in one byte array, readable through mmap."""

from __future__ import annotations

import json
from typing import Any

import orjson

from .model import NameInput, Subject


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


def decode(raw: bytes) -> Subject:
    """Inverse of :func:`encode`."""
    try:
        rec = orjson.loads(raw)
    except orjson.JSONDecodeError:
        rec = json.loads(raw.decode("utf-8", "surrogatepass"))
    return Subject(
        id=rec["i"],
        names=tuple(NameInput(*n) for n in rec["n"]),
        birth_dates=tuple(rec.get("b", ())),
        nationalities=tuple(rec.get("c", ())),
        sex=rec.get("s"),
        documents=tuple(rec.get("d", ())),
    )
