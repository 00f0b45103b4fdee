"""Subjects as compact JSON records in one byte array, readable through mmap."""

from __future__ import annotations

import json
from typing import Any

from .model import NameInput, Subject


def encode(s: Subject) -> bytes:
    """One subject as UTF-8 JSON (names as 5-field lists)."""
    rec: dict[str, Any] = {
        "i": str(s.id),
        "n": [
            [n.full, n.given, n.family, n.patronymic, n.middle]
            for n in s.names
            if isinstance(n, NameInput)
        ],
    }
    if s.birth_dates:
        rec["b"] = [str(x) for x in s.birth_dates]
    if s.nationalities:
        rec["c"] = [str(x) for x in s.nationalities]
    if s.sex:
        rec["s"] = str(s.sex)
    if s.documents:
        rec["d"] = [str(x) for x in s.documents]
    return json.dumps(rec, ensure_ascii=False, separators=(",", ":")).encode(
        "utf-8", "surrogatepass"
    )


def decode(raw: bytes) -> Subject:
    """Inverse of :func:`encode`."""
    rec = json.loads(raw.decode("utf-8", "surrogatepass"))
    return Subject(
        id=rec["i"],
        names=tuple(NameInput(*n) for n in rec["n"]),
        birth_dates=tuple(rec.get("b", ())),
        nationalities=tuple(rec.get("c", ())),
        sex=rec.get("s"),
        documents=tuple(rec.get("d", ())),
    )
