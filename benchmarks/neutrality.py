"""How well the Article 3 screening flags what needs a legal review.

Reads the labelled requests in ``benchmarks/neutrality_cases.jsonl`` (English
and Russian, written by hand: ordinary crimes, pure political / military /
religious / racial offences, ordinary crimes in a political context, refugee
and human-rights cases, and ordinary cases with political-looking words) and
prints:

* recall — of the requests that need review, the share flagged (target ≥ 0.95);
* false-flag rate — of the ordinary requests, the share flagged needlessly
  (target ≤ 0.10);

overall, per category and per language, then the misses.  Run it with::

    .venv/bin/python benchmarks/neutrality.py [--misses]
"""

from __future__ import annotations

import argparse
import json
import time
from collections import defaultdict
from pathlib import Path

from ncbdesk.domain.neutrality import NeutralityInput, assess

CASES = Path(__file__).with_name("neutrality_cases.jsonl")


def load(path: Path) -> list[dict[str, object]]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def to_input(case: dict[str, object]) -> NeutralityInput:
    return NeutralityInput(
        offence=str(case.get("offence", "")),
        legal_provisions=str(case.get("legal_provisions", "")),
        facts=str(case.get("facts", "")),
        person_status=str(case.get("person_status", "")),
        refugee_status_against_requester=bool(case.get("refugee_status_against_requester")),
        requester_restrictions=str(case.get("requester_restrictions", "")),
        election_period=bool(case.get("election_period")),
    )


def rate(flagged: int, total: int) -> str:
    return f"{flagged}/{total} = {flagged / total:.3f}" if total else "—"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="print every wrong case")
    args = parser.parse_args()

    cases = load(CASES)
    started = time.perf_counter()
    results = [(case, assess(to_input(case))) for case in cases]
    elapsed = time.perf_counter() - started

    # key -> [flagged, total] for review cases and for ordinary cases
    review: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    ordinary: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    levels: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    wrong = []
    for case, a in results:
        bucket = review if case["needs_review"] else ordinary
        for key in ("all", f"lang:{case['lang']}", f"category:{case['category']}"):
            bucket[key][0] += a.needs_review
            bucket[key][1] += 1
        levels[str(case["category"])][a.risk.value] += 1
        if a.needs_review != case["needs_review"]:
            wrong.append((case, a))

    langs = sorted({str(c["lang"]) for c in cases})
    print(f"Article 3 screening benchmark — {len(cases)} labelled requests ({CASES.name})")
    sizes = ", ".join(f"{lang}={sum(c['lang'] == lang for c in cases)}" for lang in langs)
    print(f"languages: {sizes}")
    print(f"assessed in {elapsed * 1000:.0f} ms ({elapsed / len(cases) * 1e6:.0f} µs per request)")
    print()
    print(f"recall (needs review → flagged), target ≥ 0.95:  {rate(*review['all'])}")
    print(f"false flags (ordinary → flagged), target ≤ 0.10: {rate(*ordinary['all'])}")
    print()
    print("per language")
    for lang in langs:
        key = f"lang:{lang}"
        print(f"  {lang}: recall {rate(*review[key])}   false flags {rate(*ordinary[key])}")
    print()
    print("per category (flagged / cases; risk levels)")
    for category in sorted(levels):
        key = f"category:{category}"
        flagged, total = review[key] if key in review else ordinary[key]
        kind = "recall" if key in review else "false flags"
        spread = ", ".join(f"{lvl}={n}" for lvl, n in sorted(levels[category].items()))
        print(f"  {category:<13} {kind:<11} {rate(flagged, total):<18} ({spread})")
    if wrong:
        print()
        print(f"wrong: {len(wrong)}" + ("" if args.misses else " (run with --misses to list)"))
        if args.misses:
            for case, a in wrong:
                text = " | ".join(
                    str(case[f])
                    for f in ("offence", "legal_provisions", "facts", "person_status")
                    if case.get(f)
                )
                print(f"  {case['id']} [{case['category']}] got {a.risk.value}: {text}")
                for reason in a.reason_texts():
                    print(f"      - {reason}")


if __name__ == "__main__":
    main()
