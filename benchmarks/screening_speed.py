"""Screening speed: build, save/load, queries per second, latency, memory.

    python benchmarks/screening_speed.py [--size 1000000] [--queries 10000] [--seed 7]

Queries are the positive and negative queries of screening_data.py (names in
other scripts and schemes, typos, dates), screened with the full scorer and
explanations, one process, one thread.
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
import screening_data as data

from ncbdesk.matching import ScreeningIndex


def memory() -> str:
    """Peak and current resident memory of this process (Linux)."""
    fields = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmHWM", "VmRSS"):
            fields[key] = int(value.split()[0]) / 1024 / 1024
    return f"peak RSS {fields.get('VmHWM', 0):.2f} GB, current RSS {fields.get('VmRSS', 0):.2f} GB"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", type=int, default=1_000_000)
    ap.add_argument("--queries", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()

    t0 = time.perf_counter()
    persons = data.generate_list(args.size, args.seed)
    queries = [
        q
        for q, _, _ in data.make_queries(
            persons, args.queries // 2, args.queries - args.queries // 2, args.seed
        )
    ]
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
        gc.freeze()

        warm = min(500, len(queries) // 10)
        for q in queries[:warm]:
            index.screen(q)
        lat = np.empty(len(queries))
        t_all = time.perf_counter()
        for i, q in enumerate(queries):
            t = time.perf_counter()
            index.screen(q, top_k=10)
            lat[i] = time.perf_counter() - t
        total = time.perf_counter() - t_all
        print(
            f"screen: {len(queries) / total:,.0f} queries/s  "
            f"p50 {np.percentile(lat, 50) * 1e3:.2f} ms  "
            f"p99 {np.percentile(lat, 99) * 1e3:.2f} ms  "
            f"max {lat.max() * 1e3:.1f} ms  (after {warm} warm-up queries)"
        )
        print(memory())


if __name__ == "__main__":
    main()
