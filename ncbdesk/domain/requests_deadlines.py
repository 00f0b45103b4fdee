"""Deadlines for requests: hours by type and priority, as data.

DESIGN §1: time limits for relaying a request are of the order of 24 hours, 12
hours for urgent (SIRENE-style) requests. Deadlines are computed and stored in
UTC; a bureau sees them in its own zone (settings.timezone), DST included.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from ncbdesk.domain.errors import FieldError, ValidationFailed
from ncbdesk.domain.requests import Priority, Request, RequestType

DEFAULT_HOURS: dict[Priority, int] = {Priority.NORMAL: 24, Priority.URGENT: 12}
DEFAULT_DUE_SOON_HOURS = 4  # "due soon" lists look this far ahead


@dataclass(frozen=True)
class DeadlinePolicy:
    """Hours to answer, per (type, priority); types not listed use `default`."""

    default: dict[Priority, int] = field(default_factory=lambda: dict(DEFAULT_HOURS))
    by_type: dict[tuple[RequestType, Priority], int] = field(default_factory=dict)

    def hours(self, type: RequestType, priority: Priority) -> int:
        return self.by_type.get((type, priority), self.default[priority])

    def due(self, request: Request) -> datetime:
        """The deadline in UTC: receipt plus the hours, in elapsed time (DST-proof)."""
        received = request.received_at.astimezone(UTC)
        return received + timedelta(hours=self.hours(request.type, request.priority))

    @classmethod
    def parse(cls, text: str) -> DeadlinePolicy:
        """Read overrides written `type:priority=hours`, comma-separated.

        `*` stands for every type: `*:normal=48,extradition:urgent=6`.
        """
        default = dict(DEFAULT_HOURS)
        by_type: dict[tuple[RequestType, Priority], int] = {}
        errors = []
        for item in (i.strip() for i in text.split(",")):
            if not item:
                continue
            key, _, hours_text = item.partition("=")
            type_text, _, priority_text = key.strip().partition(":")
            try:
                priority = Priority(priority_text.strip())
                hours = int(hours_text)
                if not 1 <= hours <= 24 * 365:
                    raise ValueError
                if type_text.strip() == "*":
                    default[priority] = hours
                else:
                    by_type[(RequestType(type_text.strip()), priority)] = hours
            except ValueError:
                errors.append(
                    FieldError(
                        "request_deadline_hours",
                        f"'{item}' is not type:priority=hours (type one of "
                        f"{', '.join(t.value for t in RequestType)} or *; priority urgent "
                        "or normal; hours 1–8760)",
                    )
                )
        if errors:
            raise ValidationFailed("The deadline settings are not valid.", errors)
        return cls(default, by_type)


def local_time(moment: datetime, zone: str) -> datetime:
    """`moment` (UTC) as the bureau's wall clock shows it."""
    return moment.astimezone(ZoneInfo(zone))


def show(moment: datetime, zone: str) -> str:
    """A moment for people: local date, time and zone abbreviation."""
    return local_time(moment, zone).strftime("%Y-%m-%d %H:%M %Z")
