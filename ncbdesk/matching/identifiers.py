"""Nationality, sex and document numbers: cleaning and comparison."""

from __future__ import annotations

import re
from functools import lru_cache

from . import weights as W

_NOT_ALNUM = re.compile(r"[^0-9A-Z]")


def clean_document(number: str) -> str:
    """Upper-case letters and digits only: "45 07 123-456" -> "4507123456"."""
    if not isinstance(number, str):
        return ""
    return _NOT_ALNUM.sub("", number[:64].upper())


def clean_country(code: str) -> str:
    """ISO 3166-1 alpha-2 upper case, or "" if it does not look like one."""
    if not isinstance(code, str):
        return ""
    c = code.strip().upper()
    return c if len(c) == 2 and c.isascii() and c.isalpha() else ""


def clean_sex(value: str | None) -> str:
    """ "male" / "female" / "" for anything else."""
    if not isinstance(value, str):
        return ""
    v = value.strip().lower()
    if v in ("male", "m"):
        return "male"
    if v in ("female", "f"):
        return "female"
    return ""


@lru_cache(maxsize=8192)
def compare_countries(qs: frozenset[str], cs: frozenset[str]) -> tuple[float, str]:
    """Shared nationality supports; disjoint ones weakly contradict.

    Cached: a list holds few distinct sets of nationalities, and the reason
    was written anew for every candidate compared.
    """
    if not qs or not cs:
        return 0.0, ""
    shared = qs & cs
    if shared:
        return W.NATIONALITY_SHARED, f"nationality {', '.join(sorted(shared))} shared"
    return (
        W.NATIONALITY_DIFFERENT,
        f"nationality differs ({', '.join(sorted(qs))} vs {', '.join(sorted(cs))})",
    )


def compare_sex(q: str, c: str) -> tuple[float, str]:
    """Different recorded sex contradicts; the same says almost nothing."""
    if q and c and q != c:
        return W.SEX_DIFFERENT, f"sex differs ({q} vs {c})"
    return 0.0, ""


def compare_documents(
    qs: frozenset[str], cs: frozenset[str], name_score: float
) -> tuple[float, str]:
    """A shared number is strong evidence, but never a hit on its own.

    A different number says nothing: people hold several passports.
    """
    shared = qs & cs
    if not shared:
        return 0.0, ""
    number = sorted(shared)[0]
    if name_score >= W.DOCUMENT_NAME_FLOOR:
        return W.DOCUMENT_SAME, f"document number {number} identical"
    return W.DOCUMENT_SAME_WEAK, f"document number {number} identical, but the names differ"
