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

# Ordered: longer sequences first. Upper-case letters are private symbols for
# one Cyrillic sound each (S щ, X ш, C ч, Z ж), so a later rule cannot split them.
_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p), r)
    for p, r in (
        (r"schtsch|shtsch", "S"),  # щ, German
        (r"dsch|dzh|dj", "J"),  # дж: German, English, French
        (r"tsch|tch", "C"),  # ч: German, French
        (r"shch|chtch|shh|sch", "S"),  # щ (German ш "sch" lands here too)
        (r"sc(?=[aeiou])", "S"),  # щ as "sc" (informal, e.g. Telegram-style)
        (r"ch|cz", "C"),  # ч: English, Polish
        (r"sh", "X"),  # ш
        (r"zh", "Z"),  # ж
        (r"kh|gh(?=[^aeiouy]|$)", "h"),  # х; Arabic "gh" before a consonant
        (r"^x|x(?=[^aeiouy]|$)", "h"),  # х written x (scholarly, Azerbaijani)
        (r"x", "ks"),  # Alexander / Aleksandr
        (r"^([ln])v$", r"\1u"),  # Chinese passports write ü as v (Lv = Lü)
        (r"^abd[aeiou]([lr])(?=\1)|^abd[aeiou]l(?=[^l]|$)", "abd"),  # Abdul-/Abdel-/Abdur-
        (r"ts|tc|tz", "c"),  # ц
        (r"ph", "f"),
        (r"th", "t"),
        (r"dh", "d"),
        (r"ck", "k"),
        (r"q", "k"),
        (r"w", "v"),  # German w for в; Arabic w is a vowel sign, dropped in coarse
        (r"ou", "u"),  # French ou for у
        (r"[yj]", "i"),  # й, and y/j in ю я е ё
        (r"i(?=[aeiou])", ""),  # iu/ia/ie/io collapse onto the vowel
        (r"(.)\1+", r"\1"),  # doubled letters (Mohammed/Mohamed, -ii)
    )
)

_VOWELS = re.compile(r"[aeiou]")
_ARABIC_VOWELS = re.compile(r"[aeiouvi]")


@lru_cache(maxsize=500_000)
def fine_key(ascii_token: str) -> str:
    """Scheme-insensitive spelling of one lower-case ASCII token."""
    s = ascii_token
    for pattern, repl in _RULES:
        s = pattern.sub(repl, s)
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


def arabic_skeleton(fine: str) -> str:
    """The skeleton a Latin token would have if written in Arabic script."""
    return _ARABIC_VOWELS.sub("", fine)


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
            elif frozenset((ca, cb)) in _CHEAP:
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
