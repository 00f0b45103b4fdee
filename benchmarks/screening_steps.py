"""Where a screening query's time goes, step by step.

    python benchmarks/screening_steps.py [--size 1000000] [--queries 4000] [--seed 7]
        [--index-dir DIR]

Runs the steps of ``ScreeningIndex.screen`` one by one over the same queries as
screening_speed.py and prints the time of each per query: the query's own
preparation and keys, retrieval, reading the candidates, scoring them,
handing the caches to the collector every 1,000 queries, and explaining the
best. The steps are checked against ``screen`` itself: every
query's results must be the same, or the script stops (a replica that drifted
from the engine would time something else).

With ``--index-dir`` the index is built once, saved there and loaded on later
runs (a 1,000,000-person list takes minutes to generate and build). To compare
two versions of the engine on these shared machines, where the same code runs
±30 % from one minute to the next, run each in turn, alternating, in the same
minutes: ``PYTHONPATH=/path/to/other/checkout python benchmarks/screening_steps.py``.
"""

from __future__ import annotations

import argparse
import gc
import inspect
import json
import pickle
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
# Last, not first: PYTHONPATH names another checkout's engine to time.
sys.path.append(str(Path(__file__).resolve().parent.parent))

import screening_data as data

import ncbdesk
from ncbdesk.matching import ScreeningIndex
from ncbdesk.matching.blocking import subject_keys
from ncbdesk.matching.index import MIN_RESCORE, RESCORE_MARGIN
from ncbdesk.matching.model import Match, Subject
from ncbdesk.matching.scoring import evaluate, explain, prepare
from ncbdesk.matching.weights import DEFAULT_THRESHOLD

TOP_K = 10
STEPS = (
    "query keys",
    "retrieval",
    "reading candidates",
    "scoring",
    "collector hand-over",
    "explanations",
)


def load_or_build(
    directory: Path | None, size: int, n_queries: int, seed: int
) -> tuple[ScreeningIndex, list[Subject]]:
    """The index of the generated list and the queries: from ``directory`` if saved there."""
    meta = {"size": size, "queries": n_queries, "seed": seed}
    marker = directory / "screening_steps.json" if directory else None
    saved = directory / "screening_steps.queries.pickle" if directory else None
    if marker and saved and marker.exists() and json.loads(marker.read_text()) == meta:
        try:
            # Written by this script, below: not a file from elsewhere.
            return ScreeningIndex.load(directory), pickle.loads(saved.read_bytes())
        except ValueError as e:  # saved in another index format: build again
            print(f"rebuilding the index in {directory}: {e}")
    t0 = time.perf_counter()
    persons = data.generate_list(size, seed)
    labelled = data.make_queries(persons, n_queries // 2, n_queries - n_queries // 2, seed)
    queries = [q for q, _, _ in labelled]
    index = ScreeningIndex.build(data.iter_subjects(persons, seed))
    print(f"generated and built {len(index):,} list persons in {time.perf_counter() - t0:.1f} s")
    if directory and marker and saved:
        index.save(directory)
        saved.write_bytes(pickle.dumps(queries))
        marker.write_text(json.dumps(meta))
        return ScreeningIndex.load(directory), queries
    return index, queries


def screened(index: ScreeningIndex, q: Subject, clock: dict[str, float]) -> list[Match]:
    """``index.screen(q, TOP_K)`` in steps, each step's time added to ``clock``.

    For an index just built or loaded (no changes since: screen also scores
    changed records).
    """
    now = time.perf_counter
    t0 = now()
    p = prepare(q)
    keys = subject_keys(p, query=True)
    t1 = now()
    rows = index._retrieve(keys, max(MIN_RESCORE, TOP_K + RESCORE_MARGIN)).tolist()
    t2 = now()
    candidates = [index._prepared(row) for row in rows]
    t3 = now()
    memo: dict = {}
    scored = [(-(ev := evaluate(p, c, memo)).total, c.id, ev) for c in candidates]
    scored.sort(key=lambda t: (t[0], t[1]))
    t4 = now()
    index._count_query()  # as screen does (the collector hand-over)
    t5 = now()
    matches = [explain(cid, ev, DEFAULT_THRESHOLD) for _, cid, ev in scored[:TOP_K]]
    t6 = now()
    took = (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4, t6 - t5)
    for step, seconds in zip(STEPS, took, strict=True):
        clock[step] += seconds
    return matches


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", type=int, default=1_000_000)
    ap.add_argument("--queries", type=int, default=4_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--index-dir", type=Path, default=None)
    args = ap.parse_args()

    index, queries = load_or_build(args.index_dir, args.size, args.queries, args.seed)
    if hasattr(index, "warm"):  # as screening_speed.py (an older engine has no warm())
        index.warm()
    gc.collect()
    gc.freeze()
    warm = min(500, len(queries) // 10)
    for q in queries[:warm]:
        index.screen(q, top_k=TOP_K)

    # Two halves, each screened here for the first time (a second pass finds
    # the caches warm): the first through the public call, comparable across
    # versions of the engine whatever their insides; the second step by step.
    whole, stepped = queries[warm::2], queries[warm + 1 :: 2]
    print(f"engine: {Path(ncbdesk.__file__).parent}")
    t0, cpu0 = time.perf_counter(), time.process_time()
    for q in whole:
        index.screen(q, top_k=TOP_K)
    wall, cpu = time.perf_counter() - t0, time.process_time() - cpu0
    n = len(whole)
    print(
        f"{len(index):,} list persons, {n:,} queries timed after {warm} warm-up ones: "
        f"screen {n / wall:,.0f} queries/s ({n / cpu:,.0f} on this process's CPU time), "
        f"{wall / n * 1e6:,.0f} µs a query"
    )
    if "memo" not in inspect.signature(evaluate).parameters:
        print("steps: not timed (this engine's insides differ from what screened() replays)")
        return
    clock = dict.fromkeys(STEPS, 0.0)
    results = [screened(index, q, clock) for q in stepped]
    for q, got in zip(stepped, results, strict=True):
        want = index.screen(q, top_k=TOP_K)
        if [(m.id, m.score, m.reasons) for m in got] != [(m.id, m.score, m.reasons) for m in want]:
            sys.exit(f"steps differ from screen on query {q.names}: fix screened()")
    steps, m = sum(clock.values()), len(stepped)
    print(f"{m:,} other queries step by step: {steps / m * 1e6:,.0f} µs a query")
    for step in STEPS:
        print(f"  {step:20s} {clock[step] / m * 1e6:7,.0f} µs  {clock[step] / steps:6.1%}")


if __name__ == "__main__":
    main()
