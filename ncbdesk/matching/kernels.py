"""Compiled inner loops of the index (numba): the retrieval vote.

Retrieval adds each query key's weight to every row on its posting list and
keeps the rows with the most votes. At 1,000,000 list persons a query reads
about 50,000 postings (benchmarks/screening_speed.py, 2026-11-30); numpy did
that in several passes over temporary arrays (~830 µs a query), one compiled
loop reads each posting once.

Compiled on first use and cached beside this file (``cache=True``), so a
server pays the compilation once per installation, not once per process.
"""

from __future__ import annotations

import numpy as np
from numba import njit


@njit(cache=True, nogil=True)
def top_voted(  # type: ignore[no-untyped-def]  # numba: signature from the arrays
    key_ptr, postings, key_pos, key_weight, acc, dead, touched, best_rows, best_votes
):
    """Sum the weights of ``key_pos``'s posting lists per row; keep the best rows.

    ``acc`` is a zeroed float32 array with one slot per row; it is zero again
    on return. ``touched`` must hold the total length of the lists. The best
    rows (most votes first, then lowest row, so the result does not depend on
    the order of the keys) are written to ``best_rows``/``best_votes``, as
    many as those arrays hold; rows marked ``dead`` are skipped. Returns how
    many were written. Every weight must be > 0 (a zero slot means untouched).
    """
    n_touched = 0
    for i in range(len(key_pos)):
        p = key_pos[i]
        w = key_weight[i]
        for j in range(key_ptr[p], key_ptr[p + 1]):
            r = postings[j]
            if acc[r] == 0.0:
                touched[n_touched] = r
                n_touched += 1
            acc[r] += w
    limit = len(best_rows)
    k = 0
    worst = 0  # slot of the weakest kept row once ``limit`` are kept
    for t in range(n_touched):
        r = touched[t]
        if dead[r]:
            continue
        v = acc[r]
        if k < limit:
            best_rows[k] = r
            best_votes[k] = v
            k += 1
        elif v > best_votes[worst] or (v == best_votes[worst] and r < best_rows[worst]):
            best_rows[worst] = r
            best_votes[worst] = v
        else:
            continue
        if k == limit:
            worst = 0
            for s in range(1, limit):
                if best_votes[s] < best_votes[worst] or (
                    best_votes[s] == best_votes[worst] and best_rows[s] > best_rows[worst]
                ):
                    worst = s
    for t in range(n_touched):
        acc[touched[t]] = 0.0
    # Insertion sort of at most ``limit`` (a few dozen) rows.
    for a in range(1, k):
        r = best_rows[a]
        v = best_votes[a]
        b = a - 1
        while b >= 0 and (best_votes[b] < v or (best_votes[b] == v and best_rows[b] > r)):
            best_rows[b + 1] = best_rows[b]
            best_votes[b + 1] = best_votes[b]
            b -= 1
        best_rows[b + 1] = r
        best_votes[b + 1] = v
    return k


def warm_up() -> None:
    """Compile (or load from the cache) the kernels for the index's dtypes."""
    top_voted(
        np.zeros(2, np.int64),
        np.zeros(1, np.int32),
        np.zeros(1, np.int64),
        np.ones(1, np.float32),
        np.zeros(1, np.float32),
        np.zeros(1, np.bool_),
        np.zeros(1, np.int32),
        np.zeros(1, np.int64),
        np.zeros(1, np.float32),
    )
