"""Minimum data a notice or diffusion needs before it can go out, per type.

From INTERPOL's Rules on the Processing of Data (RPD): art. 83 for Red
Notices (identity, judicial data, the penalty thresholds), art. 88–93 for the
other colours; diffusions are held to the same rules (RPD art. 97–99). Each
check names the field and says why, so an officer can fix the draft.
"""

from __future__ import annotations

from collections.abc import Sequence

from ncbdesk.domain.errors import FieldError, Problems
from ncbdesk.domain.notices import Notice, NoticeKind, NoticeType
from ncbdesk.domain.persons import Person

# RPD art. 83(1)(a): an offence punishable by at least two years, or a
# sentence of at least six months imposed or remaining to be served.
MIN_PENALTY_MONTHS = 24
MIN_SENTENCE_MONTHS = 6

# Types whose subject is an identified person: they need one with a name.
_NEEDS_NAMED_SUBJECT = frozenset(
    {
        NoticeType.RED,
        NoticeType.BLUE,
        NoticeType.GREEN,
        NoticeType.YELLOW,
        NoticeType.UN,
        NoticeType.SILVER,
    }
)

# What the summary must describe for each type (RPD art. 88–93).
_SUMMARY_NEEDED: dict[NoticeType, str] = {
    NoticeType.BLUE: "why the person's identity, location or activities are sought",
    NoticeType.GREEN: "the criminal activities the warning is about",
    NoticeType.YELLOW: "the circumstances of the disappearance (date and place)",
    NoticeType.BLACK: "the body: where and when it was found, and its description",
    NoticeType.ORANGE: "the threat: the event, person, object or process, and its danger",
    NoticeType.PURPLE: "the modus operandi, objects, devices or concealment methods",
    NoticeType.UN: "the Security Council sanctions measure and the listing",
    NoticeType.SILVER: "the criminal assets sought and their link to the crime",
}


# What each type asks for beyond its title, in the order a form shows it:
# the Red Notice its judicial data (RPD art. 83(2)(b)); the others a summary
# of what they are about (art. 88–93), with the offence and facts where the
# person is sought for a crime (Blue, Green, Silver).  The Article 3 context
# is asked wherever a person is sought or watched; a body, a threat or a
# modus operandi has none.
_JUDICIAL = (
    "judicial.offence",
    "judicial.facts",
    "judicial.legal_provisions",
    "judicial.max_penalty_months",
    "judicial.sentence_imposed_months",
    "judicial.sentence_remaining_months",
    "judicial.warrant_reference",
    "judicial.warrant_date",
    "judicial.issuing_authority",
    "judicial.extradition_countries",
)
_CONTEXT = (
    "context.person_status",
    "context.refugee_status_against_requester",
    "context.election_period",
    "context.requester_restrictions",
)
_CRIME = ("judicial.offence", "judicial.facts")
TYPE_FIELDS: dict[NoticeType, tuple[str, ...]] = {
    NoticeType.RED: ("summary", *_JUDICIAL, *_CONTEXT),
    NoticeType.BLUE: ("summary", *_CRIME, *_CONTEXT),
    NoticeType.GREEN: ("summary", *_CRIME, *_CONTEXT),
    NoticeType.SILVER: ("summary", *_CRIME, *_CONTEXT),
    NoticeType.YELLOW: ("summary", *_CONTEXT),
    NoticeType.UN: ("summary", *_CONTEXT),
    NoticeType.BLACK: ("summary",),
    NoticeType.ORANGE: ("summary",),
    NoticeType.PURPLE: ("summary",),
}


def type_fields(type_: NoticeType) -> tuple[str, ...]:
    """The fields a notice of this type is made of, besides title and reference."""
    return TYPE_FIELDS[type_]


def needs_named_subject(type_: NoticeType) -> bool:
    return type_ in _NEEDS_NAMED_SUBJECT


def summary_needed(type_: NoticeType) -> str:
    """What the summary of this type must describe ("" when it is free)."""
    return _SUMMARY_NEEDED.get(type_, "")


def _subject_problems(p: Problems, notice: Notice, subjects: Sequence[Person]) -> None:
    if not subjects:
        p.add("subject_ids", f"a {notice.type.label} needs the person it is about")
        return
    for i, person in enumerate(subjects):
        name = person.primary_name
        if not (name.family or name.given) and len(name.full.split()) < 2:
            p.add(f"subjects[{i}].names", "family and given name are needed")
        if notice.type in (NoticeType.RED, NoticeType.YELLOW):
            if not person.birth_dates:
                p.add(f"subjects[{i}].birth_dates", "a date of birth (or year) is needed")
            if notice.type == NoticeType.RED and not person.nationalities:
                p.add(f"subjects[{i}].nationalities", "at least one nationality is needed")
            if notice.type == NoticeType.YELLOW and person.sex.value == "unknown":
                p.add(f"subjects[{i}].sex", "the sex of the missing person is needed")


def _red_problems(p: Problems, notice: Notice) -> None:
    j = notice.judicial
    if j is None:
        p.add("judicial", "a Red Notice needs its judicial data (RPD art. 83)")
        return
    if not j.offence.strip():
        p.add("judicial.offence", "the offence is needed")
    if not j.facts.strip():
        p.add("judicial.facts", "a summary of the facts is needed")
    if not j.legal_provisions.strip():
        p.add("judicial.legal_provisions", "the legal provisions of the offence are needed")
    penalty_ok = j.max_penalty_months is not None and j.max_penalty_months >= MIN_PENALTY_MONTHS
    sentence_ok = any(
        m is not None and m >= MIN_SENTENCE_MONTHS
        for m in (j.sentence_imposed_months, j.sentence_remaining_months)
    )
    if not (penalty_ok or sentence_ok):
        if j.max_penalty_months is None and not any(
            (j.sentence_imposed_months, j.sentence_remaining_months)
        ):
            p.add("judicial.max_penalty_months", "the maximum penalty (or the sentence) is needed")
        else:
            p.add(
                "judicial.max_penalty_months",
                f"below the threshold: at least {MIN_PENALTY_MONTHS} months' maximum penalty, "
                f"or at least {MIN_SENTENCE_MONTHS} months of sentence imposed or remaining",
            )
    if not j.warrant_reference.strip():
        p.add("judicial.warrant_reference", "the arrest warrant or judgment reference is needed")
    if not j.issuing_authority.strip():
        p.add("judicial.issuing_authority", "the authority that issued the warrant is needed")
    if not j.extradition_countries:
        p.add(
            "judicial.extradition_countries",
            "the countries from which extradition will be sought are needed",
        )


def minimum_data_problems(notice: Notice, subjects: Sequence[Person]) -> list[FieldError]:
    """Everything missing for `notice` to be submitted; empty when complete."""
    p = Problems()
    if notice.type in _NEEDS_NAMED_SUBJECT:
        _subject_problems(p, notice, subjects)
    if notice.type == NoticeType.RED:
        _red_problems(p, notice)
    needed = _SUMMARY_NEEDED.get(notice.type)
    if needed and len(notice.summary.strip()) < 20:
        p.add("summary", f"describe {needed}")
    if notice.kind == NoticeKind.DIFFUSION and not notice.recipient_countries:
        p.add("recipient_countries", "a diffusion goes to at least one country")
    return p.items
