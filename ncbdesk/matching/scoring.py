"""Score one query against one candidate, with reasons: the engine's core call."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from . import weights as W
from .dates import PartialDate, best_date_match, compare_dates, parse_date
from .identifiers import (
    clean_country,
    clean_document,
    clean_sex,
    compare_countries,
    compare_documents,
    compare_sex,
)
from .model import Match, NameInput, Subject
from .names import (
    Name,
    NameMemo,
    NameResult,
    Part,
    best_name_match,
    compare_patronymics,
    explain_names,
    father_parts,
    parse_names,
)

MAX_NAMES = 16  # aliases beyond this add cost, not recall
MAX_VALUES = 8


@dataclass(slots=True)
class Prepared:
    """A subject with every field cleaned and tokenised once (treat as read-only)."""

    id: str
    names: tuple[Name, ...]
    dates: tuple[PartialDate, ...]
    nationalities: frozenset[str]
    sex: str
    documents: frozenset[str]
    fathers: tuple[Part, ...]  # names.father_parts of ``names``
    # List records carrying this subject's whole name, itself included: set
    # by the index for its rows (blocking.name_key); 1 where nobody counted.
    namesakes: int = 1


NameFields = tuple[str, str, str, str, str]  # full, given, family, patronymic, middle


def _text(x: object) -> str:
    return x if isinstance(x, str) else ""  # hypothesis finds lists and None here


def _name_fields(n: object) -> NameFields | None:
    if not isinstance(n, NameInput):
        return None
    return (_text(n.full), _text(n.given), _text(n.family), _text(n.patronymic), _text(n.middle))


def prepare(subject: Subject) -> Prepared:
    """Clean a subject; malformed fields are dropped, never raised on."""
    names = [f for f in (_name_fields(n) for n in tuple(subject.names or ())[:MAX_NAMES]) if f]
    return prepare_fields(
        str(subject.id),
        names,
        [x for x in tuple(subject.birth_dates or ())[:MAX_VALUES] if isinstance(x, str)],
        [x for x in tuple(subject.nationalities or ())[:MAX_VALUES] if isinstance(x, str)],
        subject.sex,
        [x for x in tuple(subject.documents or ())[:MAX_VALUES] if isinstance(x, str)],
    )


def prepare_fields(
    sid: str,
    names: Sequence[Sequence[str]],  # (full, given, family, patronymic, middle) each
    dates: Sequence[str],
    nationalities: Sequence[str],
    sex: str | None,
    documents: Sequence[str],
) -> Prepared:
    """:func:`prepare` on plain values (the index's stored records skip Subject)."""
    parsed: list[Name] = []
    seen: set[Name] = set()
    for n in names[:MAX_NAMES]:
        for writing in parse_names((n[0], n[1], n[2], n[3], n[4])):
            if writing not in seen:
                seen.add(writing)
                parsed.append(writing)
    ds = tuple(d for d in (parse_date(x) for x in dates[:MAX_VALUES]) if d)
    nats = frozenset(c for c in (clean_country(x) for x in nationalities[:MAX_VALUES]) if c)
    docs = frozenset(c for c in (clean_document(x) for x in documents[:MAX_VALUES]) if c)
    names_ = tuple(parsed)
    return Prepared(sid, names_, ds, nats, clean_sex(sex), docs, father_parts(names_))


# A reason as text, or the two birth dates whose comparison it words (written
# only for the matches a caller sees: see explain).
Reason = str | tuple[PartialDate, PartialDate]


@dataclass(slots=True)
class Evaluation:
    """A score before it is explained (explaining costs more than scoring)."""

    total: float
    name: NameResult
    evidence: tuple[tuple[str, float, Reason], ...]  # (feature, value, reason)


def evaluate(q: Prepared, c: Prepared, memo: NameMemo | None = None) -> Evaluation:
    """Combine name, date, nationality, sex and document evidence into one score.

    ``memo``: name alignments shared by the candidates of one query (see
    :func:`~.names.best_name_match`).
    """
    name = best_name_match(q.names, c.names, memo)
    total = W.NAME_WEIGHT * name.score
    evidence: list[tuple[str, float, Reason]] = []
    patronymic = compare_patronymics(q.fathers, c.fathers)
    if patronymic:
        evidence.append(("patronymic", W.PATRONYMIC_DIFFERENT, patronymic))
        total += W.PATRONYMIC_DIFFERENT
    dates = best_date_match(q.dates, c.dates)
    if dates is not None:
        evidence.append(("birth_date", dates[0], dates[1:]))
        total += dates[0]
    for feature, (value, reason) in (
        ("nationality", compare_countries(q.nationalities, c.nationalities)),
        ("sex", compare_sex(q.sex, c.sex)),
        ("document", compare_documents(q.documents, c.documents, name.score)),
    ):
        if reason:
            evidence.append((feature, value, reason))
            total += value
    common = namesake_penalty(c.namesakes, name.score, evidence)
    if common:
        evidence.append(("namesakes", -common, _namesakes_text(c.namesakes)))
        total -= common
    return Evaluation(min(1.0, max(0.0, total)), name, tuple(evidence))


def namesake_penalty(
    namesakes: int, name_score: float, evidence: Sequence[tuple[str, float, Reason]]
) -> float:
    """What a name many list records carry loses when nothing strong supports it.

    The name is ``namesakes`` times weaker evidence than a name one record
    carries; an identical, swapped or one-day birth date, a month-exact
    partial date or a shared document outweighs that, a birth year or a
    one-digit date does not (the reasoning and the figures: weights.py,
    NAMESAKES_COMMON).
    """
    if namesakes < W.NAMESAKES_COMMON or name_score <= 0.0:
        return 0.0
    weak = max(W.DOB_SAME_YEAR, W.DOB_DIGIT_TYPO)
    for feature, value, _ in evidence:
        if (feature == "birth_date" and value > weak) or (
            feature == "document" and value >= W.DOCUMENT_SAME
        ):
            return 0.0
    return min(W.NAMESAKES_CAP, W.NAMESAKES_STEP * math.log(namesakes))


def _namesakes_text(k: int) -> str:
    return f"name shared by {k} persons on the list: weaker evidence"


def explain(candidate_id: str, ev: Evaluation, threshold: float) -> Match:
    """Turn an evaluation into a Match with readable reasons."""
    reasons = explain_names(ev.name) if ev.name.pairs else ["no name part in common"]
    features = {"name": round(ev.name.score, 4)}
    for feature, value, reason in ev.evidence:
        features[feature] = value
        reasons.append(reason if isinstance(reason, str) else compare_dates(*reason)[1])
    return Match(
        id=candidate_id,
        score=round(ev.total, 4),
        alert=ev.total >= threshold,
        reasons=tuple(reasons),
        features=features,
    )


def score_prepared(q: Prepared, c: Prepared, threshold: float) -> Match:
    """Score and explain one prepared pair."""
    return explain(c.id, evaluate(q, c), threshold)


def score(query: Subject, candidate: Subject, threshold: float = W.DEFAULT_THRESHOLD) -> Match:
    """Compare two subjects and explain the result.

    Never raises on odd input: unknown scripts, empty names and unparsable
    dates simply contribute nothing.
    """
    return score_prepared(prepare(query), prepare(candidate), threshold)
