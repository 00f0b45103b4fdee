"""Article 3 and human-rights risk assessment of a notice or diffusion request.

INTERPOL's Constitution forbids any intervention of a political, military,
religious or racial character (art. 3) and requires respect for human
rights (art. 2).  This module reads a request's offence, legal provisions,
facts, the person's status and context flags, and says how likely the
request is to raise those concerns, with readable reasons citing the words
found.  It never refuses: anything above LOW goes to a legal reviewer.

The predominance test (RPD art. 34; Repository of Practice) decides:

* HIGH — a pure political, military, religious or racial offence is the
  charge (no ordinary-law crime charged beside it), or refugee status was
  granted against the requesting country (2015 refugee policy);
* MEDIUM — an ordinary-law crime comes with such an offence, a political,
  religious or racial context, or an Article 2 concern;
* LOW — an ordinary-law crime was recognised and nothing of the kind was
  found.  A charge the screen does not recognise at all is MEDIUM ("check by
  hand"): for a screen that never refuses, "not understood" must not read as
  "safe", and the list of ordinary crimes is closed where the ways of
  describing a political charge are not.

The rules are data (``neutrality_rules``, ``neutrality_context``,
``neutrality_ordinary``, ``neutrality_codes``); this module only applies them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from functools import cache

from ncbdesk.domain.neutrality_codes import CODE_NAMES, find_articles
from ncbdesk.domain.neutrality_context import ABOUT_SOMEONE, CONTEXT_RULES, HUMAN_RIGHTS_RULES
from ncbdesk.domain.neutrality_ordinary import (
    MASKS,
    NEGATED_AFTER,
    NEGATORS,
    ORDINARY_RULES,
    OWNER_WORDS,
    VICTIM_MARKERS,
    VIOLENT_CRIMES,
)
from ncbdesk.domain.neutrality_rules import ART3, OFFENCE_RULES, ROP, Kind, Rule
from ncbdesk.domain.neutrality_text import Folded, compile_patterns, fold

__all__ = [
    "Assessment",
    "NeutralityInput",
    "Reason",
    "RiskLevel",
    "assess",
    "assessment_to_json",
]


class RiskLevel(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


@dataclass(frozen=True)
class NeutralityInput:
    offence: str = ""
    legal_provisions: str = ""
    facts: str = ""
    person_status: str = ""
    refugee_status_against_requester: bool = False
    requester_restrictions: str = ""  # the requesting bureau's own caveats, free text
    election_period: bool = False


@dataclass(frozen=True)
class Reason:
    code: str  # e.g. "political.insult_official"
    category: str  # political, military, religious, racial, refugee, human_rights, ordinary …
    text: str  # a readable sentence, quoting the evidence
    source: str  # the legal basis of the rule
    evidence: str  # the words found, as written in the request


@dataclass(frozen=True)
class Assessment:
    risk: RiskLevel
    needs_review: bool
    reasons: tuple[Reason, ...]

    def reason_texts(self) -> list[str]:
        return [reason.text for reason in self.reasons]


ALL_RULES: tuple[Rule, ...] = OFFENCE_RULES + CONTEXT_RULES + HUMAN_RIGHTS_RULES + ORDINARY_RULES
_RULES_BY_CODE = {rule.code: rule for rule in ALL_RULES}

# Which rule kinds are read in which field.  Person status says who the
# person is, not what they did, so offences found there count only as facts.
_FIELDS: dict[str, tuple[str, frozenset[Kind]]] = {
    "offence": ("the offence", frozenset(Kind)),
    "legal_provisions": ("the legal provisions", frozenset(Kind)),
    "facts": ("the facts", frozenset(Kind)),
    "person_status": (
        "the person's status",
        frozenset({Kind.OFFENCE, Kind.CONTEXT, Kind.HUMAN_RIGHTS}),
    ),
    "requester_restrictions": (
        "the requester's restrictions",
        frozenset({Kind.CONTEXT, Kind.HUMAN_RIGHTS}),
    ),
}
_CHARGE_FIELDS = frozenset({"offence", "legal_provisions"})
_MAX_QUOTES = 3


@dataclass(frozen=True)
class _Hit:
    rule: Rule
    field: str
    evidence: str
    label: str = ""  # overrides the rule text (article citations)


@cache
def _mask_regex() -> re.Pattern[str]:
    regex = compile_patterns(MASKS)
    assert regex is not None
    return regex


def _masked(folded: Folded) -> Folded:
    """Blank out look-alike phrases, keeping offsets (``#`` is not a word char)."""
    text = _mask_regex().sub(lambda m: "#" * len(m.group()), folded.text)
    return Folded(folded.original, text, folded.origin)


@cache
def _negated_after_regex() -> re.Pattern[str]:
    return re.compile(" (?:" + "|".join(NEGATED_AFTER) + ")(?!\\w)")


def _negated(folded: Folded, start: int, end: int) -> bool:
    if any(word in NEGATORS for word in folded.words_before(start, 3)):
        return True
    return _negated_after_regex().match(folded.text, end) is not None


def _about_victim(folded: Folded, start: int) -> bool:
    return any(
        w.startswith(VICTIM_MARKERS) or w in OWNER_WORDS for w in folded.words_before(start, 4)
    )


def _rule_hits(rule: Rule, field: str, folded: Folded) -> Iterator[_Hit]:
    regex = compile_patterns(rule.patterns)
    if regex is None:
        return
    for match in regex.finditer(folded.text):
        if rule.kind is not Kind.ORDINARY and _negated(folded, match.start(), match.end()):
            continue
        if rule.kind is Kind.CONTEXT and _about_victim(folded, match.start()):
            continue
        yield _Hit(rule, field, folded.quote(match.start(), match.end()))


def _article_hits(field: str, text: str) -> Iterator[_Hit]:
    for hit in find_articles(text):
        rule = _RULES_BY_CODE[hit.article.rule]
        code_name = CODE_NAMES[hit.article.code]
        label = f"{code_name} art. {hit.article.article} ({hit.article.title})"
        yield _Hit(rule, field, hit.cited, label=label)


def _scan(case: NeutralityInput) -> list[_Hit]:
    hits: list[_Hit] = []
    for field, (_, kinds) in _FIELDS.items():
        text: str = getattr(case, field)
        if not text.strip():
            continue
        plain = fold(text)
        masked = _masked(plain)  # masks blind the Article 3 rules only
        for rule in ALL_RULES:
            if rule.kind in kinds:
                folded = plain if rule.kind is Kind.ORDINARY else masked
                hits.extend(_rule_hits(rule, field, folded))
        if field in _CHARGE_FIELDS:
            hits.extend(_article_hits(field, text))
    return hits


def _reasons(hits: Iterable[_Hit]) -> list[Reason]:
    """One reason per rule (or cited article), quoting up to three findings."""
    grouped: dict[tuple[str, str], list[_Hit]] = {}
    for hit in hits:
        grouped.setdefault((hit.rule.code, hit.label), []).append(hit)
    reasons = []
    for (_, label), group in grouped.items():
        rule = group[0].rule
        quotes: list[str] = []
        for hit in group:
            quote = f"“{hit.evidence}” in {_FIELDS[hit.field][0]}"
            if quote not in quotes:
                quotes.append(quote)
        head = f"{label}: {rule.text.lower()[0]}{rule.text[1:]}" if label else rule.text
        text = f"{head} — found {'; '.join(quotes[:_MAX_QUOTES])}."
        evidence = "; ".join(dict.fromkeys(h.evidence for h in group))
        reasons.append(Reason(rule.code, rule.category, text, rule.source, evidence))
    return reasons


def _flag_reasons(case: NeutralityInput) -> list[Reason]:
    reasons = []
    if case.refugee_status_against_requester:
        reasons.append(
            Reason(
                "refugee.status_against_requester",
                "refugee",
                "The person has refugee status granted against the requesting country: under"
                " the 2015 refugee policy such a request is generally not processed; the"
                " reviewer confirms the status and whether an exception applies.",
                "INTERPOL refugee policy (2015); RPD art. 34",
                "refugee_status_against_requester",
            )
        )
    if case.election_period:
        reasons.append(
            Reason(
                "context.election_period",
                "political",
                "The request is made during an election period, when requests against"
                " political actors need particular care.",
                f"{ART3}; {ROP}, 'the timing of the request'",
                "election_period",
            )
        )
    return reasons


_ORDER = {
    "offence": 0,
    "refugee": 1,
    "predominance": 2,
    "context": 3,
    "human_rights": 4,
    "unrecognised": 5,
    "ordinary": 6,
}


def assess(case: NeutralityInput) -> Assessment:
    """Assess one request; see the module docstring for the levels."""
    hits = _scan(case)
    flags = _flag_reasons(case)
    charge_given = any(getattr(case, f).strip() for f in _CHARGE_FIELDS)

    def charged(hit: _Hit) -> bool:
        # With no offence or provisions written, the facts are the charge.
        return hit.field in _CHARGE_FIELDS or (not charge_given and hit.field == "facts")

    pure = [h for h in hits if h.rule.kind is Kind.OFFENCE]
    pure_charged = [h for h in pure if charged(h)]
    ordinary = [h for h in hits if h.rule.kind is Kind.ORDINARY and charged(h)]
    described = any(getattr(case, f).strip() for f in (*_CHARGE_FIELDS, "facts"))
    recognised = any(h.rule.kind is Kind.ORDINARY for h in hits)
    context = [h for h in hits if h.rule.kind in (Kind.CONTEXT, Kind.HUMAN_RIGHTS)]

    extra: list[Reason] = []
    if case.refugee_status_against_requester or (pure and not ordinary):
        risk = RiskLevel.HIGH
    elif pure:
        risk = RiskLevel.MEDIUM
        where = "charged together with" if pure_charged else "described in the facts of"
        extra.append(
            _predominance(
                f"A political, military, religious or racial offence is {where}"
                " an ordinary-law crime"
            )
        )
    elif _violence_predominates(ordinary, context, flags):
        risk = RiskLevel.LOW
        extra.append(_violence_outweighs(context))
        hits = [h for h in hits if h not in context]
    elif context or flags:
        risk = RiskLevel.MEDIUM
        if ordinary:
            extra.append(_predominance("An ordinary-law crime is charged in a sensitive context"))
    elif described and not recognised:
        risk = RiskLevel.MEDIUM
        extra.append(_unrecognised())
    else:
        risk = RiskLevel.LOW

    reasons = _reasons(hits) + flags + extra
    if not reasons:
        reasons.append(_nothing_found(case))
    reasons.sort(key=_sort_key)
    return Assessment(risk, risk is not RiskLevel.LOW, tuple(reasons))


def _violence_predominates(ordinary: list[_Hit], context: list[_Hit], flags: list[Reason]) -> bool:
    """A charged violent crime outweighs words about *other* people in the facts.

    The predominance test keeps the request ordinary when a violent
    ordinary-law crime is charged and the only sensitive words are the
    facts' description of someone (a journalist beaten, a mosque's imam):
    the person's own status, a motive, timing, refugee status or a human
    rights concern always go to the reviewer.
    """
    return (
        not flags
        and bool(context)
        and any(h.rule.code in VIOLENT_CRIMES for h in ordinary)
        and all(h.field == "facts" and h.rule.code in ABOUT_SOMEONE for h in context)
    )


def _violence_outweighs(context: list[_Hit]) -> Reason:
    quotes = "; ".join(dict.fromkeys(f"“{h.evidence}”" for h in context))
    return Reason(
        "predominance.violent_crime",
        "predominance",
        f"The facts name others by their status ({quotes}) but the person's own status does"
        " not, and a violent ordinary-law crime is charged: under the predominance test the"
        " ordinary-law element predominates.",
        f"{ART3}; RPD art. 34; {ROP}, 'predominance test'; AGN/53/RES/7 (1984)",
        quotes,
    )


def _predominance(finding: str) -> Reason:
    return Reason(
        "predominance.review",
        "predominance",
        f"{finding}: a legal reviewer must apply the predominance test — the request may"
        " proceed only if the ordinary-law element predominates.",
        f"{ART3}; RPD art. 34; General Assembly resolution AGN/20/RES/11 (1951)",
        "",
    )


def _unrecognised() -> Reason:
    return Reason(
        "unrecognised.charge",
        "unrecognised",
        "The charge was not recognised as an ordinary-law crime, nor as an Article 3 offence:"
        " a reviewer must read it before the request can be treated as ordinary.",
        f"{ART3}; INTERPOL Constitution art. 2(b); RPD art. 34",
        "",
    )


def _nothing_found(case: NeutralityInput) -> Reason:
    if not any(getattr(case, field).strip() for field in _FIELDS):
        text = "The request gives no offence, provisions or facts; nothing could be screened."
    else:
        text = "No political, military, religious, racial or human-rights indicator was found."
    return Reason("none.no_indicator", "none", text, ART3, "")


def _sort_key(reason: Reason) -> int:
    if reason.category in ("political", "military", "religious", "racial"):
        rule = _RULES_BY_CODE.get(reason.code)
        return _ORDER["offence"] if rule and rule.kind is Kind.OFFENCE else _ORDER["context"]
    return _ORDER.get(reason.category, len(_ORDER))


def assessment_to_json(id: str | int, a: Assessment) -> dict[str, object]:
    """The CLI contract line: ``{"id", "risk", "needs_review", "reasons": [text…]}``."""
    return {
        "id": id,
        "risk": a.risk.value,
        "needs_review": a.needs_review,
        "reasons": a.reason_texts(),
    }
