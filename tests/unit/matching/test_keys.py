"""Spelling keys and the weighted spelling distance (the scorer's hot path)."""

from __future__ import annotations

import random

from ncbdesk.matching import keys
from ncbdesk.matching.kernels import weighted_distance
from ncbdesk.matching.keys import distance_table, spelling_distance

LETTERS = "aeiouybvgdzklmnprstfhcXCSZJ"


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(LETTERS) for _ in range(rng.randint(0, 12)))


def test_limited_distance_is_exact_up_to_the_limit_and_above_it_beyond() -> None:
    # The early stops (the C Levenshtein lower bound, the row minimum) must
    # never change a distance at or under the limit, nor report one under it.
    rng = random.Random(5)
    for _ in range(4000):
        a = _word(rng)
        b = _word(rng) if rng.random() < 0.5 else a[:3] + _word(rng)[:2] + a[4:]
        full = spelling_distance(a, b, 50.0)
        limited = spelling_distance(a, b, 1.5)
        if full[0] <= 1.5:
            assert limited == full, (a, b)
        else:
            assert limited[0] > 1.5, (a, b)


def test_spelling_habits_are_cheap_and_typos_are_not() -> None:
    assert spelling_distance("raCid", "raXid") == (0.3, True)  # ч/ш, ch/sh
    assert spelling_distance("ivanov", "ivanof")[1] is True  # v/f
    d, cheap = spelling_distance("petrov", "petrob")
    assert d == 1.0 and not cheap


def test_the_compiled_distance_table_gives_what_the_python_one_gives() -> None:
    # Spelling keys are ASCII and go to the compiled table; the Python one
    # remains for other text and as the reference.
    rng = random.Random(9)
    for _ in range(4000):
        a, b = _word(rng), _word(rng)
        if rng.random() < 0.5 and a:  # near pairs: one edit or a swap
            i = rng.randrange(len(a))
            b = a[:i] + rng.choice(LETTERS) + a[i + 1 :] if rng.random() < 0.5 else a[::-1]
        if len(a) < len(b):
            a, b = b, a
        if not b:
            continue
        for limit in (1.5, 50.0):
            compiled = weighted_distance(
                a.encode(), b.encode(), limit, keys._CHEAP_TABLE, keys._VOWEL_TABLE
            )
            assert (float(compiled[0]), bool(compiled[1])) == distance_table(a, b, limit), (a, b)
