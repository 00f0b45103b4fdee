"""One query's names against all its candidates' at once, compiled (name_kernels).

``names.best_name_match`` and ``names.compare_patronymics`` cost a query at
1,000,000 list persons about half a millisecond in Python, a third of its
time (benchmarks/screening_steps.py, 2026-11-30). This module lays the names
out as arrays, lets one compiled call align every candidate, and makes the
same :class:`~.names.NameResult` objects the Python would have made. A
candidate the kernels leave to the Python (see name_kernels) is ``None``.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .formcodes import CODES
from .keys import _CHEAP_TABLE, _VOWEL_TABLE
from .name_kernels import DONE, FALLBACK, KINDS, best_names, weight_array
from .names import (
    DISTANCE_LIMIT,
    EMPTY_RESULT,
    OPTIONAL_ROLES,
    SHORT_SKELETON,
    Name,
    NameResult,
    Pair,
    compare_patronymics,
)
from .tokens import MAX_NAME_TOKENS

_WEIGHTS = weight_array(DISTANCE_LIMIT, SHORT_SKELETON)

# What the Python makes instead: (name alignment, patronymic reason).
Aligned = tuple[NameResult, str]


def align_all(qs: tuple[Name, ...], candidates: Sequence[tuple[Name, ...]]) -> list[Aligned | None]:
    """For each candidate's writings, what best_name_match and compare_patronymics give.

    ``None`` where the Python must compute it (Han characters, keys that are
    not ASCII, a compound join).
    """
    n = len(candidates)
    if not n:
        return []
    writings = [*qs, *(name for names in candidates for name in names)]
    parts = [p for name in writings for p in name]
    slots, a = CODES.slots([p.form for p in parts])
    wptr = np.zeros(len(writings) + 1, np.int64)
    np.cumsum([len(name) for name in writings], out=wptr[1:])
    cptr = np.zeros(n + 1, np.int64)
    np.cumsum([len(names) for names in candidates], out=cptr[1:])
    cptr += len(qs)
    score = np.zeros(n, np.float64)
    status = np.zeros(n, np.int8)
    best_q = np.empty(n, np.int64)
    best_c = np.empty(n, np.int64)
    npairs = np.zeros(n, np.int64)
    pi = np.empty((n, MAX_NAME_TOKENS), np.int64)
    pj = np.empty((n, MAX_NAME_TOKENS), np.int64)
    psim = np.empty((n, MAX_NAME_TOKENS), np.float64)
    pkind = np.empty((n, MAX_NAME_TOKENS), np.int64)
    patronymic = np.zeros(n, np.bool_)
    best_names(
        a.blob, a.off, a.flags, a.group, a.firsts, a.bare, a.jadj, _WEIGHTS, _CHEAP_TABLE,
        _VOWEL_TABLE, np.array(slots, np.int64),
        np.array([p.role in OPTIONAL_ROLES for p in parts], np.bool_), wptr, len(qs), cptr,
        score, status, best_q, best_c, npairs, pi, pj, psim, pkind, patronymic,
    )  # fmt: skip
    out: list[Aligned | None] = []
    for k, names in enumerate(candidates):
        if status[k] != DONE:
            out.append(None)
            continue
        reason = compare_patronymics(qs, names) if patronymic[k] else ""
        b = int(best_q[k])
        if b < 0:
            out.append((EMPTY_RESULT, reason))
            continue
        qn, cn = qs[b], names[int(best_c[k])]
        m = int(npairs[k])
        ii, jj = pi[k, :m].tolist(), pj[k, :m].tolist()
        pairs = tuple(
            [
                Pair((qn[i],), (cn[j],), s, KINDS[kind])
                for i, j, s, kind in zip(
                    ii, jj, psim[k, :m].tolist(), pkind[k, :m].tolist(), strict=True
                )
            ]
        )
        un_q = tuple([p for i, p in enumerate(qn) if i not in ii]) if m < len(qn) else ()
        un_c = tuple([p for j, p in enumerate(cn) if j not in jj]) if m < len(cn) else ()
        out.append((NameResult(float(score[k]), pairs, un_q, un_c), reason))
    return out


__all__ = ["FALLBACK", "Aligned", "align_all"]
