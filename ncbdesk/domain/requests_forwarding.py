"""Forwarding a request: passing it on to a third country's bureau or a national agency.

An incoming request from a foreign bureau is that bureau's information: its
handling codes bind us (DESIGN §1). H1 forbids passing it on without the
owner's permission, which the bureau records on the request once received. A
forwarded copy keeps the first owner and its restrictions, so forwarding the
copy again is judged the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from ncbdesk.domain.countries import clean_country
from ncbdesk.domain.errors import PermissionDenied, Problems
from ncbdesk.domain.persons import MAX_TEXT_LENGTH
from ncbdesk.domain.requests import (
    MAX_BODY_LENGTH,
    MAX_NAME_LENGTH,
    MAX_SUBJECT_LENGTH,
    Channel,
    Direction,
    ForwardPermission,
    Request,
    clean_line,
    clean_text,
)
from ncbdesk.domain.security import Handling, Use


@dataclass
class ForwardTarget:
    """Where the copy goes: a foreign bureau (by country) or a national agency."""

    country: str | None = None
    agency: str = ""
    note: str = ""  # the forwarding officer's covering words

    def problems(self, our_bureau: str) -> Problems:
        p = Problems()
        self.agency = clean_line(self.agency)
        self.note = clean_text(self.note)
        raw = (self.country or "").strip()
        self.country = None
        if raw:
            code = clean_country(raw)
            if code is None:
                p.add("to_country", f"'{raw[:40]}' is not a country code")
            elif code == our_bureau:
                p.add("to_country", "that is this bureau: name the national agency instead")
            else:
                self.country = code
        if not raw and not self.agency:
            p.add("to", "name the foreign bureau (country) or the national agency")
        elif raw and self.agency:
            p.add("to", "forward to one recipient: a foreign bureau or a national agency")
        if len(self.agency) > MAX_NAME_LENGTH:
            p.add("to_agency", f"at most {MAX_NAME_LENGTH} characters")
        if len(self.note) > MAX_TEXT_LENGTH:
            p.add("note", f"at most {MAX_TEXT_LENGTH} characters")
        return p

    @property
    def label(self) -> str:
        return f"bureau {self.country}" if self.country else self.agency


def forward_refusal(request: Request, bureau: str, target: ForwardTarget) -> str:
    """Why `bureau` may not pass `request` on to `target` ("" when it may).

    The owner is never bound by its own codes; sending it back to the owner is
    no passing on; a permission recorded on the request lifts H1.
    """
    owner = request.information_owner
    if request.forward_permission is not None or target.country == owner:
        return ""
    try:
        request.handling.check(Use.FORWARD, owner, bureau, "This request")
    except PermissionDenied as exc:
        return (
            f"{exc.message} Ask bureau {owner} for permission and record it on the request "
            "before forwarding."
        )
    return ""


def permission_problems(
    request: Request, bureau: str, received_on: date, reference: str, today: date
) -> Problems:
    """A permission to forward names its date and the owner's reference, and is needed:
    the information is another bureau's and its codes restrict forwarding."""
    p = Problems()
    reference = clean_line(reference)
    if not reference:
        p.add("reference", "required: the owner's message that gave permission")
    elif len(reference) > MAX_NAME_LENGTH:
        p.add("reference", f"at most {MAX_NAME_LENGTH} characters")
    if received_on > today:
        p.add("received_on", "is in the future")
    elif received_on < request.received_at.date():
        p.add("received_on", "is before the request was received")
    if request.information_owner == bureau:
        p.add("handling", "the information is this bureau's own: no permission is needed")
    elif not request.handling.forbids(Use.FORWARD):
        p.add("handling", "no handling code of this request restricts forwarding")
    return p


def _quote(original: Request, zone_time: str) -> str:
    head = (
        f"--- Forwarded request {original.reference or original.id} "
        f"({original.direction.value}, {original.counterpart}, received {zone_time}) ---"
    )
    lines = [head, f"Subject: {original.subject}"]
    lines += [f"> {line}" if line else ">" for line in original.body.splitlines()]
    return "\n".join(lines)


@dataclass
class ForwardedCopy:
    """The copy to register, and the note for the original's thread."""

    request: Request
    thread_note: str


def forwarded_copy(
    original: Request, target: ForwardTarget, by: str, now: datetime, received_shown: str
) -> ForwardedCopy:
    """The outgoing request that passes `original` on: same subjects, its text quoted,
    the first owner's handling codes kept."""
    quote = _quote(original, received_shown)
    body = f"{target.note}\n\n{quote}" if target.note else quote
    copy = Request(
        direction=Direction.OUTGOING,
        channel=Channel.I247 if target.country else Channel.AGENCY_LETTER,
        type=original.type,
        subject=f"FWD: {original.subject}"[:MAX_SUBJECT_LENGTH],
        body=body[:MAX_BODY_LENGTH],
        counterpart_country=target.country,
        counterpart_agency=target.agency,
        priority=original.priority,
        received_at=now,
        person_ids=list(original.person_ids),
        notice_ids=list(original.notice_ids),
        reference=original.reference,
        handling=Handling(list(original.handling.codes), original.handling.restrictions),
        data_owner=original.information_owner,
        forwarded_from=original.id,
    )
    note = f"Forwarded to {target.label} by {by} as request {copy.id}."
    if target.note:
        note += f"\n{target.note}"
    return ForwardedCopy(copy, note)


def new_permission(
    received_on: date, reference: str, by: str, now: datetime, note: str = ""
) -> ForwardPermission:
    return ForwardPermission(
        received_on=received_on,
        reference=clean_line(reference),
        recorded_by=by,
        recorded_at=now,
        note=clean_text(note)[:MAX_TEXT_LENGTH],
    )
