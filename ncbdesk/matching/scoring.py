"""Score one query against one candidate, with reasons: the engine's core call."""

from __future__ import annotations

from dataclasses import dataclass

from . import weights as W
from .dates import PartialDate, best_date_match, parse_date
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
    NameResult,
    best_name_match,
    compare_patronymics,
    explain_names,
    parse_names,
)

MAX_NAMES = 16  # aliases beyond this add cost, not recall
MAX_VALUES = 8


@dataclass(frozen=True, slots=True)
class Prepared:
    """A subject with every field cleaned and tokenised once."""

    id: str
    names: tuple[Name, ...]
    dates: tuple[PartialDate, ...]
    nationalities: frozenset[str]
    sex: str
    documents: frozenset[str]


def prepare(subject: Subject) -> Prepared:
    """Clean a subject; malformed fields are dropped, never raised on."""
    names: list[Name] = []
    seen: set[Name] = set()
    for n in tuple(subject.names or ())[:MAX_NAMES]:
        if not isinstance(n, NameInput):
            continue
        try:
            writings = parse_names(n)
        except TypeError:  # a field that is not a string (unhashable): ignore the name
            continue
        for parsed in writings:
            if parsed not in seen:
                seen.add(parsed)
                names.append(parsed)
    dates = tuple(
        d
        for d in (
            parse_date(x)
            for x in tuple(subject.birth_dates or ())[:MAX_VALUES]
            if isinstance(x, str)
        )
        if d
    )
    nats = frozenset(
        c for c in (clean_country(x) for x in tuple(subject.nationalities or ())[:MAX_VALUES]) if c
    )
    docs = frozenset(
        c for c in (clean_document(x) for x in tuple(subject.documents or ())[:MAX_VALUES]) if c
    )
    return Prepared(str(subject.id), tuple(names), dates, nats, clean_sex(subject.sex), docs)


@dataclass(frozen=True, slots=True)
class Evaluation:
    """A score before it is explained (explaining costs more than scoring)."""

    total: float
    name: NameResult
    evidence: tuple[tuple[str, float, str], ...]  # (feature, value, reason)


def evaluate(q: Prepared, c: Prepared) -> Evaluation:
    """Combine name, date, nationality, sex and document evidence into one score."""
    name = best_name_match(q.names, c.names)
    total = W.NAME_WEIGHT * name.score
    evidence: list[tuple[str, float, str]] = []
    patronymic = compare_patronymics(q.names, c.names)
    if patronymic:
        evidence.append(("patronymic", W.PATRONYMIC_DIFFERENT, patronymic))
        total += W.PATRONYMIC_DIFFERENT
    for feature, (value, reason) in (
        ("birth_date", best_date_match(q.dates, c.dates)),
        ("nationality", compare_countries(q.nationalities, c.nationalities)),
        ("sex", compare_sex(q.sex, c.sex)),
        ("document", compare_documents(q.documents, c.documents, name.score)),
    ):
        if reason:
            evidence.append((feature, value, reason))
            total += value
    return Evaluation(min(1.0, max(0.0, total)), name, tuple(evidence))


def explain(candidate_id: str, ev: Evaluation, threshold: float) -> Match:
    """Turn an evaluation into a Match with readable reasons."""
    reasons = explain_names(ev.name) if ev.name.pairs else ["no name part in common"]
    features = {"name": round(ev.name.score, 4)}
    for feature, value, reason in ev.evidence:
        features[feature] = value
        reasons.append(reason)
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
