"""Compiled inner loops (numba): the retrieval vote and the weighted spelling distance.

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
def _count(key_ptr, postings, key_pos, key_weight, first, last, acc, touched, n_touched):  # type: ignore[no-untyped-def]
    """Add lists ``first..last-1`` to ``acc``; rows voted for the first time go to ``touched``."""
    for i in range(first, last):
        p = key_pos[i]
        w = key_weight[i]
        for j in range(key_ptr[p], key_ptr[p + 1]):
            r = postings[j]
            # Branch-free: whether a row is new is unpredictable.
            v = acc[r]
            touched[n_touched] = r
            n_touched += v == 0.0
            acc[r] = v + w
    return n_touched


@njit(cache=True, nogil=True)
def _best(rows, n, acc, marks, dead, best_rows, best_votes):  # type: ignore[no-untyped-def]
    """The rows with the most votes among ``rows[:n]``, most first, then lowest row.

    Clears their votes and marks on the way (one pass over rows scattered
    through ``acc``, not two). An empty ``dead`` means no row is dead (the
    common case: a 1 MB array less to jump around in).
    """
    limit = len(best_rows)
    any_dead = len(dead) > 0
    k = 0
    worst = 0  # slot of the weakest kept row once ``limit`` are kept
    for t in range(n):
        r = rows[t]
        v = acc[r]
        acc[r] = 0.0
        marks[r >> 6] = 0
        if (any_dead and dead[r]) or v == 0.0:
            continue
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


@njit(cache=True, nogil=True)
def _add_marked(key_ptr, postings, key_pos, key_weight, first, last, acc, marks):  # type: ignore[no-untyped-def]
    """Add lists ``first..last-1`` to marked rows only; return their summed weight.

    The marks are a bitmap (1,000,000 rows: 125 KB, stays in the CPU cache):
    the lists are read in order and only a marked row's slot in ``acc``
    (4 MB, jumped around in) is touched.
    """
    weight = 0.0
    for i in range(first, last):
        p = key_pos[i]
        w = key_weight[i]
        weight += w
        for j in range(key_ptr[p], key_ptr[p + 1]):
            r = postings[j]
            if (marks[r >> 6] >> np.uint64(r & 63)) & np.uint64(1):
                acc[r] += w
    return weight


@njit(cache=True, nogil=True)
def _add_found(key_ptr, postings, key_pos, key_weight, first, last, acc, marks):  # type: ignore[no-untyped-def]
    """Add lists ``first..last-1`` to marked rows that already have votes."""
    for i in range(first, last):
        p = key_pos[i]
        w = key_weight[i]
        for j in range(key_ptr[p], key_ptr[p + 1]):
            r = postings[j]
            if (marks[r >> 6] >> np.uint64(r & 63)) & np.uint64(1) and acc[r] > 0.0:
                acc[r] += w


@njit(cache=True, nogil=True)
def _mark_new(key_ptr, postings, key_pos, first, last, marks, touched, n):  # type: ignore[no-untyped-def]
    """Mark the rows of lists ``first..last-1``; append the newly marked to ``touched``."""
    for i in range(first, last):
        p = key_pos[i]
        for j in range(key_ptr[p], key_ptr[p + 1]):
            r = postings[j]
            word = r >> 6
            bit = np.uint64(1) << np.uint64(r & 63)
            if not marks[word] & bit:
                marks[word] |= bit
                touched[n] = r
                n += 1
    return n


@njit(cache=True, nogil=True)
def _mark(touched, n, marks):  # type: ignore[no-untyped-def]
    for t in range(n):
        r = touched[t]
        marks[r >> 6] |= np.uint64(1) << np.uint64(r & 63)


@njit(cache=True, nogil=True)
def lookup_keys(key_hashes, key_ptr, key_weights, query_hashes, secondary, pos, weights):  # type: ignore[no-untyped-def]
    """Find the query's keys in the sorted ``key_hashes``, in the order :func:`top_voted` takes.

    Writes the found keys' positions and weights to ``pos``/``weights``
    (each as long as ``query_hashes``): primary keys shortest list first,
    then the ``secondary`` ones, shortest first. Returns how many keys were
    found, how many of them are primary, and the total length of their lists.
    The query's hashes must be distinct and every key weight > 0 (while
    sorting, a secondary key's weight is kept negated as its mark).
    """
    n_keys = len(key_hashes)
    n = 0
    for i in range(len(query_hashes)):
        h = query_hashes[i]
        lo = 0
        hi = n_keys
        while lo < hi:  # first hash >= h
            mid = (lo + hi) >> 1
            if key_hashes[mid] < h:
                lo = mid + 1
            else:
                hi = mid
        if lo == n_keys or key_hashes[lo] != h:
            continue
        # Insertion sort by (secondary, list length, position): a query has
        # a few dozen keys.
        sec = secondary[i]
        length = key_ptr[lo + 1] - key_ptr[lo]
        j = n
        while j > 0:
            p = pos[j - 1]
            psec = weights[j - 1] < 0.0  # marked below while sorting
            plen = key_ptr[p + 1] - key_ptr[p]
            if psec > sec or (psec == sec and (plen > length or (plen == length and p > lo))):
                pos[j] = p
                weights[j] = weights[j - 1]
                j -= 1
            else:
                break
        pos[j] = lo
        weights[j] = -key_weights[lo] if sec else key_weights[lo]
        n += 1
    n_primary = 0
    total = 0
    for j in range(n):
        if weights[j] < 0.0:
            weights[j] = -weights[j]
        else:
            n_primary += 1
        total += key_ptr[pos[j] + 1] - key_ptr[pos[j]]
    return n, n_primary, total


@njit(cache=True, nogil=True)
def top_voted(  # type: ignore[no-untyped-def]  # numba: signature from the arrays
    key_ptr, postings, key_pos, key_weight, n_primary, acc, marks, dead, touched, best_rows,
    best_votes,
):  # fmt: skip
    """Sum the weights of ``key_pos``'s posting lists per row; keep the best rows.

    The first ``n_primary`` keys (names, documents) find rows; the others
    (dates) only add to rows a primary key found: a stranger born on the
    query's date cannot alert, and at 1,000,000 list persons ~45 of them
    share each date. With no primary key every key finds rows.

    The primary keys must come shortest list first. ``acc`` is a zeroed
    float32 array with one slot per row, ``marks`` a zeroed uint64 bitmap of
    the rows (``(n + 63) // 64`` words); both are zero again on return.
    ``touched`` must hold the total length of the lists. The best rows (most
    votes first, then lowest row, so the result does not depend on the order
    of the keys) are written to ``best_rows``/``best_votes``, as many as
    those arrays hold; rows marked ``dead`` are skipped. Returns how many were
    written. Every weight must be > 0 (a zero slot means untouched). ``dead``
    may be empty when no row is dead.

    Common keys (a frequent given name) hold most postings and decide little.
    The rarer primary lists are counted first; the common ones then only add
    to the rows already voted for or named by a date. Any other row has at
    most the common keys' summed weight: when ``limit`` rows already beat
    that, the result is exact. Otherwise every primary list is counted (the
    slower path).
    """
    limit = len(best_rows)
    n_lists = len(key_pos)
    if n_primary == 0:
        n_primary = n_lists
    total = 0
    for i in range(n_primary):
        total += key_ptr[key_pos[i] + 1] - key_ptr[key_pos[i]]
    budget = max(4 * limit, total // 8)
    n_rare = 0
    size = 0
    for i in range(n_primary):
        length = key_ptr[key_pos[i] + 1] - key_ptr[key_pos[i]]
        if n_rare and size + length > budget:
            break
        size += length
        n_rare += 1
    n_touched = _count(key_ptr, postings, key_pos, key_weight, 0, n_rare, acc, touched, 0)
    _mark(touched, n_touched, marks)
    # The rows the dates name are candidates too: one a common name and the
    # date find must be counted, and the bound below then needs no dates.
    n_all = _mark_new(key_ptr, postings, key_pos, n_primary, n_lists, marks, touched, n_touched)
    common = _add_marked(key_ptr, postings, key_pos, key_weight, n_rare, n_primary, acc, marks)
    _add_found(key_ptr, postings, key_pos, key_weight, n_primary, n_lists, acc, marks)
    k = _best(touched, n_all, acc, marks, dead, best_rows, best_votes)
    exact = n_rare == n_primary or (k == limit and best_votes[k - 1] > common)
    if exact:
        return k
    # Not decided: count every primary list from scratch.
    n_touched = _count(key_ptr, postings, key_pos, key_weight, 0, n_primary, acc, touched, 0)
    _mark(touched, n_touched, marks)
    _add_found(key_ptr, postings, key_pos, key_weight, n_primary, n_lists, acc, marks)
    return _best(touched, n_touched, acc, marks, dead, best_rows, best_votes)


@njit(cache=True, nogil=True)
def weighted_distance(a, b, limit, cheap, vowel):  # type: ignore[no-untyped-def]
    """:func:`~.keys.spelling_distance`'s table on byte strings, ``a`` the longer.

    ``cheap[x, y]`` marks the cheap substitutions and ``vowel[x]`` the
    letters whose insertion or deletion costs 0.5. Returns ``(limit + 1,
    False)`` as soon as every cell of a row exceeds ``limit``. The same
    operations in the same order as the Python table it replaces, on the
    same float64 numbers: the same results.
    """
    n = len(b)
    prev = np.empty(n + 1)
    cur = np.empty(n + 1)
    prev2 = np.empty(n + 1)
    prev_cheap = np.ones(n + 1, dtype=np.bool_)
    cur_cheap = np.ones(n + 1, dtype=np.bool_)
    prev[0] = 0.0
    for j in range(1, n + 1):
        prev[j] = prev[j - 1] + (0.5 if vowel[b[j - 1]] else 1.0)
    last = -1
    for i in range(len(a)):
        ca = a[i]
        del_a = 0.5 if vowel[ca] else 1.0
        cur[0] = prev[0] + del_a
        cur_cheap[0] = prev_cheap[0] and del_a < 1.0
        row_min = cur[0]
        for j in range(1, n + 1):
            cb = b[j - 1]
            if ca == cb:
                best = prev[j - 1]
                is_cheap = prev_cheap[j - 1]
            elif cheap[ca, cb]:
                best = prev[j - 1] + 0.3
                is_cheap = prev_cheap[j - 1]
            else:
                best = prev[j - 1] + 1.0
                is_cheap = False
            d = prev[j] + del_a
            if d < best:
                best = d
                is_cheap = prev_cheap[j] and del_a < 1.0
            ins_b = 0.5 if vowel[cb] else 1.0
            ins = cur[j - 1] + ins_b
            if ins < best:
                best = ins
                is_cheap = cur_cheap[j - 1] and ins_b < 1.0
            if (
                i > 0 and j > 1 and ca == b[j - 2] and last == cb and ca != cb
                and prev2[j - 2] + 1.0 < best
            ):  # fmt: skip
                best = prev2[j - 2] + 1.0  # transposed letters: one typo
                is_cheap = False
            cur[j] = best
            cur_cheap[j] = is_cheap
            if best < row_min:
                row_min = best
        if row_min > limit:
            return limit + 1.0, False
        prev2, prev, cur = prev, cur, prev2
        prev_cheap, cur_cheap = cur_cheap, prev_cheap
        last = ca
    return prev[n], prev_cheap[n]
