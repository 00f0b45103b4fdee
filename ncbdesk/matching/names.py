"""Whole names: parse the fields into tokens, align them part by part, explain.

Order does not matter (surname first or last, one free-text field or split
fields); patronymics and middle names are optional; compound names may be
hyphenated, spaced or joined; initials match the names they abbreviate.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from functools import lru_cache

from . import weights as W
from .equivalents import group_name
from .keys import spelling_distance
from .schemes import scheme_note
from .tokens import (
    MAX_NAME_TOKENS,
    SERIAL_BITS,
    Form,
    concat,
    form,
    is_father_marker,
    is_particle,
    is_patronymic,
    split_field,
)
from .translit import script_of

ROLES = ("given", "family", "patronymic", "middle", "part")  # stored as their position
OPTIONAL_ROLES = frozenset({"patronymic", "middle"})
ROLE_LABEL = {
    "given": "given name",
    "family": "family name",
    "patronymic": "patronymic",
    "middle": "middle name",
    "part": "name part",
}


@dataclass(frozen=True, slots=True)
class Part:
    """One token of a name with the role its field gave it."""

    form: Form
    role: str
    weight: float  # its share of the name score
    optional: bool  # patronymic, middle name or initial: absent abroad without penalty


@lru_cache(maxsize=500_000)
def make_part(f: Form, role: str) -> Part:
    """A part with its weight fixed once (the scorer reads it in its hot loop).

    Cached: parts are immutable, and a stored record read back makes one per
    token (a frozen dataclass costs ~2 µs to create).
    """
    optional = role in OPTIONAL_ROLES or f.initial
    weight = W.WEIGHT_OPTIONAL if role in OPTIONAL_ROLES else 1.0
    if f.initial:
        weight = W.WEIGHT_INITIAL
    return Part(f, role, weight, optional)


Name = tuple[Part, ...]


def _han_split(token: str) -> list[str]:
    # A Chinese name written as one run of Han characters: the first character
    # is the family name (the common case; two-character surnames are rare).
    if 2 <= len(token) <= 4 and script_of(token) == "Han-Latin/Names":
        return [token[0], token[1:]]
    return [token]


@lru_cache(maxsize=400_000)
def parse_field(role: str, text: str) -> Name:
    """Tokens of one name field with their roles (cached: fields repeat across a list)."""
    raw = split_field(text) if isinstance(text, str) else []
    if len(raw) == 1:
        raw = _han_split(raw[0])
    kept: list[Part] = []
    after_father = False
    for tok in raw:
        f = form(tok)
        if not f.fine:
            continue
        if is_particle(f) and len(raw) > 1:
            after_father = is_father_marker(f)
            continue
        r = role
        if after_father or (role in ("part", "given") and is_patronymic(f) and kept):
            r = "patronymic"
        after_father = False
        kept.append(make_part(f, r))
    return tuple(kept[:MAX_NAME_TOKENS])


def _same_token(a: Form, b: Form) -> bool:
    return a.fine == b.fine or ((a.vowelless or b.vowelless) and a.skeleton == b.skeleton)


def _merge(whole: Name, split: Name) -> Name | None:
    """The free-text name, each token with the role its split field gives it.

    A record often carries both ("Ivanov Ivan Ivanovich" and family "Ivanov",
    given "Ivan"): one writing, not two names. ``None`` when the two do not
    share at least half of the free-text tokens (then they are two writings,
    e.g. the whole name in Cyrillic and the parts romanised differently).
    """
    left = list(split)
    out: list[Part] = []
    shared = 0
    for p in whole:
        j = next((k for k, s in enumerate(left) if _same_token(p.form, s.form)), -1)
        if j >= 0:
            out.append(make_part(p.form, left.pop(j).role))  # as written, role from its field
            shared += 1
        else:
            out.append(p)
    if 2 * shared < len(whole):
        return None
    out.extend(left)  # parts the free text lacks (a patronymic recorded apart)
    return tuple(out[:MAX_NAME_TOKENS])


@lru_cache(maxsize=200_000)
def parse_names(name: tuple[str, str, str, str, str]) -> tuple[Name, ...]:
    """One recorded name as one writing (or two when its full text and parts disagree).

    ``name`` is (full, given, family, patronymic, middle). Particles are
    dropped and roles assigned from the fields; a ``full`` text beside split
    fields is the same writing, so its tokens take the split fields' roles
    instead of counting as extra parts.
    """
    full, given, family, patronymic, middle = name
    split: list[Part] = []
    for role, text in (
        ("family", family),
        ("given", given),
        ("patronymic", patronymic),
        ("middle", middle),
    ):
        if text:
            split.extend(parse_field(role, text))
    whole = parse_field("part", full) if full else ()
    parts = tuple(split[:MAX_NAME_TOKENS])
    if not whole or not parts:
        return tuple(n for n in (whole or parts,) if n)
    merged = _merge(whole, parts)
    return (merged,) if merged is not None else (parts, whole)


# -- token similarity -------------------------------------------------------

# Keyed by the serial numbers of two forms packed into one int (cheaper to
# build and hash than a tuple of two ids, and never reused by a later form).
SIM_CACHE_SIZE = 1_000_000
_sim_cache: OrderedDict[int, tuple[float, str]] = OrderedDict()


def token_similarity(a: Form, b: Form) -> tuple[float, str]:
    """Similarity 0..1 of two tokens and the kind of match that explains it."""
    key = (a.serial << SERIAL_BITS) | b.serial
    hit = _sim_cache.get(key)
    return hit if hit is not None else _compared(key, a, b)


def _compared(key: int, a: Form, b: Form) -> tuple[float, str]:
    """Compare a pair not in the cache, and keep the result under ``key``."""
    result = _token_similarity(a, b)
    if len(_sim_cache) >= SIM_CACHE_SIZE:
        # Oldest first, one at a time: clearing two million entries at once
        # was a pause of a tenth of a second in some unlucky query. Not
        # ``del d[next(iter(d))]`` on a plain dict: its iteration walks over
        # the slots of every entry deleted so far (~10 µs a call at 1M).
        _sim_cache.popitem(last=False)
    _sim_cache[key] = result
    return result


# No test below reads a spelling distance above 1.5 (every one above it ends
# in "none"): the distance stops counting there, which lets most pairs of
# different names stop after a row or two of the table, or before it.
DISTANCE_LIMIT = 1.5


def _token_similarity(a: Form, b: Form) -> tuple[float, str]:
    if a.initial or b.initial:
        if a.firsts & b.firsts:
            return (
                W.SIM_INITIAL if not (a.initial and b.initial) else W.SIM_BOTH_INITIAL
            ), "initial"
        return 0.0, "none"
    if (a.han and b.latin) or (b.han and a.latin):
        return _pinyin_similarity(a, b)
    if a.fine == b.fine:
        return (1.0, "exact") if a.ascii == b.ascii else (W.SIM_SAME_KEY, "variant")
    for x, y in ((a.bare, b), (b.bare, a)):
        if x is not None:  # Alshami / al-Shami / الشامي
            sim, _ = token_similarity(x, y)
            if sim >= W.MIN_VARIANT_SIM:
                return min(sim, W.SIM_SAME_KEY), "variant"
    if a.group >= 0 and b.group >= 0:
        if a.group == b.group:
            return W.SIM_EQUIVALENT, "equivalent"
        return 0.0, "none"  # two known, different names (Hasan vs Husayn)
    if a.vowelless or b.vowelless:
        sa, sb = a.skeleton, b.skeleton
        if sa == sb and sa:
            return W.SIM_SKELETON, "variant"
        d, cheap = spelling_distance(sa, sb, DISTANCE_LIMIT)
        length = max(len(sa), len(sb))
        if cheap and d <= 0.6:
            return W.SIM_VARIANT_FLOOR, "variant"
        if length >= 3 and d <= 1.0:
            return W.SIM_SKELETON - W.TYPO_STEP * d, "typo"
        return 0.0, "none"
    # Gender forms share at least their first four letters (cheap test first).
    if a.fine[:4] == b.fine[:4] and other_gender(a.fine, b.fine):
        return W.SIM_OTHER_GENDER, "other gender"
    length = max(len(a.fine), len(b.fine))
    shorter = min(len(a.fine), len(b.fine))
    # One typo destroys at most three letter pairs (a transposition); the
    # spelling key has already folded most scheme differences.
    # Tokens that Arabic script would write alike (Rachid/Rasheed,
    # Aicha/Ayesha: French ch for ش and other vowels) may share no letter
    # pair; the edit distance still decides.
    need = (shorter - 1) // 2  # letter pairs in common, at least one
    if (
        (a.grams.isdisjoint(b.grams) if need <= 1 else len(a.grams & b.grams) < need)
        and a.coarse != b.coarse
        and (a.skeleton != b.skeleton or len(a.skeleton) < 1)
    ):
        return 0.0, "none"  # cheap reject before the edit distance (hot path)
    d, cheap = spelling_distance(a.fine, b.fine, DISTANCE_LIMIT)
    sim = 1.0 - d / max(length, 1)
    if _spelling_habit(a, b):
        if a.coarse == b.coarse and len(a.coarse) >= 2 and d <= 1.5:
            return max(sim, W.SIM_SKELETON), "variant"
        if cheap and d <= 1.0 and sim >= W.MIN_VARIANT_SIM:
            return max(sim, W.SIM_VARIANT_FLOOR), "variant"
    if d > 1.0 and (a.ascii != a.fine or b.ascii != b.fine):
        # A typo is made on the letters as typed: one swapped or wrong letter
        # inside a digraph (Panchenko/Pancehnko, Zhadepurov/Zsadepurov)
        # breaks the spelling key into two edits. Count it on the letters.
        da, _ = spelling_distance(a.ascii, b.ascii, DISTANCE_LIMIT)
        if da <= 1.0:
            d = da
            length = max(len(a.ascii), len(b.ascii))
            sim = 1.0 - d / length
    if length >= W.MIN_TYPO_LENGTH and d <= 1.0:
        # The first letter is the most reliably written one (the premise of
        # Soundex); a difference there is weaker evidence of a typo.
        same_first = a.fine[:1] == b.fine[:1] or a.ascii[:1] == b.ascii[:1]
        cap = W.SIM_TYPO_CAP if same_first else W.SIM_TYPO_FIRST_LETTER
        return min(sim, cap), "typo"
    return 0.0, "none"


# A skeleton of this many consonants or fewer (Wen, Xin, Sara: "vn", "hn",
# "sr") is shared by many unrelated names, so a vowel-only difference there
# proves little unless the letters as typed agree on the consonants too.
SHORT_SKELETON = 2


def _typed_consonants(f: Form) -> int:
    """Consonants of the token as typed: its skeleton and every j the key read as a vowel.

    The spelling key folds j into i because Russian schemes write й (and the
    glide of ю, я) as j, y or i; but j is never a vowel letter: it is й in
    those schemes, ж in French, дж in English and a consonant of its own in
    pinyin (Weijun is wei-jun). A j kept in the key (dj, jj: key "J") is
    already in the skeleton.
    """
    return len(f.coarse) + f.ascii.count("j") - f.fine.count("J")


def _spelling_habit(a: Form, b: Form) -> bool:
    """Whether a vowel-only difference of the keys may be a spelling variant at all.

    For a short skeleton the key has erased too much to say: Weijun and Wen
    both have the key skeleton "vn" (the j of wei-jun folded into a vowel and
    dropped), and Huijun and Xin are one cheap vowel apart on their keys
    ("hun"/"hin"). There, the consonants as typed must be as many on both
    sides. Longer skeletons keep the old rule: Russian schemes drop or add a
    j there (Fajsullajew/Fayzullayev), and the skeleton carries the name.
    """
    if min(len(a.coarse), len(b.coarse)) > SHORT_SKELETON:
        return True
    return _typed_consonants(a) == _typed_consonants(b)


def _pinyin_similarity(a: Form, b: Form) -> tuple[float, str]:
    """Han characters against Latin letters: the Latin is pinyin, compared as pinyin.

    The spelling key folds Russian romanisations (x/kh/h for х, j/y/i for й),
    but pinyin is one system in which x, h, j and y are different initials and
    every vowel tells syllables apart: Xiao is not 浩 (hao), Jun is not 尹 (yin),
    Xiao is not 夏 (xia). Only ü, written v or u (Lv, Lu for 吕), is one letter
    spelled two ways; otherwise a one-letter difference is a typo only in a
    long name, as in Latin.
    """
    pa, pb = a.ascii.replace("v", "u"), b.ascii.replace("v", "u")
    if pa == pb:
        return (1.0, "exact") if a.ascii == b.ascii else (W.SIM_SAME_KEY, "variant")
    length = max(len(pa), len(pb))
    if length < W.MIN_TYPO_LENGTH:
        return 0.0, "none"
    d, _ = spelling_distance(pa, pb, DISTANCE_LIMIT)
    if d > 1.0:
        return 0.0, "none"
    cap = W.SIM_TYPO_CAP if pa[:1] == pb[:1] else W.SIM_TYPO_FIRST_LETTER
    return min(1.0 - d / length, cap), "typo"


def other_gender(a: str, b: str) -> bool:
    """Masculine and feminine forms of one name (spelling keys), e.g. Ivanov/Ivanova.

    Slavic and Turkic family names and many given names (Aleksandr/Aleksandra,
    Amin/Amina) take a final -a for a woman; -ski/-ska is the spelling key of
    -sky/-skaya. Such a pair names two people of one family, not one person
    spelled two ways: the relatives of a listed person must not match them.
    """
    if len(a) > len(b):
        a, b = b, a
    if len(a) >= 4 and len(b) == len(a) + 1 and b[-1] == "a" and b.startswith(a):
        return a[-1] not in "aeiou"
    return (
        len(a) >= 5
        and len(a) == len(b)
        and a[:-1] == b[:-1]
        and a.endswith("ski")
        and b.endswith("ska")
    )


# -- name alignment ---------------------------------------------------------


@dataclass(slots=True)
class Pair:
    query: tuple[Part, ...]
    candidate: tuple[Part, ...]
    sim: float
    kind: str


@dataclass(slots=True)
class NameResult:
    score: float
    pairs: tuple[Pair, ...]
    unmatched_query: tuple[Part, ...]
    unmatched_candidate: tuple[Part, ...]


EMPTY_RESULT = NameResult(0.0, (), (), ())


def compare_names(q: Name, c: Name) -> NameResult:
    """Align two names token by token (best pairs first) and score the alignment."""
    if not q or not c:
        return EMPTY_RESULT
    cells: list[tuple[float, int, int, str]] = []
    cache = _sim_cache
    floor = W.MIN_TOKEN_SIM
    for i, qp in enumerate(q):
        qf = qp.form
        qkey = qf.serial << SERIAL_BITS
        for j, cp in enumerate(c):
            cf = cp.form
            key = qkey | cf.serial
            hit = cache.get(key)
            if hit is None:  # token_similarity without looking the key up twice
                hit = _compared(key, qf, cf)
            if hit[0] >= floor:
                cells.append((hit[0], i, j, hit[1]))
    used_q: set[int] = set()
    used_c: set[int] = set()
    pairs: list[Pair] = []
    if cells:
        # Stable, best first; ties keep query order (same result as before).
        cells.sort(key=_first, reverse=True)
        for sim, i, j, kind in cells:
            if i in used_q or j in used_c:
                continue
            used_q.add(i)
            used_c.add(j)
            pairs.append(Pair((q[i],), (c[j],), sim, kind))
    free_q, free_c = len(q) - len(used_q), len(c) - len(used_c)
    if free_q and free_c and (free_q > 1 or free_c > 1):
        # Two free tokens on one side and one on the other: maybe a compound.
        _join_compounds(q, c, used_q, used_c, pairs)
    if not pairs:
        return NameResult(0.0, (), q, c)
    un_q = tuple([p for i, p in enumerate(q) if i not in used_q]) if used_q else q
    un_c = tuple([p for j, p in enumerate(c) if j not in used_c]) if used_c else c
    return NameResult(_alignment_score(pairs, un_q, un_c), tuple(pairs), un_q, un_c)


def _first(t: tuple[float, int, int, str]) -> float:
    return t[0]


def _join_compounds(
    q: Name, c: Name, used_q: set[int], used_c: set[int], pairs: list[Pair]
) -> None:
    """Match two adjacent unmatched tokens on one side with one on the other."""
    for a, b, used_a, used_b, flip in ((q, c, used_q, used_c, False), (c, q, used_c, used_q, True)):
        for i in range(len(a) - 1):
            if i in used_a or i + 1 in used_a:
                continue
            first, second = a[i].form, a[i + 1].form
            size = len(first.fine) + len(second.fine)
            joined: Form | None = None
            for j, bp in enumerate(b):
                # Cheap screen before building the joined token: a compound
                # starts like its first part and is about as long as both.
                other = bp.form
                if (
                    j in used_b
                    or (
                        abs(size - len(other.fine)) > 3 and not (first.vowelless or other.vowelless)
                    )
                    or (
                        first.fine[:1] != other.fine[:1]
                        and first.skeleton[:1] != other.skeleton[:1]
                    )
                ):
                    continue
                joined = joined or concat(first, second)
                sim, _ = token_similarity(joined, other)
                if sim >= W.MIN_COMPOUND_SIM:
                    used_a.update((i, i + 1))
                    used_b.add(j)
                    two, one = (a[i], a[i + 1]), (bp,)
                    pairs.append(
                        Pair(one, two, sim, "compound") if flip else Pair(two, one, sim, "compound")
                    )
                    break


def _alignment_score(pairs: list[Pair], un_q: tuple[Part, ...], un_c: tuple[Part, ...]) -> float:
    if not pairs:
        return 0.0
    num = 0.0
    den = 0.0
    for p in pairs:
        if len(p.query) == 1 and len(p.candidate) == 1:
            w = max(p.query[0].weight, p.candidate[0].weight)
        else:
            w = max(x.weight for x in p.query + p.candidate)
        num += w * p.sim
        den += w
    if not un_q and not un_c:
        return num / den if den else 0.0  # every part paired: no penalty
    # An unmatched initial still contradicts ("P." is not Vladimir).
    conflict_q = any(u.role not in OPTIONAL_ROLES for u in un_q)
    conflict_c = any(u.role not in OPTIONAL_ROLES for u in un_c)
    # A main name part spent on the other side's patronymic or middle name
    # (query "Ibrahim Haddad", record "Muhammad Ibrahim Haddad") leaves
    # that side's own main part unmatched: the father or a brother, so the
    # record's unmatched given name is a conflict, not a missing part.
    for p in pairs:
        if len(p.query) == 1 and len(p.candidate) == 1:
            qr, cr = p.query[0].role, p.candidate[0].role
            if cr in OPTIONAL_ROLES and qr not in OPTIONAL_ROLES and not p.query[0].optional:
                conflict_q = True
            elif qr in OPTIONAL_ROLES and cr not in OPTIONAL_ROLES and not p.candidate[0].optional:
                conflict_c = True
    for unmatched, other_conflict in ((un_q, conflict_c), (un_c, conflict_q)):
        for u in unmatched:
            if u.optional:
                pen = W.PENALTY_OPTIONAL
            elif other_conflict:
                pen = W.PENALTY_CONFLICT
            else:
                pen = W.PENALTY_EXTRA
            den += u.weight * pen
    return num / den if den else 0.0


# Alignments already made during one query, keyed by the identities of the
# query's writing and of the candidate writing's parts (interned by
# make_part, so equal writings have equal keys). An alignment holds every
# part of the candidate writing (paired or unmatched), so no key's part can
# be freed and its identity reused while the memo lives.
NameMemo = dict[tuple[int, tuple[int, ...]], NameResult]


def best_name_match(
    qs: tuple[Name, ...], cs: tuple[Name, ...], memo: NameMemo | None = None
) -> NameResult:
    """Best alignment over every recorded name of the query and the candidate.

    ``memo`` (one per query, see ScreeningIndex.screen) keeps the alignments
    made so far: a common name comes back in many of a query's candidates
    (about one writing in five at 1,000,000 list persons). The query's
    writings must live as long as the memo.
    """
    best = EMPTY_RESULT
    for q in qs:
        for c in cs:
            if memo is None:
                r = compare_names(q, c)
            else:
                key = (id(q), tuple(map(id, c)))
                found = memo.get(key)
                r = memo[key] = compare_names(q, c) if found is None else found
            if r.score > best.score:
                best = r
                if r.score >= 1.0:
                    return best
    return best


def father_parts(names: tuple[Name, ...]) -> tuple[Part, ...]:
    """The parts of every writing that may name the father (see :func:`compare_patronymics`).

    Patronymics and middle names, initials left out; kept on a prepared
    subject, so a query's are collected once, not once per candidate.
    """
    return tuple([p for n in names for p in n if p.role in OPTIONAL_ROLES and not p.form.initial])


def compare_patronymics(qp: tuple[Part, ...], cp: tuple[Part, ...]) -> str:
    """A reason if both sides record a father's name and none of them agree.

    ``qp`` and ``cp`` are the two sides' :func:`father_parts`. The father's
    name is a Russian-style patronymic or a middle name: Arabic names carry
    the father's name in the middle ("Osman Nabil Al-Masri", the nasab of
    "Osman bin Nabil"), and Latin-only records put it in the middle field.
    Checked across every alias, because the best-matching alias may be one
    written without it (a passport romanisation).
    """
    if not qp or not cp:
        return ""
    for a in qp:
        for b in cp:
            if token_similarity(a.form, b.form)[0] >= W.MIN_TOKEN_SIM:
                return ""
    q0, c0 = qp[0], cp[0]
    what = "patronymic" if q0.role == c0.role == "patronymic" else "father's or middle name"
    return f"{what} differs ('{q0.form.orig}' vs '{c0.form.orig}')"


# -- explanation -----------------------------------------------------------

_KIND_TEXT = {
    "exact": "identical",
    "variant": "transliteration variant",
    "equivalent": "equivalent forms of one name",
    "initial": "initial",
    "typo": "one-letter difference",
    "compound": "compound name written differently",
    "other gender": "masculine and feminine forms: a relative?",
}


def _text(parts: tuple[Part, ...]) -> str:
    return parts[0].form.orig if len(parts) == 1 else " ".join([p.form.orig for p in parts])


def explain_names(result: NameResult) -> list[str]:
    """Readable reasons for a name alignment, one line per matched or extra part."""
    lines: list[str] = []
    for p in result.pairs:
        label = "name part"
        for x in (*p.candidate, *p.query):
            if x.role != "part":
                label = ROLE_LABEL[x.role]
                break
        qt, ct = _text(p.query), _text(p.candidate)
        if p.kind == "exact" and qt == ct:
            lines.append(f"{label} '{qt}' identical")
            continue
        if p.kind == "exact":
            lines.append(f"{label} '{qt}' = '{ct}' (same letters once romanised)")
            continue
        detail = _KIND_TEXT.get(p.kind, p.kind)
        if p.kind == "equivalent":
            gname = group_name(p.query[0].form.group)
            detail = f"equivalent forms of the name {gname}"
        elif p.kind in ("variant", "exact") and len(p.query) == 1 and len(p.candidate) == 1:
            note = scheme_note(p.query[0].form.orig, p.candidate[0].form.orig)
            if note:
                lines.append(f"{label}: {note}")
                continue
        lines.append(f"{label} '{qt}' ≈ '{ct}' ({detail})")
    for u in result.unmatched_query:
        lines.append(f"query {ROLE_LABEL[u.role]} '{u.form.orig}' not in this record")
    for u in result.unmatched_candidate:
        if u.role not in OPTIONAL_ROLES:
            lines.append(f"record's {ROLE_LABEL[u.role]} '{u.form.orig}' not in the query")
    return lines
