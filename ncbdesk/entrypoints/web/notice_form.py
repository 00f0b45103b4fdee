"""The notice form: a Notice to form values and back (web/forms.py has the machinery)."""

from __future__ import annotations

from collections.abc import Mapping

from ncbdesk.domain.errors import Problems
from ncbdesk.domain.notices import JudicialData, Notice, NoticeContext, NoticeKind, NoticeType
from ncbdesk.entrypoints.web.forms import (
    FormValues,
    IndexMap,
    choice_value,
    date_value,
    int_value,
    split_list,
    text_value,
    validate_all,
)

JUDICIAL_TEXT = (
    "offence",
    "facts",
    "legal_provisions",
    "warrant_reference",
    "issuing_authority",
)
JUDICIAL_MONTHS = ("max_penalty_months", "sentence_imposed_months", "sentence_remaining_months")
JUDICIAL_PARTS = (*JUDICIAL_TEXT, *JUDICIAL_MONTHS, "warrant_date", "extradition_countries")
CONTEXT_TEXT = ("person_status", "requester_restrictions")
CONTEXT_FLAGS = ("refugee_status_against_requester", "election_period")
NOTICE_FIELDS = (
    "type",
    "kind",
    "title",
    "summary",
    "reference",
    "subject_ids",
    "recipient_countries",
    "judicial",
    *(f"judicial.{part}" for part in JUDICIAL_PARTS),
    "context",
    *(f"context.{part}" for part in (*CONTEXT_TEXT, *CONTEXT_FLAGS)),
)


def notice_values(notice: Notice) -> FormValues:
    v: FormValues = {
        "type": notice.type.value,
        "kind": notice.kind.value,
        "title": notice.title,
        "summary": notice.summary,
        "reference": notice.reference,
        "subject_ids": " ".join(notice.subject_ids),
        "recipient_countries": " ".join(notice.recipient_countries),
        "version": str(notice.version),
    }
    for part in CONTEXT_TEXT:
        v[f"context.{part}"] = getattr(notice.context, part)
    for part in CONTEXT_FLAGS:
        v[f"context.{part}"] = "on" if getattr(notice.context, part) else ""
    j = notice.judicial
    if j is not None:
        for part in JUDICIAL_TEXT:
            v[f"judicial.{part}"] = getattr(j, part)
        for part in JUDICIAL_MONTHS:
            months = getattr(j, part)
            v[f"judicial.{part}"] = "" if months is None else str(months)
        v["judicial.warrant_date"] = j.warrant_date.isoformat() if j.warrant_date else ""
        v["judicial.extradition_countries"] = " ".join(j.extradition_countries)
    return v


def parse_notice(values: Mapping[str, str], owner_bureau: str) -> Notice:
    """Build a Notice from the form, or raise ValidationFailed with form field paths."""
    p = Problems()
    type_ = choice_value(values, "type", NoticeType, NoticeType.RED, p)
    if not text_value(values, "type"):
        p.add("type", "choose a notice type")
    judicial = None
    if type_ == NoticeType.RED or any(text_value(values, f"judicial.{x}") for x in JUDICIAL_PARTS):
        judicial = JudicialData(
            offence=values.get("judicial.offence", "").strip(),
            facts=values.get("judicial.facts", "").strip(),
            legal_provisions=values.get("judicial.legal_provisions", "").strip(),
            max_penalty_months=int_value(values, "judicial.max_penalty_months", p),
            sentence_imposed_months=int_value(values, "judicial.sentence_imposed_months", p),
            sentence_remaining_months=int_value(values, "judicial.sentence_remaining_months", p),
            warrant_reference=text_value(values, "judicial.warrant_reference"),
            issuing_authority=text_value(values, "judicial.issuing_authority"),
            warrant_date=date_value(values, "judicial.warrant_date", p),
            extradition_countries=split_list(values.get("judicial.extradition_countries", "")),
        )
    notice = Notice(
        type=type_,
        kind=choice_value(values, "kind", NoticeKind, NoticeKind.NOTICE, p),
        owner_bureau=owner_bureau,
        title=text_value(values, "title"),
        summary=values.get("summary", "").strip(),
        reference=text_value(values, "reference"),
        subject_ids=list(dict.fromkeys(split_list(values.get("subject_ids", "")))),
        recipient_countries=split_list(values.get("recipient_countries", "")),
        judicial=judicial,
        context=NoticeContext(
            person_status=values.get("context.person_status", "").strip(),
            refugee_status_against_requester=bool(
                text_value(values, "context.refugee_status_against_requester")
            ),
            requester_restrictions=values.get("context.requester_restrictions", "").strip(),
            election_period=bool(text_value(values, "context.election_period")),
        ),
    )
    validate_all(p, notice.validate, "The notice is not valid.", IndexMap())
    return notice
