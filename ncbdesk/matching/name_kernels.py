"""Name alignment compiled (numba): names.best_name_match over encoded forms.

The same rules, in the same order, on the same float64 numbers as the Python
in names.py (token similarity, the greedy alignment, the alignment score and
the patronymic check), for every candidate of a query in one call. Forms
come from a :class:`~.formcodes.FormCodes` registry: each form's spelling
keys as ASCII bytes in one blob, its flags, group, first letters and bare
form. What this code does not cover is left to the Python (the candidate is
marked ``FALLBACK``): Han characters (compared as pinyin), keys that are not
ASCII, an article glued on twice, and a compound join (the joined token is a
new form, made by ICU). tests/matching/test_name_kernels.py holds the two
to the same results.

The weights come in as an array (``weight_array``), not as globals: numba
would freeze a global into its on-disk cache, and a changed weights.py
would not be seen.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from . import weights as W
from .kernels import weighted_distance

# Kinds of token match, as names.py words them (the index is the code).
KINDS = ("exact", "variant", "equivalent", "initial", "typo", "other gender", "none")
EXACT, VARIANT, EQUIVALENT, INITIAL, TYPO, OTHER_GENDER, NONE = range(7)

# Form flags (FormCodes.flags).
F_INITIAL = 1
F_VOWELLESS = 2
F_UNSUPPORTED = 4  # Han, keys that are not ASCII, or a bare form with a bare form

# Candidate status.
DONE = 0
FALLBACK = 1

# Slots of the weight array.
(
    _SAME_KEY, _EQUIVALENT, _SKELETON, _FLOOR, _MIN_VARIANT, _TYPO_CAP, _TYPO_FIRST,
    _MIN_TYPO_LEN, _TYPO_STEP, _INITIAL, _BOTH_INITIAL, _MIN_TOKEN, _OTHER_GENDER,
    _PEN_OPTIONAL, _PEN_EXTRA, _PEN_CONFLICT, _MIN_COMPOUND, _DIST_LIMIT, _SHORT_SKEL,
    _WEIGHT_INITIAL, _WEIGHT_OPTIONAL,
) = range(21)  # fmt: skip


def weight_array(distance_limit: float, short_skeleton: int) -> np.ndarray:
    """The weights the kernels read, in the slots above."""
    return np.array(
        [
            W.SIM_SAME_KEY, W.SIM_EQUIVALENT, W.SIM_SKELETON, W.SIM_VARIANT_FLOOR,
            W.MIN_VARIANT_SIM, W.SIM_TYPO_CAP, W.SIM_TYPO_FIRST_LETTER, W.MIN_TYPO_LENGTH,
            W.TYPO_STEP, W.SIM_INITIAL, W.SIM_BOTH_INITIAL, W.MIN_TOKEN_SIM,
            W.SIM_OTHER_GENDER, W.PENALTY_OPTIONAL, W.PENALTY_EXTRA, W.PENALTY_CONFLICT,
            W.MIN_COMPOUND_SIM, distance_limit, short_skeleton, W.WEIGHT_INITIAL,
            W.WEIGHT_OPTIONAL,
        ],
        dtype=np.float64,
    )  # fmt: skip


# -- strings of a form: 0 fine, 1 ascii, 2 coarse, 3 skeleton ---------------


@njit(cache=True, nogil=True, inline="always")
def _len(off, s, k):  # type: ignore[no-untyped-def]
    return off[s, k + 1] - off[s, k]


@njit(cache=True, nogil=True)
def _equal(blob, off, a, ka, b, kb):  # type: ignore[no-untyped-def]
    """String ``ka`` of form ``a`` equals string ``kb`` of form ``b``."""
    n = off[a, ka + 1] - off[a, ka]
    if n != off[b, kb + 1] - off[b, kb]:
        return False
    pa = off[a, ka]
    pb = off[b, kb]
    for i in range(n):  # noqa: SIM110 (numba: a loop, not a generator)
        if blob[pa + i] != blob[pb + i]:
            return False
    return True


@njit(cache=True, nogil=True)
def _prefix_equal(blob, off, a, b, k, n):  # type: ignore[no-untyped-def]
    """``x[:n] == y[:n]`` for string ``k`` of forms ``a`` and ``b``."""
    la = min(n, off[a, k + 1] - off[a, k])
    lb = min(n, off[b, k + 1] - off[b, k])
    if la != lb:
        return False
    pa = off[a, k]
    pb = off[b, k]
    for i in range(la):  # noqa: SIM110 (numba: a loop, not a generator)
        if blob[pa + i] != blob[pb + i]:
            return False
    return True


@njit(cache=True, nogil=True)
def _distance(blob, off, a, b, k, limit, cheap, vowel):  # type: ignore[no-untyped-def]
    """keys.spelling_distance of string ``k`` of two forms.

    Without its plain-Levenshtein shortcut: where that shortcut answers
    ``limit + 1``, the table answers a distance above ``limit`` too, and no
    caller tells two distances above the limit apart.
    """
    if _equal(blob, off, a, k, b, k):
        return 0.0, True
    x0 = off[a, k]
    x1 = off[a, k + 1]
    y0 = off[b, k]
    y1 = off[b, k + 1]
    if x1 - x0 < y1 - y0:
        x0, x1, y0, y1 = y0, y1, x0, x1
    if (x1 - x0 - (y1 - y0)) * 0.5 > limit:
        return limit + 1.0, False
    if y1 == y0:
        return float(x1 - x0), False
    return weighted_distance(blob[x0:x1], blob[y0:y1], limit, cheap, vowel)


@njit(cache=True, nogil=True)
def _shared_grams(blob, off, a, b):  # type: ignore[no-untyped-def]
    """How many distinct letter pairs of the two fine keys are shared (len(a.grams & b.grams))."""
    pa = off[a, 0]
    la = off[a, 1] - pa
    pb = off[b, 0]
    lb = off[b, 1] - pb
    shared = 0
    for i in range(la - 1):
        x = blob[pa + i]
        y = blob[pa + i + 1]
        seen = False
        for e in range(i):
            if blob[pa + e] == x and blob[pa + e + 1] == y:
                seen = True
                break
        if seen:
            continue
        for j in range(lb - 1):
            if blob[pb + j] == x and blob[pb + j + 1] == y:
                shared += 1
                break
    return shared


@njit(cache=True, nogil=True)
def _other_gender(blob, off, a, b):  # type: ignore[no-untyped-def]
    """names.other_gender on the fine keys."""
    if _len(off, a, 0) > _len(off, b, 0):
        a, b = b, a
    pa = off[a, 0]
    la = off[a, 1] - pa
    pb = off[b, 0]
    lb = off[b, 1] - pb
    if la >= 4 and lb == la + 1 and blob[pb + lb - 1] == 97:  # "a"
        same = True
        for i in range(la):
            if blob[pa + i] != blob[pb + i]:
                same = False
                break
        if same:
            last = blob[pa + la - 1]
            return not (last == 97 or last == 101 or last == 105 or last == 111 or last == 117)
    if la < 5 or la != lb:
        return False
    for i in range(la - 1):
        if blob[pa + i] != blob[pb + i]:
            return False
    # a ends with "ski", b with "ska" (their first la - 1 letters agree).
    return (
        blob[pa + la - 3] == 115 and blob[pa + la - 2] == 107 and blob[pa + la - 1] == 105
        and blob[pb + lb - 1] == 97
    )  # fmt: skip


@njit(cache=True, nogil=True)
def _pre(blob, off, flags, firsts, a, b, w):  # type: ignore[no-untyped-def]
    """The rules before the bare forms: (decided, sim, kind)."""
    ia = flags[a] & F_INITIAL
    ib = flags[b] & F_INITIAL
    if ia or ib:
        if (firsts[a, 0] & firsts[b, 0]) or (firsts[a, 1] & firsts[b, 1]):
            return True, (w[_INITIAL] if not (ia and ib) else w[_BOTH_INITIAL]), INITIAL
        return True, 0.0, NONE
    if _equal(blob, off, a, 0, b, 0):
        if _equal(blob, off, a, 1, b, 1):
            return True, 1.0, EXACT
        return True, w[_SAME_KEY], VARIANT
    return False, 0.0, NONE


@njit(cache=True, nogil=True)
def _typed_consonants(off, jadj, s):  # type: ignore[no-untyped-def]
    return _len(off, s, 2) + jadj[s]


@njit(cache=True, nogil=True)
def _post(blob, off, flags, group, jadj, a, b, w, cheap, vowel):  # type: ignore[no-untyped-def]
    """The rules after the bare forms (names._token_similarity's second half)."""
    limit = w[_DIST_LIMIT]
    if group[a] >= 0 and group[b] >= 0:
        if group[a] == group[b]:
            return w[_EQUIVALENT], EQUIVALENT
        return 0.0, NONE
    if (flags[a] | flags[b]) & F_VOWELLESS:
        ls_a = _len(off, a, 3)
        ls_b = _len(off, b, 3)
        if ls_a > 0 and _equal(blob, off, a, 3, b, 3):
            return w[_SKELETON], VARIANT
        d, is_cheap = _distance(blob, off, a, b, 3, limit, cheap, vowel)
        length = max(ls_a, ls_b)
        if is_cheap and d <= 0.6:
            return w[_FLOOR], VARIANT
        if length >= 3 and d <= 1.0:
            return w[_SKELETON] - w[_TYPO_STEP] * d, TYPO
        return 0.0, NONE
    if _prefix_equal(blob, off, a, b, 0, 4) and _other_gender(blob, off, a, b):
        return w[_OTHER_GENDER], OTHER_GENDER
    lf_a = _len(off, a, 0)
    lf_b = _len(off, b, 0)
    length = max(lf_a, lf_b)
    shorter = min(lf_a, lf_b)
    if (
        _shared_grams(blob, off, a, b) < max(1, (shorter - 1) // 2)
        and not _equal(blob, off, a, 2, b, 2)
        and (not _equal(blob, off, a, 3, b, 3) or _len(off, a, 3) < 1)
    ):
        return 0.0, NONE
    d, is_cheap = _distance(blob, off, a, b, 0, limit, cheap, vowel)
    sim = 1.0 - d / max(length, 1)
    lc_a = _len(off, a, 2)
    lc_b = _len(off, b, 2)
    habit = min(lc_a, lc_b) > w[_SHORT_SKEL] or (
        _typed_consonants(off, jadj, a) == _typed_consonants(off, jadj, b)
    )
    if habit:
        if _equal(blob, off, a, 2, b, 2) and lc_a >= 2 and d <= 1.5:
            return max(sim, w[_SKELETON]), VARIANT
        if is_cheap and d <= 1.0 and sim >= w[_MIN_VARIANT]:
            return max(sim, w[_FLOOR]), VARIANT
    if d > 1.0 and (not _equal(blob, off, a, 1, a, 0) or not _equal(blob, off, b, 1, b, 0)):
        da, _ = _distance(blob, off, a, b, 1, limit, cheap, vowel)
        if da <= 1.0:
            d = da
            length = max(_len(off, a, 1), _len(off, b, 1))
            sim = 1.0 - d / length
    if length >= w[_MIN_TYPO_LEN] and d <= 1.0:
        same_first = _prefix_equal(blob, off, a, b, 0, 1) or _prefix_equal(blob, off, a, b, 1, 1)
        cap = w[_TYPO_CAP] if same_first else w[_TYPO_FIRST]
        return min(sim, cap), TYPO
    return 0.0, NONE


@njit(cache=True, nogil=True)
def _sim_plain(blob, off, flags, group, firsts, jadj, a, b, w, cheap, vowel):  # type: ignore[no-untyped-def]
    """Similarity of two forms neither of which has a bare form."""
    decided, sim, kind = _pre(blob, off, flags, firsts, a, b, w)
    if decided:
        return sim, kind
    return _post(blob, off, flags, group, jadj, a, b, w, cheap, vowel)


@njit(cache=True, nogil=True)
def _sim_half(blob, off, flags, group, firsts, bare, jadj, a, b, w, cheap, vowel):  # type: ignore[no-untyped-def]
    """Similarity where ``a`` has no bare form (``b`` may; its bare form has none)."""
    decided, sim, kind = _pre(blob, off, flags, firsts, a, b, w)
    if decided:
        return sim, kind
    x = bare[b]
    if x >= 0:
        s, _ = _sim_plain(blob, off, flags, group, firsts, jadj, x, a, w, cheap, vowel)
        if s >= w[_MIN_VARIANT]:
            return min(s, w[_SAME_KEY]), VARIANT
    return _post(blob, off, flags, group, jadj, a, b, w, cheap, vowel)


@njit(cache=True, nogil=True)
def token_similarity(blob, off, flags, group, firsts, bare, jadj, a, b, w, cheap, vowel):  # type: ignore[no-untyped-def]
    """names.token_similarity of two registered forms: (sim, kind code).

    A form's bare form has no bare form of its own (FormCodes marks such a
    form unsupported), so the Python's recursion is at most two levels deep.
    """
    decided, sim, kind = _pre(blob, off, flags, firsts, a, b, w)
    if decided:
        return sim, kind
    x = bare[a]
    if x >= 0:
        s, _ = _sim_half(blob, off, flags, group, firsts, bare, jadj, x, b, w, cheap, vowel)
        if s >= w[_MIN_VARIANT]:
            return min(s, w[_SAME_KEY]), VARIANT
    x = bare[b]
    if x >= 0:
        s, _ = _sim_half(blob, off, flags, group, firsts, bare, jadj, x, a, w, cheap, vowel)
        if s >= w[_MIN_VARIANT]:
            return min(s, w[_SAME_KEY]), VARIANT
    return _post(blob, off, flags, group, jadj, a, b, w, cheap, vowel)


@njit(cache=True, nogil=True)
def _compound_tried(blob, off, flags, a_slot, a0, a1, used_a, b_slot, b0, b1, used_b):  # type: ignore[no-untyped-def]
    """Whether names._join_compounds would join two tokens of ``a`` for one of ``b``.

    The joined token is a new form (ICU makes it), so such a pair is left to
    the Python: this is its cheap screen, and True when any pair passes it.
    """
    for i in range(a0, a1 - 1):
        if used_a[i - a0] or used_a[i - a0 + 1]:
            continue
        first = a_slot[i]
        size = _len(off, first, 0) + _len(off, a_slot[i + 1], 0)
        for j in range(b0, b1):
            if used_b[j - b0]:
                continue
            other = b_slot[j]
            if abs(size - _len(off, other, 0)) > 3 and not (
                (flags[first] | flags[other]) & F_VOWELLESS
            ):
                continue
            if not _prefix_equal(blob, off, first, other, 0, 1) and not _prefix_equal(
                blob, off, first, other, 3, 1
            ):
                continue
            return True
    return False


@njit(cache=True, nogil=True, inline="always")
def _optional(flags, slot, ropt, i):  # type: ignore[no-untyped-def]
    """names.Part.optional: a patronymic or middle name, or an initial."""
    return ropt[i] or (flags[slot[i]] & F_INITIAL) != 0


@njit(cache=True, nogil=True, inline="always")
def _weight(flags, slot, ropt, i, w):  # type: ignore[no-untyped-def]
    """names.Part.weight (see names.make_part)."""
    if flags[slot[i]] & F_INITIAL:
        return w[_WEIGHT_INITIAL]
    return w[_WEIGHT_OPTIONAL] if ropt[i] else 1.0


@njit(cache=True, nogil=True)
def _align(  # type: ignore[no-untyped-def]
    blob, off, flags, group, firsts, bare, jadj, w, cheap, vowel, slot, ropt, q0, q1, c0, c1,
    pi, pj, psim, pkind,
):  # fmt: skip
    """names.compare_names of the writings of parts q0:q1 and c0:c1.

    Returns (score, pairs, fallback); the pairs, in the order the Python
    makes them, are written to ``pi``/``pj`` (positions in the writings),
    ``psim`` and ``pkind``.
    """
    nq = q1 - q0
    nc = c1 - c0
    if nq == 0 or nc == 0:
        return 0.0, 0, False
    cells = nq * nc
    cs = np.empty(cells, np.float64)
    ci = np.empty(cells, np.int64)
    ck = np.empty(cells, np.int64)
    n = 0
    floor = w[_MIN_TOKEN]
    for i in range(nq):
        for j in range(nc):
            s, k = token_similarity(
                blob, off, flags, group, firsts, bare, jadj, slot[q0 + i], slot[c0 + j], w,
                cheap, vowel,
            )  # fmt: skip
            if s >= floor:
                # Insertion, best first; equal sims keep their order (a stable sort).
                t = n
                while t > 0 and cs[t - 1] < s:
                    cs[t] = cs[t - 1]
                    ci[t] = ci[t - 1]
                    ck[t] = ck[t - 1]
                    t -= 1
                cs[t] = s
                ci[t] = i * nc + j
                ck[t] = k
                n += 1
    used_q = np.zeros(nq, np.bool_)
    used_c = np.zeros(nc, np.bool_)
    npairs = 0
    for t in range(n):
        i = ci[t] // nc
        j = ci[t] % nc
        if used_q[i] or used_c[j]:
            continue
        used_q[i] = True
        used_c[j] = True
        pi[npairs] = i
        pj[npairs] = j
        psim[npairs] = cs[t]
        pkind[npairs] = ck[t]
        npairs += 1
    free_q = nq - npairs
    free_c = nc - npairs
    if (
        free_q
        and free_c
        and (free_q > 1 or free_c > 1)
        and (
            _compound_tried(blob, off, flags, slot, q0, q1, used_q, slot, c0, c1, used_c)
            or _compound_tried(blob, off, flags, slot, c0, c1, used_c, slot, q0, q1, used_q)
        )
    ):
        return 0.0, 0, True
    if npairs == 0:
        return 0.0, 0, False
    num = 0.0
    den = 0.0
    for p in range(npairs):
        x = max(
            _weight(flags, slot, ropt, q0 + pi[p], w), _weight(flags, slot, ropt, c0 + pj[p], w)
        )
        num += x * psim[p]
        den += x
    if free_q == 0 and free_c == 0:
        return (num / den if den else 0.0), npairs, False
    conflict_q = False
    for i in range(nq):
        if not used_q[i] and not ropt[q0 + i]:
            conflict_q = True
    conflict_c = False
    for j in range(nc):
        if not used_c[j] and not ropt[c0 + j]:
            conflict_c = True
    for p in range(npairs):
        qr = ropt[q0 + pi[p]]
        cr = ropt[c0 + pj[p]]
        if cr and not qr and not _optional(flags, slot, ropt, q0 + pi[p]):
            conflict_q = True
        elif qr and not cr and not _optional(flags, slot, ropt, c0 + pj[p]):
            conflict_c = True
    for x0, n_x, used, conflict in ((q0, nq, used_q, conflict_c), (c0, nc, used_c, conflict_q)):
        for i in range(n_x):
            if not used[i]:
                if _optional(flags, slot, ropt, x0 + i):
                    pen = w[_PEN_OPTIONAL]
                elif conflict:
                    pen = w[_PEN_CONFLICT]
                else:
                    pen = w[_PEN_EXTRA]
                den += _weight(flags, slot, ropt, x0 + i, w) * pen
    return (num / den if den else 0.0), npairs, False


@njit(cache=True, nogil=True)
def _patronymic_differs(  # type: ignore[no-untyped-def]
    blob, off, flags, group, firsts, bare, jadj, w, cheap, vowel, slot, ropt, q0, q1, c0, c1,
):  # fmt: skip
    """names.compare_patronymics: both record a father's name and none agree."""
    any_q = False
    for i in range(q0, q1):
        if ropt[i] and not flags[slot[i]] & F_INITIAL:
            any_q = True
            break
    if not any_q:
        return False
    any_c = False
    for j in range(c0, c1):
        if ropt[j] and not flags[slot[j]] & F_INITIAL:
            any_c = True
            break
    if not any_c:
        return False
    for i in range(q0, q1):
        if not ropt[i] or flags[slot[i]] & F_INITIAL:
            continue
        for j in range(c0, c1):
            if not ropt[j] or flags[slot[j]] & F_INITIAL:
                continue
            s, _ = token_similarity(
                blob, off, flags, group, firsts, bare, jadj, slot[i], slot[j], w, cheap, vowel
            )
            if s >= w[_MIN_TOKEN]:
                return False
    return True


@njit(cache=True, nogil=True)
def best_names(  # type: ignore[no-untyped-def]
    blob, off, flags, group, firsts, bare, jadj, w, cheap, vowel, slot, ropt, wptr, n_qw, cptr,
    score, status, best_q, best_c, npairs, pi, pj, psim, pkind, patronymic,
):  # fmt: skip
    """names.best_name_match (and compare_patronymics) of one query against candidates.

    Part ``i`` is the form in ``slot[i]``, ``ropt[i]`` telling whether its
    role is optional (patronymic, middle name). Writing ``m`` is parts
    ``wptr[m]:wptr[m + 1]``: the query's are writings ``0:n_qw``, candidate
    ``n``'s are ``cptr[n]:cptr[n + 1]``. Per candidate: the best alignment's
    score, its writings (the query's, and the candidate's counted from its
    first; -1: no part in common), its pairs (rows of ``pi``, ``pj``,
    ``psim``, ``pkind``), whether the patronymics differ, and ``status``
    FALLBACK where the Python must align instead (a form flagged
    F_UNSUPPORTED, or a compound join); ``status`` must come zeroed.
    """
    width = pi.shape[1]
    ti = np.empty(width, np.int64)
    tj = np.empty(width, np.int64)
    ts = np.empty(width, np.float64)
    tk = np.empty(width, np.int64)
    query_flagged = False
    for i in range(wptr[0], wptr[n_qw]):
        if flags[slot[i]] & F_UNSUPPORTED:
            query_flagged = True
    for n in range(len(cptr) - 1):
        flagged = query_flagged
        for j in range(wptr[cptr[n]], wptr[cptr[n + 1]]):
            if flags[slot[j]] & F_UNSUPPORTED:
                flagged = True
        if flagged:
            status[n] = FALLBACK
            continue
        best = 0.0
        best_q[n] = -1
        best_c[n] = -1
        npairs[n] = 0
        fallback = False
        for k in range(n_qw):
            for m in range(cptr[n], cptr[n + 1]):
                s, np_, fb = _align(
                    blob, off, flags, group, firsts, bare, jadj, w, cheap, vowel, slot, ropt,
                    wptr[k], wptr[k + 1], wptr[m], wptr[m + 1], ti, tj, ts, tk,
                )  # fmt: skip
                if fb:
                    fallback = True
                    break
                if s > best:
                    best = s
                    best_q[n] = k
                    best_c[n] = m - cptr[n]
                    npairs[n] = np_
                    for p in range(np_):
                        pi[n, p] = ti[p]
                        pj[n, p] = tj[p]
                        psim[n, p] = ts[p]
                        pkind[n, p] = tk[p]
                    if s >= 1.0:
                        break
            if fallback or best >= 1.0:
                break
        if fallback:
            status[n] = FALLBACK
            continue
        score[n] = best
        patronymic[n] = _patronymic_differs(
            blob, off, flags, group, firsts, bare, jadj, w, cheap, vowel, slot, ropt,
            wptr[0], wptr[n_qw], wptr[cptr[n]], wptr[cptr[n + 1]],
        )  # fmt: skip
    return 0
