"""Text folding for "contains" searches: case-, accent- and script-blind.

A list filter must find "Нурбагандов" when an officer types "nurbagandov", so
the stored search text holds each name folded and transliterated to ASCII.
ICU's transliterator is built on first use, never at import.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import Any

_translit: Any = None


def _transliterator() -> Any:
    global _translit
    if _translit is None:
        import icu

        _translit = icu.Transliterator.createInstance("Any-Latin; Latin-ASCII")
    return _translit


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """Lower-case, strip accents; keep the script."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


@lru_cache(maxsize=200_000)
def to_ascii(text: str) -> str:
    """Fold and transliterate to plain lower-case ASCII ("Магомед" → "magomed")."""
    folded = fold(text)
    if folded.isascii():
        return folded
    # Lower-case first: ICU drops upper-case Georgian (DESIGN §4).
    latin = str(_transliterator().transliterate(folded))
    return " ".join("".join(c for c in latin.lower() if c.isalnum() or c == " ").split())


def search_text(names: list[str]) -> str:
    parts: list[str] = []
    for name in names:
        f = fold(name)
        parts.append(f)
        a = to_ascii(name)
        if a != f:
            parts.append(a)
    return " | ".join(dict.fromkeys(parts))
