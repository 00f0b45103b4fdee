"""Screening speed: build, save/load, queries per second, latency, memory.

    python benchmarks/screening_speed.py [--size 1000000] [--queries 10000] [--seed 7]

Queries are the positive and negative queries of screening_data.py (names in
other scripts and schemes, typos, dates), screened with the full scorer and
explanations, one process, one thread. Then nomenklatura's LogicV2 (yente's
default scorer) is timed scoring the candidates our retrieval found for the
first --reference-queries queries, in its own venv (see reference_scorer.py).
"""

from __future__ import annotations

import argparse
import gc
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np
import reference_scorer
import screening_data as data

from ncbdesk.matching import ScreeningIndex
from ncbdesk.matching.blocking import subject_keys
from ncbdesk.matching.index import MIN_RESCORE, RESCORE_MARGIN
from ncbdesk.matching.model import Subject
from ncbdesk.matching.scoring import prepare

TOP_K = 10


def memory() -> str:
    """Peak and current resident memory of this process (Linux)."""
    fields = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmHWM", "VmRSS"):
            fields[key] = int(value.split()[0]) / 1024 / 1024
    return f"peak RSS {fields.get('VmHWM', 0):.2f} GB, current RSS {fields.get('VmRSS', 0):.2f} GB"


def cpu_ticks() -> tuple[int, int]:
    """(all, stolen) CPU ticks of the machine since boot (Linux /proc/stat; zeros elsewhere).

    Steal is time the hypervisor gave this virtual machine's CPUs to others:
    where it is high, queries/s says more about the host than about the code.
    """
    try:
        fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    except OSError:
        return 0, 0
    ticks = [int(x) for x in fields]
    return sum(ticks[:8]), ticks[7] if len(ticks) > 7 else 0


def at_scale(labelled: list[data.Query], alerted: list[tuple[str, ...]], size: int) -> str:
    """Recall and false alerts of the timed run: quality at this list size.

    The quality benchmark's bar is set on 20,000 list persons; a larger list
    has more namesakes competing for the rows retrieval hands the scorer.
    """
    found = positives = false = negatives = 0
    for (_, _, expected), ids in zip(labelled, alerted, strict=True):
        if expected:
            positives += 1
            found += expected in ids
        else:
            negatives += 1
            false += bool(ids)
    return (
        f"at {size:,} list persons: recall {found / max(positives, 1):.4f} "
        f"({found:,} of {positives:,} positives), false-alert rate "
        f"{false / max(negatives, 1):.4f} ({false:,} of {negatives:,} negatives)"
    )


def warm_up(n_queries: int) -> int:
    """Queries screened once, untimed, before the timed run."""
    return min(500, n_queries // 10)


def retrieved(index: ScreeningIndex, query: Subject) -> list[Subject]:
    """The list records ``index.screen(query, TOP_K)`` scores, as recorded.

    No public call returns retrieval's rows, so this repeats the first lines
    of ``ScreeningIndex.screen`` (an index just loaded has no delta).
    """
    keys = subject_keys(prepare(query), query=True)
    rows = index._retrieve(keys, max(MIN_RESCORE, TOP_K + RESCORE_MARGIN))
    return [index._subject(row) for row in rows.tolist()]


def reference(python: Path, index: ScreeningIndex, queries: list[Subject], n: int) -> None:
    """LogicV2's time to score what our retrieval found for the first ``n`` queries.

    The same pairs our scorer scores for those queries; only LogicV2.compare
    is timed, after the same share of warm-up queries as our own run.
    """
    sample = queries[:n]
    try:
        reference_scorer.check(python)
        batches = [
            (
                reference_scorer.entity(q, f"query-{i}"),
                [reference_scorer.entity(c) for c in retrieved(index, q)],
            )
            for i, q in enumerate(sample)
        ]
        ref = reference_scorer.score(python, batches, warm=warm_up(len(sample)))
    except reference_scorer.Unavailable as e:
        print(f"reference: skipped, {e}")
        return
    print(
        f"reference: nomenklatura {ref.version} LogicV2 scoring only: "
        f"{len(sample) / ref.seconds:,.0f} queries/s, {ref.pairs / ref.seconds:,.0f} pairs/s "
        f"on the candidates our retrieval found in the same {len(index):,}-person list "
        f"for the first {len(sample):,} of the {len(queries):,} queries "
        f"({ref.pairs:,} pairs, {ref.pairs / len(sample):.1f} a query, as our scorer gets; "
        f"retrieval is ours and not timed; after {warm_up(len(sample))} warm-up queries)"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", type=int, default=1_000_000)
    ap.add_argument("--queries", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument(
        "--reference-queries",
        type=int,
        default=1_000,
        help="time LogicV2 on the candidates of this many queries (0: not at all)",
    )
    reference_scorer.add_argument(ap)
    args = ap.parse_args()

    t0 = time.perf_counter()
    persons = data.generate_list(args.size, args.seed)
    labelled = data.make_queries(
        persons, args.queries // 2, args.queries - args.queries // 2, args.seed
    )
    queries = [q for q, _, _ in labelled]
    subjects = list(data.iter_subjects(persons, args.seed))
    del persons
    print(
        f"generated {len(subjects):,} list persons and {len(queries):,} queries "
        f"in {time.perf_counter() - t0:.1f} s"
    )

    t0 = time.perf_counter()
    index = ScreeningIndex.build(subjects)
    build = time.perf_counter() - t0
    del subjects
    gc.collect()
    print(f"build: {build:.1f} s  ({memory()})")

    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        index.save(Path(tmp))
        save = time.perf_counter() - t0
        size = sum(f.stat().st_size for f in Path(tmp).iterdir()) / 1e6
        del index
        gc.collect()
        t0 = time.perf_counter()
        index = ScreeningIndex.load(Path(tmp), mmap=True)
        load = time.perf_counter() - t0
        print(
            f"save: {save:.2f} s ({size:,.0f} MB on disk)  load (mmap): {load:.3f} s  "
            f"save+load {save + load:.2f} s"
        )
        # As a server does in the background as it starts (index_store.warm_up):
        # the list's name forms, made before the first query needs them.
        t0 = time.perf_counter()
        forms = index.warm()
        print(f"warm: {forms:,} list name forms made ready in {time.perf_counter() - t0:.2f} s")
        gc.collect()
        gc.freeze()

        warm = warm_up(len(queries))
        for q in queries[:warm]:
            index.screen(q)
        lat = np.empty(len(queries))
        # Only the alerted ids are kept: holding every Match (reasons and all)
        # made the collector's passes longer and cost ~10 % of queries/s.
        alerted: list[tuple[str, ...]] = []
        ticks, stolen = cpu_ticks()
        t_all, cpu_all = time.perf_counter(), time.process_time()
        for i, q in enumerate(queries):
            t = time.perf_counter()
            matches = index.screen(q, top_k=TOP_K)
            alerted.append(tuple(m.id for m in matches if m.alert))
            lat[i] = time.perf_counter() - t
        total, cpu = time.perf_counter() - t_all, time.process_time() - cpu_all
        ticks_after, stolen_after = cpu_ticks()
        steal = (stolen_after - stolen) / max(ticks_after - ticks, 1)
        print(
            f"screen: {len(queries) / total:,.0f} queries/s  "
            f"p50 {np.percentile(lat, 50) * 1e3:.2f} ms  "
            f"p99 {np.percentile(lat, 99) * 1e3:.2f} ms  "
            f"max {lat.max() * 1e3:.1f} ms  (after {warm} warm-up queries)"
        )
        print(
            f"  this process's CPU time: {len(queries) / cpu:,.0f} queries/s; "
            f"CPU time stolen by the host during the run: {steal:.1%}"
        )
        print(memory())
        print(at_scale(labelled, alerted, len(index)))
        if args.reference_queries > 0:
            reference(args.reference_python, index, queries, args.reference_queries)


if __name__ == "__main__":
    main()
