"""How well the Article 3 screening flags what needs a legal review.

Reads the labelled requests in ``benchmarks/neutrality_cases.jsonl`` (English
and Russian, written by hand: ordinary crimes, pure political / military /
religious / racial offences, ordinary crimes in a political context, refugee
and human-rights cases, and ordinary cases with political-looking words) and
prints:

* recall — of the requests that need review, the share flagged (target ≥ 0.95);
* false-flag rate — of the ordinary requests, the share flagged needlessly
  (target ≤ 0.10);

overall, per split, per language and per category, then the misses.

The splits say how far the figures can be trusted.  Each was written before
the rules saw it; its *first-run* figures are the honest estimate, later
runs are tuned:

* ``dev`` (332 EN/RU cases), first run: recall 0.886, false flags 0.038;
* ``holdout1`` (100 cases: EN/RU plus a few French, Spanish and Arabic),
  written after tuning on ``dev``; first run: recall 0.736, false flags 0.085;
* ``holdout2`` (76 EN/RU cases), written after tuning on ``holdout1``; first
  run: recall 0.600, false flags 0.083;
* ``holdout3`` (76 EN/RU cases, harder paraphrases such as "leaving the
  battlefield" or "offence against sacred persons"); first run: recall 0.417,
  false flags 0.125.  It led to one structural change, with no new words: a
  charge recognised neither as ordinary nor as Article 3 is MEDIUM, not LOW
  (then 0.833 / 0.150); the closed list of ordinary crimes was then widened
  and masks stopped hiding ordinary words (0.833 / 0.125);
* ``holdout4`` (76 EN/RU cases), written after all of that and never tuned
  on — the honest estimate: recall 0.923 (24/26), false flags 0.140 (7/50:
  1 of 30 plain ordinary requests, 6 of 20 deliberately tricky ones).

Tuning added general stems and synonyms (never whole sentences) and fixed
bugs (Arabic patterns that could never match; "грабёж с применением
насилия", the name of violent robbery, read as torture).  Read the tuned
figures as "the rules cover what they were shown" and ``holdout4`` as what to
expect of new wording: a keyword screen still misses some paraphrases and is
tripped by third parties named in the facts (a journalist's car burned, a
party's rally tickets forged), which the reviewer then clears.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import defaultdict
from pathlib import Path

from ncbdesk.domain.neutrality import NeutralityInput, assess

CASES = Path(__file__).with_name("neutrality_cases.jsonl")
# Splits whose misses were used to improve the rules; holdout4 never was.
TUNED = ("dev", "holdout1", "holdout2", "holdout3")


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
        split = case.get("split", "dev")
        keys = ("all", f"lang:{case['lang']}", f"category:{case['category']}", f"split:{split}")
        for key in keys:
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
    tuned_review = [sum(review[f"split:{s}"][i] for s in TUNED) for i in (0, 1)]
    tuned_ordinary = [sum(ordinary[f"split:{s}"][i] for s in TUNED) for i in (0, 1)]
    print("                                      tuned splits          untuned (holdout4)")
    print(
        f"recall (needs review → flagged)       {rate(*tuned_review):<21} "
        f"{rate(*review['split:holdout4'])}   target ≥ 0.95"
    )
    print(
        f"false flags (ordinary → flagged)      {rate(*tuned_ordinary):<21} "
        f"{rate(*ordinary['split:holdout4'])}   target ≤ 0.10"
    )
    print(
        f"all {len(cases)} cases: recall {rate(*review['all'])}, "
        f"false flags {rate(*ordinary['all'])}"
    )
    print()
    print("per split (first-run figures of each split are in the docstring)")
    for split in (*TUNED, "holdout4"):
        key = f"split:{split}"
        print(f"  {split:<8} recall {rate(*review[key]):<20} false flags {rate(*ordinary[key])}")
    print()
    print("per language")
    for lang in langs:
        key = f"lang:{lang}"
        print(f"  {lang:<8} recall {rate(*review[key]):<20} false flags {rate(*ordinary[key])}")
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
                label = f"{case['id']} [{case['category']}, {case.get('split', 'dev')}]"
                print(f"  {label} got {a.risk.value}: {text}")
                for reason in a.reason_texts():
                    print(f"      - {reason}")


if __name__ == "__main__":
    main()
