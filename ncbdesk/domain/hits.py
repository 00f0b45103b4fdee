"""Possible hits: a screening match that an officer must confirm or discard."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from ncbdesk.domain.persons import new_id, utcnow


class HitStatus(StrEnum):
    PENDING = "pending"
    CONFIRMED = "confirmed"
    DISCARDED = "discarded"


@dataclass
class PossibleHit:
    """`person_id` may be the person `subject_id` names in a notice `notice_id`."""

    notice_id: str
    subject_id: str
    person_id: str
    score: float
    reasons: list[str]
    source: str = "publish"  # what found it: publication of the notice, a request …
    status: HitStatus = HitStatus.PENDING
    id: str = field(default_factory=new_id)
    created_at: datetime = field(default_factory=utcnow)
