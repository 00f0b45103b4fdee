"""Records due for review: this bureau's persons and notices whose review date has come
or comes within N days (DESIGN §1: five years, then the owner decides to keep or delete).

The list is for supervisors, who hold `retention:manage`. A person is kept with
`persons.extend_review` (a new date and the reason) or deleted with
`persons.delete_person` (the data goes, the audit trail keeps a tombstone); a
notice is renewed from its own page (`notices.renew_notice`, with reasons) or
left to expire.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from ncbdesk.domain.errors import FieldError, ValidationFailed
from ncbdesk.domain.notices import REVIEW_NOTICE_MONTHS, Notice, NoticeStatus, add_months
from ncbdesk.domain.persons import Person
from ncbdesk.domain.security import Permission
from ncbdesk.services.access import authorize, record
from ncbdesk.services.context import Actor
from ncbdesk.services.ports import NoticeFilter, Page
from ncbdesk.services.rights_ports import RightsUnitOfWork

MAX_WINDOW_DAYS = 366


@dataclass(frozen=True)
class ReviewDue:
    today: date
    until: date  # review dates on or before this day are listed
    persons: Page[Person]
    notices: Page[Notice]


def review_due(
    uow: RightsUnitOfWork,
    actor: Actor,
    within_days: int = 30,
    today: date | None = None,
    offset: int = 0,
    limit: int = 50,
    notices_offset: int | None = None,
) -> ReviewDue:
    """This bureau's records whose review date is on or before today + `within_days`.

    Persons by their `review_on`; published notices by their review date (six
    months before the end of validity), so a notice appears once it may be renewed
    or will be within the window. Both lists are pages of `limit`, persons from
    `offset`, notices from `notices_offset` (`offset` when not given).
    """
    authorize(uow, actor, Permission.RETENTION_MANAGE, "retention.review_due", "retention")
    if not 0 <= within_days <= MAX_WINDOW_DAYS:
        raise ValidationFailed(
            "The window is not valid.",
            [FieldError("days", f"between 0 and {MAX_WINDOW_DAYS} days")],
        )
    today = today or date.today()
    until = today + timedelta(days=within_days)
    with uow:
        ids = uow.retention.persons_due(actor.bureau, until, offset, limit)
        found = {p.id: p for p in uow.persons.get_many(list(ids.items))}
        persons = Page([found[i] for i in ids.items if i in found], ids.total, offset, limit)
        notices = uow.notices.list(
            NoticeFilter(
                status=NoticeStatus.PUBLISHED,
                owner_bureau=actor.bureau,
                # review due on valid_until - 6 months <= until
                valid_before=add_months(until, REVIEW_NOTICE_MONTHS) + timedelta(days=1),
            ),
            offset if notices_offset is None else notices_offset,
            limit,
        )
    record(uow, actor, "retention.review_due", "retention", until=until.isoformat(),
           persons=persons.total, notices=notices.total)  # fmt: skip
    return ReviewDue(today, until, persons, notices)
