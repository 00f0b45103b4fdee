"""Spelling-insensitive keys for a romanised name token.

``fine_key`` folds the differences between Russian romanisation schemes and
common Western spellings (ts/tc/tz, kh/x/h, iu/yu/ju, ia/ya/ja, й as y/i/j, ie
for ъ/ь+е, doubled letters, -iy/-ii/-y endings). ``coarse_key`` keeps only the
consonant skeleton, which is also how Arabic script is written (no short
vowels) — so it is the key that lets محمد meet Muhammad. Both are computed on
the output of :func:`translit.to_ascii` (lower-case a-z only).
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
from rapidfuzz.distance import Levenshtein

from .kernels import weighted_distance

# Ordered: longer sequences first. Upper-case letters are private symbols for
# one Cyrillic sound each (S щ, X ш, C ч, Z ж), so a later rule cannot split them.
#
# Each rule also names substrings one of which every match contains: a rule
# whose substrings are all absent cannot match, and is skipped (24 regular
# expressions per new token were most of the cost of preparing a record).
_RULES: tuple[tuple[re.Pattern[str], str, tuple[str, ...]], ...] = tuple(
    (re.compile(p), r, needles)
    for p, r, needles in (
        (r"schtsch|shtsch", "S", ("tsch",)),  # щ, German
        (r"dsch|dzh|dj", "J", ("ds", "dz", "dj")),  # дж: German, English, French
        (r"tsch|tch", "C", ("ch",)),  # ч: German, French
        (r"shch|chtch|shh|sch", "S", ("ch", "sh")),  # щ (German ш "sch" lands here too)
        (r"sc(?=[aeiou])", "S", ("sc",)),  # щ as "sc" (informal, e.g. Telegram-style)
        (r"ch|cz", "C", ("c",)),  # ч: English, Polish
        (r"sh", "X", ("sh",)),  # ш
        (r"zh", "Z", ("zh",)),  # ж
        (r"kh|gh(?=[^aeiouy]|$)", "h", ("h",)),  # х; Arabic "gh" before a consonant
        # A final h after a or e is silent in Arabic and Persian names (ta
        # marbuta ة or final ه, written -a, -ah or -eh: Hamza/Hamzah,
        # Khadija/Khadijah, Fatemeh; ICU drops ة from Arabic script). After the
        # kh rule, so that Russian х written kh or h stays one spelling.
        (r"(?<=[ae])h$", "", ("h",)),
        (r"^x|x(?=[^aeiouy]|$)", "h", ("x",)),  # х written x (scholarly, Azerbaijani)
        (r"x", "ks", ("x",)),  # Alexander / Aleksandr
        (r"^([ln])v$", r"\1u", ("v",)),  # Chinese passports write ü as v (Lv = Lü)
        (r"^abd[aeiou]([lr])(?=\1)|^abd[aeiou]l(?=[^l]|$)", "abd", ("abd",)),  # Abdul-/Abdel-
        (r"ts|tc|tz", "c", ("t",)),  # ц
        (r"ph", "f", ("ph",)),
        (r"th", "t", ("th",)),
        (r"dh", "d", ("dh",)),
        (r"ck", "k", ("ck",)),
        (r"q", "k", ("q",)),
        (r"w", "v", ("w",)),  # German w for в; Arabic w is a vowel sign, dropped in coarse
        (r"ou", "u", ("ou",)),  # French ou for у
        # A doubled j or g is a geminated Arabic ج (Najjar, Egyptian Naggar):
        # no Russian scheme doubles й or г.
        (r"jj|gg", "J", ("jj", "gg")),
        (r"[yj]", "i", ("y", "j")),  # й, and y/j in ю я е ё
        (r"i(?=[aeiou])", "", ("i",)),  # iu/ia/ie/io collapse onto the vowel
        (r"(.)\1+", r"\1", ("",)),  # doubled letters (Mohammed/Mohamed, -ii)
    )
)

_VOWELS = re.compile(r"[aeiou]")
_ARABIC_VOWELS = re.compile(r"[aeiouvi]")


@lru_cache(maxsize=500_000)
def fine_key(ascii_token: str) -> str:
    """Scheme-insensitive spelling of one lower-case ASCII token."""
    s = ascii_token
    for pattern, repl, needles in _RULES:
        for needle in needles:
            if needle in s:
                s = pattern.sub(repl, s)
                break
    return s


@lru_cache(maxsize=500_000)
def coarse_key(fine: str, vowelless: bool = False) -> str:
    """Consonant skeleton of a fine key.

    For tokens from Arabic script, w/v (و) and i (ي) are long vowels, so they
    go too; Latin tokens keep v (Ivanov) because it is a consonant there.
    """
    if vowelless:
        return _ARABIC_VOWELS.sub("", fine)
    return _VOWELS.sub("", fine)


_ABD_AL = re.compile(r"^(a?bd)al(?=..)")


def arabic_fine(fine: str) -> str:
    """Fine key of a token written in Arabic script, article removed.

    ال glued to the noun (الرشيد) and inside "Abd al-" compounds (عبدالرحمن):
    Latin spellings drop or detach it.
    """
    if fine.startswith("al") and len(fine) > 4:
        fine = fine[2:]
    return _ABD_AL.sub(r"\1", fine)


# Latin letters as Arabic script would write them: French and Maghreb "ch"
# (key C) is ش (Rachid = Rashid, Aicha = Aisha; Arabic has no ч), and "dj"
# (key J, Khadidja, Djamal) is ج, which Arabic script gives as j and the key
# folds into the vowel i, so it drops out of the skeleton like that j does.
_ARABIC_SKELETON = str.maketrans({"C": "X", "J": None})


def arabic_skeleton(fine: str) -> str:
    """The skeleton a Latin token would have if written in Arabic script."""
    return _ARABIC_VOWELS.sub("", fine).translate(_ARABIC_SKELETON)


# Pairs of key symbols that different romanisations or languages use for one
# sound; substituting one for the other is a spelling difference, not a typo.
# Sources: the scheme tables in iuliia (Russian), DIN 1460 / Duden (German
# z=ц, w=в, j=й, ch=х), French passports (j=ж, ou=у), ISO 9 (c=ц).
_CHEAP = {
    frozenset(p)
    for p in (
        "zc",
        "hC",
        "sX",
        "sS",
        "gi",
        "Cc",
        "zs",
        "cs",
        "CS",
        "XS",
        "CX",
        "iZ",
        "Zz",
        "JZ",
        "Ji",
        "Jg",
        "JC",
        "hg",
        "hk",
        "ei",
        "eo",
        "ea",
        "ou",
        "iu",
        "ai",
        "vf",
        "kg",
        "td",
    )
}
CHEAP_COST = 0.3
# The same pairs as two-letter strings, both ways round (a set lookup of a
# string, not a frozenset built per cell of the distance table).
_CHEAP_PAIRS = frozenset(x + y for p in _CHEAP for x in p for y in p if x != y)
# Every weighted edit costs at least CHEAP_COST and stands for at most one
# plain edit (a transposition costs 1 for two): the plain Levenshtein
# distance, computed in C by rapidfuzz, bounds the weighted one from below.
_MIN_EDIT_COST = CHEAP_COST


# The same costs as tables over byte values, for the compiled distance.
_CHEAP_TABLE = np.zeros((128, 128), dtype=np.bool_)
for _pair in _CHEAP_PAIRS:
    _CHEAP_TABLE[ord(_pair[0]), ord(_pair[1])] = True
_VOWEL_TABLE = np.zeros(128, dtype=np.bool_)
_VOWEL_TABLE[[ord(v) for v in "aeiou"]] = True


@lru_cache(maxsize=1_000_000)
def spelling_distance(a: str, b: str, limit: float = 2.0) -> tuple[float, bool]:
    """Weighted Levenshtein distance; ``True`` when only cheap edits were used.

    Deleting or inserting a vowel costs 0.5 (romanisations add or drop them);
    a substitution within a known sound pair costs ``CHEAP_COST``. Stops early
    and returns ``(limit + 1, False)`` once the distance must exceed ``limit``
    (most pairs compared are different names: this is the hot path).
    """
    if a == b:
        return 0.0, True
    if len(a) < len(b):
        a, b = b, a
    if (len(a) - len(b)) * 0.5 > limit:
        return limit + 1.0, False
    if not b:
        return float(len(a)), False
    cutoff = int(limit / _MIN_EDIT_COST)
    if Levenshtein.distance(a, b, score_cutoff=cutoff) > cutoff:
        return limit + 1.0, False  # what the full table would find, at C speed
    if a.isascii() and b.isascii():  # spelling keys always are
        d, cheap = weighted_distance(
            a.encode(), b.encode(), float(limit), _CHEAP_TABLE, _VOWEL_TABLE
        )
        return float(d), bool(cheap)
    return distance_table(a, b, limit)


def distance_table(a: str, b: str, limit: float) -> tuple[float, bool]:
    """:func:`spelling_distance`'s table in Python (``a`` the longer, ``b`` not empty).

    For text that is not ASCII, and the reference the compiled table
    (kernels.weighted_distance) is tested against; ~15 µs a pair against <1.
    """
    prev = [0.0]
    for cb in b:
        prev.append(prev[-1] + (0.5 if cb in "aeiou" else 1.0))
    prev_cheap = [True] * (len(b) + 1)
    prev2: list[float] = []
    last = ""
    for ca in a:
        del_a = 0.5 if ca in "aeiou" else 1.0
        cur = [prev[0] + del_a]
        cur_cheap = [prev_cheap[0] and del_a < 1.0]
        for j, cb in enumerate(b, 1):
            if ca == cb:
                best, cheap = prev[j - 1], prev_cheap[j - 1]
            elif ca + cb in _CHEAP_PAIRS:
                best, cheap = prev[j - 1] + CHEAP_COST, prev_cheap[j - 1]
            else:
                best, cheap = prev[j - 1] + 1.0, False
            d = prev[j] + del_a
            if d < best:
                best, cheap = d, prev_cheap[j] and del_a < 1.0
            ins_b = 0.5 if cb in "aeiou" else 1.0
            ins = cur[j - 1] + ins_b
            if ins < best:
                best, cheap = ins, cur_cheap[j - 1] and ins_b < 1.0
            if (
                prev2 and j > 1 and ca == b[j - 2] and last == cb and ca != cb
                and prev2[j - 2] + 1.0 < best
            ):  # fmt: skip
                best, cheap = prev2[j - 2] + 1.0, False  # transposed letters: one typo
            cur.append(best)
            cur_cheap.append(cheap)
        if min(cur) > limit:
            return limit + 1.0, False
        prev2, prev, prev_cheap, last = prev, cur, cur_cheap, ca
    return prev[-1], prev_cheap[-1]
