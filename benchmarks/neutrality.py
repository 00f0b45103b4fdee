"""How well the Article 3 screening flags what needs a legal review.

Reads the labelled requests in ``benchmarks/neutrality_cases.jsonl`` (English
and Russian, written by hand: ordinary crimes, pure political / military /
religious / racial offences, ordinary crimes in a political context, refugee
and human-rights cases, and ordinary cases with political-looking words) and
prints:

* recall — of the requests that need review, the share flagged (target ≥ 0.95);
* false-flag rate — of the ordinary requests, the share flagged needlessly
  (target ≤ 0.10);

overall, for the tuned and the untuned batches, per batch (tuned ones marked
``*``), per language and per category (each category also per batch), then
the misses (``--misses``, ``--batch NAME``).

The batches (the ``split`` field) say how far the figures can be trusted.
Each was written before the rules saw it; its *first-run* figures are the
honest estimate, later runs are tuned:

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
* ``holdout4`` (76 EN/RU cases), written after all of that; first run:
  recall 0.923 (24/26), false flags 0.140 (7/50: 1 of 30 plain ordinary
  requests, 6 of 20 deliberately tricky ones).  Its misses were then studied,
  so it counts as tuned;
* ``holdout5`` (135 cases: 63 EN, 52 RU, 10 FR, 10 ES, every category,
  including ordinary crimes with political words — fraud at a ministry of
  elections, assault on a journalist, theft of military equipment, terrorist
  financing with deaths — and ordinary crimes by politicians), written and
  committed before any rule changed after ``holdout4`` was looked at; first
  run (commit d46a63d): recall 0.961 (73/76), false flags 0.085 (5/59: 0 of
  28 plain ordinary, 5 of 31 tricky).  The misses of every batch, holdout5's
  among them, were then studied, so holdout5 too counts as tuned and its
  later figures (recall 76/76, false flags 0/59) are not an honest estimate:
  the first-run 0.961 / 0.085 is.  Write a new batch before the next change.
* ``holdout6`` (213 cases: 83 EN, 90 RU, 15 FR, 15 ES, 10 AR; 139 need
  review, 74 do not), written blind: before its author had read the rules
  or any earlier case beyond the file's first three lines.  It covers
  telegraphic I-24/7 text, code citations of Russia, Belarus, Kazakhstan,
  Uzbekistan and others, and hard cases both ways.  First run (commit
  ae2df26, before any rule changed): recall 1.000 (139/139), false flags
  0.095 (7/74: 0 of 36 plain ordinary, 7 of 38 tricky = 0.184).  Its misses
  and the review cases caught only by the "not recognised" fallback were
  then studied, so holdout6 too counts as tuned: its later figures are not
  an honest estimate, the first run is.  Write a new batch before the next
  change.

What the study of holdout6 changed (general rule families, no sentences):
consensual conduct between adults (same-sex relations, adultery,
"debauchery"; not forcible sodomy nor art. 132 of the Russian code) as an
Article 2 concern; sorcery as a religious offence; reservist call-ups;
teaching a minority language; banned groups in Arabic; "shaking the faith"
(FR); the Uzbek Criminal Code; art. 318 of the Russian code and "violence
against an official" as an ordinary crime that never outweighs a protest;
knife wounds (RU); refugees in the plural name others; forged papers are
things, forged evidence is a warning; the belongings and staff of a status
holder ("the car of a former minister", "driver of a member of parliament")
and an office holder who "is not implicated" are not the person's status.
Left as they were: a request in an election period with an ordinary crime
and nothing else stays flagged (dev labels en-146/ru-146 need review, two
holdout6 tricky cases do not: the labels disagree, not the rule).

What the study of the misses changed (general rules, no sentences): the
predominance test for violence (a charged violent crime — homicide, sexual,
kidnapping, assault/arson, violent terrorism — outweighs political, religious
or ethnic words that the facts use about *others*, but never the person's
own status, a motive, timing, refugee status or an Article 2 concern); a
retaliation-timing rule (charges "after he announced his candidacy",
"после того как он раскритиковал губернатора"); forged things are not the
person's status ("a fake asylum application"); public execution, sleep
deprivation, temporary/international protection (RU), "desacato" (ES) and
Russian road-traffic offences.

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
# Batches in the order they were written.  A batch is "tuned" once its misses
# were studied to change the rules; its figures then only say "the rules
# cover what they were shown".  The untuned ones are the honest estimate.
BATCHES = ("dev", "holdout1", "holdout2", "holdout3", "holdout4", "holdout5", "holdout6")
TUNED = frozenset({"dev", "holdout1", "holdout2", "holdout3", "holdout4", "holdout5", "holdout6"})
CATEGORIES = (
    "political",
    "military",
    "religious",
    "racial",
    "context",
    "refugee",
    "human_rights",
    "ordinary",
    "tricky",
)


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


def rate(counts: list[int]) -> str:
    flagged, total = counts
    return f"{flagged}/{total} = {flagged / total:.3f}" if total else "—"


def short(counts: list[int]) -> str:
    flagged, total = counts
    return f"{flagged}/{total}" if total else "—"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="print every wrong case")
    parser.add_argument("--batch", action="append", help="list misses of this batch only")
    args = parser.parse_args()

    cases = load(CASES)
    started = time.perf_counter()
    results = [(case, assess(to_input(case))) for case in cases]
    elapsed = time.perf_counter() - started

    # key -> [flagged, total]; review cases and ordinary cases counted apart
    review: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    ordinary: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    levels: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    wrong = []
    for case, a in results:
        bucket = review if case["needs_review"] else ordinary
        batch = str(case.get("split", "dev"))
        tuned = "tuned" if batch in TUNED else "untuned"
        category = str(case["category"])
        keys = (
            "all",
            tuned,
            f"lang:{case['lang']}",
            f"batch:{batch}",
            f"category:{category}",
            f"category:{category}:{tuned}",
            f"category:{category}:{batch}",
        )
        for key in keys:
            bucket[key][0] += a.needs_review
            bucket[key][1] += 1
        levels[category][a.risk.value] += 1
        if a.needs_review != case["needs_review"]:
            wrong.append((case, a))

    langs = sorted({str(c["lang"]) for c in cases})
    print(f"Article 3 screening benchmark — {len(cases)} labelled requests ({CASES.name})")
    sizes = ", ".join(f"{lang}={sum(c['lang'] == lang for c in cases)}" for lang in langs)
    print(f"languages: {sizes}")
    print(f"assessed in {elapsed * 1000:.0f} ms ({elapsed / len(cases) * 1e6:.0f} µs per request)")
    print()
    untuned = [b for b in BATCHES if b not in TUNED] or ["none: write a new batch"]
    print(f"{'':<38}tuned batches         untuned ({', '.join(untuned)})")
    print(
        f"recall (needs review → flagged)       {rate(review['tuned']):<21} "
        f"{rate(review['untuned'])}   target ≥ 0.95"
    )
    print(
        f"false flags (ordinary → flagged)      {rate(ordinary['tuned']):<21} "
        f"{rate(ordinary['untuned'])}   target ≤ 0.10"
    )
    print(
        f"all {len(cases)} cases: recall {rate(review['all'])}, false flags {rate(ordinary['all'])}"
    )
    print()
    print("per batch (* = tuned on: its misses were studied to change the rules;")
    print("           first-run figures of each batch are in the docstring)")
    for batch in BATCHES:
        key = f"batch:{batch}"
        mark = "*" if batch in TUNED else " "
        print(
            f"  {batch:<9}{mark} recall {rate(review[key]):<20} false flags {rate(ordinary[key])}"
        )
    print()
    print("per language")
    for lang in langs:
        key = f"lang:{lang}"
        print(f"  {lang:<10} recall {rate(review[key]):<20} false flags {rate(ordinary[key])}")
    print()
    print("per category: flagged / cases (recall for review categories, false flags for")
    print("ordinary and tricky), tuned and untuned batches, then each batch")
    header = "".join(f"{b + ('*' if b in TUNED else ''):>10}" for b in BATCHES)
    print(f"  {'category':<13} {'measure':<11} {'tuned':<18} {'untuned':<18}{header}")
    for category in CATEGORIES:
        key = f"category:{category}"
        bucket = review if key in review else ordinary
        kind = "recall" if key in review else "false flags"
        cells = "".join(f"{short(bucket[f'{key}:{b}']):>10}" for b in BATCHES)
        print(
            f"  {category:<13} {kind:<11} {rate(bucket[f'{key}:tuned']):<18} "
            f"{rate(bucket[f'{key}:untuned']):<18}{cells}"
        )
    print()
    print("risk levels per category (all batches)")
    for category in CATEGORIES:
        spread = ", ".join(f"{lvl}={n}" for lvl, n in sorted(levels[category].items()))
        print(f"  {category:<13} {spread}")
    if wrong:
        print()
        print(f"wrong: {len(wrong)}" + ("" if args.misses else " (run with --misses to list)"))
        if args.misses:
            for case, a in wrong:
                if args.batch and case.get("split", "dev") not in args.batch:
                    continue
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
