"""Screening quality: recall, false alerts and recall per variant class.

    python benchmarks/screening_quality.py [--list-size 20000] [--queries 4000] [--seed 7]

Each positive query is a list person as another system wrote it (see
screening_data.py); each negative is a namesake born years apart, a relative or
a stranger. A positive counts when its person is alerted among the top 10; a
negative counts as a false alert when anything is alerted.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np
import reference_scorer
import screening_data as data

from ncbdesk.matching import DEFAULT_THRESHOLD, Match, ScreeningIndex


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--list-size", type=int, default=20_000)
    ap.add_argument("--queries", type=int, default=4_000, help="positives (and as many negatives)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--reference", action="store_true", help="also run nomenklatura LogicV2")
    ap.add_argument("--show-misses", type=int, default=0, help="print this many misses per class")
    reference_scorer.add_argument(ap)
    ap.add_argument(
        "--show-false-alerts",
        type=int,
        default=0,
        help="print this many false alerts per negative kind, with the alerted record",
    )
    args = ap.parse_args()

    persons = data.generate_list(args.list_size, args.seed)
    subjects = {s.id: s for s in data.iter_subjects(persons, args.seed)}
    t0 = time.perf_counter()
    index = ScreeningIndex.build(subjects.values())
    gc.freeze()
    build = time.perf_counter() - t0
    queries = data.make_queries(persons, args.queries, args.queries, args.seed)
    print(f"list persons {len(index):,}  queries {len(queries):,}  build {build:.1f} s")

    true_scores: dict[str, list[float]] = defaultdict(list)  # class -> score of the right person
    neg_max: dict[str, list[float]] = defaultdict(list)  # kind -> best score of anyone
    misses: dict[str, list[str]] = defaultdict(list)
    false_alerts: dict[str, list[str]] = defaultdict(list)
    # How many list persons carry each (given, family) name: the namesakes an
    # exact-name alert competes with (what the scorer cannot see per pair).
    by_id = {p.id: p for p in persons}
    name_count = Counter((p.given, p.family) for p in persons)
    shared_names = 0
    t0 = time.perf_counter()
    for q, cls, expected in queries:
        matches = index.screen(q, top_k=10)
        if expected:
            s = next((m.score for m in matches if m.id == expected), 0.0)
            true_scores[cls].append(s)
            if s < DEFAULT_THRESHOLD and len(misses[cls]) < args.show_misses:
                top = matches[0] if matches else None
                k = name_count[(by_id[expected].given, by_id[expected].family)]
                misses[cls].append(
                    f"  {q.names} {q.birth_dates} -> {expected} ({k} list person(s) with "
                    f"this name) score {s:.2f}; top {top.id if top else '-'} "
                    f"{top.score if top else 0:.2f} {top.reasons if top else ''}"
                )
        else:
            neg_max[cls].append(matches[0].score if matches else 0.0)
            if matches and matches[0].alert:
                hit = by_id[matches[0].id]
                k = name_count[(hit.given, hit.family)]
                shared_names += k > 1
                if len(false_alerts[cls]) < args.show_false_alerts:
                    false_alerts[cls].append(
                        describe_false_alert(q, subjects[hit.id], matches[0].score, matches)
                        + f"\n  the list holds {k} person(s) with this record's name"
                    )
            if matches and matches[0].alert and len(misses[cls]) < args.show_misses:
                misses[cls].append(
                    f"  {q.names} {q.birth_dates} -> {matches[0].id} "
                    f"{matches[0].score:.2f} {matches[0].reasons}"
                )
    elapsed = time.perf_counter() - t0

    pos = np.array([s for v in true_scores.values() for s in v])
    neg = np.array([s for v in neg_max.values() for s in v])
    thr = DEFAULT_THRESHOLD
    recall = float((pos >= thr).mean())
    far = float((neg >= thr).mean())
    t1 = float(np.quantile(neg, 0.99, method="higher"))
    recall_1 = float((pos > t1).mean())
    print(f"screening {len(queries) / elapsed:,.0f} queries/s")
    print(
        f"threshold {thr:.2f}: recall {recall:.4f}  false-alert rate {far:.4f} "
        f"({int((neg >= thr).sum())} of {len(neg)})"
    )
    print(f"at 1% false alerts (threshold {t1:.3f}): recall {recall_1:.4f}")
    t05 = float(np.quantile(neg, 0.995, method="higher"))
    print(f"at 0.5% false alerts (threshold {t05:.3f}): recall {float((pos > t05).mean()):.4f}")
    print("recall per class:")
    for cls in data.POSITIVE_CLASSES:
        v = np.array(true_scores.get(cls, []))
        if len(v):
            flag = "  <-- below 0.90" if (v >= thr).mean() < 0.9 else ""
            print(f"  {cls:24s} {(v >= thr).mean():.3f}  (n={len(v)}){flag}")
    print("false-alert rate per negative kind:")
    for kind, v in sorted(neg_max.items()):
        arr = np.array(v)
        print(f"  {kind:24s} {(arr >= thr).mean():.4f}  (n={len(arr)})")
    print(
        "false alerts on a record whose given and family name other list persons share: "
        f"{shared_names} of {int((neg >= thr).sum())}"
    )
    for cls, lines in misses.items():
        if not lines:
            continue
        print(f"misses {cls}:")
        print("\n".join(lines))
    for kind, lines in false_alerts.items():
        print(f"false alerts {kind}:")
        print("\n".join(lines))
    if args.reference:
        reference(args.reference_python, index, subjects, queries)


def _who(s: data.Subject) -> str:
    names = " / ".join(
        " ".join(x for x in (n.full, n.given, n.patronymic, n.middle, n.family) if x)
        for n in s.names
    )
    return (
        f"{names} | born {','.join(s.birth_dates) or '-'} | sex {s.sex or '-'} | "
        f"nat {','.join(s.nationalities) or '-'} | docs {','.join(s.documents) or '-'}"
    )


def describe_false_alert(
    q: data.Subject, record: data.Subject, score: float, matches: list[Match]
) -> str:
    """A false alert as an officer would read it: both people, the score, the reasons."""
    others = sum(1 for m in matches if m.alert) - 1
    lines = [
        f"  query  {_who(q)}",
        f"  record {record.id} {_who(record)}",
        f"  score {score:.3f} (+{others} other alerts): " + "; ".join(matches[0].reasons),
    ]
    return "\n".join(lines)


def reference(
    python: Path,
    index: ScreeningIndex,
    subjects: dict[str, data.Subject],
    queries: list[data.Query],
) -> None:
    """nomenklatura's LogicV2 on the same candidates (our top 10 of each query).

    A query's best counts only its expected person (positives) or anyone
    (negatives), as our own figures do.
    """
    batches: list[reference_scorer.Batch] = []
    counts: list[list[bool]] = []  # per query, per candidate: counts for the query's best
    for i, (q, _, expected) in enumerate(queries):
        matches = index.screen(q, top_k=10)
        batches.append(
            (
                reference_scorer.entity(q, f"query-{i}"),
                [reference_scorer.entity(subjects[m.id]) for m in matches],
            )
        )
        counts.append([not expected or m.id == expected for m in matches])
    try:
        ref = reference_scorer.score(python, batches)
    except reference_scorer.Unavailable as e:
        print(f"--reference skipped: {e}")
        return
    best = [
        max((s for s, c in zip(scores, cs, strict=True) if c), default=0.0)
        for scores, cs in zip(ref.scores, counts, strict=True)
    ]
    pos = np.array([b for b, (_, _, e) in zip(best, queries, strict=True) if e])
    neg = np.array([b for b, (_, _, e) in zip(best, queries, strict=True) if not e])
    print(f"nomenklatura {ref.version} LogicV2 on the same candidates ({ref.pairs:,} pairs):")
    for thr in (0.7, 0.8):
        print(
            f"  LogicV2 at {thr:.2f}: recall {(pos >= thr).mean():.4f}  "
            f"false alerts {(neg >= thr).mean():.4f}"
        )


if __name__ == "__main__":
    main()
