"""ScreeningIndex: numpy inverted index (CSR) + record store + scorer.

Retrieval votes for rows through the postings of the query's keys in a reused
accumulator touched only at those postings (DESIGN §4); the best rows are then
scored in full. Changes after a build go to a small in-memory delta with
tombstones over the (possibly memory-mapped) base arrays.
"""

from __future__ import annotations

import gc
import itertools
import json
import multiprocessing as mp
import os
import threading
from array import array
from collections import OrderedDict, deque
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from .blocking import KEY_WEIGHT, SECONDARY_KEYS, key_hash, subject_keys
from .formtable import ARRAYS as FORM_ARRAYS
from .formtable import FormTable, encode_forms, table_arrays
from .kernels import lookup_keys, top_voted
from .model import Match, NameInput, Subject
from .names import NameMemo
from .scoring import Evaluation, Prepared, evaluate, explain, prepare
from .store import decode, decode_prepared, encode, encode_prepared, prepare_record
from .tokens import FORM_CACHE, add_form_source, form
from .weights import DEFAULT_THRESHOLD

# 2: stored token forms (formtable), prepared records (store) and namesakes.
# An index saved in another format is rebuilt (adapters.index_store), never
# read with the wrong layout. Bump it too when what the build stores changes
# meaning (index keys, spelling keys, the equivalents table, token forms): a
# saved index is otherwise rebuilt only when the persons change.
FORMAT_VERSION = 2
# Rows scored in full per query, at least: retrieval ranks by key overlap,
# which ties often; scoring more rows protects recall but costs time. Measured
# with benchmarks/screening_quality.py (seed 7, 2026-11-30): 20 rows recall
# 0.983, 15 rows 0.9815, 12 rows 0.980.
MIN_RESCORE = 15
RESCORE_MARGIN = 2
PREPARED_CACHE = 50_000  # rows kept prepared: popular names come back often
MAX_QUERY_TEXT = 1000
BUILD_CHUNK = 10_000  # records per unit of build work (and per progress call)
# Worker processes only from this many subjects on: starting them and warming
# their caches costs about a second, which a small build does not win back.
PARALLEL_MIN = 100_000
# Queries between two hand-overs of the caches to the collector's permanent
# generation, and hand-overs between two full collections (see
# ScreeningIndex._settle).
SETTLE_EVERY = 1_000
FULL_EVERY = 100
_settled = 0  # hand-overs since the last full collection (process-wide, as gc.freeze is)
_ARRAYS = ("key_hashes", "key_ptr", "postings", "key_weights", "records", "record_ptr",
           "prepared", "prepared_ptr", "namesakes", "id_hashes", "id_rows",
           *FORM_ARRAYS)  # fmt: skip


def _record_chunks(
    subjects: Iterable[Subject], blob: bytearray, lengths: array[int], ids: list[str]
) -> Iterator[list[bytes]]:
    """Encode subjects into the record buffer; yield the records in chunks."""
    seen: set[str] = set()
    chunk: list[bytes] = []
    for s in subjects:
        sid = str(s.id)
        if sid in seen:  # duplicate id: the first record is kept
            continue
        seen.add(sid)
        ids.append(sid)
        record = encode(s)
        blob += record
        lengths.append(len(record))
        chunk.append(record)
        if len(chunk) == BUILD_CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _in_order(pool: Any, chunks: Iterator[list[bytes]], window: int, build: int) -> Iterator[Keyed]:
    """Keys of each chunk from the pool, in input order, at most ``window`` in flight.

    The chunks are read here, in the caller's thread: ``Pool.imap`` would
    read them from a pool thread, and the subjects may come from a database
    cursor that must stay in the thread that opened it.
    """
    pending: deque[Any] = deque()
    for chunk in chunks:
        pending.append(pool.apply_async(_chunk_keys, (chunk, build)))
        if len(pending) >= window:
            yield pending.popleft().get()
    while pending:
        yield pending.popleft().get()


def _single_threaded() -> bool:
    return threading.active_count() == 1


# Tokens whose forms this process has already returned during one build
# (each process sends a form once; the parent keeps the first it receives).
# Two builds at once in one process may each skip a form the other sent:
# the table is a cache, and a missing form is computed when a query needs it.
_sent_forms: set[str] = set()
_sent_build = -1
_builds = itertools.count()

# Per chunk: keys (flat), how many per record, new stored forms, prepared records.
Keyed = tuple[list[str], "array[int]", list[bytes], list[bytes]]


def _chunk_keys(records: list[bytes], build: int) -> Keyed:
    """Index keys of stored records, flat, with how many belong to each record.

    Keys come from the stored record (not the Subject) so that a build in
    worker processes and one in this process see exactly the same input.
    Also the stored forms of tokens this process has not sent yet in
    ``build`` (see formtable), and each record as prepared (see store).
    """
    global _sent_build
    if build != _sent_build:
        _sent_forms.clear()
        _sent_build = build
    keys: list[str] = []
    counts = array("q")
    forms: list[bytes] = []
    prepared: list[bytes] = []
    for raw in records:
        p = prepare_record(raw)
        ks = subject_keys(p)
        keys.extend(ks)
        counts.append(len(ks))
        forms.extend(encode_forms(p, _sent_forms))
        prepared.append(encode_prepared(p))
    return keys, counts, forms, prepared


@lru_cache(maxsize=200_000)
def _query_key(key: str) -> tuple[int, bool]:
    """:func:`key_hash` of a query key and whether it is secondary (a date).

    Cached: the same keys come back query after query.
    """
    return key_hash(key), key[0] in SECONDARY_KEYS


def _blob_arrays(blob: bytearray, lengths: array[int]) -> tuple[np.ndarray, np.ndarray]:
    """Records laid end to end, and where each starts (one more entry: the end)."""
    ptr = np.zeros(len(lengths) + 1, dtype=np.int64)
    if lengths:
        np.cumsum(np.frombuffer(lengths, dtype=np.int64), out=ptr[1:])
    return np.frombuffer(bytes(blob), dtype=np.uint8), ptr


_NONE_DEAD = np.zeros(0, dtype=bool)  # top_voted's "no row is dead"


def _u64(values: Iterable[int]) -> np.ndarray:
    return np.fromiter(values, dtype=np.uint64)


class ScreeningIndex:
    """Find and score list subjects that may be a query person."""

    def __init__(self, arrays: dict[str, np.ndarray]) -> None:
        self._a = arrays
        self._n = len(arrays["record_ptr"]) - 1
        self._dead = np.zeros(self._n, dtype=bool)
        self._n_dead = 0
        self._delta: dict[str, tuple[Subject, Prepared]] = {}
        self._delta_keys: dict[int, set[str]] = {}
        self._local = threading.local()
        self._cache: OrderedDict[int, Prepared] = OrderedDict()
        self._forms = FormTable(arrays)
        self._queries = 0  # screened since the last _settle
        add_form_source(self._forms)  # held weakly: it goes with this index
        self.build_processes = 0  # processes that computed the keys (0: loaded from disk)

    # -- building -----------------------------------------------------------
    @classmethod
    def build(
        cls,
        subjects: Iterable[Subject],
        progress: Callable[[int], None] | None = None,
        workers: int | None = None,
    ) -> ScreeningIndex:
        """Index subjects; ``progress(n)`` is called every 10,000 subjects.

        Past ``PARALLEL_MIN`` subjects, the keys are computed by ``workers``
        processes (default: one per CPU; 1 keeps everything in this process).
        The index is the same either way: each record's keys depend on that
        record alone and rows keep the input order.
        """
        # The build allocates millions of long-lived objects (keys, cached
        # forms) and no cycles: the collector's full passes over them were a
        # large share of a 1M build. Restored whatever happens.
        enabled = gc.isenabled()
        gc.disable()
        try:
            return cls._build(subjects, progress, workers or os.cpu_count() or 1)
        finally:
            if enabled:
                gc.enable()

    @classmethod
    def _build(
        cls, subjects: Iterable[Subject], progress: Callable[[int], None] | None, workers: int
    ) -> ScreeningIndex:
        key_ids: dict[str, int] = {}
        pk = array("q")
        pr = array("q")
        # One growing buffer, not a list of bytes objects: orjson over-allocates
        # each result (~4 KB for a 270-byte record), 4 GB at a million records.
        blob = bytearray()
        lengths = array("q")
        ids: list[str] = []
        chunks = _record_chunks(subjects, blob, lengths, ids)
        # Look ahead far enough to know whether worker processes pay off.
        head = list(itertools.islice(chunks, PARALLEL_MIN // BUILD_CHUNK))
        everything = itertools.chain(head, chunks)
        pool: Any = None
        keyed: Iterable[Keyed]
        build = next(_builds)
        forms: set[bytes] = set()
        prepared = bytearray()
        prepared_lengths = array("q")
        # Workers are forked: they start at once with this process's warm
        # caches and never re-import the caller's main module (which spawn
        # and forkserver do, looping forever in a script without a main
        # guard). Forking a process that runs other threads (a web server)
        # can deadlock, so there the build stays in this process.
        if workers > 1 and len(head) * BUILD_CHUNK >= PARALLEL_MIN and _single_threaded():
            pool = mp.get_context("fork").Pool(workers)
            keyed = _in_order(pool, everything, 2 * workers, build)
        else:
            keyed = (_chunk_keys(chunk, build) for chunk in everything)
        row = 0
        try:
            for keys, counts, chunk_forms, chunk_prepared in keyed:
                forms.update(chunk_forms)
                for record in chunk_prepared:
                    prepared += record
                    prepared_lengths.append(len(record))
                it = iter(keys)
                for n in counts:
                    for k in itertools.islice(it, n):
                        kid = key_ids.setdefault(k, len(key_ids))
                        pk.append(kid)
                        pr.append(row)
                    row += 1
                if progress and counts:
                    progress(row)
        finally:
            if pool is not None:
                pool.terminate()
        arrays = cls._assemble(key_ids, pk, pr, blob, lengths, ids)
        arrays["prepared"], arrays["prepared_ptr"] = _blob_arrays(prepared, prepared_lengths)
        arrays.update(table_arrays(forms))
        if progress:
            progress(len(lengths))
        index = cls(arrays)
        index.build_processes = workers if pool is not None else 1
        return index

    @staticmethod
    def _assemble(
        key_ids: dict[str, int],
        pk: array[int],
        pr: array[int],
        blob: bytearray,
        lengths: array[int],
        ids: list[str],
    ) -> dict[str, np.ndarray]:
        n = len(lengths)
        keys = list(key_ids)
        hashes = _u64(key_hash(k) for k in keys)
        order = np.argsort(hashes, kind="stable")
        rank = np.empty(len(keys), dtype=np.int64)
        rank[order] = np.arange(len(keys))
        kid = rank[np.frombuffer(pk, dtype=np.int64)] if len(pk) else np.zeros(0, np.int64)
        rows = np.frombuffer(pr, dtype=np.int64) if len(pr) else np.zeros(0, np.int64)
        # (key, row) pairs are unique already (keys of a subject are a set):
        # a stable sort by key gives the CSR layout with rows ascending.
        by_key = np.argsort(kid, kind="stable")
        kid_sorted = kid[by_key]
        postings = rows[by_key].astype(np.int32)
        counts = np.bincount(kid_sorted, minlength=len(keys))
        key_ptr = np.zeros(len(keys) + 1, dtype=np.int64)
        np.cumsum(counts, out=key_ptr[1:])
        family = np.array([KEY_WEIGHT[keys[i][0]] for i in order], dtype=np.float32)
        idf = np.log1p(max(n, 1) / np.maximum(counts, 1)).astype(np.float32)
        # Each row's namesakes: the longest list among its whole-name keys.
        whole = np.array([keys[i][0] == "w" for i in order], dtype=bool)[kid]
        namesakes = np.ones(n, dtype=np.int32)
        np.maximum.at(namesakes, rows[whole], counts[kid[whole]].astype(np.int32))
        records, record_ptr = _blob_arrays(blob, lengths)
        id_h = _u64(key_hash(i) for i in ids)
        id_order = np.argsort(id_h, kind="stable")
        return {
            "key_hashes": hashes[order],
            "key_ptr": key_ptr,
            "postings": postings,
            "key_weights": idf * family,
            "records": records,
            "record_ptr": record_ptr,
            "namesakes": namesakes,
            "id_hashes": id_h[id_order],
            "id_rows": id_order.astype(np.int32),
        }

    # -- persistence --------------------------------------------------------
    def save(self, directory: Path) -> None:
        """Write the index as .npy files (changes since build are folded in)."""
        index = self._compacted() if (self._delta or self._n_dead) else self
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        # Write beside and rename: processes that mmap the old files keep
        # their pages (truncating a mapped file in place would crash them).
        for name in _ARRAYS:
            tmp = directory / f".{name}.npy.tmp"
            with tmp.open("wb") as fh:
                np.save(fh, np.ascontiguousarray(index._a[name]))
            os.replace(tmp, directory / f"{name}.npy")
        meta = {"format": FORMAT_VERSION, "subjects": len(index)}
        tmp = directory / ".meta.json.tmp"
        tmp.write_text(json.dumps(meta))
        os.replace(tmp, directory / "meta.json")

    @classmethod
    def load(cls, directory: Path, mmap: bool = True) -> ScreeningIndex:
        """Open a saved index; with ``mmap`` the arrays are shared read-only pages."""
        directory = Path(directory)
        meta = json.loads((directory / "meta.json").read_text())
        if meta.get("format") != FORMAT_VERSION:
            raise ValueError(f"unsupported index format {meta.get('format')!r}")
        mode: Any = "r" if mmap else None
        arrays = {name: np.load(directory / f"{name}.npy", mmap_mode=mode) for name in _ARRAYS}
        # Plain ndarray views of the same mapped pages: slicing a np.memmap
        # builds a memmap object each time (a quarter of query time at 300k).
        return cls({name: a.view(np.ndarray) for name, a in arrays.items()})

    def _compacted(self) -> ScreeningIndex:
        return ScreeningIndex.build(self._live_subjects())

    def _live_subjects(self) -> Iterable[Subject]:
        for row in range(self._n):
            if not self._dead[row]:
                yield self._subject(row)
        for s, _ in self._delta.values():
            yield s

    # -- changes ------------------------------------------------------------
    def _base_row(self, subject_id: str) -> int:
        h = np.uint64(key_hash(subject_id))
        hashes = self._a["id_hashes"]
        i = int(np.searchsorted(hashes, h))
        while i < len(hashes) and hashes[i] == h:
            row = int(self._a["id_rows"][i])
            if not self._dead[row] and self._subject(row).id == subject_id:
                return row
            i += 1
        return -1

    def remove(self, subject_id: str) -> None:
        """Forget a subject (no error if it is unknown)."""
        subject_id = str(subject_id)
        row = self._base_row(subject_id)
        if row >= 0:
            self._dead[row] = True
            self._n_dead += 1
        old = self._delta.pop(subject_id, None)
        if old is not None:
            for k in subject_keys(old[1]):
                ids = self._delta_keys.get(key_hash(k))
                if ids is not None:
                    ids.discard(subject_id)

    def upsert(self, subject: Subject) -> None:
        """Add a subject or replace the one with the same id."""
        self.remove(str(subject.id))
        p = prepare(subject)
        hashed = [(k, key_hash(k)) for k in subject_keys(p)]
        self._delta[p.id] = (subject, p)
        for _, h in hashed:
            self._delta_keys.setdefault(h, set()).add(p.id)
        # Namesakes among the base rows and the other changes (counted when
        # this subject changes, not again when they do).
        p.namesakes = 1 + max(
            (self._live_rows(h) + len(self._delta_keys[h]) - 1 for k, h in hashed if k[0] == "w"),
            default=0,
        )

    def __len__(self) -> int:
        return self._n - self._n_dead + len(self._delta)

    def warm(self) -> int:
        """Make the list's token forms ready before queries need them; how many were made.

        A process that has loaded an index makes each list token's form from
        the stored fields the first time a candidate carries it: the first
        thousands of queries after a start pay for it (a few % of their time
        at 1,000,000 list persons). A server calls this in the background as
        it starts (adapters.index_store). At most half the form cache is
        filled, so that the queries' own forms still fit.
        """
        made = 0
        for token in itertools.islice(self._forms.tokens(), FORM_CACHE // 2):
            form(token)
            made += 1
        return made

    # -- querying -----------------------------------------------------------
    def _subject(self, row: int) -> Subject:
        ptr = self._a["record_ptr"]
        return decode(bytes(self._a["records"][int(ptr[row]) : int(ptr[row + 1])]))

    def _prepare_row(self, row: int) -> Prepared:
        ptr = self._a["prepared_ptr"]
        p = decode_prepared(self._a["prepared"][int(ptr[row]) : int(ptr[row + 1])].tobytes())
        p.namesakes = int(self._a["namesakes"][row])
        return p

    def _live_rows(self, key_h: int) -> int:
        """How many live base rows the key of hash ``key_h`` is filed under."""
        hashes = self._a["key_hashes"]
        h = np.uint64(key_h)
        i = int(np.searchsorted(hashes, h))
        if i == len(hashes) or hashes[i] != h:
            return 0
        rows = self._a["postings"][int(self._a["key_ptr"][i]) : int(self._a["key_ptr"][i + 1])]
        return len(rows) - int(np.count_nonzero(self._dead[rows])) if self._n_dead else len(rows)

    def _prepared(self, row: int) -> Prepared:
        cache = self._cache
        p = cache.get(row)
        if p is None:
            if len(cache) >= PREPARED_CACHE:
                # Drop the oldest entry, not the whole cache: clearing 50,000
                # prepared records at once was a 100 ms pause (the p99 tail).
                cache.popitem(last=False)  # O(1), unlike del d[next(iter(d))]
            p = cache[row] = self._prepare_row(row)
        return p

    def _scratch(self, postings: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """This thread's vote accumulator, row bitmap (zero between queries) and row buffer.

        The buffer holds at least ``postings`` rows. It is kept: a fresh
        array of that size (~200 KB at 1,000,000 list persons) came from the
        operating system and back on every query.
        """
        scratch: tuple[np.ndarray, np.ndarray, np.ndarray] | None = getattr(
            self._local, "scratch", None
        )
        if scratch is None or len(scratch[0]) != self._n:
            acc = np.zeros(self._n, np.float32)
            scratch = (acc, np.zeros((self._n + 63) // 64, np.uint64), np.empty(0, np.int32))
        if len(scratch[2]) < postings:
            scratch = (scratch[0], scratch[1], np.empty(2 * postings, np.int32))
        self._local.scratch = scratch
        return scratch

    def _retrieve(self, keys: set[str], limit: int) -> np.ndarray:
        """The ``limit`` rows with the most key votes, most first (see kernels)."""
        if self._n == 0 or not keys:
            return np.zeros(0, dtype=np.int64)
        n = len(keys)
        probes = [_query_key(k) for k in keys]
        qh = np.fromiter((h for h, _ in probes), np.uint64, n)  # distinct keys, distinct hashes
        # Dates only add to rows the name and document keys found (kernels.top_voted).
        secondary = np.fromiter((s for _, s in probes), np.bool_, n)
        pos = np.empty(n, np.int64)
        weights = np.empty(n, np.float32)
        ptr = self._a["key_ptr"]
        found, n_primary, postings = lookup_keys(
            self._a["key_hashes"], ptr, self._a["key_weights"], qh, secondary, pos, weights
        )
        if not found:
            return np.zeros(0, dtype=np.int64)
        acc, marks, touched = self._scratch(postings)
        rows = np.empty(limit, dtype=np.int64)
        k = top_voted(
            ptr,
            self._a["postings"],
            pos[:found],
            weights[:found],
            n_primary,
            acc,
            marks,
            self._dead if self._n_dead else _NONE_DEAD,
            touched,
            rows,
            np.empty(limit, dtype=np.float32),
        )
        return rows[:k]

    def screen(
        self, query: Subject, top_k: int = 10, threshold: float | None = None
    ) -> list[Match]:
        """Best matches first: ``top_k`` of them whatever their score.

        ``alert`` is set where the score reaches ``threshold`` (default
        ``DEFAULT_THRESHOLD``).
        """
        thr = DEFAULT_THRESHOLD if threshold is None else float(threshold)
        top_k = max(0, int(top_k))
        if top_k == 0:
            return []
        q = prepare(query)
        keys = subject_keys(q, query=True)
        scored: list[tuple[float, str, Evaluation]] = []
        memo: NameMemo = {}
        for row in self._retrieve(keys, max(MIN_RESCORE, top_k + RESCORE_MARGIN)).tolist():
            c = self._prepared(row)
            ev = evaluate(q, c, memo)
            scored.append((-ev.total, c.id, ev))
        if self._delta:
            # As in the base rows: dates only rank what a name or document finds.
            finding = {k for k in keys if k[0] not in SECONDARY_KEYS} or keys
            ids: set[str] = set()
            for k in finding:
                ids |= self._delta_keys.get(key_hash(k), set())
            for sid in ids:
                ev = evaluate(q, self._delta[sid][1], memo)
                scored.append((-ev.total, sid, ev))
        scored.sort(key=lambda t: (t[0], t[1]))
        self._count_query()
        return [explain(cid, ev, thr) for _, cid, ev in scored[:top_k]]

    def _count_query(self) -> None:
        """Count a screened query: every SETTLE_EVERY of them, :meth:`_settle`."""
        self._queries += 1
        if self._queries >= SETTLE_EVERY:
            self._settle()

    def _settle(self) -> None:
        """Hand what the caches gained to the collector's permanent generation.

        The engine's caches (token pairs, forms, parts, prepared rows) hold
        hundreds of thousands of small objects that live until evicted, and
        they keep growing and turning over at 1,000,000 list persons (most
        candidates are rows not seen before). CPython's full collections
        scanned them again and again: ~200 µs a query, a tenth of the time,
        in passes of 150 ms (benchmarks/screening_speed.py at 1,000,000,
        /tmp timing with gc.callbacks, 4,000 queries, 2026-11-30). Frozen
        objects are never scanned, yet freed as usual once no longer
        referenced. The young generations are collected first, so that the
        garbage of the last queries is not frozen with them.

        What is frozen while alive and later dies inside a reference cycle
        (the engine makes none, but a server's in-flight requests may) can
        only be collected once unfrozen: every FULL_EVERY hand-overs (100,000
        queries) everything is unfrozen and collected in full, once, which
        bounds that leak. That pause was 392 ms at 1,000,000 list persons
        after 4,000 queries (/tmp timing, 2026-11-30), once per 100,000
        queries, against the ~150 ms passes every few thousand queries that
        the hand-overs replace.
        """
        global _settled
        self._queries = 0
        _settled += 1
        if _settled >= FULL_EVERY:
            _settled = 0
            gc.unfreeze()
            gc.collect()
        else:
            gc.collect(1)
        gc.freeze()

    def search(self, text: str, top_k: int = 10) -> list[Match]:
        """Screen a free-text name (no other evidence)."""
        text = text[:MAX_QUERY_TEXT] if isinstance(text, str) else ""
        return self.screen(Subject(id="", names=(NameInput(full=text),)), top_k=top_k)
