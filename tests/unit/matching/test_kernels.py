"""The compiled retrieval vote against a plain numpy count of the same postings."""

from __future__ import annotations

import numpy as np

from ncbdesk.matching.kernels import lookup_keys, top_voted


def _csr(rng: np.random.Generator, n_rows: int, n_keys: int) -> tuple[np.ndarray, np.ndarray]:
    lists = [
        np.unique(rng.integers(0, n_rows, size=rng.integers(0, n_rows // 2 + 1)))
        for _ in range(n_keys)
    ]
    ptr = np.zeros(n_keys + 1, dtype=np.int64)
    np.cumsum([len(x) for x in lists], out=ptr[1:])
    postings = np.concatenate(lists).astype(np.int32) if n_keys else np.zeros(0, np.int32)
    return ptr, postings


def _expected(ptr, postings, pos, w, n_primary, dead, limit):  # type: ignore[no-untyped-def]
    acc = np.zeros(len(dead), dtype=np.float32)
    n_primary = n_primary or len(pos)
    for p, x in zip(pos[:n_primary], w[:n_primary], strict=True):
        acc[postings[ptr[p] : ptr[p + 1]]] += x
    found = acc > 0  # secondary keys only add to rows a primary key found
    for p, x in zip(pos[n_primary:], w[n_primary:], strict=True):
        rows = postings[ptr[p] : ptr[p + 1]]
        acc[rows[found[rows]]] += x
    rows = [r for r in np.flatnonzero(acc > 0) if not dead[r]]
    rows.sort(key=lambda r: (-acc[r], r))
    return rows[:limit], [acc[r] for r in rows[:limit]]


def test_top_voted_keeps_the_most_voted_rows_in_order_and_clears_its_accumulator() -> None:
    # Secondary keys (dates) only add to rows the primary ones (names) found.
    rng = np.random.default_rng(11)
    for trial in range(400):
        # Small lists (all counted) and large ones with few top rows (the
        # common lists then only add to the rows the rare ones found).
        n_rows = int(rng.integers(1, 60 if trial % 2 else 3000))
        ptr, postings = _csr(rng, n_rows, int(rng.integers(1, 12)))
        n_keys = len(ptr) - 1
        pos = rng.choice(n_keys, size=int(rng.integers(0, n_keys + 1)), replace=False)
        # Few distinct weights, so that ties (broken by row) are common.
        w = rng.choice(np.array([0.5, 1.0, 1.5], np.float32), size=len(pos))
        dead = rng.random(n_rows) < 0.1
        limit = int(rng.integers(1, 20))
        n_primary = int(rng.integers(0, len(pos) + 1))
        acc = np.zeros(n_rows, dtype=np.float32)
        marks = np.zeros((n_rows + 63) // 64, dtype=np.uint64)
        total = int((ptr[pos + 1] - ptr[pos]).sum())
        rows = np.empty(limit, np.int64)
        votes = np.empty(limit, np.float32)
        k = top_voted(
            ptr,
            postings,
            pos.astype(np.int64),
            w,
            n_primary,
            acc,
            marks,
            dead,
            np.empty(total, np.int32),
            rows,
            votes,
        )
        want_rows, want_votes = _expected(ptr, postings, pos, w, n_primary, dead, limit)
        assert rows[:k].tolist() == want_rows, trial
        assert votes[:k].tolist() == want_votes, trial
        assert not acc.any() and not marks.any(), "scratch arrays must be zero for the next query"


def test_lookup_keys_finds_the_query_keys_in_the_order_top_voted_takes() -> None:
    """Primary keys shortest list first, then the secondary ones; missing keys dropped."""
    rng = np.random.default_rng(5)
    for _ in range(200):
        n_keys = int(rng.integers(0, 40))
        hashes = np.unique(rng.integers(0, 2**63, size=n_keys, dtype=np.uint64))
        lengths = rng.integers(0, 6, size=len(hashes))
        ptr = np.zeros(len(hashes) + 1, np.int64)
        np.cumsum(lengths, out=ptr[1:])
        weights = rng.uniform(0.1, 3.0, size=len(hashes)).astype(np.float32)
        known = rng.choice(hashes, size=int(rng.integers(0, len(hashes) + 1)), replace=False)
        unknown = rng.integers(0, 2**63, size=int(rng.integers(0, 4)), dtype=np.uint64)
        query = np.concatenate([known, np.setdiff1d(unknown, hashes)])
        rng.shuffle(query)
        secondary = rng.random(len(query)) < 0.4
        pos = np.empty(len(query), np.int64)
        out_w = np.empty(len(query), np.float32)
        found, n_primary, total = lookup_keys(hashes, ptr, weights, query, secondary, pos, out_w)

        at = {int(h): i for i, h in enumerate(hashes)}
        hits = [
            (bool(s), int(lengths[at[int(h)]]), at[int(h)])
            for h, s in zip(query, secondary, strict=True)
            if int(h) in at
        ]
        hits.sort()
        assert found == len(hits)
        assert n_primary == sum(not s for s, _, _ in hits)
        assert total == sum(n for _, n, _ in hits)
        assert pos[:found].tolist() == [p for _, _, p in hits]
        assert np.array_equal(out_w[:found], weights[[p for _, _, p in hits]])


def test_an_empty_dead_array_means_no_row_is_dead() -> None:
    rng = np.random.default_rng(3)
    ptr, postings = _csr(rng, 500, 6)
    pos = np.arange(6, dtype=np.int64)
    w = np.ones(6, np.float32)
    got = []
    for dead in (np.zeros(500, bool), np.zeros(0, bool)):
        rows, votes = np.empty(10, np.int64), np.empty(10, np.float32)
        acc, marks = np.zeros(500, np.float32), np.zeros(8, np.uint64)
        touched = np.empty(int(ptr[-1]), np.int32)
        k = top_voted(ptr, postings, pos, w, 3, acc, marks, dead, touched, rows, votes)
        got.append(rows[:k].tolist())
    expected, _ = _expected(ptr, postings, pos, w, 3, np.zeros(500, bool), 10)
    assert got[0] == got[1] == expected
